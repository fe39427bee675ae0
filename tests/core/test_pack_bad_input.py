"""Every bad pack is refused with a clear message, and nothing is imported (checklist S2).

Hand-made packs below are signed by the trusted publisher itself: they show
that the checks after the signature hold even when the signer lies.
"""

from __future__ import annotations

import json
import struct

import pytest

from expertise.errors import HubError, IntegrityError, WrongPassphrase
from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.packs import BadPack, NewerPackFormat, PackFacade, UntrustedPublisher
from expertise.packs import format as container
from tests.cli_here import run_cli_here
from tests.conftest import PASSPHRASE
from tests.core.packkit import (
    PACK_PASS,
    export,
    hub_key,
    inner_zip,
    read_inner,
    resign,
    seal_raw,
    split_pack,
)

ENV = {"EXPERTISE_PASSPHRASE": PASSPHRASE, "EXPERTISE_PACK_PASSPHRASE": PACK_PASS}


@pytest.fixture
def publisher(hub) -> PackFacade:
    """A small source hub with one attachment; its pack is trusted by `target`."""
    first = hub.entries.add("advice", {"title": "Advies triage", "body": "Eerst de hashes."})
    hub.entries.add("practice", {"title": "Werkwijze intake", "classification": "public"})
    hub.attachments.add(first.id, "bijlage.txt", data=b"bijlage bij het advies")
    return hub.packs


@pytest.fixture
def target(tmp_path, publisher):
    with Hub.create(tmp_path / "target", PASSPHRASE, kdf=KdfParams.floor()) as opened:
        packs = opened.packs
        packs.trust(publisher.publisher_fingerprint(), publisher.publisher_name())
        opened.entries.add("practice", {"title": "Eigen werkwijze", "body": "Lokaal"})
        yield packs


@pytest.fixture
def good(publisher, tmp_path):
    return export(publisher, tmp_path / "good.ekp")


def refused(
    target: PackFacade, data: bytes, tmp_path, error=IntegrityError, passphrase=PACK_PASS
) -> HubError:
    """Import `data` and prove it was refused and changed nothing."""
    path = tmp_path / "bad.ekp"
    path.write_bytes(data)
    before = target._hub.transfer.export_json()
    with pytest.raises(error) as caught:
        target.import_pack(path, passphrase)
    assert target._hub.transfer.export_json() == before
    assert str(caught.value) and "Traceback" not in str(caught.value)
    return caught.value


def test_the_good_pack_imports(target, good):
    assert len(target.import_pack(good, PACK_PASS).created) == 2


def test_wrong_passphrase(target, good, tmp_path):
    error = refused(target, good.read_bytes(), tmp_path, WrongPassphrase, "another passphrase")
    assert "passphrase" in str(error)
    env = dict(ENV, EXPERTISE_PACK_PASSPHRASE="not the pack passphrase")
    target._hub.close()
    result = run_cli_here("--hub", str(target._hub.path), "pack", "import", str(good), env=env)
    assert result.returncode == 3 and "wrong pack passphrase" in result.stderr


def test_a_flipped_byte_anywhere(target, good, tmp_path):
    data = good.read_bytes()
    for position in range(len(data)):
        flipped = bytearray(data)
        flipped[position] ^= 0x01
        with pytest.raises(IntegrityError):
            container.open_pack(bytes(flipped))
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0xFF
    assert "altered or damaged" in str(refused(target, bytes(flipped), tmp_path))


