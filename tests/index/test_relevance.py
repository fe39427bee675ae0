"""Relevance on a small Dutch/English corpus: forms, compounds, synonyms, syntax, facets."""

from __future__ import annotations

import pytest

from index import SearchIndex
from tests.index.conftest import doc, ids


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind", "nl-lokken"),  # kinderen (irregular plural)
        ("onderzoek", "nl-ident"),  # onderzoeken
        ("beeld", "nl-ident"),  # beelden
        ("financiele", "nl-camera"),  # financiële, accents folded
        ("FINANCIËLE", "nl-camera"),
        ("minderjarige", "nl-camera"),
    ],
)
def test_inflected_dutch_forms_match(ix: SearchIndex, query: str, expected: str) -> None:
    assert expected in ids(ix.search(query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("investigation", "en-grooming"),  # investigators / investigating
        ("investigate", "en-grooming"),
        ("victim", "en-sextortion"),  # victims
        ("threaten", "en-sextortion"),  # threatened
        ("platform", "en-grooming"),  # platforms
        ("report", "en-grooming"),  # reported
    ],
)
def test_english_plurals_and_verb_forms_match(ix: SearchIndex, query: str, expected: str) -> None:
    assert expected in ids(ix.search(query))


def test_a_query_is_analysed_for_both_languages(ix: SearchIndex) -> None:
    found = ids(ix.search("grooming"))
    assert "en-grooming" in found and "nl-lokken" in found


@pytest.mark.parametrize(
    ("query", "compound"),
    [
        ("identificatie", "nl-ident"),  # slachtofferidentificatie
        ("kamera", "nl-camera"),  # videokamera
        ("videokamera", "nl-camera"),
        ("toerisme", "nl-toerisme"),  # kindersekstoerisme
        ("gesprekken", "nl-lokken"),  # chatgesprekken
    ],
)
def test_dutch_compound_parts_find_the_compound(
    ix: SearchIndex, query: str, compound: str | None
) -> None:
    found = ids(ix.search(query))
    if compound:
        assert compound in found


def test_kamera_finds_videokamera_and_ranks_the_exact_word_first(ix: SearchIndex) -> None:
    assert ids(ix.search("kamera")) == ["nl-camera"]  # videokamera
    ix.update([{"id": "kamera-1", "title": "Kamera", "body": "De kamera.", "language": "nl"}])
    assert ids(ix.search("kamera")) == ["kamera-1", "nl-camera"]
    assert ids(ix.search("camera")) == []  # spelled with a c: not a part of videokamera


def test_compound_hits_are_highlighted(ix: SearchIndex) -> None:
    hit = next(h for h in ix.search("identificatie").hits if h.id == "exp-anna")
    assert "<mark>slachtofferidentificatie</mark>" in hit.snippet


def test_synonyms_expand_both_ways(ix: SearchIndex) -> None:
    assert "nl-lokken" in ids(ix.search("grooming"))
    assert "en-grooming" in ids(ix.search("online lokken"))
    assert "nl-afpersing" in ids(ix.search("sextortion"))
    assert "en-sextortion" in ids(ix.search("afpersing"))


def test_the_word_typed_outranks_its_synonym(ix: SearchIndex) -> None:
    assert ids(ix.search("sextortion"))[0] == "en-sextortion"
    assert ids(ix.search("afpersing"))[0] == "nl-afpersing"


def test_set_synonyms_replaces_the_thesaurus(ix: SearchIndex) -> None:
    assert "en-grooming" in ids(ix.search("online lokken"))
    ix.set_synonyms({})
    assert "en-grooming" not in ids(ix.search("online lokken"))
    ix.set_synonyms({"chat": ["grooming"]})
    assert "en-grooming" in ids(ix.search("chat"))


def test_one_letter_typo_gives_a_suggestion_and_fuzzy_finds_it(ix: SearchIndex) -> None:
    typo = ix.search("sextorsion")
    assert typo.total == 0
    assert typo.suggestion == "sextortion"
    assert "en-sextortion" in ids(ix.search(typo.suggestion))
    assert "en-sextortion" in ids(ix.search("sextorsion~"))
    assert "nl-ident" in ids(ix.search("slachtoferidentificatie~"))


