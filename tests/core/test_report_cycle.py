"""The report's work-cycle sections (issue 13, item 7): bottlenecks, agenda progress and
example cases, with exact numbers, the ceiling and an agenda item for a deleted bottleneck."""

from __future__ import annotations

from datetime import timedelta

import pypdf
import pytest

from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.report.period import current_year, reporting_period
from tests.conftest import PASSPHRASE

SECRET = "Zegelknelpunt"


def pdf_text(path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)


@pytest.fixture(scope="module")
def cycle_hub(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report-cycle")
    year = current_year()
    period = reporting_period(year)
    inside = (period.start + timedelta(days=20)).isoformat()
    earlier = (period.start - timedelta(days=60)).isoformat()
    hub = Hub.create(folder / "hub", PASSPHRASE, kdf=KdfParams.floor())
    add = hub.entries.add
    police = add("organisation", {"title": "Politie Test", "org_type": "police"})
    secret_org = add(
        "organisation",
        {"title": f"{SECRET} partij", "org_type": "ministry", "classification": "confidential"},
    )

    def bottleneck(title: str, **values):
        return add("bottleneck", {"title": title, **values})

    new = bottleneck(
        "Nieuw knelpunt",
        state="signalled",
        signalled_on=inside,
        responsible=[police.id],
        themes=["grooming", "opsporing"],
    )
    bottleneck(
        "Opgelost knelpunt",
        state="resolved",
        signalled_on=earlier,
        resolved_on=inside,
        responsible=[police.id],
        themes=["preventie"],
    )
    bottleneck(
        "Lopend knelpunt",
        state="in_progress",
        signalled_on=earlier,
        responsible=[secret_org.id],
        themes=["opsporing"],
    )
    secret = bottleneck(
        f"{SECRET} knelpunt", state="signalled", signalled_on=inside, classification="confidential"
    )
    bottleneck("Concept knelpunt", state="signalled", signalled_on=inside, status="draft")
    gone = bottleneck("Weg knelpunt", state="signalled", signalled_on=inside)
    add(
        "agenda",
        {
            "title": f"Agenda {year}",
            "year": str(year),
            "items": [
                {
                    "bottleneck": new.id,
                    "objective": "Doel een",
                    "progress": "in_progress",
                    "responsible": [police.id],
                },
                {"bottleneck": gone.id, "objective": "Doel twee", "progress": "done"},
                {"bottleneck": secret.id, "objective": "Doel drie", "progress": "planned"},
            ],
        },
    )
    hub.entries.delete(gone.id)
    add(
        "case",
        {
            "title": "Voorbeeldzaak Oost",
            "state": "following",
            "region": "Oost",
            "follow_ups": [
                {"date": inside, "text": "Eerste overleg met de ketenpartners."},
                {"date": inside, "text": "Werkwijze vastgelegd."},
                {"date": earlier, "text": "Start."},
            ],
        },
    )
    yield hub, year, folder
    hub.close()


def test_bottleneck_numbers(cycle_hub):
    hub, year, _ = cycle_hub
    n = hub.report.numbers(year).bottlenecks
    assert (n.new, n.resolved, n.open) == (1, 1, 2)  # the deleted one is gone
    assert dict(n.open_by_phase) == {"opsporing": 2}
    assert dict(n.resolved_by_phase) == {"preventie": 1}
    assert dict(n.open_by_party)["Politie Test"] == 1
    assert SECRET not in " ".join(map(str, n.open_by_party))


def test_agenda_names_a_deleted_bottleneck_and_hides_a_confidential_one(cycle_hub, tmp_path):
    hub, year, _ = cycle_hub
    a = hub.report.numbers(year).agenda
    assert [line[1] for line in a.items] == ["Doel een", "Doel twee", "Doel drie"]
    assert {line[0] for line in a.items} == {str(year)}
    assert dict(a.by_progress)["done"] == 1
    hub.report.write(year, pdf=tmp_path / "r.pdf")
    text = pdf_text(tmp_path / "r.pdf")
    for title in ("Knelpunten", "Voortgang van de agenda", "Gevolgde voorbeeldzaken"):
        assert title in text
    assert "(verwijderd knelpunt)" in text and "(niet te tonen)" in text
    assert SECRET not in text
    assert "Knelpunten gesignaleerd in de periode 1" in text


def test_cases_followed(cycle_hub):
    hub, year, _ = cycle_hub
    c = hub.report.numbers(year).cases
    assert (c.followed, c.updates) == (1, 2)
    assert c.cases[0][:4] == ("Voorbeeldzaak Oost", "Oost", "following", 2)
