"""Hostile pack manifests from a trusted key: each is refused or held, and changes nothing.

The publisher "Oost" sent one entry (with an attachment) earlier; the hub also
holds a confidential note of its own. Every pack below is correctly signed by a
trusted key, so every check after the signature is what is tested.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from expertise.hub import Hub
from expertise.packs import PackFacade
from expertise.packs.contents import PackAttachment, PackContents, PackEntry
from expertise.packs.errors import BadPack
from expertise.packs.signing import PublisherKey
from tests.core.packkit import PACK_PASS, craft
from tests.core.packmerge import advice, local_note, origin_of, partner, state, values_of

ENTRY = "5d0c7a1e-2b8f-4c7e-8f1a-3e9b6c2d4a10"
ATTACHMENT = "0b5e4a52-6a43-4c1e-9a59-1f3b2d9f0a01"
DATA = b"Checklist eerste melding"


@dataclass
class Scene:
    packs: PackFacade
    hub: Hub
    east: PublisherKey
    west: PublisherKey
    note: str
    tmp: object

    def send(self, key: PublisherKey, entries: list[PackEntry], blobs=None, **kwargs):
        path = self.tmp / f"{len(list(self.tmp.iterdir()))}.ekp"
        return self.packs.import_pack(craft(path, key, "X", entries, blobs), PACK_PASS, **kwargs)


def _from_east(revision: int, **values: object) -> PackEntry:
    shipped = (PackAttachment(ATTACHMENT, "checklist.txt", "text/plain", len(DATA)),)
    values.setdefault("classification", "confidential")
    return advice(ENTRY, revision, shipped, **values)


@pytest.fixture
def scene(hub, tmp_path) -> Scene:
    packs = hub.packs
    east = partner(packs, "Partnerorganisatie Oost")
    west = partner(packs, "Partnerorganisatie West")
    folder = tmp_path / "packs"
    folder.mkdir()
    made = Scene(packs, hub, east, west, local_note(hub), folder)
    made.send(east, [_from_east(3, body="Werkwijze van Oost")], {ATTACHMENT: DATA})
    return made


def test_forged_origin_an_exact_copy_from_another_publisher_does_not_move_the_origin(scene):
    copy = advice(ENTRY, 99, **values_of(scene.hub, ENTRY))
    copy = PackEntry(ENTRY, "advice", 99, copy.values, _from_east(3).attachments)
    before = state(scene.hub)
    scene.send(scene.west, [copy], {ATTACHMENT: DATA})
    assert origin_of(scene.hub, ENTRY)[0] == scene.east.fingerprint
    newer = advice(ENTRY, 100, **(values_of(scene.hub, ENTRY) | {"body": "Versie van West"}))
    report = scene.send(scene.west, [newer])
    assert report.unresolved == [ENTRY] and state(scene.hub) == before


def test_downgrade_by_the_origin_publisher_is_held(scene):
    before = state(scene.hub)
    report = scene.send(
        scene.east, [_from_east(4, classification="public", body="Openbaar")], {ATTACHMENT: DATA}
    )
    assert scene.hub.entries.get(ENTRY).classification == "confidential"
    assert report.refused_downgrades == [ENTRY] and state(scene.hub) == before


@pytest.mark.parametrize("variant", ["id and title", "other content", "other kind"])
def test_id_collision_with_a_local_entry(scene, variant):
    title = scene.hub.entries.get(scene.note).title
    entries = {
        "id and title": [advice(scene.note, 1, title=title)],
        "other content": [advice(scene.note, 8, title="Ander advies", body="Andere tekst")],
        "other kind": [PackEntry(scene.note, "practice", 1, {"title": title})],
    }[variant]
    before = state(scene.hub)
    if variant == "other kind":
        with pytest.raises(BadPack, match="practice"):
            scene.send(scene.west, entries)
    else:
        report = scene.send(scene.west, entries)
        assert [i.action for i in report.plan.items] == ["conflict"]
    assert state(scene.hub) == before and origin_of(scene.hub, scene.note) is None


def test_resurrection_of_an_entry_deleted_here(scene):
    scene.hub.entries.delete(ENTRY)
    scene.hub.entries.delete(scene.note)
    before = state(scene.hub)
    report = scene.send(scene.east, [_from_east(4)], {ATTACHMENT: DATA})
    assert report.deleted_skipped == [ENTRY]
    report = scene.send(scene.west, [advice(scene.note, 1)])
    assert report.deleted_skipped == [scene.note] and state(scene.hub) == before


def test_dropped_attachment_with_a_local_one_added(scene, tmp_path):
    scene.hub.attachments.add(ENTRY, tmp_path / "eigen.txt", data=b"Eigen notitie")
    report = scene.send(scene.east, [advice(ENTRY, 4, classification="confidential")])
    assert report.attachments_kept == [(ENTRY, "checklist.txt")]
    names = sorted(a.file_name for a in scene.hub.attachments.list(ENTRY))
    assert names == ["checklist.txt", "eigen.txt"]


ODD_VALUES = {
    "title of 3 MB": {"title": "x" * (3 * 1024 * 1024)},
    "empty title": {"title": "   "},
    "unknown classification": {"classification": "geheim"},
    "field not of the kind": {"is_admin": True},
    "nested object": {"summary": {"$ref": "elders"}},
    "1001 tags": {"tags": [f"tag{i}" for i in range(1001)]},
    "tag of 600 characters": {"tags": ["t" * 600]},
    "number as body": {"body": 1.5},
}


@pytest.mark.parametrize("name", sorted(ODD_VALUES))
def test_oversized_or_odd_field_values_are_refused(scene, name):
    values = {"title": "Advies"} | ODD_VALUES[name]
    before = state(scene.hub)
    with pytest.raises(BadPack) as refused:
        scene.send(scene.east, [PackEntry(ENTRY, "advice", 4, values)])
    assert "\n" not in str(refused.value) and len(str(refused.value)) < 200
    assert state(scene.hub) == before


def test_duplicate_ids_in_one_pack_are_refused(scene):
    from expertise.packs import format as container
    from tests.core.packkit import seal_raw

    before = state(scene.hub)
    with pytest.raises(BadPack, match="twice"):
        scene.send(scene.east, [advice(ENTRY, 4), advice(ENTRY, 5)])
    # The manifest lists the entry once; the encrypted contents hold it twice.
    path = craft(scene.tmp / "once.ekp", scene.east, "Oost", [advice(ENTRY, 4)])
    pack = container.open_pack(path.read_bytes())
    doubled = container.build_inner(PackContents([advice(ENTRY, 4), advice(ENTRY, 4)]))
    path.write_bytes(seal_raw(pack.manifest_bytes, doubled, scene.east, pack.manifest.kdf))
    with pytest.raises(BadPack, match="manifest does not match"):
        scene.packs.import_pack(path, PACK_PASS)
    assert state(scene.hub) == before


def test_revision_rollback_is_not_applied(scene):
    before = state(scene.hub)
    report = scene.send(scene.east, [_from_east(2, body="Oude versie")], {ATTACHMENT: DATA})
    assert [i.action for i in report.plan.items] == ["unchanged"]
    assert scene.hub.entries.get(ENTRY).body_md == "Werkwijze van Oost"
    assert origin_of(scene.hub, ENTRY)[1] == 3 and state(scene.hub) == before


def test_an_attachment_id_taken_by_another_entry_is_not_touched(scene):
    other = "5d0c7a1e-2b8f-4c7e-8f1a-3e9b6c2d4a99"
    stolen = (PackAttachment(ATTACHMENT, "vervangen.txt", "text/plain", 3),)
    scene.send(scene.west, [advice(other, 1, stolen)], {ATTACHMENT: b"xyz"})
    assert scene.hub.blobs.get(ATTACHMENT) == DATA
    assert [a.file_name for a in scene.hub.attachments.list(ENTRY)] == ["checklist.txt"]
    copied = scene.hub.attachments.list(other)
    assert [a.file_name for a in copied] == ["vervangen.txt"] and copied[0].id != ATTACHMENT
