"""The progress report (issue 13, item 7): exact numbers, its PDF and DOCX text, the
ceiling, empty periods, bad input, the audit event and no plaintext on disk."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import docx
import pypdf
import pytest

from expertise.errors import UserError
from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.report.period import current_year, reporting_period
from tests.conftest import PASSPHRASE, files_containing
from tests.core.reportkit import SECRET, Built, build

# Sections that say "Geen gegevens in deze periode." when they have nothing to count (the
# agenda section names the years it looked for instead).
NL_TITLES = [
    "Knelpunten",
    "Barrièremodel",
    "Innovatieprojecten",
    "Gegeven adviezen",
    "Toegevoegde goede praktijken",
    "Het expertnetwerk",
    "Gevolgde voorbeeldzaken",
    "Geleverde cursuspakketten",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Hub, Built, Path]]:
    folder = tmp_path_factory.mktemp("report")
    hub = Hub.create(folder / "hub", PASSPHRASE, kdf=KdfParams.floor())
    made = build(hub, folder)
    yield hub, made, folder
    hub.close()


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    parts += [p.text for p in document.sections[0].header.paragraphs]
    return "\n".join(parts)


def docx_bytes_hold(path: Path, needle: str) -> bool:
    with zipfile.ZipFile(path) as archive:
        return any(needle.encode() in archive.read(name) for name in archive.namelist())


# -- numbers --------------------------------------------------------------------------
def test_numbers_match_the_constructed_hub(built):
    hub, made, _ = built
    n = hub.report.numbers(made.year)
    assert n.highest_level == "internal"
    assert n.innovation.active == 2 and n.innovation.started == 1
    assert dict(n.innovation.started_by_stage)["pilot"] == 1
    assert dict(n.innovation.continuing_by_stage)["running"] == 1
    assert n.advice.total == 4  # not last year's, not the draft, not the confidential one
    assert dict(n.advice.by_audience) == {"investigation": 2, "policy": 1, "public": 1}
    assert dict(n.advice.by_requester) == {"Politie Eenheid Test": 2, "": 2}
    assert n.practices.total == 2
    assert dict(n.practices.by_evidence) == {"anecdotal": 0, "observed": 1, "evaluated": 1}
    assert dict(n.practices.by_theme) == {"grooming": 2, "sextortion": 1}
    assert n.practices.titles == ("Praktijk een", "Praktijk twee")
    net = n.network
    assert (net.experts_added, net.experts_internal, net.orgs_added) == (3, 2, 2)
    assert dict(net.experts_by_type)["police"] == 1 and dict(net.experts_by_type)[""] == 1
    assert dict(net.consent) == {"current": 1, "stale": 1, "missing": 1}
    assert n.courses.exports == 2
    assert dict(n.courses.by_pack) == {"Basiscursus test": 2}
    assert dict(n.courses.by_format)["html"] == 2


def cell(numbers, theme: str, phase: str) -> int:
    b = numbers.barrier
    row = [key for key, *_ in b.themes].index(theme)
    return b.cells[row][[key for key, *_ in b.phases].index(phase)]


def test_the_barrier_heat_map_comes_from_the_barrier_service(built):
    hub, made, _ = built
    internal = hub.report.numbers(made.year)
    assert cell(internal, "grooming", "opsporing") == 1
    assert cell(internal, "sextortion", "opsporing") == 0  # only a confidential practice
    assert internal.barrier.total == 1
    everything = hub.report.numbers(made.year, ceiling="confidential")
    assert cell(everything, "sextortion", "opsporing") == 1
    phase = [key for key, *_ in everything.barrier.phases].index("opsporing")
    assert everything.barrier.measures_by_phase[phase] == 2


def test_a_confidential_ceiling_counts_the_confidential_entries(built):
    hub, made, _ = built
    n = hub.report.numbers(made.year, ceiling="confidential")
    assert n.highest_level == "confidential"
    assert n.advice.total == 5
    assert n.innovation.active == 3
    assert n.practices.total == 3
    assert n.courses.exports == 3
    assert n.network.experts_added == 4


# -- documents ------------------------------------------------------------------------
def test_pdf_and_docx_carry_the_sections_and_the_exact_numbers(built, tmp_path):
    hub, made, _ = built
    result = hub.report.write(made.year, pdf=tmp_path / "r.pdf", docx=tmp_path / "r.docx")
    assert result.pages >= 7 and result.banner_level == "internal"
    text = pdf_text(tmp_path / "r.pdf")
    for title in NL_TITLES + [f"Voortgangsrapportage {made.year}", "Inhoud"]:
        assert title in text
    for fact in (
        "Adviezen gegeven in de periode 4",
        "Projecten actief in de periode 2",
        "Waarvan gestart in de periode 1",
        "Goede praktijken toegevoegd 2",
        "Experts toegevoegd 3",
        "Organisaties toegevoegd 2",
        "Politie Eenheid Test 2",
        "Cursuspakketten geleverd (exports) 2",
        "Basiscursus test 2",
    ):
        assert fact in text, fact
    assert text.count("INTERN") == result.pages  # the banner on every page
    # the charts are real pictures in the PDF, not the blank stand-in for unknown resources
    charts = [
        image
        for page in pypdf.PdfReader(tmp_path / "r.pdf").pages
        for image in page.images
        if image.image is not None and image.image.width > 500
    ]
    assert len(charts) >= 5
    words = docx_text(tmp_path / "r.docx")
    for title in NL_TITLES:
        assert title in words
    assert "Adviezen gegeven in de periode | 4" in words
    assert "Politie Eenheid Test | 2" in words
    assert "INTERN" in words  # the banner in the page header
    assert len(docx.Document(str(tmp_path / "r.docx")).inline_shapes) >= 5  # the charts


def test_english_report(built, tmp_path):
    hub, made, _ = built
    hub.report.write(made.year, pdf=tmp_path / "r.pdf", lang="en")
    text = pdf_text(tmp_path / "r.pdf")
    assert "Advice given in the period 4" in text and "INTERNAL" in text
    assert "Gegeven adviezen" not in text


def test_a_confidential_entry_never_appears_under_an_internal_ceiling(built, tmp_path):
    hub, made, _ = built
    pdf, docx_path = tmp_path / "r.pdf", tmp_path / "r.docx"
    hub.report.write(made.year, pdf=pdf, docx=docx_path, ceiling="internal")
    assert SECRET not in pdf_text(pdf)
    assert not docx_bytes_hold(docx_path, SECRET)
    assert "VERTROUWELIJK" not in pdf_text(pdf)
    hub.report.write(made.year, pdf=pdf, docx=docx_path, ceiling="confidential")
    assert SECRET in pdf_text(pdf)  # the same report does name it when allowed
    assert "VERTROUWELIJK" in pdf_text(pdf)


def test_a_ceiling_that_hides_everything_gives_honest_empty_sections(tmp_path):
    with Hub.create(tmp_path / "hub", PASSPHRASE, kdf=KdfParams.floor()) as hub:
        hub.entries.add(
            "advice", {"title": "Alleen intern", "advice_date": date.today().isoformat()}
        )
        result = hub.report.write(current_year(), pdf=tmp_path / "r.pdf", ceiling="public")
        assert result.counted == 0 and result.banner_level == "public"
        text = pdf_text(tmp_path / "r.pdf")
        assert text.count("Geen gegevens in deze periode.") == len(NL_TITLES)
        assert "OPENBAAR" in text and "Alleen intern" not in text
        assert "is geen agenda vastgelegd" in text


def test_a_period_with_nothing_in_it(built, tmp_path):
    hub, made, _ = built
    result = hub.report.write(
        made.year,
        docx=tmp_path / "r.docx",
        start=date(2001, 1, 1),
        end=date(2001, 12, 31),
    )
    assert result.counted == 0 and result.pdf is None
    words = docx_text(tmp_path / "r.docx")
    # every section but the barrier model, which shows the chain as the hub knows it now
    assert words.count("Geen gegevens in deze periode.") == len(NL_TITLES) - 1
    assert "1 januari 2001 t/m 31 december 2001" in words


def test_a_year_in_the_future_is_a_clear_error(built, tmp_path):
    hub, _, _ = built
    with pytest.raises(UserError, match="in the future"):
        hub.report.write(date.today().year + 2, pdf=tmp_path / "r.pdf")
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "name a PDF or DOCX"),
        ({"pdf": "x.pdf", "ceiling": "secret"}, "not a classification"),
        ({"pdf": "x.pdf", "lang": "de"}, "report language"),
        ({"pdf": "missing/x.pdf"}, "no such folder"),
        ({"pdf": "same", "docx": "same"}, "different file names"),
        ({"pdf": "x.pdf", "start": date(2026, 5, 1), "end": date(2026, 4, 1)}, "after it ends"),
    ],
)
def test_bad_input_is_a_user_error(built, tmp_path, kwargs, message):
    hub, made, _ = built
    for key in ("pdf", "docx"):
        if key in kwargs:
            kwargs[key] = tmp_path / kwargs[key]
    with pytest.raises(UserError, match=message):
        hub.report.write(made.year, **kwargs)


def test_default_period_runs_september_to_august():
    period = reporting_period(2026, today=date(2026, 12, 2))
    assert (period.start, period.end) == (date(2025, 9, 1), date(2026, 8, 31))
    assert not period.running
    assert current_year(date(2026, 8, 31)) == 2026 and current_year(date(2026, 9, 1)) == 2027


# -- audit, cancel, plaintext -------------------------------------------------------------
def test_one_audit_event_without_content(built, tmp_path):
    hub, made, _ = built
    hub.report.write(made.year, pdf=tmp_path / "r.pdf", docx=tmp_path / "r.docx", lang="en")
    event = hub.maintenance.audit_log(limit=1)[0]
    assert event.action == "progress-report" and event.target_id is None
    assert set(event.detail) == {"year", "from", "to", "ceiling", "lang", "formats", "pages"}
    assert event.detail["formats"] == ["pdf", "docx"] and event.detail["ceiling"] == "internal"
    assert "Praktijk" not in str(event.detail) and "Politie" not in str(event.detail)


def test_cancel_writes_nothing_and_records_nothing(built, tmp_path):
    hub, made, _ = built
    before = len(hub.maintenance.audit_log(limit=1000))
    result = hub.report.write(made.year, pdf=tmp_path / "r.pdf", cancel=lambda: True)
    assert result.cancelled and result.pdf is None
    assert list(tmp_path.iterdir()) == []
    assert len(hub.maintenance.audit_log(limit=1000)) == before


def test_no_plaintext_in_temp_dirs_after_a_report(built, tmp_path, monkeypatch):
    import tempfile

    hub, made, _ = built
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = tmp_path / "out"
    out.mkdir()
    hub.report.write(made.year, pdf=out / "r.pdf", docx=out / "r.docx", ceiling="confidential")
    assert sorted(p.name for p in out.iterdir()) == ["r.docx", "r.pdf"]  # no stray copies
    for marker in (SECRET, "Praktijk een", "Politie Eenheid Test"):
        assert files_containing(scratch, marker) == []
        assert files_containing(hub.path, marker) == []
