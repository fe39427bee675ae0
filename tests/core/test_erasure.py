"""erase-person erases the person everywhere, or names the place it could not.

A real hub: the name (and its variants, e-mail and phone) is written into
every place a user can put it; after the erase the decrypted database rows,
the search index on disk and the search API are scanned for it.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from expertise.crypto import AeadCipher
from expertise.services import audit
from index import SearchIndex

FULL = "Jorrit van Kampenhout (digitale recherche)"
NAME = "Jorrit van Kampenhout"
INITIAL = "J. van Kampenhout"
EMAIL = "jorrit.kampenhout@example.org"
PHONE = "+31 6 5550 1234"
ERASED = "[erased person]"
TRACES = ("kampenhout", "jorrit", "5550 1234")


def test_name_variants_strip_role_and_add_initial() -> None:
    from expertise.services.namevariants import name_variants

    variants = name_variants("Jan de Vries (digital forensics)")
    assert "Jan de Vries (digital forensics)" in variants
    assert "Jan de Vries" in variants and "J. de Vries" in variants
    assert "Jan de Vries" in name_variants("dr. Jan de Vries, rechercheur")
    assert "Jan de Vries" in name_variants("Rechercheur Jan de Vries", role="rechercheur")
    assert "J. de Vries" in name_variants("Jan de Vries - zedenpolitie")
    assert variants == sorted(variants, key=len, reverse=True)  # longest replaced first


def _db_rows(hub) -> list[tuple[str, str]]:
    """Every row of every table, decrypted, as (table, text)."""
    rows: list[tuple[str, str]] = []
    with hub._engine.connect() as connection:
        tables = connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table'")
        ).scalars()
        for table in list(tables):
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                rows.append((table, json.dumps([str(v) for v in row], ensure_ascii=False)))
    return rows


def _leaks(rows: list[tuple[str, str]]) -> list[str]:
    return [f"{t}: {r[:160]}" for t, r in rows for trace in TRACES if trace in r.lower()]


def _index_leaks(folder: Path, key: bytes) -> list[str]:
    probe = SearchIndex(folder, AeadCipher(key))
    try:
        reader = probe.searcher.reader()
        found = [
            f"{field}:{term!r}"
            for field in reader.indexed_field_names()
            for term in reader.lexicon(field)
            if any(trace.encode() in term.lower() for trace in TRACES)
        ]
        stored = [s for s in reader.all_stored_fields() if "kampenhout" in repr(s).lower()]
        return found + [f"stored:{s.get('id')}" for s in stored]
    finally:
        probe.close()


def _fill(hub) -> dict[str, str]:
    """The person in every place a user (or the app) can write a name."""
    org = hub.entries.add("organisation", {"title": "Landelijke Eenheid", "contact": NAME})
    expert = hub.entries.add(
        "expert",
        {
            "title": FULL,
            "role": "digitale recherche",
            "email": EMAIL,
            "phone": PHONE,
            "organisation": org.id,
            "body": "Specialist in chatlogs.",
        },
    )
    advice = hub.entries.add(
        "advice",
        {
            "title": f"Advies van {INITIAL} over chatlogs",
            "summary": f"Opgesteld met {NAME}.",
            "body": f"Zie [[{NAME}]]; bereikbaar via {EMAIL} of {PHONE}.",
            "author": expert.id,
            "tags": [NAME, "chatlogs"],
        },
    )
    hub.entries.update(advice.id, {"body": "Tweede versie zonder naam."})  # name only in history
    hub.entries.update(advice.id, {"summary": f"Nagekeken door {NAME.upper()}."})
    project = hub.entries.add(
        "innovation",
        {
            "title": "Pilot chatanalyse",
            "bottleneck": f"Afhankelijk van {INITIAL}.",
            "results": f"{NAME} leverde de methode.",
            "lead": expert.id,
        },
    )
    practice = hub.entries.add(
        "practice",
        {"title": "Werkwijze verhoor", "lessons": f"Overleg vooraf met {NAME}.", "tags": [NAME]},
    )
    colleague = hub.entries.add(
        "expert", {"title": "Sanne Bakker", "expertise": [f"methode {NAME}", "chatlogs"]}
    )
    hub.attachments.add(advice.id, f"verslag {NAME}.txt", data=f"Gesprek met {NAME}.".encode())
    hub.search.save(f"Zoekopdracht {NAME}", f'"{NAME}" chatlogs')
    pack = hub.courses.create(f"Cursus met {NAME}", "internal", description=f"Door {INITIAL}")
    hub.courses.add_entries(pack.id, [practice.id], note=f"Vraag {INITIAL} om toelichting")
    hub.vocabulary.set_thesaurus([[NAME.lower(), "digitale recherche"]])
    hub.session.read(lambda s: audit.record(s, "note", None, {"by": NAME}))
    hub.wait_for_index()
    return {
        "expert": expert.id,
        "advice": advice.id,
        "project": project.id,
        "practice": practice.id,
        "colleague": colleague.id,
        "org": org.id,
        "pack": pack.id,
    }


def test_erase_person_leaves_no_trace_anywhere(hub) -> None:
    ids = _fill(hub)
    assert hub.search("kampenhout").total >= 4  # the index held the name before
    assert _leaks(_db_rows(hub))

    report = hub.maintenance.erase_person(ids["expert"])

    assert _leaks(_db_rows(hub)) == []
    for word in ("kampenhout", "jorrit", '"5550 1234"', "kampenhout~"):
        assert hub.search(word).total == 0, word
    assert hub.search.titles("jorrit") == []
    assert [hit.id for hit in hub.search.experts("chatlogs")] == [ids["colleague"]]
    advice = hub.entries.get(ids["advice"])
    assert advice.title == f"Advies van {ERASED} over chatlogs"
    assert advice.summary == f"Nagekeken door {ERASED}."
    assert ERASED in [tag.key for tag in hub.vocabulary.tags()]  # two tags merged into one
    assert hub.search.saved()[0][0] == f"Zoekopdracht {ERASED}"
    course = hub.courses.get(ids["pack"])
    assert course.title == f"Cursus met {ERASED}"
    assert hub.attachments.list(ids["advice"])[0].file_name == f"verslag {ERASED}.txt"
    for place in (
        "entries",
        "revisions",
        "tags",
        "saved searches",
        "course packs",
        "course notes",
        "audit details",
        "attachment names",
        "attachment contents",
        "thesaurus",
    ):
        assert report.changed.get(place, 0) > 0, place
    assert report.not_changed == []
    assert report.reindexed >= 5
    with hub._engine.connect() as connection:
        assert connection.execute(text("PRAGMA freelist_count")).scalar() == 0
    key = bytes(hub._vault.subkey("index"))
    folder = hub.path / "index"
    hub.close()
    assert _index_leaks(folder, key) == []


def test_content_it_cannot_rewrite_is_listed(hub) -> None:
    docx = pytest.importorskip("docx")
    expert = hub.entries.add("expert", {"title": NAME})
    advice = hub.entries.add("advice", {"title": "Advies", "body": "tekst"})
    document = docx.Document()
    document.add_paragraph(f"Verslag van {NAME}")
    buffer = io.BytesIO()
    document.save(buffer)
    attachment = hub.attachments.add(advice.id, "verslag.docx", data=buffer.getvalue())

    report = hub.maintenance.erase_person(expert.id)

    assert len(report.not_changed) == 1
    assert attachment.id in report.not_changed[0] and advice.id in report.not_changed[0]
    assert "kampenhout" not in report.not_changed[0].lower()


def test_cli_lists_changes_and_warns_about_copies(hub, capsys, monkeypatch) -> None:
    from expertise.cli import main
    from tests.conftest import PASSPHRASE

    expert = hub.entries.add("expert", {"title": FULL})
    hub.entries.add("advice", {"title": "Advies", "body": f"Besproken met {INITIAL}."})
    folder = hub.path
    hub.close()
    monkeypatch.setenv("EXPERTISE_PASSPHRASE", PASSPHRASE)

    assert main(["--hub", str(folder), "erase-person", expert.id]) == 0

    out = capsys.readouterr().out
    assert "entries: 1" in out and "revisions: 1" in out
    assert "backups" in out.lower() and "still hold" in out
    assert "kampenhout" not in out.lower()  # stdout may end up in a log file
