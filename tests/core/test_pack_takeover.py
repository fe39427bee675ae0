"""A knowledge pack never takes over, rewrites or declassifies a local entry (issue #11.1).

The attack: a trusted partner who knows an entry's id (ids are in clear in
every manifest we export) sends a pack with just that id and a title, then a
higher revision with another body at a lower classification.
"""

from __future__ import annotations

import pytest

from expertise.errors import UserError
from expertise.packs import MINE, THEIRS, PackFacade
from expertise.packs.contents import PackAttachment
from tests.core.packkit import PACK_PASS, craft
from tests.core.packmerge import BODY, advice, local_note, origin_of, partner, values_of

ATTACHMENT_A = "0b5e4a52-6a43-4c1e-9a59-1f3b2d9f0a01"
ATTACHMENT_B = "0b5e4a52-6a43-4c1e-9a59-1f3b2d9f0a02"
ENTRY = "5d0c7a1e-2b8f-4c7e-8f1a-3e9b6c2d4a10"


@pytest.fixture
def target(hub) -> PackFacade:
    return hub.packs


def test_an_id_and_a_title_do_not_take_over_a_local_entry(target, tmp_path):
    hub = target._hub
    note = local_note(hub)
    title = hub.entries.get(note).title
    key = partner(target, "Partnerorganisatie Oost")

    first = craft(tmp_path / "1.ekp", key, "Oost", [advice(note, 1, title=title)])
    report = target.import_pack(first, PACK_PASS)
    assert [item.action for item in report.plan.items] == ["conflict"]
    assert origin_of(hub, note) is None

    replaced = advice(note, 7, title=title, classification="public", body="Vervangen tekst")
    report = target.import_pack(craft(tmp_path / "2.ekp", key, "Oost", [replaced]), PACK_PASS)
    after = hub.entries.get(note)
    assert after.classification == "confidential" and after.body_md == BODY
    assert report.unresolved == [note] and not report.updated
    assert origin_of(hub, note) is None


def test_a_matching_copy_is_unchanged_but_never_handed_over(target, tmp_path):
    hub = target._hub
    note = local_note(hub)
    key = partner(target, "Partnerorganisatie Oost")
    copy = advice(note, 3, **values_of(hub, note))

    report = target.import_pack(craft(tmp_path / "1.ekp", key, "Oost", [copy]), PACK_PASS)
    assert [item.action for item in report.plan.items] == ["unchanged"]
    assert origin_of(hub, note) is None  # our own entry stays ours

    newer = advice(note, 4, **(values_of(hub, note) | {"summary": "Andere samenvatting"}))
    report = target.import_pack(craft(tmp_path / "2.ekp", key, "Oost", [newer]), PACK_PASS)
    assert report.plan.conflicts and hub.entries.get(note).summary.startswith("Interne")


def test_another_publisher_never_replaces_the_origin(target, tmp_path):
    hub = target._hub
    east = partner(target, "Partnerorganisatie Oost")
    west = partner(target, "Partnerorganisatie West")
    target.import_pack(craft(tmp_path / "e1.ekp", east, "Oost", [advice(ENTRY, 1)]), PACK_PASS)
    assert origin_of(hub, ENTRY) == (east.fingerprint, 1, 1)

    claim = advice(ENTRY, 9, summary="Versie van West")
    pack = craft(tmp_path / "w.ekp", west, "West", [claim])
    plan = target.import_pack(pack, PACK_PASS, dry_run=True).plan
    assert [item.action for item in plan.items] == ["conflict"]
    target.import_pack(pack, PACK_PASS, resolutions={ENTRY: MINE})
    assert origin_of(hub, ENTRY) == (east.fingerprint, 1, 1)
    target.import_pack(pack, PACK_PASS, resolutions={ENTRY: THEIRS})
    assert hub.entries.get(ENTRY).summary == "Versie van West"
    assert origin_of(hub, ENTRY)[0] == east.fingerprint

    # The entry changed here since East sent it: East's next revision asks too.
    later = advice(ENTRY, 2, summary="Versie van Oost")
    report = target.import_pack(craft(tmp_path / "e2.ekp", east, "Oost", [later]), PACK_PASS)
    assert report.unresolved == [ENTRY] and hub.entries.get(ENTRY).summary == "Versie van West"


