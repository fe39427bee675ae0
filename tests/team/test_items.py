"""The item envelope: sealed and opened with real keys; every refusal has its reason."""

from __future__ import annotations

import dataclasses
import uuid

import pytest

from expertise.packs.contents import PackAttachment
from expertise.team import items
from expertise.team.items import ItemContent, ItemRefused, open_item, seal_item
from tests.team.memkeys import Team

MARKER = "ZQXJ-envelope-marker"


def _content(level: str = "internal", blob: bytes = b"%PDF attachment " + MARKER.encode()):
    entry_id, blob_id = str(uuid.uuid4()), str(uuid.uuid4())
    values = {
        "title": f"Advice {MARKER}",
        "summary": "short",
        "body": "Body with a [[link]]",
        "tags": ["alpha", "beta"],
        "themes": ["grooming"],
        "classification": level,
        "language": "nl",
        "status": "published",
    }
    attachment = PackAttachment(blob_id, "note.pdf", "application/pdf", len(blob))
    return ItemContent(entry_id, "advice", values, (attachment,), {blob_id: blob})


@pytest.fixture
def team() -> Team:
    return Team()


def test_round_trip_keeps_values_and_attachments(team: Team) -> None:
    alice, bob = team.member("alice"), team.member("bob")
    content = _content()
    sealed = seal_item(content, 3, 2, 1, alice)
    assert (sealed.item_id, sealed.revision, sealed.base_revision) == (content.entry_id, 3, 2)
    assert (sealed.level, sealed.epoch, sealed.author_id) == (1, 1, "alice")
    assert MARKER.encode() not in sealed.ciphertext and MARKER.encode() not in sealed.signature
    opened = open_item(sealed, bob)
    assert opened.values == content.values
    assert opened.attachments == content.attachments
    assert dict(opened.blobs) == dict(content.blobs)
    assert items.content_hash(opened.values, opened.attachments) == items.content_hash(
        content.values, content.attachments
    )


def test_tombstone_round_trip(team: Team) -> None:
    alice = team.member("alice")
    gone = ItemContent(str(uuid.uuid4()), "expert", None)
    sealed = seal_item(gone, 2, 1, 1, alice, level=2)
    opened = open_item(sealed, team.member("bob"))
    assert opened.deleted and opened.entry_id == gone.entry_id and opened.kind == "expert"


def _refusal(sealed: items.SealedItem, keys: object) -> str:
    with pytest.raises(ItemRefused) as caught:
        open_item(sealed, keys)  # type: ignore[arg-type]
    assert caught.value.item_id == sealed.item_id
    return caught.value.reason


def test_unsigned_and_wrongly_signed_are_refused(team: Team) -> None:
    alice, mallory, bob = team.member("alice"), team.member("mallory"), team.member("bob")
    sealed = seal_item(_content(), 1, None, 1, alice)
    assert _refusal(dataclasses.replace(sealed, signature=b""), bob) == items.UNSIGNED
    # Mallory signs alice's item as if she were alice.
    forged = dataclasses.replace(sealed, signature=mallory.sign(sealed.signed_bytes()))
    assert _refusal(forged, bob) == items.BAD_SIGNATURE


def test_unknown_author_is_refused(team: Team) -> None:
    outsider = Team().member("outsider")
    outsider._team.level_keys = team.level_keys  # even with the right content key
    sealed = seal_item(_content(), 1, None, 1, outsider)
    assert _refusal(sealed, team.member("bob")) == items.UNKNOWN_AUTHOR


def test_tampered_ciphertext_and_clear_fields_are_refused(team: Team) -> None:
    alice, bob = team.member("alice"), team.member("bob")
    sealed = seal_item(_content(), 2, 1, 1, alice)
    flipped = bytearray(sealed.ciphertext)
    flipped[len(flipped) // 2] ^= 0x01
    # The signature covers the ciphertext's hash: a flipped byte fails it first.
    assert _refusal(dataclasses.replace(sealed, ciphertext=bytes(flipped)), bob) == (
        items.BAD_SIGNATURE
    )
    # Each clear field is bound by the signature: changing any is refused.
    for change in ({"revision": 5}, {"base_revision": None}, {"level": 0}, {"epoch": 2}):
        assert _refusal(dataclasses.replace(sealed, **change), bob) == items.BAD_SIGNATURE


def test_content_not_matching_its_clear_fields_is_refused(team: Team) -> None:
    """Signed by a member, but the sealed level is not what the clear level says."""
    alice, bob = team.member("alice"), team.member("bob")
    content = _content("confidential")
    sealed = seal_item(content, 1, None, 1, alice, level=0)
    assert _refusal(sealed, bob) == items.MALFORMED


def test_replayed_revision_under_a_new_number_is_refused(team: Team) -> None:
    alice, bob = team.member("alice"), team.member("bob")
    content = _content()
    old = seal_item(content, 1, None, 1, alice)
    replay = dataclasses.replace(old, revision=4, base_revision=3)
    assert _refusal(replay, bob) == items.BAD_SIGNATURE


def test_old_or_differing_revision_is_a_replay(team: Team) -> None:
    alice = team.member("alice")
    first = seal_item(_content(), 2, 1, 1, alice)
    items.check_not_replayed(first, None, None)
    items.check_not_replayed(first, 2, first.digest)  # the same item again: fine
    items.check_not_replayed(first, 1, "x")
    with pytest.raises(ItemRefused) as older:
        items.check_not_replayed(first, 3, "x")
    assert older.value.reason == items.REPLAYED
    other = seal_item(_content(), 2, 1, 1, alice)
    with pytest.raises(ItemRefused) as differing:
        items.check_not_replayed(other, 2, first.digest)
    assert differing.value.reason == items.REPLAYED


def test_above_clearance_has_no_key(team: Team) -> None:
    alice, carol = team.member("alice"), team.member("carol", clearance=1)
    sealed = seal_item(_content("confidential"), 1, None, 1, alice)
    assert sealed.level == 2
    assert _refusal(sealed, carol) == items.NO_KEY


def test_ciphertext_under_a_wrong_key_is_tampered(team: Team) -> None:
    """A member whose copy of the level key differs (a bad unwrap) cannot read it."""
    alice, bob = team.member("alice"), team.member("bob")
    sealed = seal_item(_content(), 1, None, 1, alice)
    team.level_keys[(1, 1)] = bytes(32)
    assert _refusal(sealed, bob) == items.TAMPERED


def test_a_revision_below_one_cannot_be_sealed(team: Team) -> None:
    with pytest.raises(ValueError):
        seal_item(_content(), 1, 1, 1, team.member("alice"))
