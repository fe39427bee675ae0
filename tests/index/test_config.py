"""The index learns the classification levels from its owner, and fails closed without them."""

from __future__ import annotations

from pathlib import Path

from index import SearchIndex
from index.config import IndexConfig
from tests.index.conftest import CONFIG, GcmCipher, doc, ids


def test_an_unknown_level_is_stored_as_the_most_restrictive() -> None:
    assert CONFIG.classification_of("PUBLIC") == "public"
    assert CONFIG.classification_of("") == "internal"
    assert CONFIG.classification_of("geheim") == "confidential"


def test_a_ceiling_allows_its_level_and_those_below() -> None:
    assert CONFIG.allowed_levels("internal") == ("public", "internal")
    assert CONFIG.allowed_levels("bogus") == ("public",)


def test_an_index_without_levels_shows_nothing_under_a_ceiling(
    folder: Path, cipher: GcmCipher
) -> None:
    ix = SearchIndex(folder, cipher)
    try:
        ix.update([doc("a", "Grooming werkwijze", classification="public")])
        assert ids(ix.search("grooming")) == ["a"]
        assert ids(ix.search("grooming", max_classification="confidential")) == []
    finally:
        ix.close()


def test_value_aliases_come_from_the_config(folder: Path, cipher: GcmCipher) -> None:
    config = IndexConfig(value_aliases={"kind": {"werkwijze": "practice"}})
    ix = SearchIndex(folder, cipher, config=config)
    try:
        ix.update([doc("p", "Camera bij verhoor", kind="practice")])
        assert ids(ix.search("kind:werkwijze")) == ["p"]
        assert ids(ix.search("kind:praktijk")) == []  # not an alias in this config
    finally:
        ix.close()
