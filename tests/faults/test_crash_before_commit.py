"""A crash just before an operation commits must leave the hub as it was.

The kill-run (bench/killrun.py) hits these windows only by chance; here the
database commit of the operation fails on purpose, which leaves the same
files behind as a SIGKILL at that moment (the transaction never commits).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from expertise.blobstore import BlobStore
from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.packs.importing import Importer
from tests.conftest import PASSPHRASE

PACK_SECRET = "pakket wachtzin van de partner"


class PowerCut(BaseException):
    """Stands for the process dying: nothing after it runs."""


@contextmanager
def commit_fails(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def cut(self: Session) -> None:
        raise PowerCut()

    with monkeypatch.context() as patch:
        patch.setattr(Session, "commit", cut)
        yield


@pytest.fixture
def made(tmp_path: Path) -> tuple[Path, str, str]:
    folder = tmp_path / "hub"
    with Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()) as hub:
        person = hub.entries.add("expert", {"title": "Ilse Voorbeeldhuis", "role": "Coördinator"})
        hub.attachments.add(person.id, "cv.txt", data=b"Levensloop van de coordinator")
        note = hub.entries.add(
            "advice", {"title": "Ketenoverleg", "body": "Afgestemd met Ilse Voorbeeldhuis."}
        )
        hub.attachments.add(note.id, "verslag.txt", data=b"Verslag, met Ilse Voorbeeldhuis.")
    return folder, person.id, note.id


def _contents(hub: Hub, entry_id: str) -> list[bytes]:
    return [hub.blobs.get(a.id) for a in hub.attachments.list(entry_id)]


def test_erase_person_that_never_commits_erases_nothing(made, monkeypatch) -> None:
    folder, person_id, note_id = made
    with Hub.open(folder, PASSPHRASE) as hub:
        before = {i: _contents(hub, i) for i in (person_id, note_id)}
        with commit_fails(monkeypatch), pytest.raises(PowerCut):
            hub.maintenance.erase_person(person_id)

    with Hub.open(folder, PASSPHRASE) as hub:
        assert hub.maintenance.check().problems == []
        assert hub.entries.get(person_id).title == "Ilse Voorbeeldhuis"
        assert {i: _contents(hub, i) for i in (person_id, note_id)} == before


def test_erase_person_that_commits_leaves_no_old_blob(made) -> None:
    folder, person_id, note_id = made
    with Hub.open(folder, PASSPHRASE) as hub:
        hub.maintenance.erase_person(person_id)
        assert hub.maintenance.check().problems == []
        assert b"Voorbeeldhuis" not in b"".join(_contents(hub, note_id))
        blobs = sorted(p.name for p in (folder / "attachments").iterdir())
        assert blobs == sorted(hub.blobs.file_name(a.id) for a in hub.attachments.list(note_id))


def test_erasure_killed_after_its_commit_leaves_no_blob_on_the_next_open(
    made, monkeypatch
) -> None:
    folder, person_id, note_id = made
    with Hub.open(folder, PASSPHRASE) as hub:
        person_blob = hub.blobs.file_name(hub.attachments.list(person_id)[0].id)

        def cut(self: BlobStore, blob_id: str) -> None:
            raise PowerCut()

        with monkeypatch.context() as patch:
            patch.setattr(BlobStore, "delete", cut)
            with pytest.raises(PowerCut):
                hub.maintenance.erase_person(person_id)
        assert (folder / "attachments" / person_blob).exists()  # the crash left it

    with Hub.open(folder, PASSPHRASE) as hub:
        assert not (folder / "attachments" / person_blob).exists()
        assert hub.maintenance.check().problems == []
        assert b"Voorbeeldhuis" not in b"".join(_contents(hub, note_id))


def test_pack_import_that_never_commits_leaves_no_blob(tmp_path, made, monkeypatch) -> None:
    folder, _, _ = made
    pack = tmp_path / "partner.ekp"
    with Hub.create(tmp_path / "partner", PASSPHRASE, kdf=KdfParams.floor()) as partner:
        entry = partner.entries.add("advice", {"title": "Werkwijze van de partner"})
        partner.attachments.add(entry.id, "werkwijze.txt", data=b"Stappenplan van de partner")
        partner.packs.export(pack, PACK_SECRET, "confidential", kdf=KdfParams.floor())
    with Hub.open(folder, PASSPHRASE) as hub:
        files = sorted((folder / "attachments").iterdir())
        real_run = Importer.run

        def run_then_die(self: Importer, *args: object) -> object:
            real_run(self, *args)  # blobs written, transaction not yet committed
            raise PowerCut()

        with monkeypatch.context() as patch, pytest.raises(PowerCut):
            patch.setattr(Importer, "run", run_then_die)
            hub.packs.import_pack(pack, PACK_SECRET, trust=True)
        assert len(list((folder / "attachments").iterdir())) > len(files)  # blob written

    with Hub.open(folder, PASSPHRASE) as hub:
        assert hub.maintenance.check().problems == []
        assert sorted((folder / "attachments").iterdir()) == files
        assert hub.entries.find_by_title("Werkwijze van de partner") is None
