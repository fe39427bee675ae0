"""The shipped demo content, taxonomy and thesaurus are consistent and safe to show.

Demo entries are what a new user, a trainer or a reviewer sees first, and the
search tests run on them: every file must parse, every link and reference must
land on a real entry, and nothing may look like a real person's address.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import pytest
import yaml

from expertise.csvread import read_csv_entries
from expertise.fields import CLASSIFICATION_LEVELS, KINDS
from expertise.frontmatter import decode_text, parse_document

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
DEMO = RESOURCES / "demo"
WIKI_LINK = re.compile(r"\[\[([^\[\]]+)\]\]")
EMAIL_LIKE = re.compile(r"[\w.+-]*@[\w.-]*")
ALLOWED_MAIL_DOMAINS = ("example.org", "example.nl")
REFERENCE_KINDS = {
    "owner": "expert",
    "author": "expert",
    "lead": "expert",
    "organisation": "organisation",
    "requested_by": "organisation",
    "owner_org": "organisation",
    "partners": "organisation",
    "superseded_by": None,  # any kind
    "signalled_by": ("organisation", "expert"),
    "responsible": "organisation",
    "measures": ("advice", "innovation", "practice"),
    "produced_practices": "practice",
}
# references inside the rows of structured lists: (field, column) -> kind
ROW_REFERENCE_KINDS = {
    ("follow_ups", "author"): "expert",
    ("items", "bottleneck"): "bottleneck",
    ("items", "responsible"): "organisation",
}
# at least this many demo files of each kind (the work-cycle kinds are fewer by nature)
MIN_PER_KIND = {"bottleneck": 5, "case": 2, "agenda": 1}
CSV_FILES = {"experts.csv": "expert", "organisations.csv": "organisation"}


@dataclass(frozen=True)
class DemoEntry:
    source: str
    title: str
    meta: dict[str, object]
    body: str


@cache
def md_entries() -> tuple[DemoEntry, ...]:
    found = []
    for path in sorted(DEMO.glob("*.md")):
        parsed = parse_document(decode_text(path.read_bytes(), path.name), path.name)
        found.append(DemoEntry(path.name, parsed.title, parsed.meta, parsed.body))
    return tuple(found)


@cache
def all_entries() -> tuple[DemoEntry, ...]:
    found = list(md_entries())
    for name, kind in CSV_FILES.items():
        text = (DEMO / name).read_text(encoding="utf-8")
        for meta in read_csv_entries(text, name, kind):
            found.append(DemoEntry(name, str(meta["title"]), meta, ""))
    return tuple(found)


def kind_of(entry: DemoEntry) -> str:
    return str(entry.meta["kind"])


def language_of(entry: DemoEntry) -> str:
    return str(entry.meta.get("language", "nl"))


def taxonomy() -> dict[str, object]:
    data = yaml.safe_load((RESOURCES / "taxonomy.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_enough_entries_of_every_kind_and_both_languages() -> None:
    entries = md_entries()
    assert len(entries) >= 48
    counts = {kind: sum(kind_of(e) == kind for e in entries) for kind in KINDS}
    assert all(count >= MIN_PER_KIND.get(kind, 8) for kind, count in counts.items()), counts
    languages = [language_of(e) for e in entries]
    assert languages.count("en") >= 5
    assert languages.count("nl") > len(entries) / 2


def test_file_names_start_with_the_kind() -> None:
    for entry in md_entries():
        assert entry.source.startswith(kind_of(entry) + "-"), entry.source


def test_ids_are_fixed_unique_uuid4() -> None:
    ids = [str(e.meta.get("id")) for e in all_entries()]
    assert all(uuid.UUID(value).version == 4 for value in ids)
    assert len(set(ids)) == len(ids)


def test_titles_are_unique() -> None:
    titles = [e.title for e in all_entries()]
    assert len(set(titles)) == len(titles)


def test_bodies_are_substantial_and_link_elsewhere() -> None:
    for entry in md_entries():
        words = len(re.findall(r"[^\W\d_]+", entry.body))
        assert 150 <= words <= 500, (entry.source, words)
        assert WIKI_LINK.search(entry.body), entry.source
        assert "\n## " in "\n" + entry.body, entry.source


def test_some_bodies_have_tables() -> None:
    assert sum("|---|" in e.body for e in md_entries()) >= 10


def test_every_wiki_link_resolves() -> None:
    titles = {e.title for e in all_entries()}
    for entry in md_entries():
        for target in WIKI_LINK.findall(entry.body):
            assert target in titles, (entry.source, target)


def test_every_reference_resolves_to_the_right_kind() -> None:
    by_key = {e.title: e for e in all_entries()} | {str(e.meta["id"]): e for e in all_entries()}
    for entry in all_entries():
        for field, expected in REFERENCE_KINDS.items():
            value = entry.meta.get(field)
            for ref in value if isinstance(value, list) else [value] if value else []:
                target = by_key.get(str(ref))
                assert target is not None, (entry.source, field, ref)
                assert _kind_fits(target, expected), (entry.source, field)


def _kind_fits(target: DemoEntry, expected: str | tuple[str, ...] | None) -> bool:
    if expected is None:
        return True
    return kind_of(target) in ((expected,) if isinstance(expected, str) else expected)


def test_references_inside_rows_resolve_to_the_right_kind() -> None:
    by_key = {e.title: e for e in all_entries()} | {str(e.meta["id"]): e for e in all_entries()}
    seen = 0
    for entry in all_entries():
        for (field, column), expected in ROW_REFERENCE_KINDS.items():
            rows = entry.meta.get(field)
            for row in rows if isinstance(rows, list) else []:
                value = row.get(column)
                for ref in value if isinstance(value, list) else [value] if value else []:
                    target = by_key.get(str(ref))
                    assert target is not None, (entry.source, field, column, ref)
                    assert kind_of(target) == expected, (entry.source, field, column)
                    seen += 1
    assert seen >= 20


def test_work_cycle_demo_covers_states_phases_and_follow_ups() -> None:
    """Bottlenecks in several states and phases, cases with 3+ follow-ups, this year's agenda."""
    entries = md_entries()
    phases = {str(phase["key"]) for phase in taxonomy()["phases"]}  # type: ignore[attr-defined]
    bottlenecks = [e for e in entries if kind_of(e) == "bottleneck"]
    assert {str(e.meta["state"]) for e in bottlenecks} == {
        "signalled", "addressed", "in_progress", "resolved", "parked"
    }
    used = {key for e in bottlenecks for key in e.meta["themes"] if key in phases}  # type: ignore[attr-defined]
    assert len(used) >= 4, used
    cases = [e for e in entries if kind_of(e) == "case"]
    assert len(cases) == 2 and all(len(e.meta["follow_ups"]) >= 3 for e in cases)  # type: ignore[arg-type]
    measures = [e for e in entries if kind_of(e) in ("advice", "innovation", "practice")]
    for entry in measures:  # the barrier-model matrix places every measure in a phase
        assert set(entry.meta["themes"]) & phases, entry.source  # type: ignore[arg-type]
    (agenda,) = [e for e in entries if kind_of(e) == "agenda"]
    assert agenda.meta["year"] == "2026" and len(agenda.meta["items"]) >= 4  # type: ignore[arg-type]