def test_the_suggestion_is_the_nearest_word_then_the_most_frequent(
    empty_index: SearchIndex,
) -> None:
    rare = [doc("one", "Verslag", "verslag van de zitting")]
    common = [doc(f"n{i}", f"Verslagen {i}", "verslagen van de zitting") for i in range(5)]
    empty_index.update(rare + common)
    # one edit from "verslag", two from the five times more frequent "verslagen"
    assert empty_index.search("verslagx").suggestion == "verslag"
    empty_index.update([doc(f"m{i}", f"Verslas {i}", "verslas") for i in range(2)])
    # equally near ("verslag", "verslas"): the more frequent wins
    assert empty_index.search("verslaq").suggestion == "verslas"


def test_no_suggestion_when_the_words_are_known(ix: SearchIndex) -> None:
    assert ix.search("investigation").suggestion is None


def test_fielded_filters(ix: SearchIndex) -> None:
    assert ids(ix.search("tag:grooming")) == ["en-grooming"]
    assert set(ids(ix.search("kind:practice"))) == {"nl-camera", "en-sextortion"}
    assert set(ids(ix.search("kind:praktijk"))) == {"nl-camera", "en-sextortion"}
    assert set(ids(ix.search("theme:grooming"))) == {"en-grooming", "nl-lokken"}
    assert set(ids(ix.search("org:europol"))) == {"en-grooming", "en-sextortion", "exp-bob"}
    assert ids(ix.search("class:public title:grooming")) == ["en-grooming"]
    assert "nl-camera" in ids(ix.search("title:videokamera"))
    assert "nl-lokken" not in ids(ix.search("title:chat"))


def test_boolean_operators(ix: SearchIndex) -> None:
    both = set(ids(ix.search("grooming OR afpersing")))
    assert {"en-grooming", "nl-afpersing"} <= both
    assert "nl-lokken" not in ids(ix.search("kinderen NOT chat"))
    assert "nl-lokken" not in ids(ix.search("kinderen NIET chat"))
    assert ids(ix.search("videokamera AND verhoor")) == ["nl-camera"]


def test_phrase_queries(ix: SearchIndex) -> None:
    assert ids(ix.search('"seksuele afpersing"'))[0] == "nl-afpersing"
    assert "nl-afpersing" not in ids(ix.search('"afpersing seksuele"'))


def test_prefix_queries(ix: SearchIndex) -> None:
    assert "nl-ident" in ids(ix.search("slachtoffer*"))
    assert "en-grooming" in ids(ix.search("investig*"))


def test_facet_counts(ix: SearchIndex) -> None:
    res = ix.search("*")
    assert res.total == 10
    assert dict(res.facets["kind"]) == {
        "advice": 3,
        "practice": 2,
        "innovation": 2,
        "expert": 2,
        "organisation": 1,
    }
    assert dict(res.facets["organisation"])["Politie"] == 4
    assert dict(res.facets["themes"])["grooming"] == 2
    assert dict(res.facets["classification"]) == {"internal": 7, "public": 2, "confidential": 1}
    grooming = ix.search("grooming")
    assert grooming.total == len(grooming.hits)
    assert sum(n for _, n in grooming.facets["kind"]) == grooming.total
    assert dict(grooming.facets["tags"])["grooming"] == 1
    # most frequent first, equal counts alphabetically
    assert res.facets["kind"] == [
        ("advice", 3),
        ("expert", 2),
        ("innovation", 2),
        ("practice", 2),
        ("organisation", 1),
    ]


def test_filters_kind_and_classification_ceiling(ix: SearchIndex) -> None:
    assert set(ids(ix.search("*", kind="expert"))) == {"exp-anna", "exp-bob"}
    assert ids(ix.search("*", filters={"tags": "Sextortion"})) == ["en-sextortion"]
    assert ids(ix.search("*", filters={"organisation": "Interpol"})) == ["nl-toerisme"]
    assert "en-sextortion" not in ids(ix.search("sextortion", max_classification="internal"))
    public = ix.search("*", max_classification="public")
    assert set(ids(public)) == {"en-grooming", "org-europol"}
    assert ix.search("*", max_classification="bogus").total == 2  # unknown ceiling fails closed
    with pytest.raises(ValueError):
        ix.search("x", filters={"nonsense": "x"})


