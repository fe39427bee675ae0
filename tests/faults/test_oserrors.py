"""The classifier: errno and SQLite errors (raw and wrapped) to one honest line."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import exc as sa_exc

from expertise import oserrors
from expertise.oserrors import Fault, FaultKind, HubFault, HubReadOnly, classify

MARKER = "ZEBRA-FAULT-MARKER-5521"


@pytest.fixture(autouse=True)
def _hub_like(tmp_path: Path) -> None:
    """tmp_path stands for a hub that is still there (an empty folder counts as gone)."""
    (tmp_path / "vault.json").write_text("{}", encoding="utf-8")


@pytest.mark.parametrize(
    ("number", "kind", "code"),
    [
        (errno.ENOSPC, FaultKind.DISK_FULL, 5),
        (errno.EDQUOT, FaultKind.QUOTA, 6),
        (errno.EACCES, FaultKind.PERMISSION, 7),
        (errno.EPERM, FaultKind.PERMISSION, 7),
        (errno.EROFS, FaultKind.READ_ONLY, 8),
        (errno.EIO, FaultKind.IO_ERROR, 9),
        (errno.ENODEV, FaultKind.VANISHED, 10),
        (errno.ENXIO, FaultKind.VANISHED, 10),
        (errno.ESTALE, FaultKind.VANISHED, 10),
        (errno.ENAMETOOLONG, FaultKind.NAME_TOO_LONG, 11),
    ],
)
def test_errno_maps_to_kind_and_exit_code(tmp_path: Path, number: int, kind: FaultKind, code: int):
    hub = tmp_path / "hub"
    hub.mkdir()
    (hub / "vault.json").write_text("{}", encoding="utf-8")
    fault = classify(OSError(number, "x", str(hub / "hub.db")), hub=hub)
    assert fault is not None and fault.kind is kind and fault.exit_code == code
    assert fault.where == hub
    assert "\n" not in fault.message and fault.message


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("database or disk is full", FaultKind.DISK_FULL),
        ("disk I/O error", FaultKind.IO_ERROR),
        ("attempt to write a readonly database", FaultKind.READ_ONLY),
    ],
)
def test_sqlite_texts_raw_and_wrapped_by_sqlalchemy(tmp_path: Path, text: str, kind: FaultKind):
    raw = sqlcipher3.OperationalError(text)
    wrapped = sa_exc.OperationalError(f"INSERT INTO entries VALUES ('{MARKER}')", {}, raw)
    for error in (raw, wrapped):
        fault = classify(error, hub=tmp_path)
        assert fault is not None and fault.kind is kind
        assert MARKER not in fault.message


def test_real_readonly_database_error_is_classified(tmp_path: Path):
    path = tmp_path / "ro.db"
    sqlcipher3.connect(str(path)).execute("CREATE TABLE t (x)").connection.commit()
    connection = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlcipher3.OperationalError) as raised:
        connection.execute("INSERT INTO t VALUES (1)")
    fault = classify(raised.value, hub=tmp_path)
    assert fault is not None and fault.kind is FaultKind.READ_ONLY


def test_cant_open_on_a_missing_hub_is_vanished(tmp_path: Path):
    gone = tmp_path / "gone"  # never made
    with pytest.raises(sqlcipher3.OperationalError) as raised:
        sqlcipher3.connect(str(gone / "hub.db")).execute("SELECT 1")
    fault = classify(raised.value, hub=gone)
    assert fault is not None and fault.kind is FaultKind.VANISHED and fault.exit_code == 10


def test_enoent_is_a_fault_only_when_the_hub_folder_is_gone(tmp_path: Path):
    hub = tmp_path / "hub"
    hub.mkdir()
    (hub / "vault.json").write_text("{}", encoding="utf-8")
    missing_input = OSError(errno.ENOENT, "No such file", str(tmp_path / "notes.md"))
    assert classify(missing_input, hub=hub) is None
    (hub / "vault.json").unlink()
    hub.rmdir()
    vanished = OSError(errno.ENOENT, "No such file", str(hub / "index" / "toc"))
    fault = classify(vanished, hub=hub)
    assert fault is not None and fault.kind is FaultKind.VANISHED
    assert "no longer there" in fault.message


def test_cause_chain_is_followed(tmp_path: Path):
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as inner:
            raise RuntimeError("while writing") from inner
    except RuntimeError as outer:
        fault = classify(outer, hub=tmp_path)
    assert fault is not None and fault.kind is FaultKind.DISK_FULL


def test_ordinary_errors_are_not_faults(tmp_path: Path):
    assert classify(ValueError("bad"), hub=tmp_path) is None
    assert classify(sqlcipher3.OperationalError("no such table: x"), hub=tmp_path) is None


def test_message_never_quotes_the_error_text_or_file_name(tmp_path: Path):
    """An exported file is named after its entry's title: the name must not leak."""
    target = tmp_path / "out"
    error = OSError(errno.ENOSPC, f"full {MARKER}", str(target / f"advice-{MARKER}.md"))
    hub = tmp_path / "hub"
    hub.mkdir()
    (hub / "vault.json").write_text("{}", encoding="utf-8")
    fault = classify(error, hub=hub, target=target)
    assert fault is not None and fault.where == target
    assert MARKER not in fault.message and str(target) in fault.message