def test_a_truncated_file(target, good, tmp_path):
    data = good.read_bytes()
    for length in (0, 1, 21, 100, len(data) // 2, len(data) - 64, len(data) - 1):
        with pytest.raises(BadPack):
            container.open_pack(data[:length])
    assert "truncated" in str(refused(target, data[: len(data) - 10], tmp_path))


def test_an_unknown_publisher(target, tmp_path):
    with Hub.create(tmp_path / "stranger", PASSPHRASE, kdf=KdfParams.floor()) as other:
        other.entries.add("advice", {"title": "Onbekend advies"})
        pack = export(other.packs, tmp_path / "stranger.ekp")
    error = refused(target, pack.read_bytes(), tmp_path, UntrustedPublisher)
    assert "does not trust" in str(error)


def test_a_signature_by_a_different_key(target, good, tmp_path):
    """The publisher's pack re-signed by someone else: the key no longer matches the manifest."""
    from expertise.packs.signing import PublisherKey

    thief = PublisherKey.generate()
    data = bytearray(good.read_bytes())
    key_at = len(data) - container.TRAILER_LEN + len(container.MAGIC) + 2
    data[key_at : key_at + 32] = thief.public_key
    error = refused(target, resign(bytes(data), thief), tmp_path)
    assert "another publisher" in str(error)


def test_path_traversal_in_the_outer_zip(target, publisher, good, tmp_path):
    manifest, inner = split_pack(good)
    members = [("mimetype", container.MIMETYPE), ("manifest.json", manifest), ("../evil", b"x")]
    data = seal_raw(manifest, inner, hub_key(publisher), KdfParams.floor(), members)
    assert "unsafe path" in str(refused(target, data, tmp_path))


def test_path_traversal_in_the_contents(target, publisher, good, tmp_path):
    manifest, inner = split_pack(good)
    files = read_inner(inner) + [("attachments/../../../outside.txt", b"escape")]
    data = seal_raw(manifest, inner_zip(files), hub_key(publisher), KdfParams.floor())
    assert "unsafe path" in str(refused(target, data, tmp_path))
    absolute = read_inner(inner) + [("/etc/cron.d/x", b"escape")]
    data = seal_raw(manifest, inner_zip(absolute), hub_key(publisher), KdfParams.floor())
    assert "unsafe path" in str(refused(target, data, tmp_path))


def _lie(good, publisher, edit_manifest=None, edit_entries=None) -> bytes:
    manifest, inner = split_pack(good)
    files = dict(read_inner(inner))
    if edit_manifest:
        doc = json.loads(manifest)
        edit_manifest(doc)
        manifest = json.dumps(doc).encode()
    if edit_entries:
        doc = json.loads(files["entries.json"])
        edit_entries(doc["entries"])
        files["entries.json"] = json.dumps(doc).encode()
    return seal_raw(manifest, inner_zip(list(files.items())), hub_key(publisher), KdfParams.floor())


LIES = {
    "an extra entry": lambda m: m["entries"].append(
        {"id": "0b7c2f9e-4f7e-4d55-9a43-2f4c8c1d5e60", "revision": 1}
    ),
    "a missing entry": lambda m: m["entries"].pop(),
    "another revision": lambda m: m["entries"][0].update(revision=9),
    "a lower ceiling": lambda m: m.update(ceiling="public"),
}


@pytest.mark.parametrize("lie", sorted(LIES))
def test_a_manifest_that_lies(target, publisher, good, tmp_path, lie):
    data = _lie(good, publisher, edit_manifest=LIES[lie])
    assert "refused" in str(refused(target, data, tmp_path))


def test_contents_that_hide_people_or_attachments(target, publisher, good, tmp_path):
    def to_expert(entries):
        entries[0]["kind"] = "expert"
        entries[0]["values"] = {"title": "Verstopt persoon", "email": "iemand@example.org"}

    assert "personal data" in str(refused(target, _lie(good, publisher, None, to_expert), tmp_path))

    def drop_attachment(entries):
        for entry in entries:
            entry["attachments"] = []

    error = refused(target, _lie(good, publisher, None, drop_attachment), tmp_path)
    assert "attachments do not match" in str(error)


def test_a_newer_format(target, publisher, good, tmp_path):
    manifest, inner = split_pack(good)
    data = seal_raw(manifest, inner, hub_key(publisher), KdfParams.floor(), version=2)
    assert "newer version" in str(refused(target, data, tmp_path, NewerPackFormat))
    doc = json.loads(manifest)
    doc["format"] = 2
    newer = json.dumps(doc).encode()
    members = [("mimetype", container.MIMETYPE), ("manifest.json", newer), ("payload.bin", b"?")]
    data = seal_raw(manifest, inner, hub_key(publisher), KdfParams.floor(), members)
    assert "newer version" in str(refused(target, data, tmp_path, NewerPackFormat))


def test_not_a_pack_at_all(target, tmp_path):
    refused(target, b"PK\x03\x04" + bytes(400), tmp_path)
    refused(target, struct.pack(">I", 7) * 100, tmp_path)


@pytest.mark.parametrize("damage", ["flip", "truncate", "newer"])
def test_the_cli_exits_4_on_a_bad_pack(publisher, good, tmp_path, damage):
    data = bytearray(good.read_bytes())
    if damage == "flip":
        data[200] ^= 0x40
    elif damage == "truncate":
        data = data[:-30]
    else:
        data[-container.TRAILER_LEN + len(container.MAGIC) + 1] = 9
    bad = tmp_path / "bad.ekp"
    bad.write_bytes(bytes(data))
    folder = publisher._hub.path
    publisher._hub.close()
    result = run_cli_here("--hub", str(folder), "pack", "import", str(bad), env=ENV)
    assert result.returncode == 4, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.startswith("error: ")
