"""Entries through the Hub facade on a real SQLCipher hub."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from expertise.errors import HubLocked, UserError


def _org(hub, title="Meldpunt Noord (fictief)"):
    return hub.entries.add("organisation", {"title": title, "org_type": "ngo", "country": "NL"})


def _expert(hub, org, title="Inspecteur Mara Veldkamp"):
    return hub.entries.add(
        "expert",
        {
            "title": title,
            "organisation": org.id,
            "expertise": ["grooming", "digitaal sporenonderzoek"],
            "email": "m.veldkamp@example.org",
            "internal": True,
        },
    )


def test_every_kind_round_trips_its_fields(hub):
    org = _org(hub)
    expert = _expert(hub, org)
    advice = hub.entries.add(
        "advice",
        {
            "title": "Advies inzet lokprofielen",
            "body": "Tekst",
            "audience": "policy",
            "requested_by": org.title,
            "advice_date": "2026-03-01",
            "author": expert.id,
            "tags": ["Lokprofiel", "  beleid "],
            "themes": ["grooming"],
            "classification": "confidential",
        },
    )
    project = hub.entries.add(
        "innovation",
        {
            "title": "Pilot beeldvergelijking",
            "stage": "pilot",
            "lead": expert.title,
            "owner_org": org.id,
            "partners": [org.id],
            "start_date": date(2026, 1, 5),
        },
    )
    practice = hub.entries.add(
        "practice",
        {
            "title": "Ketenoverleg bij meldingen",
            "context": "Regio",
            "lessons": "Vroeg starten",
            "evidence_level": "evaluated",
        },
    )
    got = hub.entries.get(advice.id)
    assert got.fields["requested_by"] == org.id
    assert got.fields["advice_date"] == date(2026, 3, 1)
    assert got.fields["author"] == expert.id
    assert got.tags == ("beleid", "lokprofiel")
    assert got.themes == ("grooming",)
    assert got.classification == "confidential"
    assert hub.entries.get(project.id).fields["partners"] == [org.id]
    assert hub.entries.get(project.id).fields["lead"] == expert.id
    assert hub.entries.get(practice.id).fields["evidence_level"] == "evaluated"
    assert hub.entries.get(expert.id).fields["expertise"] == [
        "grooming",
        "digitaal sporenonderzoek",
    ]
    assert hub.entries.kind_counts() == {
        "organisation": 1,
        "expert": 1,
        "advice": 1,
        "innovation": 1,
        "practice": 1,
    }


def test_bad_values_are_refused_with_the_field_named(hub):
    with pytest.raises(UserError, match="audience"):
        hub.entries.add("advice", {"title": "x", "audience": "everyone"})
    with pytest.raises(UserError, match="themes"):
        hub.entries.add("advice", {"title": "x", "themes": ["no-such-theme"]})
    with pytest.raises(UserError, match="kind"):
        hub.entries.add("recipe", {"title": "x"})
    with pytest.raises(UserError, match="title"):
        hub.entries.add("advice", {"title": "   "})
    with pytest.raises(UserError, match="requested_by"):
        hub.entries.add("advice", {"title": "x", "requested_by": "Nobody Org"})
    assert hub.entries.count() == 0


def test_every_save_is_a_revision_and_restore_brings_it_back(hub):
    entry = hub.entries.add("advice", {"title": "Versie een", "body": "eerste tekst"})
    hub.entries.update(entry.id, {"body": "tweede tekst"})
    third = hub.entries.update(entry.id, {"title": "Versie drie"})
    assert third.revision == 3
    unchanged = hub.entries.update(entry.id, {"title": "Versie drie"})
    assert unchanged.revision == 3, "a save without change makes no revision"
    history = hub.entries.revisions(entry.id)
    assert [r.revision for r in history] == [3, 2, 1]
    assert history[-1].snapshot["body"] == "eerste tekst"
    assert "tweede tekst" in hub.entries.revision_diff(entry.id, 1, 2)
    restored = hub.entries.restore_revision(entry.id, 1)
    assert restored.revision == 4
    assert restored.title == "Versie een" and restored.body_md == "eerste tekst"


def test_stale_writer_is_refused(hub):
    entry = hub.entries.add("advice", {"title": "Gedeeld"})
    hub.entries.update(entry.id, {"body": "a"}, expected_revision=1)
    with pytest.raises(UserError, match="changed meanwhile"):
        hub.entries.update(entry.id, {"body": "b"}, expected_revision=1)


def test_wiki_links_and_backlinks_resolve_even_when_target_comes_later(hub):
    source = hub.entries.add(
        "advice", {"title": "Bron", "body": "Zie [[Doel later]] en [[Bestaat niet|tekst]]."}
    )
    assert [(link.title, link.entry_id) for link in hub.entries.links(source.id)] == [
        ("Doel later", None),
        ("Bestaat niet", None),
    ]
    target = hub.entries.add("practice", {"title": "Doel later"})
    assert hub.entries.links(source.id)[0].entry_id == target.id
    assert [b.entry_id for b in hub.entries.backlinks(target.id)] == [source.id]


def test_review_by_in_the_past_marks_entry_stale(hub):
    old = hub.entries.add("advice", {"title": "Oud", "review_by": date.today() - timedelta(days=1)})
    fresh = hub.entries.add(
        "advice", {"title": "Vers", "review_by": date.today() + timedelta(days=30)}
    )
    assert hub.entries.get(old.id).stale and not hub.entries.get(fresh.id).stale
    stale = {row.title: row.stale for row in hub.entries.list()}
    assert stale == {"Oud": True, "Vers": False}


def test_superseded_lifecycle(hub):
    new = hub.entries.add("practice", {"title": "Nieuwe werkwijze"})
    old = hub.entries.add(
        "practice", {"title": "Oude werkwijze", "status": "superseded", "superseded_by": new.title}
    )
    assert hub.entries.get(old.id).fields["superseded_by"] == new.id
    assert [r.title for r in hub.entries.list(status="superseded")] == ["Oude werkwijze"]


def test_tags_and_themes_are_counted(hub):
    hub.entries.add("advice", {"title": "A", "tags": ["x", "y"], "themes": ["grooming"]})
    hub.entries.add("advice", {"title": "B", "tags": ["x"], "themes": ["grooming", "sextortion"]})
    assert {t.key: t.count for t in hub.vocabulary.tags()} == {"x": 2, "y": 1}
    themes = {t.key: t.count for t in hub.vocabulary.themes()}
    assert themes["grooming"] == 2 and themes["sextortion"] == 1
    assert [r.title for r in hub.entries.list(tag="x", theme="sextortion")] == ["B"]


def test_delete_removes_entry_and_history(hub):
    entry = hub.entries.add("advice", {"title": "Weg"})
    hub.entries.delete(entry.id)
    with pytest.raises(UserError):
        hub.entries.get(entry.id)
    assert hub.entries.revisions(entry.id) == []


def test_changes_are_announced_to_subscribers(hub):
    seen = []
    unsubscribe = hub.subscribe(seen.append)
    entry = hub.entries.add("advice", {"title": "Melding"})
    hub.entries.delete(entry.id)
    unsubscribe()
    hub.entries.add("advice", {"title": "Niet gezien"})
    assert seen[0].entry_ids == {entry.id} and seen[0].kinds == {"advice"}
    assert seen[1].deleted_ids == {entry.id}
    assert len(seen) == 2


def test_locked_hub_refuses_everything(hub):
    hub.lock()
    with pytest.raises(HubLocked):
        hub.entries.list()


def test_add_entries_creates_many_at_once_and_makes_them_searchable(hub):
    items = [
        (
            "practice",
            {"title": f"Werkwijze bulkproef {n}", "body": f"Stap {n}: zorgvuldig vastleggen."},
        )
        for n in range(120)
    ]
    ids = hub.entries.add_many(items)
    assert len(ids) == 120 and len(set(ids)) == 120
    assert hub.entries.count("practice") == 120
    assert hub.entries.get(ids[7]).title == "Werkwijze bulkproef 7"
    assert hub.search("bulkproef", limit=5).total == 120
    assert hub.maintenance.index_staleness() == ""


def test_add_entries_refuses_a_locked_hub(hub):
    hub.lock()
    with pytest.raises(HubLocked):
        hub.entries.add_many([("practice", {"title": "Nooit opgeslagen"})])


@pytest.mark.filterwarnings("error")  # session.get(Entry, None) warns: it must not be reached
@pytest.mark.parametrize("missing", [None, ""])
def test_getting_no_id_is_a_clear_error(hub, missing):
    with pytest.raises(UserError, match="no entry id"):
        hub.entries.get(missing)