def test_themes_come_from_the_taxonomy() -> None:
    data = taxonomy()
    themes = {str(theme["key"]) for theme in data["themes"]}  # type: ignore[index]
    phases = {str(phase["key"]) for phase in data["phases"]}  # type: ignore[index]
    for entry in all_entries():
        keys = entry.meta.get("themes")
        assert isinstance(keys, list) and set(keys) & themes, entry.source
        assert set(keys) <= themes | phases, (entry.source, keys)
        if entry.meta.get("kind") in ("advice", "innovation", "practice"):
            # every demo measure has its place in the barrier model (`make run` shows the matrix)
            assert set(keys) & phases, (entry.source, keys)


def test_status_classification_and_staleness_are_varied() -> None:
    entries = md_entries()
    statuses = [str(e.meta.get("status", "current")) for e in entries]
    levels = [str(e.meta.get("classification", "internal")) for e in entries]
    assert statuses.count("draft") >= 2 and statuses.count("superseded") >= 1
    assert statuses.count("current") > len(entries) / 2
    assert levels.count("internal") > len(entries) / 2
    assert levels.count("public") >= 4 and 1 <= levels.count("confidential") <= 6
    review_dates = [e.meta.get("review_by") for e in entries]
    stale = [d for d in review_dates if isinstance(d, date) and d < date(2026, 11, 1)]
    assert len(stale) >= 3
    for entry in entries:
        if entry.meta.get("status") == "superseded":
            assert entry.meta.get("superseded_by"), entry.source


