"""The bulk writer's fast paths give what Whoosh's own analysis and writer give.

- Analysis: each field's fast path (index/analysis.py, index/whoosh_writer.py)
  yields the terms, frequencies, weights, positions and lengths of the
  analyzer chain Whoosh runs (``field.index``: a Token per word through the
  analyzer, then the field's format), on text chosen to be awkward.
- Postings: a segment written by ``BulkWriter`` is byte for byte the segment
  Whoosh's ``SegmentWriter`` writes from the same documents, and indexes
  built either way answer every class of query alike.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from whoosh.codec.whoosh3 import W3Codec
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from index import SearchIndex
from index.analysis import WeightedText, edge_analyzer, plain_analyzer, text_analyzer
from index.schema import to_document
from index.storage.layout import SCHEMA, start_empty
from index.storage.memstore import MemoryStorage
from index.whoosh_internals import committed_segments
from index.whoosh_writer import BULK_COMPRESSION, BulkWriter
from index.write import segments
from tests.index.conftest import CONFIG, CORPUS, GcmCipher, doc

WORDS = (
    "kinderen kinder eieren steden identificaties financiële café's naïeve coöperatie "
    "ÉÉN Ærø straße slachtofferidentificatie beeldmateriaal videokamera's the of and de het "
    "een investigating investigators groomed grooming platforms e.g. v1.2.3 a.b.c 2024 "
    "3,14 1e6 x _ under_score ﬁnance İstanbul ΟΔΟΣ Ωμέγα 東京 naïve résumé don't o'neill"
).split()
ODD_TEXTS = [
    "",
    " ",
    "...",
    "de het een the of",  # stop words only
    "a " * 5,  # one-letter words
    "x" * 41 + " " + "y" * 40 + " " + "z" * 20 + " " + "w" * 21,  # around MAX_TOKEN, EDGE_MAX
    "Kinderen, KINDEREN; kinderen! Kinder-opvang (kinderopvang) kinder_opvang",
    "Financiële\u00a0café's\tnaïeve\ncoöperatie — «quotes» “curly” 'single'",
    "v1.2.3 e.g. a.b.c. 192.168.0.1 3,14 1e6 10:30 #tag @user",
    "ﬁnance Straße İstanbul ΟΔΟΣ ΣΟΦΟΣ 東京都 ١٢٣ ½ ²",
    "herhaald " * 300 + "einde",  # positions past 255 and long position lists
]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _docs(count: int, seed: int = 7) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    yield from CORPUS
    for i, odd in enumerate(ODD_TEXTS):
        yield doc(f"odd{i}", odd or "x", odd, summary=odd, tags=[odd] if odd.strip() else [])
    for i in range(count):
        yield doc(
            f"gen{i}",
            _text(rng, rng.randint(1, 12)),
            _text(rng, rng.randint(0, 400)),
            summary=_text(rng, rng.randint(0, 20)),
            tags=[_text(rng, 2) for _ in range(rng.randint(0, 3))],
            themes=rng.sample(["grooming", "victim_identification", "child_sex_tourism"], 1),
            expertise=[_text(rng, 2)] if i % 3 else [],
            organisation=rng.choice(["", "Politie", "Openbaar Ministerie", "Europol"]),
            people=[f"exp-{rng.randint(0, 9)}"],
            language=rng.choice(["nl", "en"]),
            kind=rng.choice(["advice", "practice", "innovation"]),
            classification=rng.choice(["public", "internal", "confidential"]),
            revision=rng.randint(1, 400),
            updated=datetime(2020, 1, 1 + i % 28, i % 24),
        )


# -- analysis -----------------------------------------------------------------------
def _whoosh(field: Any, value: Any) -> list[tuple[bytes, int, float, bytes]]:
    return sorted(field.index(value))


def _fast(field: Any, value: Any) -> list[tuple[bytes, int, float, bytes]]:
    writer_plan = BulkWriter.__dict__["_analyse"]  # the writer's own dispatch
    terms, weights, values, _ = writer_plan(_Plans(), "f", field, value)
    whoosh_freqs = {t: f for t, f, _, _ in field.index(value)}
    out = []
    for term, weight, value_bytes in zip(terms, weights, values, strict=True):
        tb = term.encode("utf-8") if isinstance(term, str) else term
        out.append((tb, whoosh_freqs.get(tb, -1), weight, value_bytes))
    return sorted(out)


class _Plans:
    """Just what ``BulkWriter._analyse`` reads of its writer."""

    def __init__(self) -> None:
        self._plans: dict[str, Any] = {}
        self._memo: dict[Any, Any] = {}

    def _memo_items(self, field: Any, value: Any) -> Any:
        return BulkWriter._memo_items(self, field, value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "analyzer",
    [text_analyzer("nl"), text_analyzer("en"), plain_analyzer(), edge_analyzer()],
    ids=["nl", "en", "plain", "edge"],
)
@pytest.mark.parametrize("phrase", [True, False], ids=["positions", "frequency"])
def test_fast_analysis_matches_the_analyzer_chain(analyzer: Any, phrase: bool) -> None:
    from whoosh.fields import TEXT

    field = TEXT(analyzer=analyzer, phrase=phrase)
    rng = random.Random(3)
    texts = [*ODD_TEXTS, *(_text(rng, rng.randint(1, 300)) for _ in range(40))]
    for text in texts:
        assert _fast(field, text) == _whoosh(field, text), text[:60]
        parts = WeightedText(((text, 2.0), ("", 1.0), (texts[3], 1.0), (text[:50], 0.5)))
        assert _fast(field, parts) == _whoosh(field, parts), text[:60]
        uneven = WeightedText(((text, 0.3), (text[:80], 1.7)))  # sums that round
        assert _fast(field, uneven) == _whoosh(field, uneven), text[:60]


def test_every_schema_field_of_real_documents_matches_whoosh() -> None:
    checked = 0
    for record in _docs(60):
        for name, value in to_document(record, CONFIG).items():
            field = SCHEMA[name]
            if field.indexed and value is not None:
                assert _fast(field, value) == _whoosh(field, value), name
                checked += 1
    assert checked > 1000


def test_field_lengths_are_the_frequency_sums() -> None:
    field = SCHEMA["all_nl"]
    value = to_document(doc("l", "Titel kinderen", "de kinderen " * 40), CONFIG)["all_nl"]
    _, _, _, length = BulkWriter.__dict__["_analyse"](_Plans(), "all_nl", field, value)
    assert length == sum(f for _, f, _, _ in field.index(value)) == 42  # "de" is a stop word


def test_length_bytes_round_trip() -> None:
    # the writer keeps length bytes where Whoosh reads lengths back and re-encodes them
    assert all(length_to_byte(byte_to_length(b)) == b for b in range(256))


# -- postings -----------------------------------------------------------------------
def _segment_files(writer_class: type, docs: list[dict[str, Any]]) -> dict[str, Any]:
    storage = MemoryStorage()
    ix = start_empty(storage, 0)
    writer = writer_class(ix, codec=W3Codec(compression=BULK_COMPRESSION), compound=False)
    for document in docs:
        writer.add_document(**document)
    writer.commit(merge=False)
    (segment,) = committed_segments(ix)
    sid = segment.segment_id()
    files: dict[str, Any] = {
        n.replace(sid, "S"): storage.read_bytes(n) for n in storage.list() if sid in n
    }
    files["field totals"] = dict(segment._fieldlengths)  # in the TOC, for BM25's averages
    files["doc count"] = segment.doc_count_all()
    return files


def test_a_bulk_written_segment_is_byte_for_byte_whooshs() -> None:
    docs = [to_document(r, CONFIG) for r in _docs(400)]
    ours, whooshs = _segment_files(BulkWriter, docs), _segment_files(SegmentWriter, docs)
    assert {".pst", ".trm"} <= {name[name.rindex(".") :] for name in ours if "." in name}
    assert sorted(ours) == sorted(whooshs)
    for name, data in whooshs.items():
        assert ours[name] == data, name


class _WhooshWriter(SegmentWriter):  # type: ignore[misc]
    """Whoosh's own writer with the bulk writer's codec and layout: the reference."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        kwargs.setdefault("codec", W3Codec(compression=BULK_COMPRESSION))
        kwargs.setdefault("compound", False)
        super().__init__(ix, **kwargs)


