"""Defensive reading of outside input: size-capped JSON and zip members (checklist S10).

Everything here turns the many exceptions of `json` and `zipfile` into one
BadPack with a message a user can act on; nothing is ever extracted to disk,
unpickled or evaluated.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from typing import Any, TypeVar

from expertise.packs.errors import BadPack

T = TypeVar("T")
MAX_MEMBERS = 50_000
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,  # an unsupported compression method
    RuntimeError,  # an encrypted member
    EOFError,
    OSError,
    ValueError,  # includes UnicodeDecodeError in member names
    KeyError,
    IndexError,
    OverflowError,
    struct.error,
    zlib.error,
)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise BadPack("pack data holds a duplicated key")
    return dict(pairs)


def _no_constant(name: str) -> Any:
    raise BadPack(f"pack data holds a non-JSON number ({name[:10]})")


def load_json(data: bytes, what: str, cap: int) -> Any:
    """Parse JSON of at most `cap` bytes; BadPack for anything malformed."""
    if len(data) > cap:
        raise BadPack(f"{what} is larger than allowed")
    try:
        text = data.decode("utf-8")
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise BadPack(f"{what} is not valid JSON") from None


def safe_member_name(name: str) -> None:
    """Refuse names that could escape a folder if anyone ever extracted them."""
    parts = name.replace("\\", "/").split("/")
    unsafe = (
        not name
        or "\\" in name
        or name.startswith("/")
        or ":" in name
        or "\x00" in name
        or any(part in ("", ".", "..") for part in parts)
    )
    if unsafe:
        raise BadPack(f"pack holds an unsafe path ({name[:60]!r}); refused")


def open_zip(data: bytes, what: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _ZIP_ERRORS:
        raise BadPack(f"{what} is not a readable zip archive") from None
    if len(infos) > MAX_MEMBERS:
        raise BadPack(f"{what} holds too many files")
    names = [info.filename for info in infos]
    for name in names:
        safe_member_name(name)
    if len(names) != len(set(names)):
        raise BadPack(f"{what} holds the same file twice")
    for info in infos:
        if info.flag_bits & 0x1:
            raise BadPack(f"{what} holds an encrypted zip member")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BadPack(f"{what} uses an unsupported compression")
    return archive


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """The member's bytes; refused before reading if it claims more than `cap`.

    The read is bounded too: a member whose header understates its size (a
    zip bomb) cannot make us inflate more than `cap` bytes.
    """
    if info.file_size > cap:
        raise BadPack(f"{info.filename[:60]!r} is larger than allowed")
    try:
        with archive.open(info) as handle:
            data = handle.read(cap + 1)
    except _ZIP_ERRORS:
        raise BadPack(f"{info.filename[:60]!r} in the pack is damaged") from None
    if len(data) != info.file_size:
        raise BadPack(f"{info.filename[:60]!r} in the pack is damaged")
    return data


def expect(value: object, kind: type[T], what: str) -> T:
    """`value` if it has JSON type `kind` (a bool is not an int here)."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise BadPack(f"pack data: {what} has the wrong type")
    return value


def expect_keys(value: object, required: set[str], optional: set[str], what: str) -> dict[str, Any]:
    data = expect(value, dict, what)
    keys = set(data)
    if not required <= keys or not keys <= required | optional:
        raise BadPack(f"pack data: {what} has missing or unknown fields")
    return data


def bounded_text(value: object, what: str, cap: int) -> str:
    text = expect(value, str, what)
    if len(text) > cap:
        raise BadPack(f"pack data: {what} is too long")
    return text


def all_valid(items: list[Any], check: Callable[[Any], T]) -> list[T]:
    return [check(item) for item in items]
