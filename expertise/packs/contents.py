"""The encrypted part of a pack: entries.json and the attachments, as an inner zip.

Layout of the (decrypted) inner zip:
    entries.json                 {"format": 1, "entries": [PackEntry, ...]}
    attachments/<attachment id>  the raw bytes of each attachment

After decryption every piece is checked against the signed manifest: the same
entries at the same revisions, nothing above the ceiling, no expert unless the
manifest says people are included, each attachment listed exactly once.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from expertise.fields import FieldSpec
from expertise.fields.rows import MAX_ROWS
from expertise.fieldspec import field_by_name, fields_of
from expertise.models import CLASSIFICATIONS, KINDS, classification_rank
from expertise.packs.errors import BadPack
from expertise.packs.manifest import Manifest, canonical_id, revision_number
from expertise.packs.safety import (
    bounded_text,
    expect,
    expect_keys,
    load_json,
    open_zip,
    read_member,
)

ENTRIES_NAME = "entries.json"
ATTACHMENT_DIR = "attachments/"
MAX_ENTRIES_JSON = 256 * 1024 * 1024
MAX_ATTACHMENT = 200 * 1024 * 1024
MAX_TOTAL = 1024 * 1024 * 1024
MAX_TEXT = 2 * 1024 * 1024
BASE_NAMES = {"title", "summary", "tags", "themes", "classification", "language", "status", "body"}
_ATTACHMENT_RE = re.compile(r"^attachments/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")


@dataclass(frozen=True)
class PackAttachment:
    id: str
    file_name: str
    media_type: str
    size: int


@dataclass(frozen=True)
class PackEntry:
    id: str
    kind: str
    revision: int
    values: dict[str, object]
    attachments: tuple[PackAttachment, ...] = ()

    @property
    def title(self) -> str:
        return str(self.values.get("title") or "")

    @property
    def classification(self) -> str:
        return str(self.values.get("classification") or "internal")


@dataclass
class PackContents:
    entries: list[PackEntry]
    blobs: dict[str, bytes] = field(default_factory=dict)


def build_inner(contents: PackContents) -> bytes:
    buffer = io.BytesIO()
    doc = {"format": 1, "entries": [_entry_json(e) for e in contents.entries]}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(ENTRIES_NAME, json.dumps(doc, ensure_ascii=False, sort_keys=True))
        for blob_id, data in sorted(contents.blobs.items()):
            # Attachments are mostly compressed already (PDF, images): store them.
            archive.writestr(ATTACHMENT_DIR + blob_id, data, zipfile.ZIP_STORED)
    return buffer.getvalue()


def _entry_json(entry: PackEntry) -> dict[str, object]:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "revision": entry.revision,
        "values": entry.values,
        "attachments": [vars(a) for a in entry.attachments],
    }


def parse_inner(data: bytes, manifest: Manifest) -> PackContents:
    contents = read_inner(data)
    check_against_manifest(contents, manifest)
    return contents


def read_inner(data: bytes) -> PackContents:
    """The entries and attachments, each checked on its own (team items use this too)."""
    archive = open_zip(data, "the pack contents")
    infos = {info.filename: info for info in archive.infolist()}
    if ENTRIES_NAME not in infos:
        raise BadPack("the pack contents have no entries.json")
    unknown = [name for name in infos if name != ENTRIES_NAME and not _ATTACHMENT_RE.match(name)]
    if unknown:
        raise BadPack(f"the pack contents hold an unexpected file ({unknown[0][:60]!r})")
    if sum(info.file_size for info in infos.values()) > MAX_TOTAL:
        raise BadPack("the pack contents are larger than allowed")
    doc = load_json(
        read_member(archive, infos.pop(ENTRIES_NAME), MAX_ENTRIES_JSON),
        "entries.json",
        MAX_ENTRIES_JSON,
    )
    body = expect_keys(doc, {"format", "entries"}, set(), "entries.json")
    if expect(body["format"], int, "entries format") != 1:
        raise BadPack("pack data: unknown entries format")
    entries = [_parse_entry(item) for item in expect(body["entries"], list, "entries")]
    blobs = {
        name[len(ATTACHMENT_DIR) :]: read_member(archive, info, MAX_ATTACHMENT)
        for name, info in infos.items()
    }
    return PackContents(entries, blobs)


def _parse_entry(item: Any) -> PackEntry:
    data = expect_keys(item, {"id", "kind", "revision", "values", "attachments"}, set(), "entry")
    kind = bounded_text(data["kind"], "kind", 20)
    if kind not in KINDS:
        raise BadPack("pack data: unknown entry kind")
    return PackEntry(
        id=canonical_id(data["id"], "entry id"),
        kind=kind,
        revision=revision_number(data["revision"], "revision"),
        values=_values(kind, data["values"]),
        attachments=tuple(_attachment(a) for a in expect(data["attachments"], list, "attachments")),
    )


def _values(kind: str, value: object) -> dict[str, object]:
    values = expect(value, dict, "entry values")
    allowed = BASE_NAMES | {f.name for f in fields_of(kind)}
    unknown = [name for name in values if name not in allowed]
    if unknown:
        raise BadPack(f"pack data: {unknown[0][:40]!r} is not a field of a {kind} entry")
    if not isinstance(values.get("title"), str) or not values["title"].strip():
        raise BadPack("pack data: an entry has no title")
    if values.get("classification", "internal") not in CLASSIFICATIONS:
        raise BadPack("pack data: unknown classification")
    for name, item in values.items():
        spec = field_by_name(kind, name)
        if spec is not None and spec.type == "rows":
            _check_rows(spec, item)
        else:
            _check_value(name, item)
    return dict(values)


def _check_rows(spec: FieldSpec, value: object) -> None:
    """Rows of a structured list: objects of known columns holding text or lists of text."""
    if value is None:
        return
    rows = expect(value, list, spec.name)
    if len(rows) > MAX_ROWS:
        raise BadPack(f"pack data: {spec.name} has too many rows")
    for row in rows:
        cells = expect(row, dict, spec.name)
        unknown = [name for name in cells if spec.column(name) is None]
        if unknown:
            raise BadPack(f"pack data: {spec.name} has an unknown column {unknown[0][:40]!r}")
        for name, cell in cells.items():
            _check_value(f"{spec.name}.{name}", cell)


def _check_value(name: str, value: object) -> None:
    if value is None or isinstance(value, bool | int):
        return
    if isinstance(value, str):
        bounded_text(value, name, MAX_TEXT)
        return
    items = expect(value, list, name)
    if len(items) > 1000:
        raise BadPack(f"pack data: {name} has too many items")
    for item in items:
        bounded_text(item, name, 500)


def _attachment(value: object) -> PackAttachment:
    data = expect_keys(value, {"id", "file_name", "media_type", "size"}, set(), "attachment")
    size = expect(data["size"], int, "attachment size")
    if not 0 <= size <= MAX_ATTACHMENT:
        raise BadPack("pack data: attachment size out of range")
    return PackAttachment(
        id=canonical_id(data["id"], "attachment id"),
        file_name=bounded_text(data["file_name"], "file name", 255),
        media_type=bounded_text(data["media_type"], "media type", 120),
        size=size,
    )


def check_against_manifest(contents: PackContents, manifest: Manifest) -> None:
    """The signed manifest and the encrypted contents must tell the same story."""
    listed = {(e.id, e.revision) for e in manifest.entries}
    present = [(e.id, e.revision) for e in contents.entries]
    if len(present) != len(set(present)) or set(present) != listed:
        raise BadPack("the manifest does not match the pack contents: refused")
    ceiling = classification_rank(manifest.ceiling)
    if any(classification_rank(e.classification) > ceiling for e in contents.entries):
        raise BadPack("the pack holds an entry above its own classification ceiling: refused")
    if not manifest.with_people and any(e.kind == "expert" for e in contents.entries):
        raise BadPack("the pack holds personal data its manifest does not declare: refused")
    attachments = [a for e in contents.entries for a in e.attachments]
    listed_ids = {a.id for a in attachments}
    if len(listed_ids) != len(attachments) or listed_ids != set(contents.blobs):
        raise BadPack("the attachments do not match the pack contents: refused")
    if any(len(contents.blobs[a.id]) != a.size for a in attachments):
        raise BadPack("an attachment does not have the size the pack states: refused")
