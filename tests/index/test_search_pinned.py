"""What searches answer is pinned: speed work must not change a hit, score, snippet or facet.

A generated corpus (bench/corpus.py, 400 entries, fixed seed) is indexed for real
(encrypted, Whoosh) and the bench's query mix is run with a kind or filter, a
second page and a date sort. The answers were recorded before the per-search
work was cut (issue 14) in ``fixtures/pinned_search.json``; any change to
totals, the order of the top 20, their scores (to 6 places), the first snippets, facets
or the "did you mean" fails here. Regenerate only for an intended change of
results: ``python -m tests.index.test_search_pinned``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from index import SearchIndex
from tests.index.conftest import GcmCipher

PINNED = Path(__file__).parent / "fixtures" / "pinned_search.json"
SIZE = 400
PER_CLASS = 12
SNIPPETS = 6  # per search: enough to pin the highlighting, a smaller file


def _records() -> Iterator[dict[str, object]]:
    from bench.corpus import Corpus

    corpus = Corpus(SIZE, 42)
    for i, record in enumerate(corpus.records()):
        values = record.values
        org = values.get("organisation") or values.get("owner_org")
        yield {
            **{k: v for k, v in values.items() if k in ("id", "title", "summary", "body")},
            "kind": record.kind,
            "tags": values["tags"],
            "themes": values["themes"],
            "expertise": values.get("expertise", []),
            "organisation": corpus.title_by_id(str(org)) if org else "",
            "language": values["language"],
            "classification": values["classification"],
            "updated": datetime(2024, 1, 1) + timedelta(hours=(i * 7919) % 5000),
            "revision": 1,
        }


def _searches() -> Iterator[tuple[str, dict[str, Any]]]:
    from bench.corpus import Corpus
    from bench.queries import query_mix

    for n, q in enumerate(query_mix(Corpus(SIZE, 42), PER_CLASS)):
        options: dict[str, Any] = {"kind": q.kind, "filters": q.filters or None}
        yield q.hub, options
        if n % 5 == 0:
            yield q.hub, {**options, "page": 2}
        if n % 7 == 0:
            yield q.hub, {**options, "sort": "date"}
    for text in (
        "politie NOT chat",
        "slachtofferidentficatie",
        "kind:advice beeld*",
        "title:lobota",
        "grooming",
        "(sporen OR beelden) AND regio",
    ):
        yield text, {}
    yield "", {"limit": 10}
    yield "*", {"kind": "expert"}


def answers(ix: SearchIndex) -> list[dict[str, Any]]:
    out = []
    for text, options in _searches():
        result = ix.search(text, **options)
        out.append(
            {
                "query": text,
                "options": {k: v for k, v in options.items() if v is not None},
                "total": result.total,
                "hits": [[h.id, h.kind, h.title, round(h.score, 6)] for h in result.hits],
                "snippets": [h.snippet for h in result.hits[:SNIPPETS]],
                "facets": {name: [list(p) for p in pairs] for name, pairs in result.facets.items()},
                "suggestion": result.suggestion,
                "error": result.error,
            }
        )
    return out


def _index(folder: Path) -> SearchIndex:
    from expertise.fields.search import index_config

    synonyms = {"grooming": ["online lokken"]}
    ix = SearchIndex(folder, GcmCipher(), synonyms=synonyms, config=index_config())
    ix.update(list(_records()), meta={"change_seq": 1})
    return ix


@pytest.fixture(scope="module")
def pinned_ix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    ix = _index(tmp_path_factory.mktemp("pinned") / "index")
    yield ix
    ix.close()


def test_answers_are_the_pinned_ones(pinned_ix: SearchIndex) -> None:
    expected = json.loads(PINNED.read_text())
    got = json.loads(json.dumps(answers(pinned_ix)))  # tuples as lists, like the file
    assert len(got) == len(expected)
    for want, have in zip(expected, got, strict=True):
        assert have == want, f"{want['query']!r} {want['options']}"


def test_answers_do_not_depend_on_what_was_searched_before(pinned_ix: SearchIndex) -> None:
    # caches (parser, stored records, snippets, postings) must not leak between searches
    first = answers(pinned_ix)
    assert answers(pinned_ix) == first


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        index = _index(Path(tmp) / "index")
        PINNED.write_text(json.dumps(answers(index), ensure_ascii=False, indent=0) + "\n")
        index.close()
    sys.exit(0)
