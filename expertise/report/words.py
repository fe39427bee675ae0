"""Words printed in a progress report, in its language (nl by default, or en).

A report is a document for the minister, read outside the app, so its words
live here as data, like the course-pack words in expertise/courses/labels.py;
the UI's own strings still go through Qt's tr().
"""

from __future__ import annotations

from datetime import date

from expertise.fields import any_spec, field_by_name

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Voortgangsrapportage {year}",
        "kicker": "VOORTGANGSRAPPORTAGE AAN DE MINISTER",
        "brand": "EXPERTISECENTRUM ONLINE KINDERMISBRUIK",
        "period": "Verslagperiode",
        "period_value": "{start} t/m {end}",
        "running": "De periode loopt nog: de cijfers gaan tot en met {today}.",
        "ceiling": "Rubriceringsplafond",
        "generated": "Opgesteld",
        "hub": "Hub",
        "contents": "Inhoud",
        "page": "pagina {page} / {pages}",
        "footer": "Voortgangsrapportage {year} · opgesteld {generated} · hub: {hub}",
        "method": (
            "Deze rapportage telt wat in de hub is vastgelegd. Concepten tellen niet mee, en "
            "niets boven het rubriceringsplafond ({ceiling}) is gelezen of geteld."
        ),
        "empty": "Geen gegevens in deze periode.",
        "none_recorded": "(niet vastgelegd)",
        "more": "… en nog {count}",
        "count": "Aantal",
        "total": "Totaal",
        "other": "Overig",
        # sections
        "section_bottlenecks": "Knelpunten",
        "section_agenda": "Voortgang van de agenda",
        "section_barrier": "Barrièremodel",
        "section_innovation": "Innovatieprojecten",
        "section_advice": "Gegeven adviezen",
        "section_cases": "Gevolgde voorbeeldzaken",
        "section_practices": "Toegevoegde goede praktijken",
        "section_network": "Het expertnetwerk",
        "section_courses": "Geleverde cursuspakketten",
        # bottlenecks, agenda, cases
        "bn_new": "Knelpunten gesignaleerd in de periode",
        "bn_resolved": "Knelpunten opgelost in de periode",
        "bn_open": "Knelpunten open aan het einde van de periode",
        "bn_by_phase": "Knelpunten per fase van het barrièremodel",
        "bn_by_party": "Open en opgeloste knelpunten per verantwoordelijke partij",
        "bn_by_state": "Open knelpunten naar stand van zaken",
        "bn_open_list": "Open knelpunten",
        "new": "Nieuw",
        "resolved": "Opgelost",
        "open": "Open",
        "state": "Stand van zaken",
        "party": "Verantwoordelijke partij",
        "no_party": "(geen partij vastgelegd of niet te tonen)",
        "no_phase": "(geen fase)",
        "deleted_ref": "(verwijderd knelpunt)",
        "hidden_ref": "(niet te tonen)",
        "agenda_none": "Voor {year} is geen agenda vastgelegd.",
        "agenda_items": "Agendapunten {year}",
        "agenda_by_progress": "Agendapunten naar voortgang",
        "objective": "Doel",
        "year": "Jaar",
        "bottleneck": "Knelpunt",
        "responsible": "Verantwoordelijk",
        "progress": "Voortgang",
        "cases_followed": "Voorbeeldzaken gevolgd in de periode",
        "cases_updates": "Vervolgberichten in de periode",
        "case": "Voorbeeldzaak",
        "region": "Regio / eenheid",
        "updates": "Berichten",
        "practices_made": "Opgeleverde werkwijzen",
        # barrier model
        "barrier_intro": (
            "Waar in de keten staan maatregelen (adviezen, innovatieprojecten, goede praktijken) "
            "en open knelpunten? Elke cel telt ze per thema en fase, zoals de hub ze nu kent."
        ),
        "barrier_map": "Maatregelen en open knelpunten per thema en fase",
        "barrier_by_phase": "Per fase van het barrièremodel",
        "measures": "Maatregelen",
        "open_bottlenecks": "Open knelpunten",
        # innovation
        "innovation_active": "Projecten actief in de periode",
        "innovation_new": "Waarvan gestart in de periode",
        "by_stage": "Projecten per fase",
        "continuing": "Doorlopend",
        "started": "Gestart in de periode",
        # advice
        "advice_total": "Adviezen gegeven in de periode",
        "by_audience": "Adviezen per doelgroep",
        "by_requester": "Adviezen per aanvrager",
        "requester": "Aanvrager",
        "requester_none": "(geen aanvrager vastgelegd of niet te tonen)",
        # practices
        "practices_total": "Goede praktijken toegevoegd",
        "by_evidence": "Per mate van onderbouwing",
        "by_theme": "Per thema",
        "theme": "Thema",
        "added_titles": "Toegevoegd",
        # network
        "experts_added": "Experts toegevoegd",
        "experts_internal": "Waarvan intern",
        "orgs_added": "Organisaties toegevoegd",
        "experts_total": "Experts in het netwerk (einde periode)",
        "orgs_total": "Organisaties in het netwerk (einde periode)",
        "added_by_type": "Toegevoegd per soort organisatie",
        "experts": "Experts",
        "organisations": "Organisaties",
        "consent": "Toestemming van experts (einde periode)",
        "consent_current": "Toestemming vastgelegd, geverifieerd binnen een jaar",
        "consent_stale": "Toestemming vastgelegd, verificatie ouder dan een jaar",
        "consent_missing": "Geen toestemming vastgelegd",
        "no_org": "Zonder organisatie",
        # course packs
        "exports_total": "Cursuspakketten geleverd (exports)",
        "packs_distinct": "Verschillende pakketten",
        "by_format": "Per formaat",
        "pack": "Cursuspakket",
        "deleted_pack": "(verwijderd pakket)",
        "format": "Formaat",
    },
    "en": {
        "title": "Progress report {year}",
        "kicker": "PROGRESS REPORT TO THE MINISTER",
        "brand": "EXPERTISE CENTRE ONLINE CHILD EXPLOITATION",
        "period": "Reporting period",
        "period_value": "{start} to {end}",
        "running": "The period is still running: the figures go up to {today}.",
        "ceiling": "Classification ceiling",
        "generated": "Drawn up",
        "hub": "Hub",
        "contents": "Contents",
        "page": "page {page} / {pages}",
        "footer": "Progress report {year} · drawn up {generated} · hub: {hub}",
        "method": (
            "This report counts what is recorded in the hub. Drafts are not counted, and nothing "
            "above the classification ceiling ({ceiling}) was read or counted."
        ),
        "empty": "Nothing recorded in this period.",
        "none_recorded": "(not recorded)",
        "more": "… and {count} more",
        "count": "Count",
        "total": "Total",
        "other": "Other",
        "section_bottlenecks": "Bottlenecks",
        "section_agenda": "Agenda progress",
        "section_barrier": "Barrier model",
        "section_innovation": "Innovation projects",
        "section_advice": "Advice given",
        "section_cases": "Example cases followed",
        "section_practices": "Best practices added",
        "section_network": "The expert network",
        "section_courses": "Course packs delivered",
        "bn_new": "Bottlenecks signalled in the period",
        "bn_resolved": "Bottlenecks resolved in the period",
        "bn_open": "Bottlenecks open at the end of the period",
        "bn_by_phase": "Bottlenecks by phase of the barrier model",
        "bn_by_party": "Open and resolved bottlenecks by responsible party",
        "bn_by_state": "Open bottlenecks by state",
        "bn_open_list": "Open bottlenecks",
        "new": "New",
        "resolved": "Resolved",
        "open": "Open",
        "state": "State",
        "party": "Responsible party",
        "no_party": "(no party recorded, or not to be shown)",
        "no_phase": "(no phase)",
        "deleted_ref": "(deleted bottleneck)",
        "hidden_ref": "(not to be shown)",
        "agenda_none": "No agenda is recorded for {year}.",
        "agenda_items": "Agenda items {year}",
        "agenda_by_progress": "Agenda items by progress",
        "objective": "Objective",
        "year": "Year",
        "bottleneck": "Bottleneck",
        "responsible": "Responsible",
        "progress": "Progress",
        "cases_followed": "Example cases followed in the period",
        "cases_updates": "Follow-ups in the period",
        "case": "Example case",
        "region": "Region / unit",
        "updates": "Updates",
        "practices_made": "Practices produced",
        "barrier_intro": (
            "Where along the chain do measures (advice, innovation projects, best practices) "
            "and open bottlenecks stand? Each cell counts them by theme and phase, as the hub "
            "knows them now."
        ),
        "barrier_map": "Measures and open bottlenecks by theme and phase",
        "barrier_by_phase": "By phase of the barrier model",
        "measures": "Measures",
        "open_bottlenecks": "Open bottlenecks",
        "innovation_active": "Projects active in the period",
        "innovation_new": "Of which started in the period",
        "by_stage": "Projects by stage",
        "continuing": "Continuing",
        "started": "Started in the period",
        "advice_total": "Advice given in the period",
        "by_audience": "Advice by audience",
        "by_requester": "Advice by requester",
        "requester": "Requester",
        "requester_none": "(none recorded, or not to be shown)",
        "practices_total": "Best practices added",
        "by_evidence": "By level of evidence",
        "by_theme": "By theme",
        "theme": "Theme",
        "added_titles": "Added",
        "experts_added": "Experts added",
        "experts_internal": "Of which internal",
        "orgs_added": "Organisations added",
        "experts_total": "Experts in the network (end of period)",
        "orgs_total": "Organisations in the network (end of period)",
        "added_by_type": "Added by type of organisation",
        "experts": "Experts",
        "organisations": "Organisations",
        "consent": "Consent of experts (end of period)",
        "consent_current": "Consent recorded, verified within a year",
        "consent_stale": "Consent recorded, verification over a year old",
        "consent_missing": "No consent recorded",
        "no_org": "No organisation",
        "exports_total": "Course packs delivered (exports)",
        "packs_distinct": "Different packs",
        "by_format": "By format",
        "pack": "Course pack",
        "deleted_pack": "(deleted pack)",
        "format": "Format",
    },
}

