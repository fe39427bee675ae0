"""A hub with known contents for the progress-report tests: every number is counted by hand.

The period is the running report year (it holds today, when every entry is
created), so `created_at` counts fall inside it; advice and innovation dates
are placed inside and outside it on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from expertise.report.period import current_year, reporting_period

SECRET = "Geheimzegel"  # in every confidential title: must never reach an internal report


@dataclass(frozen=True)
class Built:
    year: int
    pack_id: str
    secret_pack_id: str


def build(hub, tmp: Path) -> Built:
    year = current_year()
    period = reporting_period(year)
    inside = period.start + timedelta(days=10)
    before = period.start - timedelta(days=30)
    today = date.today()

    police = hub.entries.add(
        "organisation", {"title": "Politie Eenheid Test", "org_type": "police"}
    )
    ngo = hub.entries.add(
        "organisation", {"title": "Stichting Test", "org_type": "ngo", "classification": "public"}
    )
    secret_org = hub.entries.add(
        "organisation",
        {"title": f"{SECRET} dienst", "org_type": "ministry", "classification": "confidential"},
    )
    hub.entries.add(
        "expert",
        {
            "title": "Expert Een",
            "organisation": police.id,
            "internal": True,
            "consent_date": today.isoformat(),
        },
    )
    hub.entries.add(
        "expert",
        {
            "title": "Expert Twee",
            "organisation": ngo.id,
            "internal": False,
            "consent_date": (today - timedelta(days=800)).isoformat(),
        },
    )
    hub.entries.add("expert", {"title": "Expert Drie", "internal": True})
    hub.entries.add(
        "expert",
        {
            "title": f"{SECRET} expert",
            "organisation": secret_org.id,
            "classification": "confidential",
        },
    )

    def advice(title: str, **values: object) -> None:
        hub.entries.add("advice", {"title": title, **values})

    advice(
        "Advies opsporing 1",
        audience="investigation",
        requested_by=police.id,
        advice_date=inside.isoformat(),
    )
    advice(
        "Advies opsporing 2",
        audience="investigation",
        requested_by=police.id,
        advice_date=inside.isoformat(),
    )
    advice("Advies beleid", audience="policy", advice_date=inside.isoformat())
    advice("Advies van vorig jaar", audience="policy", advice_date=before.isoformat())
    advice("Concept advies", audience="public", status="draft", advice_date=inside.isoformat())
    advice(
        f"{SECRET} advies",
        audience="public",
        classification="confidential",
        advice_date=inside.isoformat(),
    )
    # an internal advice asked by a confidential organisation: counted, its name never shown
    advice(
        "Advies op verzoek",
        audience="public",
        requested_by=secret_org.id,
        advice_date=inside.isoformat(),
    )

    def project(title: str, stage: str, start: date, end: date | None = None, **more: object):
        values = {"title": title, "stage": stage, "start_date": start.isoformat(), **more}
        if end:
            values["end_date"] = end.isoformat()
        hub.entries.add("innovation", values)

    project("Pilot nieuw", "pilot", inside)
    project("Lopend project", "running", period.start - timedelta(days=400))
    project("Afgerond project", "evaluated", period.start - timedelta(days=400), before)
    project(f"{SECRET} project", "idea", inside, classification="confidential")

    hub.entries.add(
        "practice",
        {
            "title": "Praktijk een",
            "evidence_level": "observed",
            "themes": ["grooming", "opsporing"],
        },
    )
    hub.entries.add(
        "practice",
        {
            "title": "Praktijk twee",
            "evidence_level": "evaluated",
            "themes": ["grooming", "sextortion"],
        },
    )
    hub.entries.add(
        "practice",
        {
            "title": f"{SECRET} praktijk",
            "classification": "confidential",
            "themes": ["sextortion", "opsporing"],
        },
    )

    pack = hub.courses.create("Basiscursus test", "internal")
    hub.courses.add_entries(pack.id, [police.id])
    hub.courses.export_html(pack.id, tmp / "pack.html")
    hub.courses.export_html(pack.id, tmp / "pack2.html")
    secret_pack = hub.courses.create(f"{SECRET} cursus", "confidential")
    hub.courses.add_entries(secret_pack.id, [police.id])
    hub.courses.export_html(secret_pack.id, tmp / "secret.html")
    return Built(year, pack.id, secret_pack.id)