def test_disk_full_names_the_megabytes_to_free(tmp_path: Path):
    mb = oserrors.MB
    fault = Fault(FaultKind.DISK_FULL, tmp_path, free_bytes=3 * mb, needed_bytes=45 * mb)
    assert fault.short_by_mb == 42
    assert "free 42 MB and try again; nothing was changed" in fault.message


def test_hub_fault_and_read_only_carry_exit_codes(tmp_path: Path):
    error = HubFault(Fault(FaultKind.DISK_FULL, tmp_path))
    assert error.exit_code == 5 and classify(error) is error.fault
    read_only = HubReadOnly()
    assert read_only.exit_code == 8 and str(read_only).startswith("this hub is read-only")


def test_sqlite_io_error_on_a_nearly_full_disk_is_disk_full(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(oserrors, "free_bytes", lambda folder: 4096)
    fault = classify(sqlcipher3.OperationalError("disk I/O error"), hub=tmp_path)
    assert fault is not None and fault.kind is FaultKind.DISK_FULL


def test_an_emptied_mount_point_is_a_vanished_hub(tmp_path: Path):
    """A drive pulled (or a share gone) leaves its mount point as an empty folder."""
    hub = tmp_path / "usb"
    hub.mkdir()
    error = OSError(errno.ENOENT, "No such file", str(hub / "index" / "seg.part"))
    fault = classify(error, hub=hub)
    assert fault is not None and fault.kind is FaultKind.VANISHED and fault.where == hub


def test_a_fault_after_the_commit_does_not_claim_nothing_changed(tmp_path: Path):
    fault = Fault(FaultKind.DISK_FULL, tmp_path, free_bytes=0, changed=True)
    assert "nothing was changed" not in fault.message and "was saved" in fault.message


def test_a_nameless_fault_on_one_disk_names_the_target_however_free_space_moves(
    tmp_path: Path, monkeypatch
):
    """Other writers change the free space between two reads: the place must not flip.

    A write's OSError carries no file name; with the hub and the target on one
    disk the target is where the command writes. Today's free-space comparison
    named the hub whenever another writer took bytes between its two readings.
    """
    hub, target = tmp_path / "hub", tmp_path / "backup"
    hub.mkdir()
    (hub / "hub.db").write_bytes(b"x")
    readings = iter(range(20_000, 10_000, -1_000))  # each reading sees less free space
    monkeypatch.setattr(oserrors, "free_bytes", lambda folder: next(readings))
    fault = classify(OSError(errno.EDQUOT, "Disk quota exceeded"), hub=hub, target=target)
    assert fault is not None and fault.where == target
