"""`expertise pack import|inspect`: downgrades, deleted entries and untrusted packs on the CLI."""

from __future__ import annotations

import json
from unittest import mock

import pytest

from expertise.hub import Hub
from expertise.packs import UntrustedPublisher
from expertise.packs import format as container
from expertise.packs.errors import BadPack
from expertise.packs.signing import PublisherKey
from tests.cli_here import run_cli_here
from tests.conftest import PASSPHRASE
from tests.core.packkit import PACK_PASS, craft
from tests.core.packmerge import advice, partner

ENTRY = "5d0c7a1e-2b8f-4c7e-8f1a-3e9b6c2d4a10"
ENV = {"EXPERTISE_PASSPHRASE": PASSPHRASE, "EXPERTISE_PACK_PASSPHRASE": PACK_PASS}
PUBLISHER = "Partnerorganisatie Zuid (proef)"


def _cli(hub_path, *args: str) -> tuple[int, str]:
    done = run_cli_here("--hub", str(hub_path), "pack", *args, env=ENV)
    return done.returncode, done.stdout + done.stderr


def _classification(hub_path) -> str:
    shown = run_cli_here("--hub", str(hub_path), "show", ENTRY, "--json", env=ENV)
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout)["classification"]


def test_cli_lists_a_downgrade_and_needs_the_flag(hub: Hub, tmp_path):
    packs = hub.packs
    key = partner(packs, PUBLISHER)
    first = advice(ENTRY, 1, classification="confidential")
    packs.import_pack(craft(tmp_path / "1.ekp", key, PUBLISHER, [first]), PACK_PASS)
    lower = craft(tmp_path / "2.ekp", key, PUBLISHER, [advice(ENTRY, 2, classification="public")])
    hub.close()

    code, out = _cli(hub.path, "import", str(lower), "--dry-run")
    assert code == 0 and f"lower classification {ENTRY}" in out, out
    assert "confidential -> public" in out and "--accept-downgrade" in out
    code, out = _cli(hub.path, "import", str(lower))
    assert code == 0 and "refused" in out, out
    assert _classification(hub.path) == "confidential"
    code, out = _cli(hub.path, "import", str(lower), "--accept-downgrade", ENTRY)
    assert code == 0, out
    assert _classification(hub.path) == "public"


def test_cli_skips_a_deleted_entry_and_restores_on_request(hub: Hub, tmp_path):
    packs = hub.packs
    key = partner(packs, PUBLISHER)
    pack = craft(tmp_path / "1.ekp", key, PUBLISHER, [advice(ENTRY, 1)])
    packs.import_pack(pack, PACK_PASS)
    hub.entries.delete(ENTRY)
    hub.close()

    code, out = _cli(hub.path, "import", str(pack))
    assert code == 0 and f"deleted locally, skipped: {ENTRY}" in out, out
    assert run_cli_here("--hub", str(hub.path), "show", ENTRY, env=ENV).returncode != 0
    code, out = _cli(hub.path, "import", str(pack), "--restore", ENTRY)
    assert code == 0 and "restored" in out, out
    assert _classification(hub.path) == "internal"


def test_cli_inspect_reads_nothing_of_an_untrusted_pack_without_the_flag(hub: Hub, tmp_path):
    key = PublisherKey.generate()
    pack = craft(tmp_path / "p.ekp", key, PUBLISHER, [advice(ENTRY, 1)])
    hub.close()

    code, out = _cli(hub.path, "inspect", str(pack))
    assert code == 0, out
    assert container.open_pack(pack.read_bytes()).fingerprint[:4].upper() in out
    assert PUBLISHER not in out and "plan:" not in out and "--untrusted-ok" in out
    code, out = _cli(hub.path, "inspect", str(pack), "--untrusted-ok")
    assert code == 0 and PUBLISHER in out and "plan: 1 add" in out, out


def _signed_garbage(key: PublisherKey) -> bytes:
    """A pack whose signature is valid but whose manifest is not even JSON."""
    unsigned = container._container(b"{ not json", b"\x00" * 64, key.public_key)
    return container.sign_container(unsigned, key)


def test_inspect_parses_and_decrypts_nothing_from_an_untrusted_publisher(hub: Hub, tmp_path):
    packs = hub.packs
    garbage = tmp_path / "g.ekp"
    garbage.write_bytes(_signed_garbage(PublisherKey.generate()))
    header = packs.header(garbage)
    assert not header.trusted and header.format_version == 1
    with mock.patch.object(container, "decrypt", side_effect=AssertionError("decrypted")):
        with pytest.raises(UntrustedPublisher, match="not read"):
            packs.inspect(garbage, PACK_PASS)
    with pytest.raises(BadPack):
        packs.inspect(garbage, untrusted_ok=True)

    key = partner(packs, PUBLISHER)
    good = craft(tmp_path / "t.ekp", key, PUBLISHER, [advice(ENTRY, 1)])
    assert packs.inspect(good, PACK_PASS).plan.counts()["add"] == 1
