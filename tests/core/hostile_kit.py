"""What the hostile corpus tests share: the cases, the CLI in this process, one KDF per hub.

The corpus is tested in two files so that pytest-xdist (`--dist loadfile`) can run them on
two workers: tests/core/test_hostile_corpus.py (imports, the app, every export, a pack)
and tests/core/test_hostile_manifests.py (hostile pack manifests).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from expertise.kdf import KdfParams
from tests.cli_here import run_cli_here

CORPUS = Path(__file__).resolve().parents[1] / "hostile_corpus"
FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".csv", ".json"))
NOTES = [p for p in FILES if p.suffix in (".md", ".csv")]
ACCEPTED = [p for p in NOTES if not p.name.startswith("refuse-")]
MANIFESTS = [p for p in FILES if p.suffix == ".json"]


def ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


@dataclass
class Ran:
    code: int
    out: str
    err: str


def cli(hub: Path, secret_file: Path, *args: str) -> Ran:
    """`expertise --hub HUB --passphrase-file FILE ARGS` through main(argv) in this process."""
    done = run_cli_here("--hub", str(hub), "--passphrase-file", str(secret_file), *args)
    return Ran(done.returncode, done.stdout, done.stderr)


def assert_one_line_refusal(ran: Ran, name: str) -> None:
    assert ran.code != 0
    lines = ran.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), ran.err
    assert name in lines[0] or "pack" in lines[0], lines[0]
    assert "Traceback" not in ran.err + ran.out


@contextlib.contextmanager
def kek_once_per_hub() -> Iterator[None]:
    """Each hub's Argon2id runs once; its later unlocks reuse the key-encryption key.

    These modules unlock the same few floor-KDF hubs some 150 times (one CLI run per corpus
    file, three per manifest case); what they check is content, not the KDF (tested in
    tests/core/test_kdf.py and test_vault.py). The first derivation per passphrase and
    parameters is real, the floor is checked on every unlock, and the unwrap of the master
    key with that key-encryption key stays real, so a wrong passphrase still fails.
    """
    from expertise import kdf

    known: dict[tuple[str, KdfParams], bytes] = {}

    def derive(passphrase: str, params: KdfParams) -> bytearray:
        kdf.check_floor(params)
        if (passphrase, params) not in known:
            known[(passphrase, params)] = bytes(kdf.derive_kek(passphrase, params))
        return bytearray(known[(passphrase, params)])  # the vault wipes its copy

    with mock.patch("expertise.vault.derive_kek", derive):
        yield
