"""Turn gathered numbers into the report document, in Dutch or English.

Each section says plainly when the period holds nothing for it, so an empty
period or a ceiling that hides everything still gives a whole, honest report.
"""

from __future__ import annotations

from collections.abc import Callable

from expertise.courses.labels import level, theme_name
from expertise.report import document_cycle as cycle
from expertise.report.blocks import MAX_BARS, MAX_ROWS, _empty, _items, _num
from expertise.report.model import Block, Chart, Facts, ReportDocument, Section, Table, Text
from expertise.report.numbers import Counts, ReportNumbers
from expertise.report.words import day, language_of, value, word


def _label(lang: str, field: str, key: str) -> str:
    return value(lang, field, key) if key else word(lang, "none_recorded")


def _top(counts: Counts, lang: str, limit: int = MAX_BARS) -> Counts:
    if len(counts) <= limit:
        return counts
    rest = sum(count for _key, count in counts[limit - 1 :])
    return counts[: limit - 1] + ((word(lang, "other"), rest),)


def _bar(chart_id: str, title: str, counts: Counts, kind: str = "bar") -> Chart:
    return Chart(
        chart_id,
        kind,
        title,
        tuple(key for key, _ in counts),
        (("", tuple(count for _, count in counts)),),
    )


# -- sections ---------------------------------------------------------------------------
def innovation(numbers: ReportNumbers, lang: str) -> tuple[Block, ...]:
    n = numbers.innovation
    if not n.active:
        return _empty(lang)
    stages = [key for key, _ in n.continuing_by_stage]
    started = dict(n.started_by_stage)
    continuing = dict(n.continuing_by_stage)
    chart = Chart(
        "innovation-stage",
        "stacked",
        word(lang, "by_stage"),
        tuple(value(lang, "stage", key) for key in stages),
        (
            (word(lang, "continuing"), tuple(continuing.get(k, 0) for k in stages)),
            (word(lang, "started"), tuple(started.get(k, 0) for k in stages)),
        ),
    )
    rows = tuple(
        (value(lang, "stage", k), _num(continuing.get(k, 0)), _num(started.get(k, 0)))
        for k in stages
    )
    return (
        Facts(
            (
                (word(lang, "innovation_active"), _num(n.active)),
                (word(lang, "innovation_new"), _num(n.started)),
            )
        ),
        chart,
        Table((word(lang, "by_stage"), word(lang, "continuing"), word(lang, "started")), rows),
    )


def advice(numbers: ReportNumbers, lang: str) -> tuple[Block, ...]:
    n = numbers.advice
    if not n.total:
        return _empty(lang)
    audiences = tuple((value(lang, "audience", k), c) for k, c in n.by_audience)
    requesters = tuple((k or word(lang, "requester_none"), c) for k, c in n.by_requester)
    return (
        Facts(((word(lang, "advice_total"), _num(n.total)),)),
        _bar("advice-audience", word(lang, "by_audience"), audiences),
        _bar("advice-requester", word(lang, "by_requester"), _top(requesters, lang), "hbar"),
        Table(
            (word(lang, "requester"), word(lang, "count")),
            tuple((name, _num(count)) for name, count in _top(requesters, lang, MAX_ROWS)),
        ),
    )


def practices(numbers: ReportNumbers, lang: str) -> tuple[Block, ...]:
    n = numbers.practices
    if not n.total:
        return _empty(lang)
    evidence = tuple((value(lang, "evidence_level", k), c) for k, c in n.by_evidence)
    themes = tuple((theme_name(lang, k), c) for k, c in n.by_theme)
    blocks: list[Block] = [
        Facts(((word(lang, "practices_total"), _num(n.total)),)),
        _bar("practice-evidence", word(lang, "by_evidence"), evidence),
    ]
    if themes:
        blocks.append(_bar("practice-theme", word(lang, "by_theme"), _top(themes, lang), "hbar"))
    blocks.append(_items(lang, word(lang, "added_titles"), n.titles))
    return tuple(blocks)


def network(numbers: ReportNumbers, lang: str) -> tuple[Block, ...]:
    n = numbers.network
    if not (n.experts_total or n.orgs_total):
        return _empty(lang)
    types = [key for key, _ in n.orgs_by_type]
    types += [key for key, _ in n.experts_by_type if key not in types]
    experts, orgs = dict(n.experts_by_type), dict(n.orgs_by_type)
    shown = [k for k in types if experts.get(k, 0) or orgs.get(k, 0)]
    names = tuple(_label(lang, "org_type", k) if k else word(lang, "no_org") for k in shown)
    blocks: list[Block] = [
        Facts(
            (
                (word(lang, "experts_added"), _num(n.experts_added)),
                (word(lang, "experts_internal"), _num(n.experts_internal)),
                (word(lang, "orgs_added"), _num(n.orgs_added)),
                (word(lang, "experts_total"), _num(n.experts_total)),
                (word(lang, "orgs_total"), _num(n.orgs_total)),
            )
        )
    ]
    if shown:
        blocks.append(
            Chart(
                "network-added",
                "stacked",
                word(lang, "added_by_type"),
                names,
                (
                    (word(lang, "experts"), tuple(experts.get(k, 0) for k in shown)),
                    (word(lang, "organisations"), tuple(orgs.get(k, 0) for k in shown)),
                ),
            )
        )
    consent = tuple((word(lang, f"consent_{k}"), c) for k, c in n.consent)
    if n.experts_total:
        blocks.append(_bar("network-consent", word(lang, "consent"), consent, "hbar"))
        rows = tuple((k, _num(c)) for k, c in consent)
        blocks.append(Table((word(lang, "consent"), word(lang, "count")), rows))
    return tuple(blocks)


