"""Fixtures for the search package: a real AES-GCM cipher and a small corpus."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from index import SearchIndex
from index.config import IndexConfig

SYNONYMS = {
    "grooming": ["online lokken"],
    "sextortion": ["afpersing", "seksuele afpersing"],
}

# What the core hands in (expertise/fields/search.py), written out: the index is tested alone.
CONFIG = IndexConfig(
    work_kinds=("advice", "innovation", "practice"),
    classifications=("public", "internal", "confidential"),
    default_classification="internal",
    value_aliases={
        "kind": {"advies": "advice", "praktijk": "practice", "organisatie": "organisation"},
        "classification": {"openbaar": "public", "intern": "internal"},
        "language": {"nederlands": "nl", "engels": "en"},
    },
)


class GcmCipher:
    """AES-256-GCM with a random 96-bit nonce per message (what the vault injects)."""

    def __init__(self, key: bytes | None = None) -> None:
        self._aes = AESGCM(key or AESGCM.generate_key(bit_length=256))

    def encrypt(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aes.encrypt(nonce, plaintext, aad)

    def decrypt(self, blob: bytes | memoryview, aad: bytes) -> bytes:
        return self._aes.decrypt(bytes(blob[:12]), blob[12:], aad)


def doc(doc_id: str, title: str, body: str = "", **fields: object) -> dict[str, object]:
    record: dict[str, object] = {
        "id": doc_id,
        "kind": "advice",
        "title": title,
        "body": body,
        "language": "nl",
        "classification": "internal",
        "updated": datetime(2024, 1, 1),
        "revision": 1,
    }
    record.update(fields)
    return record


CORPUS: list[dict[str, object]] = [
    doc(
        "nl-ident",
        "Slachtofferidentificatie in beeldmateriaal",
        "Bij het onderzoeken van beelden helpt de politie kinderen te identificeren.",
        tags=["identificatie", "beeld"],
        themes=["victim_identification"],
        organisation="Politie",
        people=["exp-anna"],
        updated=datetime(2023, 5, 1),
    ),
    doc(
        "nl-camera",
        "Gebruik van de videokamera bij verhoren",
        "De videokamera legt het verhoor van minderjarigen vast. Financiële middelen zijn beperkt.",
        kind="practice",
        tags=["verhoor"],
        organisation="Openbaar Ministerie",
        updated=datetime(2024, 3, 1),
    ),
    doc(
        "nl-lokken",
        "Online lokken van minderjarigen",
        "Daders benaderen kinderen via chat en games. "
        "Het onderzoek richt zich op de chatgesprekken.",
        tags=["chat"],
        themes=["grooming"],
        organisation="Politie",
        people=["exp-anna"],
        updated=datetime(2024, 6, 1),
    ),
    doc(
        "en-grooming",
        "Grooming detection on social platforms",
        "Investigators were investigating how offenders groom victims. "
        "Platforms reported accounts.",
        kind="innovation",
        language="en",
        tags=["grooming", "platforms"],
        themes=["grooming"],
        organisation="Europol",
        classification="public",
        people=["exp-bob"],
        updated=datetime(2024, 2, 1),
    ),
    doc(
        "en-sextortion",
        "Sextortion of teenagers",
        "Sextortion cases rose sharply; victims were threatened with images.",
        kind="practice",
        language="en",
        tags=["sextortion"],
        organisation="Europol",
        classification="confidential",
        people=["exp-bob"],
        updated=datetime(2022, 1, 1),
    ),
    doc(
        "nl-afpersing",
        "Afpersing met naaktbeelden",
        "Seksuele afpersing van jongeren neemt toe; aangifte doen helpt.",
        tags=["afpersing"],
        organisation="Politie",
        updated=datetime(2021, 1, 1),
    ),
    doc(
        "nl-toerisme",
        "Kindersekstoerisme in Zuidoost-Azie",
        "Samenwerking met Interpol bij het opsporen van reizende daders.",
        kind="innovation",
        themes=["child_sex_tourism"],
        organisation="Interpol",
        updated=datetime(2020, 1, 1),
    ),
    doc(
        "exp-anna",
        "Anna de Vries",
        "Rechercheur met ervaring in slachtofferidentificatie.",
        kind="expert",
        expertise=["slachtofferidentificatie", "digitale forensische opsporing"],
        organisation="Politie",
    ),
    doc(
        "exp-bob",
        "Bob Smith",
        "Analyst working on online child protection.",
        kind="expert",
        language="en",
        expertise=["grooming", "sextortion"],
        organisation="Europol",
    ),
    doc(
        "org-europol",
        "Europol",
        "Het Europese politiebureau.",
        kind="organisation",
        classification="public",
    ),
]


@pytest.fixture
def cipher() -> GcmCipher:
    return GcmCipher()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "hub" / "index"


@pytest.fixture
def empty_index(folder: Path, cipher: GcmCipher) -> Iterator[SearchIndex]:
    ix = SearchIndex(folder, cipher, synonyms=SYNONYMS, config=CONFIG)
    yield ix
    ix.close()


@pytest.fixture
def ix(empty_index: SearchIndex) -> SearchIndex:
    empty_index.update(CORPUS, meta={"change_seq": 1})
    return empty_index


def ids(results: object) -> list[str]:
    return [hit.id for hit in results.hits]  # type: ignore[attr-defined]


def file_holds(path: Path, marker: str) -> bool:
    try:
        data = path.read_bytes()
    except OSError:  # other processes' temp files come and go during a scan
        return False
    return any(marker.encode(enc) in data for enc in ("utf-8", "utf-16-le", "utf-16-be"))


def files_holding(root: Path, marker: str) -> list[Path]:
    if not root.exists():
        return []
    return [p for p in root.rglob("*") if p.is_file() and file_holds(p, marker)]