FORMATS = {"pdf": "PDF", "html": "HTML", "md": "Markdown"}

MONTHS = {
    "nl": (
        "januari februari maart april mei juni juli augustus september oktober november december"
    ).split(),
    "en": (
        "January February March April May June July August September October November December"
    ).split(),
}

LANGS = ("nl", "en")


def language_of(lang: str) -> str:
    return lang if lang in WORDS else "nl"


def word(lang: str, key: str, **values: object) -> str:
    text = WORDS[language_of(lang)][key]
    return text.format(**values) if values else text


def value(lang: str, field: str, key: str, kind: str | None = None) -> str:
    """The registry's label of a choice value (expertise/fields); unknown: shown as stored.

    `field` may name a column of a rows field as "items.progress"."""
    if field == "format":
        return FORMATS.get(key, key)
    name, _, column = field.partition(".")
    spec = field_by_name(kind, name) if kind else any_spec(name)
    if spec is not None and column:
        spec = next((c for c in getattr(spec, "columns", ()) or () if c.name == column), None)
    for option in spec.options if spec is not None else ():
        if option.key == key:
            return option.label.get(language_of(lang))
    return key


def day(lang: str, when: date) -> str:
    """A date as a reader writes it: 1 september 2025, 1 September 2025."""
    return f"{when.day} {MONTHS[language_of(lang)][when.month - 1]} {when.year}"
