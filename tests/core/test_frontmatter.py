"""Front matter: parsing, validation with file lines, defensive YAML, rendering."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from expertise.errors import InputError
from expertise.fieldcheck import check_entry, field_order
from expertise.frontmatter import (
    MAX_DOCUMENT_CHARS,
    MAX_FRONT_MATTER_CHARS,
    ParsedDocument,
    decode_text,
    parse_document,
    render_document,
)

ID = "0e1d3c5a-1b2c-4d5e-8f90-a1b2c3d4e5f6"


def doc(front: str, body: str = "# Titel\n\nTekst.\n") -> str:
    return f"---\n{front}---\n{body}"


def error_of(text: str) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_document(text, "note.md")
    return caught.value


# --- reading -------------------------------------------------------------------------


def test_parses_fields_body_and_title() -> None:
    parsed = parse_document(
        doc("kind: advice\ntitle: Advies over triage\naudience: investigation\n", "Body\n"),
        "a.md",
    )
    assert parsed == ParsedDocument(
        meta={"kind": "advice", "title": "Advies over triage", "audience": "investigation"},
        body="Body\n",
        title="Advies over triage",
        source="a.md",
    )


def test_title_falls_back_to_first_heading_and_body_is_kept() -> None:
    body = "Intro\n```\n# not a heading\n```\n#   Slachtofferidentificatie #\n\n# Second\n"
    parsed = parse_document(doc("kind: practice\n", body), "p.md")
    assert parsed.title == "Slachtofferidentificatie"
    assert parsed.body == body
    assert "title" not in parsed.meta


def test_title_field_wins_over_heading() -> None:
    parsed = parse_document(doc("kind: advice\ntitle: Uit het veld\n"), "a.md")
    assert parsed.title == "Uit het veld"


def test_missing_title_is_an_error() -> None:
    error = error_of(doc("kind: advice\n", "geen kop\n"))
    assert "title" in str(error) and error.line == 1 and error.source == "note.md"


def test_scalars_stay_as_typed() -> None:
    # YAML 1.1 would turn these into a boolean, an int and a date.
    parsed = parse_document(
        doc("kind: organisation\ntitle: 2024\ncountry: NO\ncontact: 0612345678\n"), "o.md"
    )
    assert parsed.meta["title"] == "2024"
    assert parsed.meta["country"] == "NO"
    assert parsed.meta["contact"] == "0612345678"


def test_lists_as_list_or_comma_text_are_cleaned() -> None:
    parsed = parse_document(
        doc("kind: advice\ntags: grooming, , lokken ,grooming\nthemes:\n  - Live Streaming\n"),
        "a.md",
    )
    assert parsed.meta["tags"] == ["grooming", "lokken"]
    assert parsed.meta["themes"] == ["live_streaming"]


def test_dates_bools_ids_and_enums_are_normalised() -> None:
    front = (
        f"id: {ID.upper()}\nkind: Expert\ntitle: Dr. Test\nclassification: PUBLIC\n"
        "internal: ja\nconsent_date: 2025-01-14\nlast_verified: '2026-02-03'\n"
    )
    meta = parse_document(doc(front), "e.md").meta
    assert meta["id"] == ID
    assert meta["kind"] == "expert"
    assert meta["classification"] == "public"
    assert meta["internal"] is True
    assert meta["consent_date"] == date(2025, 1, 14)
    assert meta["last_verified"] == date(2026, 2, 3)


def test_empty_values_count_as_absent() -> None:
    meta = parse_document(doc("kind: advice\nsummary:\ntags: []\nowner: ''\n"), "a.md").meta
    assert meta == {"kind": "advice"}


def test_key_order_in_meta_follows_fields_md() -> None:
    front = "audience: policy\ntitle: T\nkind: advice\nid: " + ID + "\n"
    meta = parse_document(doc(front), "a.md").meta
    assert list(meta) == ["id", "kind", "title", "audience"]


def test_bom_and_crlf_are_accepted() -> None:
    text = "\ufeff---\r\nkind: advice\r\ntitle: T\r\n---\r\n\r\nBody\r\n"
    parsed = parse_document(text, "a.md")
    assert parsed.title == "T" and parsed.body == "Body\r\n"


# --- errors carry the field and its line ------------------------------------------------


@pytest.mark.parametrize(
    ("front", "words", "line"),
    [
        ("kind: advice\ntitle: T\nfoo: 1\n", "unknown field 'foo'", 4),
        ("kind: advice\ntitle: T\nstage: idea\n", "'stage' does not apply", 4),
        ("title: T\n", "missing field 'kind'", 1),
        ("title: T\nkind: memo\n", "field 'kind'", 3),
        ("kind: advice\ntitle: T\n\naudience: everyone\n", "field 'audience'", 5),
        ("kind: advice\ntitle: T\nreview_by: 2026-13-01\n", "field 'review_by'", 4),
        ("kind: advice\ntitle: T\nreview_by: 1-2-2026\n", "YYYY-MM-DD", 4),
        ("kind: advice\nid: not-a-uuid\ntitle: T\n", "field 'id' must be a UUID", 3),
        ("kind: expert\ntitle: T\nemail: nobody\n", "field 'email'", 4),
        ("kind: expert\ntitle: T\ninternal: maybe\n", "field 'internal'", 4),
        ("kind: organisation\ntitle: T\ncountry: NLD\n", "field 'country'", 4),
        ("kind: organisation\ntitle: T\norg_type: club\n", "field 'org_type'", 4),
        ("kind: advice\ntitle: T\ntitle: U\n", "duplicate field 'title'", 4),
        ("kind: advice\nname: T\ntitle: U\n", "duplicate field 'title'", 4),
        ("kind: advice\ntitle: T\nsummary: {a: 1}\n", "field 'summary'", 4),
        ("kind: advice\ntitle: T\ntags: [[a]]\n", "nested", 4),
        ("kind: advice\ntitle: T\nowner: [a, b]\n", "field 'owner' must be text", 4),
        ("kind: advice\ntitle: \"a\\nb\"\n", "single line", 3),
        ("kind: advice\ntitle: \"a\\x01b\"\n", "control characters", 3),
        ("kind: innovation\ntitle: T\nstart_date: 2026-02-01\nend_date: 2026-01-01\n",
         "end_date", 5),
    ],
)  # fmt: skip
def test_field_errors_name_field_and_line(front: str, words: str, line: int) -> None:
    error = error_of(doc(front))
    assert words in str(error)
    assert error.line == line


def test_long_unknown_keys_are_shortened_in_messages() -> None:
    error = error_of(doc("kind: advice\ntitle: T\n" + "k" * 5000 + ": 1\n"))
    assert len(str(error)) < 100 and error.line == 4


def test_yaml_syntax_error_has_its_line() -> None:
    error = error_of(doc("kind: advice\ntitle: T\nsummary: [unclosed\nowner: x\n"))
    assert "not valid YAML" in str(error)
    assert error.line is not None and error.line >= 4


def test_front_matter_must_be_a_mapping() -> None:
    assert "mapping" in str(error_of(doc("- kind\n- advice\n")))


@pytest.mark.parametrize(
    "text",
    ["# Titel\n", "--- \nkind: advice\n", "", "--\nkind: advice\n---\n# T"],
)
def test_missing_or_unclosed_front_matter(text: str) -> None:
    error = error_of(text)
    assert "front matter" in str(error) and error.line == 1


def test_anchors_and_aliases_are_refused() -> None:
    laughs = "kind: advice\ntitle: T\ntags: &a [x, x]\nthemes: *a\n"
    error = error_of(doc(laughs))
    assert "anchors" in str(error) and error.line == 4


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    error = error_of(doc("\n".join(lines) + "\n"))
    assert "anchors" in str(error)


@pytest.mark.parametrize(
    "value",
    ["!!python/object/apply:os.system ['true']", "!!binary aGVsbG8=", "!custom x"],
)
def test_unsafe_or_unknown_tags_are_refused(value: str) -> None:
    error = error_of(doc(f"kind: advice\ntitle: T\nsummary: {value}\n"))
    assert "tag" in str(error) or "nested" in str(error)
    assert error.line == 4


def test_deep_nesting_does_not_recurse() -> None:
    error = error_of(doc("kind: advice\ntitle: " + "[" * 50_000 + "\n"))
    assert error.line == 3


def test_nul_is_refused_with_its_line() -> None:
    error = error_of(doc("kind: advice\ntitle: T\n", "ok\nnot\x00ok\n"))
    assert "NUL" in str(error) and error.line == 6


def test_size_caps() -> None:
    assert "longer" in str(error_of("x" * (MAX_DOCUMENT_CHARS + 1)))
    big = doc("kind: advice\ntitle: T\nsummary: " + "x" * MAX_FRONT_MATTER_CHARS + "\n")
    assert "front matter is longer" in str(error_of(big))


# --- decoding -----------------------------------------------------------------------------


def test_decode_text_accepts_utf8_with_bom() -> None:
    assert decode_text("\ufeff---\nkind: advice\n".encode(), "a.md") == "---\nkind: advice\n"


@pytest.mark.parametrize(
    ("data", "line"),
    [(b"line\nline\n\xff\xfe", 3), (b"ok\n\xed\xa0\x80", 2), (b"a\nb\nc\x00", 3)],
)
def test_decode_text_refuses_bad_bytes_with_line(data: bytes, line: int) -> None:
    with pytest.raises(InputError) as caught:
        decode_text(data, "bad.md")
    assert caught.value.line == line and caught.value.source == "bad.md"


def test_decode_text_caps_size() -> None:
    with pytest.raises(InputError):
        decode_text(b"x" * (MAX_DOCUMENT_CHARS + 1), "big.md")


# --- rendering ----------------------------------------------------------------------------

FULL_INNOVATION: dict[str, object] = {
    "results": "Eerste resultaten.\nTweede regel: met dubbele punt.",
    "partners": ["Provider NetBaak BV (fictief)", "Stichting Veilig Online (fictief)"],
    "title": "Pilot: herkenning van nieuw beeldmateriaal",
    "kind": "innovation",
    "id": ID,
    "stage": "pilot",
    "start_date": date(2025, 9, 1),
    "end_date": "2026-12-31",
    "tags": "triage, pilot",
    "themes": ["digital_forensics"],
    "status": "current",
    "review_by": date(2027, 3, 31),
    "lead": "Digitaal rechercheur Bram Zuidhoek",
}


def test_render_orders_keys_and_writes_iso_dates_and_lists() -> None:
    text = render_document(FULL_INNOVATION, "Body\n")
    front = text.split("---\n")[1]
    keys = [line.split(":")[0] for line in front.splitlines() if line and line[0].isalpha()]
    expected = [name for name in field_order("innovation") if name in FULL_INNOVATION]
    assert keys == expected
    assert "start_date: 2025-09-01\n" in front
    assert "end_date: 2026-12-31\n" in front
    assert "tags:\n- triage\n- pilot\n" in front
    assert "results: |-\n  Eerste resultaten.\n" in front
    assert text.endswith("---\n\nBody\n")


def test_render_then_parse_round_trips() -> None:
    meta = check_entry(FULL_INNOVATION, "t")
    for body in ["Body\n", "", "\n", "\n\nX", "---\n# not front matter\n---\n", "\r\nX"]:
        parsed = parse_document(render_document(meta, body), "r.md")
        assert parsed.meta == meta
        assert parsed.body == body
        assert parsed.title == meta["title"]


def test_render_keeps_heading_titles() -> None:
    text = render_document({"kind": "practice"}, "# Uit de kop\n")
    assert parse_document(text, "p.md").title == "Uit de kop"


@pytest.mark.parametrize(
    ("meta", "body", "words"),
    [
        ({"kind": "advice", "title": "T", "colour": "red"}, "", "unknown field"),
        ({"kind": "advice"}, "no heading", "missing title"),
        ({"title": "T"}, "", "kind"),
        ({"kind": "advice", "title": "T"}, "a\x00b", "NUL"),
        (
            {
                "kind": "practice",
                "title": "T",
                "context": "x" * 90_000,
                "practice": "y" * 90_000,
                "outcome": "z" * 90_000,
            },
            "",
            "front matter is longer",
        ),
        ({"kind": "advice", "title": "T", "review_by": datetime(2026, 1, 1, 8)}, "", "date"),
    ],
)
def test_render_refuses_what_parse_would_refuse(
    meta: dict[str, object], body: str, words: str
) -> None:
    with pytest.raises(InputError, match=words):
        render_document(meta, body)


def test_render_never_writes_anchors_for_shared_lists() -> None:
    shared = ["a", "b"]
    meta = {"kind": "expert", "title": "T", "expertise": shared, "languages": shared}
    text = render_document(meta, "")
    assert "&" not in text and "*" not in text
    assert parse_document(text, "e.md").meta["languages"] == ["a", "b"]


def test_the_control_character_scan_refuses_exactly_categories_cc_and_cs():
    """The one-regex scan of field text equals the per-character rule on every code point."""
    import sys

    from expertise.fields.checks import _INVISIBLE_RE, _is_invisible_control

    differ = [
        code
        for code in range(sys.maxunicode + 1)
        if _is_invisible_control(chr(code)) != bool(_INVISIBLE_RE.search(chr(code)))
    ]
    assert differ == []
    assert _INVISIBLE_RE.search("tab\tand\nnewline") is None
