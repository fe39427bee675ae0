"""A local deletion is remembered: a later pack does not bring the entry back unasked."""

from __future__ import annotations

import pytest

from expertise import migrations
from expertise.db import open_engine
from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.packs import PackFacade
from expertise.vault import Vault
from tests.conftest import PASSPHRASE
from tests.core.packkit import PACK_PASS, craft
from tests.core.packmerge import advice, local_note, origin_of, partner, state, tombstoned

ENTRY = "5d0c7a1e-2b8f-4c7e-8f1a-3e9b6c2d4a10"


@pytest.fixture
def target(hub) -> PackFacade:
    return hub.packs


def test_a_deleted_entry_is_skipped_by_later_packs(target, tmp_path):
    hub = target._hub
    east = partner(target, "Partnerorganisatie Oost")
    first = craft(tmp_path / "1.ekp", east, "Oost", [advice(ENTRY, 1)])
    target.import_pack(first, PACK_PASS)
    hub.entries.delete(ENTRY)
    assert tombstoned(hub, ENTRY)

    for number, pack in enumerate(
        (first, craft(tmp_path / "2.ekp", east, "Oost", [advice(ENTRY, 2)]))
    ):
        before = state(hub)
        report = target.import_pack(pack, PACK_PASS)
        assert [item.action for item in report.plan.items] == ["deleted"], number
        assert report.deleted_skipped == [ENTRY] and not report.created
        assert state(hub) == before


def test_restoring_a_deleted_entry_is_an_explicit_choice(target, tmp_path):
    hub = target._hub
    east = partner(target, "Partnerorganisatie Oost")
    pack = craft(tmp_path / "1.ekp", east, "Oost", [advice(ENTRY, 1, summary="Terug")])
    target.import_pack(pack, PACK_PASS)
    hub.entries.delete(ENTRY)

    report = target.import_pack(pack, PACK_PASS, restore=[ENTRY])
    assert report.restored == [ENTRY] and report.created == [ENTRY]
    assert hub.entries.get(ENTRY).summary == "Terug" and not tombstoned(hub, ENTRY)
    assert origin_of(hub, ENTRY)[0] == east.fingerprint


def test_an_own_entry_deleted_here_is_not_revived_by_another_publisher(target, tmp_path):
    hub = target._hub
    note = local_note(hub)
    hub.entries.delete(note)
    key = partner(target, "Partnerorganisatie Oost")
    report = target.import_pack(
        craft(tmp_path / "1.ekp", key, "Oost", [advice(note, 3)]), PACK_PASS
    )
    assert report.deleted_skipped == [note] and hub.entries.count() == 0


def test_the_migration_upgrades_a_hub_with_imported_entries(hub_path):
    vault = Vault.create(hub_path, PASSPHRASE, kdf=KdfParams.floor())
    engine = open_engine(hub_path / "hub.db", vault.subkey("database"))
    migrations.upgrade(engine, "0004")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO entries (id, kind, title, body_md, summary, classification, language,"
            f" status, created_at, updated_at, revision) VALUES ('{ENTRY}', 'advice',"
            " 'Advies van het centrum', 'tekst', '', 'internal', 'nl', 'current',"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)"
        )
        connection.exec_driver_sql(
            f"INSERT INTO advice_notes (id, audience) VALUES ('{ENTRY}', 'investigation')"
        )
        connection.exec_driver_sql(
            "INSERT INTO entry_origins (entry_id, publisher, remote_revision, local_revision,"
            f" imported_at) VALUES ('{ENTRY}', '{'ab' * 32}', 4, 1, '2026-01-01 00:00:00')"
        )
    engine.dispose()
    vault.lock()
    with Hub.open(hub_path, PASSPHRASE) as hub:
        assert origin_of(hub, ENTRY) == ("ab" * 32, 4, 1)
        assert hub.entries.get(ENTRY).title == "Advies van het centrum"
        hub.entries.delete(ENTRY)
        assert tombstoned(hub, ENTRY)
