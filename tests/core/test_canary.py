"""S9: a marker written everywhere is found nowhere on disk outside the encryption."""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
import uuid
from pathlib import Path

import pytest

from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.services.maintenance import vacuum
from tests.conftest import PASSPHRASE, file_contains, files_containing


def _temp_files() -> dict[Path, float]:
    # Other processes may delete temp folders while we walk: os.walk skips them quietly.
    out = {}
    for folder, _dirs, names in os.walk(tempfile.gettempdir()):
        for name in names:
            path = Path(folder) / name
            try:
                out[path] = path.stat().st_mtime
            except OSError:
                continue
    return out


def test_marker_never_reaches_disk_in_clear(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    marker = f"kanarie{uuid.uuid4().hex[:12]}"
    before = _temp_files()
    folder = tmp_path / "hub"
    with Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()) as hub:
        entry = hub.entries.add(
            "advice",
            {
                "title": f"Titel {marker}",
                "body": f"Tekst over {marker} en meer.",
                "summary": marker,
                "tags": [marker],
            },
        )
        hub.entries.add("expert", {"title": f"Expert {marker}", "expertise": [marker]})
        hub.attachments.add(entry.id, "bijlage.txt", data=f"bijlage {marker}".encode())
        assert hub.search(marker).total >= 1
        assert hub.search.titles("Titel")
        hub.search.experts(marker)
        hub.entries.update(entry.id, {"body": f"nieuw {marker} " * 50})
        hub.search.save(f"opgeslagen {marker}", marker)
        hub.maintenance.reindex()
        vacuum(hub._engine)
        leaks = files_containing(folder, marker)
        assert leaks == [], f"plaintext while open in {leaks}"
    assert files_containing(folder, marker) == []
    new_or_changed = [
        path
        for path, mtime in _temp_files().items()
        if before.get(path) != mtime and not path.is_relative_to(tmp_path)
    ]
    assert [path for path in new_or_changed if file_contains(path, marker)] == []
    assert marker not in caplog.text


def test_plain_sqlite_cannot_read_the_database(hub):
    hub.entries.add("advice", {"title": "Geheim"})
    hub_db = hub.path / "hub.db"
    with pytest.raises(sqlite3.DatabaseError):
        connection = sqlite3.connect(hub_db)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
