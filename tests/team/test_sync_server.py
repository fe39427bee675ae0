"""Sync through a real PostgreSQL: three laptops create, admit, sync, edit, conflict, remove;
clearance by keys and by row-level security; tampered and replayed items refused."""

from __future__ import annotations

import psycopg
import pytest

from expertise.team.errors import ServerRefused
from expertise.team.remote import ServerItems
from tests.team.teamkit import MEMBER_PASSWORD, join, make_team, member_connect

MARKER = "QXZMARKER"


@pytest.fixture
def team(make_laptop, team_url):
    admin, bea, cas = make_laptop("admin"), make_laptop("bea"), make_laptop("cas")
    password = make_team(admin, team_url)
    join(bea, admin, password, team_url, f"Bea {MARKER}name", "confidential")
    join(cas, admin, password, team_url, "Cas Public", "public")
    return admin, password, bea, cas, team_url


def test_create_admit_sync_edit_delete(team):
    admin, password, bea, cas, _ = team
    public = admin.entries.add("advice", {"title": "Openbaar advies", "classification": "public"})
    secret = admin.entries.add(
        "advice", {"title": f"Geheim {MARKER}", "classification": "confidential"}
    )
    admin.attachments.add(secret.id, "bijlage.txt", data=f"bytes {MARKER}".encode())
    assert admin.team.sync(password).pushed == 2
    got = bea.team.sync(MEMBER_PASSWORD)
    assert sorted(got.created) == sorted([public.id, secret.id]) and not got.refused
    assert bea.entries.get(secret.id).title == f"Geheim {MARKER}"
    # Cas (public) never receives the confidential item: RLS keeps it on the server.
    low = cas.team.sync(MEMBER_PASSWORD)
    assert low.created == [public.id] and low.pulled == 1 and not low.refused
    bea.entries.update(public.id, {"title": "Openbaar advies, herzien"})
    bea.entries.delete(secret.id)
    assert bea.team.sync(MEMBER_PASSWORD).pushed == 2
    again = admin.team.sync(password)
    assert again.updated == [public.id] and again.deleted == [secret.id]
    assert cas.team.sync(MEMBER_PASSWORD).updated == [public.id]
    assert cas.entries.get(public.id).title == "Openbaar advies, herzien"
    assert admin.team.last_sync()["pulled"] == 2


def test_rls_refuses_a_read_or_write_above_clearance(team):
    admin, password, bea, cas, team_url = team
    admin.entries.add("advice", {"title": "Vertrouwelijk", "classification": "confidential"})
    admin.team.sync(password)
    with member_connect(team_url, cas) as conn:
        assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == 0
    note = cas.entries.add("advice", {"title": "Te hoog", "classification": "internal"})
    fine = cas.entries.add("advice", {"title": "Laag genoeg", "classification": "public"})
    report = cas.team.sync(MEMBER_PASSWORD)  # no key for the level: held back, reported
    assert report.held_back == [note.id] and report.pushed == 1
    assert cas.entries.get(note.id).title == "Te hoog"
    with member_connect(team_url, cas) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(  # and the server refuses such a row even if a laptop tried
            "INSERT INTO items (item_id, revision, level, epoch, author_id, size, ciphertext,"
            " signature) VALUES (%s, 1, 1, 1, %s, 1, 'x', 'y')",
            (note.id, cas.team.setting("member_id")),
        )
    assert fine.id in admin.team.sync(password).created


def test_remaining_counts_what_row_level_security_lets_the_member_pull(team):
    admin, password, bea, cas, _ = team
    admin.entries.add("advice", {"title": "Open", "classification": "public"})
    admin.entries.add("advice", {"title": "Dicht", "classification": "confidential"})
    admin.team.sync(password)
    with bea.team.server(MEMBER_PASSWORD) as server:
        assert ServerItems(server).remaining(0) == 2
    with cas.team.server(MEMBER_PASSWORD) as server:
        items = ServerItems(server)
        [visible] = items.pull(0, 10)
        assert (items.remaining(0), items.remaining(visible.seq or 0)) == (1, 0)