def test_the_origin_publisher_still_updates_its_entry(target, tmp_path):
    hub = target._hub
    east = partner(target, "Partnerorganisatie Oost")
    target.import_pack(craft(tmp_path / "1.ekp", east, "Oost", [advice(ENTRY, 1)]), PACK_PASS)
    newer = advice(ENTRY, 2, summary="Bijgewerkt")
    report = target.import_pack(craft(tmp_path / "2.ekp", east, "Oost", [newer]), PACK_PASS)
    assert report.updated == [ENTRY] and hub.entries.get(ENTRY).summary == "Bijgewerkt"
    assert origin_of(hub, ENTRY) == (east.fingerprint, 2, hub.entries.get(ENTRY).revision)


def test_a_lower_classification_needs_an_explicit_listed_choice(target, tmp_path):
    hub = target._hub
    east = partner(target, "Partnerorganisatie Oost")
    added = advice(ENTRY, 1, classification="confidential", body="Eerste versie")
    target.import_pack(craft(tmp_path / "1.ekp", east, "Oost", [added]), PACK_PASS)
    lower = advice(ENTRY, 2, classification="public", body="Openbare versie")
    pack = craft(tmp_path / "2.ekp", east, "Oost", [lower])

    report = target.import_pack(pack, PACK_PASS)
    assert hub.entries.get(ENTRY).classification == "confidential"
    assert hub.entries.get(ENTRY).body_md == "Eerste versie"
    assert report.refused_downgrades == [ENTRY] and not report.updated
    assert origin_of(hub, ENTRY)[1] == 1  # still offered by the next import

    dry = target.import_pack(pack, PACK_PASS, dry_run=True, accept_downgrades=[ENTRY])
    assert [
        (i.entry_id, i.local_classification, i.remote_classification) for i in dry.plan.downgrades
    ] == [(ENTRY, "confidential", "public")]
    assert hub.entries.get(ENTRY).classification == "confidential"

    report = target.import_pack(pack, PACK_PASS, accept_downgrades=[ENTRY])
    assert report.updated == [ENTRY] and hub.entries.get(ENTRY).classification == "public"


def test_taking_theirs_does_not_lower_the_classification_either(target, tmp_path):
    hub = target._hub
    note = local_note(hub)
    key = partner(target, "Partnerorganisatie Oost")
    lower = advice(note, 5, classification="public", body="Openbare versie")
    pack = craft(tmp_path / "1.ekp", key, "Oost", [lower])

    report = target.import_pack(pack, PACK_PASS, resolutions={note: THEIRS})
    assert report.refused_downgrades == [note]
    assert hub.entries.get(note).classification == "confidential"
    assert hub.entries.get(note).body_md == BODY

    target.import_pack(pack, PACK_PASS, resolutions={note: THEIRS}, accept_downgrades=[note])
    assert hub.entries.get(note).classification == "public"
    assert origin_of(hub, note) is None


def test_choices_must_name_listed_items(target, tmp_path):
    hub = target._hub
    note = local_note(hub)
    key = partner(target, "Partnerorganisatie Oost")
    same_level = advice(note, 5, classification="confidential", body="Andere tekst")
    pack = craft(tmp_path / "1.ekp", key, "Oost", [same_level])
    with pytest.raises(UserError, match="not a classification downgrade"):
        target.import_pack(pack, PACK_PASS, accept_downgrades=[note])
    with pytest.raises(UserError, match="not an entry deleted here"):
        target.import_pack(pack, PACK_PASS, restore=[note])
    assert hub.entries.get(note).body_md == BODY