def test_sort_by_date_and_paging(ix: SearchIndex) -> None:
    dated = ids(ix.search("kind:advice OR kind:innovation", sort="date", limit=50))
    assert dated[:3] == ["nl-lokken", "en-grooming", "nl-ident"]
    first = ix.search("*", limit=4, page=1, sort="date")
    second = ix.search("*", limit=4, page=2, sort="date")
    third = ix.search("*", limit=4, page=3, sort="date")
    assert first.total == second.total == 10
    pages = ids(first) + ids(second) + ids(third)
    assert len(pages) == 10 and len(set(pages)) == 10
    assert ix.search("*", limit=4, page=9).hits == []


def test_snippets_are_escaped_before_highlighting(ix: SearchIndex) -> None:
    ix.update(
        [
            {
                "id": "hostile",
                "title": "<script>alert(1)</script>",
                "body": 'Over <b onclick="x">grooming</b> & <iframe src=javascript:1>',
                "language": "en",
            }
        ]
    )
    hit = next(h for h in ix.search("grooming").hits if h.id == "hostile")
    assert "<mark>grooming</mark>" in hit.snippet
    assert "<b" not in hit.snippet and "<iframe" not in hit.snippet
    stripped = hit.snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in stripped and ">" not in stripped
    assert "&amp;" in hit.snippet


def test_snippet_shows_the_match_in_a_long_body(ix: SearchIndex) -> None:
    body = "Inleiding. " * 300 + "Hier staat het woord hondenbrokken. " + "Slot. " * 50
    ix.update([{"id": "long", "title": "Lang", "body": body, "language": "nl"}])
    hit = ix.search("hondenbrokken").hits[0]
    assert hit.id == "long"
    assert "<mark>hondenbrokken</mark>" in hit.snippet and hit.snippet.startswith("…")
    assert len(hit.snippet) < 400


def test_as_you_type_titles(ix: SearchIndex) -> None:
    assert [t.id for t in ix.suggest_titles("slacht")] == ["nl-ident"]
    assert [t.id for t in ix.suggest_titles("gro det")] == ["en-grooming"]
    assert "nl-lokken" in [t.id for t in ix.suggest_titles("minderj")]
    assert ix.suggest_titles("") == [] and ix.suggest_titles("*") == []
    assert [t.id for t in ix.suggest_titles("s", limit=1)]
    assert [t.id for t in ix.suggest_titles("anna", kind="expert")] == ["exp-anna"]
    assert ix.suggest_titles("sexto", max_classification="internal") == []


def test_find_experts_by_area_and_by_what_they_wrote(ix: SearchIndex) -> None:
    experts = ix.find_experts("grooming")
    assert experts[0].id == "exp-bob"
    assert "grooming" in experts[0].reasons
    assert "Grooming detection on social platforms" in experts[0].reasons
    anna = ix.find_experts("kinderen chat")
    assert [e.id for e in anna] == ["exp-anna"]  # only through the entry she wrote
    assert anna[0].reasons[0] == "Online lokken van minderjarigen"
    ident = ix.find_experts("slachtofferidentificatie")
    assert ident[0].id == "exp-anna" and "slachtofferidentificatie" in ident[0].reasons
    assert ix.find_experts("") == []


def test_find_experts_respects_the_ceiling(ix: SearchIndex) -> None:
    bob = ix.find_experts("sextortion", max_classification="internal")[0]
    assert bob.id == "exp-bob"
    assert "Sextortion of teenagers" not in bob.reasons


def test_plain_words_with_no_common_match_fall_back_to_any_word(ix: SearchIndex) -> None:
    assert ids(ix.search("videokamera xylofoon")) == ["nl-camera"]
    assert ix.search("videokamera AND xylofoon").total == 0  # explicit syntax is respected
    assert ix.search('"videokamera xylofoon"').total == 0


def test_contract_keyword_names(ix: SearchIndex) -> None:
    res = ix.search(query="videokamera", kind="practice", limit=5, page=1, sort="date")
    assert ids(res) == ["nl-camera"] and res.hits[0].score == 0.0  # date order carries no score
    assert ix.suggest_titles(prefix="video", limit=3)[0].id == "nl-camera"
    assert ix.find_experts(topic="grooming", limit=1)[0].id == "exp-bob"


def test_no_suggestion_from_notes_above_the_ceiling(ix: SearchIndex) -> None:
    # after this, "sextortion" only lives in a confidential note
    ix.set_synonyms({})
    ix.update([doc("exp-bob", "Bob Smith", "Analyst", kind="expert", language="en")])
    assert ix.search("sextorsion").suggestion == "sextortion"
    assert ix.search("sextorsion", max_classification="internal").suggestion is None