def test_per_kind_fields_are_filled() -> None:
    required = {
        "advice": ("audience", "requested_by", "advice_date", "author", "owner"),
        "innovation": ("stage", "bottleneck", "start_date", "owner_org", "lead", "partners"),
        "practice": ("context", "practice", "outcome", "lessons", "evidence_level", "region"),
        "expert": ("role", "organisation", "expertise", "languages", "email", "consent_date"),
        "organisation": ("org_type", "country", "contact", "partner_since"),
        "bottleneck": ("state", "signalled_on", "signalled_by", "responsible", "owner"),
        "case": ("state", "region", "follow_ups", "lessons", "produced_practices"),
        "agenda": ("year", "items", "owner"),
    }
    for entry in all_entries():
        missing = [f for f in required[kind_of(entry)] if f not in entry.meta]
        assert not missing, (entry.source, entry.title, missing)


@pytest.mark.parametrize(
    "word",
    ["slachtofferidentificatie", "beeldmateriaal", "opsporingsonderzoek", "videokamera",
     "meldpunt", "ketensamenwerking"],
)  # fmt: skip
def test_dutch_compounds_for_search_tests_occur(word: str) -> None:
    hits = [e for e in md_entries() if word in e.body.lower()]
    assert len(hits) >= 2, word


def test_mail_addresses_only_at_example_domains() -> None:
    for path in sorted(DEMO.iterdir()):
        text = path.read_text(encoding="utf-8")
        for match in EMAIL_LIKE.findall(text):
            domain = match.rsplit("@", 1)[1]
            assert domain in ALLOWED_MAIL_DOMAINS, (path.name, match)


def test_taxonomy_shape() -> None:
    data = taxonomy()
    themes, phases = data["themes"], data["phases"]
    assert isinstance(themes, list) and isinstance(phases, list)
    assert "classifications" not in data  # the levels live in the registry (expertise/fields)
    assert len(themes) == 15 and len(phases) >= 4
    keys = [str(item["key"]) for item in themes + phases]
    assert len(set(keys)) == len(keys)
    for item in themes + phases:
        assert item["label_nl"] and item["label_en"]
    for phase in phases:
        assert phase["description_nl"] and phase["description_en"]


def test_classification_levels_have_labels_and_colours() -> None:
    assert [level.key for level in CLASSIFICATION_LEVELS] == ["public", "internal", "confidential"]
    for level in CLASSIFICATION_LEVELS:
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", level.colour)
        assert level.label.nl and level.label.en


def test_thesaurus_groups_are_distinct() -> None:
    data = yaml.safe_load((RESOURCES / "thesaurus.yaml").read_text(encoding="utf-8"))
    groups = data["groups"]
    assert len(groups) >= 25
    terms = [str(term).lower() for group in groups for term in group]
    assert all(len(group) >= 2 for group in groups)
    assert len(set(terms)) == len(terms), [t for t in terms if terms.count(t) > 1]