def courses(numbers: ReportNumbers, lang: str) -> tuple[Block, ...]:
    n = numbers.courses
    if not n.exports:
        return _empty(lang)
    formats = tuple((value(lang, "format", k), c) for k, c in n.by_format)
    packs = tuple((k or word(lang, "deleted_pack"), c) for k, c in n.by_pack)
    return (
        Facts(
            (
                (word(lang, "exports_total"), _num(n.exports)),
                (word(lang, "packs_distinct"), _num(len(n.by_pack))),
            )
        ),
        Table((word(lang, "format"), word(lang, "count")), tuple((k, _num(c)) for k, c in formats)),
        Table(
            (word(lang, "pack"), word(lang, "count")),
            tuple((k, _num(c)) for k, c in _top(packs, lang, MAX_ROWS)),
        ),
    )


def barrier(numbers: ReportNumbers, lang: str) -> tuple[Block, ...]:
    n = numbers.barrier
    if not n.total:
        return _empty(lang)
    nl = language_of(lang) == "nl"
    phases = tuple(label_nl if nl else label_en for _k, label_nl, label_en in n.phases)
    rows = tuple(
        (label_nl if nl else label_en, values)
        for (_k, label_nl, label_en), values in zip(n.themes, n.cells, strict=True)
    )
    return (
        Text(word(lang, "barrier_intro")),
        Chart("barrier-heatmap", "heatmap", word(lang, "barrier_map"), phases, rows),
        Chart(
            "barrier-phase",
            "stacked",
            word(lang, "barrier_by_phase"),
            phases,
            (
                (word(lang, "measures"), n.measures_by_phase),
                (word(lang, "open_bottlenecks"), n.bottlenecks_by_phase),
            ),
        ),
    )


Builder = Callable[[ReportNumbers, str], tuple[Block, ...]]
# Report order: the work cycle first (bottlenecks, agenda, barrier model), then the output.
# A section's key is its builder's name; its title is the word "section_<key>".
SECTIONS: list[tuple[str, Builder]] = [
    (builder.__name__, builder)
    for builder in (barrier, innovation, advice, practices, network, courses)
]


def sections_of(numbers: ReportNumbers) -> list[tuple[str, Builder]]:
    """The sections in report order; a work-cycle kind's only when the hub's model has it."""
    present: dict[Builder, bool] = {
        cycle.bottlenecks: numbers.bottlenecks is not None,
        cycle.agenda: numbers.agenda is not None,
        cycle.cases: numbers.cases is not None,
    }
    order: list[Builder] = [
        cycle.bottlenecks,
        cycle.agenda,
        barrier,
        innovation,
        advice,
        cycle.cases,
    ]
    order += [builder for _key, builder in SECTIONS if builder not in order]
    return [(builder.__name__, builder) for builder in order if present.get(builder, True)]


def build_document(numbers: ReportNumbers, lang: str) -> ReportDocument:
    lang = language_of(lang)
    period = numbers.period
    generated = numbers.generated_at.strftime("%Y-%m-%d %H:%M")
    notes = [word(lang, "method", ceiling=level(lang, numbers.ceiling).label)]
    if period.running:
        notes.append(word(lang, "running", today=day(lang, period.today)))
    sections = tuple(
        Section(key, word(lang, f"section_{key}"), builder(numbers, lang))
        for key, builder in sections_of(numbers)
    )
    return ReportDocument(
        lang=lang,
        year=period.year,
        title=word(lang, "title", year=period.year),
        brand=word(lang, "brand"),
        kicker=word(lang, "kicker"),
        cover_facts=(
            (
                word(lang, "period"),
                word(
                    lang, "period_value", start=day(lang, period.start), end=day(lang, period.end)
                ),
            ),
            (word(lang, "ceiling"), level(lang, numbers.ceiling).label),
            (word(lang, "generated"), generated),
            (word(lang, "hub"), numbers.hub_name),
        ),
        notes=tuple(notes),
        banner=level(lang, numbers.highest_level),
        footer=word(lang, "footer", year=period.year, generated=generated, hub=numbers.hub_name),
        page_label=word(lang, "page"),
        contents_title=word(lang, "contents"),
        sections=sections,
    )