def test_two_laptops_edit_the_same_entry(team):
    admin, password, bea, _, _ = team
    note = admin.entries.add("advice", {"title": "Gedeeld", "classification": "internal"})
    admin.team.sync(password), bea.team.sync(MEMBER_PASSWORD)
    admin.entries.update(note.id, {"title": "Versie admin"})
    bea.entries.update(note.id, {"title": "Versie bea"})
    admin.team.sync(password)
    report = bea.team.sync(MEMBER_PASSWORD)
    assert report.push_conflicts == 1 and report.conflicts == [note.id]
    [conflict] = bea.team.conflicts()
    assert (conflict.title_here, conflict.title_theirs) == ("Versie bea", "Versie admin")
    bea.team.resolve(note.id, "mine")
    assert bea.team.sync(MEMBER_PASSWORD).pushed == 1 and bea.team.conflicts() == []
    assert admin.team.sync(password).updated == [note.id]
    assert admin.entries.get(note.id).title == "Versie bea"


def _superuser(team_url: str, sql: str) -> None:
    with psycopg.connect(team_url, autocommit=True) as conn:
        conn.execute(sql)


def test_tampered_and_replayed_items_are_refused(team):
    admin, password, bea, _, team_url = team
    note = admin.entries.add("advice", {"title": "Eerste", "classification": "internal"})
    admin.team.sync(password)
    admin.entries.update(note.id, {"title": "Tweede"})
    admin.team.sync(password)
    # The superuser flips a byte of the newest item, and re-inserts the first revision's
    # ciphertext and signature as a new revision 3.
    _superuser(
        team_url,
        "UPDATE items SET ciphertext = overlay(ciphertext placing "
        "decode(lpad(to_hex(get_byte(ciphertext, 20) # 1), 2, '0'), 'hex') from 21 for 1) "
        "WHERE revision = 2",
    )
    _superuser(
        team_url,
        "INSERT INTO items (item_id, revision, base_revision, level, epoch, author_id, size,"
        " ciphertext, signature) SELECT item_id, 3, 2, level, epoch, author_id, size,"
        " ciphertext, signature FROM items WHERE revision = 1",
    )
    report = bea.team.sync(MEMBER_PASSWORD)
    reasons = sorted((r.revision, r.reason) for r in report.refused)
    assert reasons == [(2, "bad-signature"), (3, "bad-signature")]
    assert bea.entries.get(note.id).title == "Eerste"
    audit = [e.action for e in bea.maintenance.audit_log()]
    assert audit.count("team-refused") == 2


def test_removed_member_cannot_sync_and_keeps_what_it_had(team):
    admin, password, bea, cas, _ = team
    note = admin.entries.add("advice", {"title": "Voor iedereen", "classification": "public"})
    admin.team.sync(password), cas.team.sync(MEMBER_PASSWORD)
    admin.team.remove(cas.team.setting("member_id"), password)
    later = admin.entries.add("advice", {"title": "Na verwijdering", "classification": "public"})
    assert admin.team.sync(password).pushed == 1
    with pytest.raises(ServerRefused):
        cas.team.sync(MEMBER_PASSWORD)
    assert cas.entries.get(note.id).title == "Voor iedereen"
    # Bea reads the new item, written under the new epoch.
    assert later.id in bea.team.sync(MEMBER_PASSWORD).created


def test_server_dump_holds_no_plaintext(team):
    admin, password, bea, _, team_url = team
    expert = admin.entries.add(
        "expert", {"title": f"Dr. {MARKER} Expert", "classification": "internal"}
    )
    note = admin.entries.add(
        "advice", {"title": f"Titel {MARKER}", "body": f"Tekst {MARKER}", "tags": [MARKER.lower()]}
    )
    admin.attachments.add(note.id, f"{MARKER}.txt", data=f"inhoud {MARKER}".encode())
    admin.team.sync(password), bea.team.sync(MEMBER_PASSWORD)
    assert expert.id in [e.id for e in bea.entries.list()]
    dump = _everything(team_url)
    assert MARKER.encode() not in dump and MARKER.lower().encode() not in dump


def _everything(team_url: str) -> bytes:
    """Every column of every table in the team database, as the superuser reads it."""
    found = bytearray()
    with psycopg.connect(team_url) as conn:
        tables = conn.execute(
            "SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN "
            "('pg_catalog', 'information_schema')"
        ).fetchall()
        for schema, table in tables:
            for row in conn.execute(f'SELECT * FROM "{schema}"."{table}"'):
                for value in row:
                    found += (
                        bytes(value)
                        if isinstance(value, bytes | memoryview)
                        else str(value).encode()
                    )
    return bytes(found)