QUERIES = [
    "kinderen",  # term (stemmed, plural)
    "financiele",  # folded accents
    "kinderen identificaties",  # and
    '"videokamera beeldmateriaal"',  # phrase
    '"herhaald herhaald einde"',  # phrase at long position lists
    "slachtoffer*",  # prefix
    "investigat*",
    "grroming~",  # fuzzy
    "kinderren~",
    "kind:practice",  # facet
    "organisation:Politie kinderen",
    "tags:chat",
    "beeldmateriaal OR platforms",
]


def _answers(ix: SearchIndex) -> list[Any]:
    found: list[Any] = []
    for q in QUERIES:
        res = ix.search(q, limit=500)
        found.append((q, res.total, [(h.id, round(h.score, 9)) for h in res.hits]))
        found.append({name: sorted(counts) for name, counts in res.facets.items()})
    found.append([(t.id, t.title) for t in ix.suggest_titles("slacht")])
    found.append([(t.id, t.title) for t in ix.suggest_titles("vid beel")])
    found.append([ix.stored_fields(n) for n in range(ix.doc_count())])
    return found


def test_indexes_built_either_way_answer_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cipher = GcmCipher()
    records = list(_docs(300))
    answers = []
    for name, writer in (("whoosh", _WhooshWriter), ("bulk", BulkWriter)):
        monkeypatch.setattr(segments, "BulkWriter", writer)
        ix = SearchIndex(tmp_path / name, cipher, config=CONFIG)
        try:
            assert ix.rebuild(records)
            answers.append(_answers(ix))
        finally:
            ix.close()
    assert answers[0][0][1] > 0 and len(answers[0][-1]) == len(records)
    assert answers[0] == answers[1]


def test_markdown_rules_skipped_without_their_marker_change_nothing() -> None:
    from index.analysis import _MD_RULES, markdown_to_text

    def every_rule(md: str) -> str:
        for pattern, repl, _needle in _MD_RULES:
            md = pattern.sub(repl, md)
        return md.strip()

    samples = [
        *ODD_TEXTS,
        "# Kop\n\n- punt *nadruk* `code` ~~weg~~ | tabel |\n> citaat\n1. een",
        "![alt tekst](img.png) en [label](http://x) en [[Wiki|toon]] en [[Kaal]] <b>vet</b>",
        "```\ncode blok\n``` na de code ```open",
        "[niet](dicht en ![half] en [[half en <geen tag en a<b>c",
        "geen opmaak, gewoon tekst.",
    ]
    for md in samples:
        assert markdown_to_text(md) == every_rule(md), md
