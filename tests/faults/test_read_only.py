"""A hub on write-protected media (a real read-only bind mount): reads work, writes say so once.

On the old code every command, even `search`, stopped at creating `.lock`.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from expertise.hub import Hub
from expertise.oserrors import FaultKind, HubReadOnly
from expertise.readonly import LIMITED_SEARCH
from tests.conftest import PASSPHRASE, run_cli
from tests.faults import kit, mounts

READ_ONLY = "this hub is read-only"


@pytest.fixture
def seeded(tmp_path: Path) -> kit.Seeded:
    seeded = kit.seed_hub(tmp_path / "src")
    with Hub.open(seeded.folder, PASSPHRASE) as hub:
        pack = hub.courses.create("Basiscursus meldroute", "internal")
        hub.courses.add_entries(pack.id, list(seeded.committed))
    (seeded.folder / ".lock").unlink()  # media handed out without one
    return seeded


@pytest.fixture
def media(seeded: kit.Seeded, tmp_path: Path) -> Iterator[Path]:
    with mounts.read_only_bind(seeded.folder, tmp_path / "media") as mounted:
        yield mounted


def test_read_only_hub_opens_read_only_through_the_facade(seeded: kit.Seeded, media: Path):
    entry_id = next(iter(seeded.committed))
    with Hub.open(media, PASSPHRASE) as hub:
        assert hub.read_only and hub.search.notice is None
        assert hub.entries.get(entry_id).title == seeded.committed[entry_id]
        assert hub.search(seeded.committed[entry_id]).total >= 1
        with pytest.raises(HubReadOnly) as raised:
            hub.entries.update(entry_id, {"body": "nieuwe tekst"})
        assert raised.value.fault.kind is FaultKind.READ_ONLY and raised.value.exit_code == 8
        with pytest.raises(HubReadOnly):
            hub.entries.add("advice", {"title": "Nieuw advies"})
        with pytest.raises(HubReadOnly):
            hub.maintenance.reindex()
    assert not (seeded.folder / ".lock").exists(), "no lock file was created"
    kit.verify_nothing_lost(seeded)
    kit.record(
        "read-only medium (real ro bind mount)",
        "edit/save (Hub)",
        str(raised.value),
        8,
        "refused",
    )


READS = [
    ("list",),
    ("search", "meldroute"),
    ("check",),
]


def test_reads_and_exports_work_on_read_only_media(seeded: kit.Seeded, media: Path, tmp_path: Path):
    entry_id = next(iter(seeded.committed))
    for args in [*READS, ("show", entry_id)]:
        result = kit.cli(media, *args)
        assert result.returncode == 0, (args, result.stderr)
    exported = tmp_path / "export"
    assert kit.cli(media, "export", "--format", "md", str(exported)).returncode == 0
    assert len(list(exported.glob("*.md"))) == len(seeded.committed)
    course = tmp_path / "course.pdf"
    made = kit.cli(media, "course", "export", "Basiscursus meldroute", "--pdf", str(course))
    assert made.returncode == 0, made.stderr
    assert course.stat().st_size > 0
    backup = tmp_path / "backup"
    assert kit.cli(media, "backup", str(backup)).returncode == 0
    assert kit.cli(backup, "check").returncode == 0
    assert not (seeded.folder / ".lock").exists()
    kit.verify_nothing_lost(seeded, plaintext_ok=[exported, course])
    kit.record(
        "read-only medium (real ro bind mount)",
        "list, show, search, check, Markdown export, course export, backup elsewhere (CLI)",
        "(no message: they work, exit 0)",
        0,
        "read path",
    )


WRITES = {
    "add": ("add", "advice", "--title", "Nieuw advies"),
    "import": ("import", "NOTES"),
    "reindex": ("reindex",),
    "passwd": ("passwd",),
    "recovery-key": ("recovery-key",),
    "rekey": ("rekey",),
    "erase-person": ("erase-person", "ID"),
    "course create": ("course", "create", "Nieuwe cursus", "--ceiling", "internal"),
}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_writing_commands_say_read_only_once(
    seeded: kit.Seeded, media: Path, tmp_path: Path, name: str
):
    notes = kit.write_notes(tmp_path / "notes", 3, seeded.marker)
    args = [
        str(notes) if a == "NOTES" else next(iter(seeded.committed)) if a == "ID" else a
        for a in WRITES[name]
    ]
    env = {**kit.ENV, "EXPERTISE_NEW_PASSPHRASE": "another long passphrase"}
    result = run_cli("--hub", str(media), *args, env=env)
    line = kit.one_line(result.stderr)
    assert result.returncode == 8, result.stderr
    assert READ_ONLY in line and line.count(READ_ONLY) == 1
    kit.verify_nothing_lost(seeded, plaintext_ok=[notes])
    kit.record("read-only medium (real ro bind mount)", f"{name} (CLI)", line, 8, "refused")


def test_pack_import_says_read_only(seeded: kit.Seeded, media: Path, tmp_path: Path):
    from expertise.kdf import KdfParams

    pack = tmp_path / "partner.ekp"
    with Hub.create(tmp_path / "partner", PASSPHRASE, kdf=KdfParams.floor()) as partner:
        partner.entries.add("practice", {"title": "Werkwijze partner", "body": "Afspraken."})
        partner.packs.export(pack, "pack passphrase", "internal", kdf=KdfParams.floor())
    env = {**kit.ENV, "EXPERTISE_PACK_PASSPHRASE": "pack passphrase"}
    result = run_cli("--hub", str(media), "pack", "import", str(pack), "--trust", env=env)
    line = kit.one_line(result.stderr)
    assert result.returncode == 8 and READ_ONLY in line
    kit.verify_nothing_lost(seeded)
    kit.record("read-only medium (real ro bind mount)", "pack import (CLI)", line, 8, "refused")


def test_stale_index_on_read_only_media_gives_limited_search(seeded: kit.Seeded, tmp_path: Path):
    shutil.rmtree(seeded.folder / "index")
    (seeded.folder / "index").mkdir()
    with mounts.read_only_bind(seeded.folder, tmp_path / "media") as media:
        with Hub.open(media, PASSPHRASE) as hub:
            assert hub.read_only and hub.search.notice == LIMITED_SEARCH
            found = hub.search("meldroute politie", limit=50)
            assert {h.id for h in found.hits} == set(seeded.committed)
            assert hub.search.titles("Werkafspraak", 3)
        result = kit.cli(media, "search", "meldroute", "--json")
        assert result.returncode == 0
        assert json.loads(result.stdout)["notice"] == LIMITED_SEARCH
        plain = kit.cli(media, "search", "meldroute")
        assert kit.one_line(plain.stderr) == LIMITED_SEARCH
        assert f"{len(seeded.committed)} results" in plain.stdout
    with Hub.open(seeded.folder, PASSPHRASE) as hub:  # writable again: the index repairs
        assert not hub.read_only and hub.search.notice is None
    kit.verify_nothing_lost(seeded)
    kit.record(
        "read-only medium (real ro bind mount)",
        "search with an out-of-date index (CLI)",
        LIMITED_SEARCH,
        0,
        "plain scan, notice on stderr",
    )
