"""Attachments: encrypted blobs, save-a-copy, tamper detection."""

from __future__ import annotations

import pytest

from expertise.errors import IntegrityError, UserError


def test_attachment_round_trip_and_copy(hub, tmp_path):
    entry = hub.entries.add("practice", {"title": "Werkwijze"})
    source = tmp_path / "draaiboek.txt"
    source.write_bytes(b"stap een, stap twee")
    record = hub.attachments.add(entry.id, source)
    assert record.file_name == "draaiboek.txt" and record.size == 19
    assert record.media_type == "text/plain"
    out = tmp_path / "out"
    out.mkdir()
    copy = hub.attachments.save_copy(record.id, out)
    assert copy.read_bytes() == b"stap een, stap twee"
    assert [a.id for a in hub.attachments.list(entry.id)] == [record.id]
    hub.attachments.remove(record.id)
    assert hub.attachments.list(entry.id) == []
    assert not any((hub.path / "attachments").iterdir())


def test_file_names_are_not_paths(hub, tmp_path):
    entry = hub.entries.add("practice", {"title": "Werkwijze"})
    record = hub.attachments.add(entry.id, "../../etc/evil.txt", data=b"x")
    assert record.file_name == "evil.txt"
    with pytest.raises(UserError):
        hub.attachments.add("no-such-entry", "a.txt", data=b"x")


def test_tampered_blob_is_reported_never_returned(hub, tmp_path):
    entry = hub.entries.add("practice", {"title": "Werkwijze"})
    record = hub.attachments.add(entry.id, "notitie.txt", data=b"geheime inhoud" * 10)
    blob = next((hub.path / "attachments").iterdir())
    data = bytearray(blob.read_bytes())
    data[-5] ^= 0x01
    blob.write_bytes(bytes(data))
    with pytest.raises(IntegrityError):
        hub.attachments.save_copy(record.id, tmp_path / "copy.txt")
    assert not (tmp_path / "copy.txt").exists()
    assert any("attachment" in problem for problem in hub.maintenance.check().problems)


def test_truncated_blob_is_reported(hub, tmp_path):
    entry = hub.entries.add("practice", {"title": "Werkwijze"})
    record = hub.attachments.add(entry.id, "notitie.txt", data=b"inhoud" * 100)
    blob = next((hub.path / "attachments").iterdir())
    blob.write_bytes(blob.read_bytes()[:10])
    with pytest.raises(IntegrityError):
        hub.attachments.save_copy(record.id, tmp_path / "copy.txt")