def _with_attachments(revision: int, *ids: str, **values: object):
    names = {ATTACHMENT_A: "checklist.txt", ATTACHMENT_B: "stroomschema.txt"}
    data = {ATTACHMENT_A: b"Checklist eerste melding", ATTACHMENT_B: b"Stroomschema overdracht"}
    shipped = tuple(PackAttachment(i, names[i], "text/plain", len(data[i])) for i in ids)
    return advice(ENTRY, revision, shipped, **values), {i: data[i] for i in ids}


def _import(target, path, entry_and_blobs, key, **kwargs):
    entry, blobs = entry_and_blobs
    return target.import_pack(craft(path, key, "Oost", [entry], blobs), PACK_PASS, **kwargs)


def test_an_attachment_dropped_upstream_is_removed_when_unchanged_here(target, tmp_path):
    hub = target._hub
    east = partner(target, "Partnerorganisatie Oost")
    _import(target, tmp_path / "1.ekp", _with_attachments(1, ATTACHMENT_A, ATTACHMENT_B), east)
    assert len(hub.attachments.list(ENTRY)) == 2

    report = _import(target, tmp_path / "2.ekp", _with_attachments(2, ATTACHMENT_A), east)
    assert [a.file_name for a in hub.attachments.list(ENTRY)] == ["checklist.txt"]
    assert not hub.blobs.exists(ATTACHMENT_B)
    assert report.attachments_removed == [(ENTRY, "stroomschema.txt")]


def test_an_attachment_dropped_upstream_is_listed_when_the_entry_changed_here(target, tmp_path):
    hub = target._hub
    east = partner(target, "Partnerorganisatie Oost")
    _import(target, tmp_path / "1.ekp", _with_attachments(1, ATTACHMENT_A, ATTACHMENT_B), east)
    hub.entries.update(ENTRY, {"summary": "Eigen aanvulling"})

    newer = _with_attachments(2, ATTACHMENT_A, summary="Nieuw")
    report = _import(target, tmp_path / "2.ekp", newer, east, resolutions={ENTRY: THEIRS})
    assert report.attachments_kept == [(ENTRY, "stroomschema.txt")]
    assert len(hub.attachments.list(ENTRY)) == 2 and hub.blobs.exists(ATTACHMENT_B)


def test_a_local_attachment_is_never_removed_by_a_pack(target, tmp_path):
    hub = target._hub
    east = partner(target, "Partnerorganisatie Oost")
    _import(target, tmp_path / "1.ekp", _with_attachments(1, ATTACHMENT_A, ATTACHMENT_B), east)
    own = hub.attachments.add(ENTRY, tmp_path / "eigen.txt", data=b"Eigen notitie")

    report = _import(target, tmp_path / "2.ekp", _with_attachments(2, ATTACHMENT_A), east)
    names = sorted(a.file_name for a in hub.attachments.list(ENTRY))
    assert names == ["checklist.txt", "eigen.txt", "stroomschema.txt"]
    assert report.attachments_kept == [(ENTRY, "stroomschema.txt")]
    assert hub.blobs.get(own.id) == b"Eigen notitie"


def test_a_blob_that_cannot_be_deleted_yet_does_not_fail_the_import(target, tmp_path, monkeypatch):
    hub = target._hub
    east = partner(target, "Partnerorganisatie Oost")
    _import(target, tmp_path / "1.ekp", _with_attachments(1, ATTACHMENT_A, ATTACHMENT_B), east)

    def refuse(blob_id: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(hub.blobs, "delete", refuse)
    report = _import(target, tmp_path / "2.ekp", _with_attachments(2, ATTACHMENT_A), east)
    assert report.attachments_removed == [(ENTRY, "stroomschema.txt")]
    assert [a.file_name for a in hub.attachments.list(ENTRY)] == ["checklist.txt"]
    assert hub.blobs.exists(ATTACHMENT_B)  # an orphan until the next open removes it
