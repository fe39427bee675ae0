"""The work-cycle sections of the report document: bottlenecks, agenda progress, cases."""

from __future__ import annotations

from collections import Counter

from expertise.report.blocks import MAX_BARS, MAX_ROWS, _empty, _items, _num
from expertise.report.gather_cycle import DELETED, HIDDEN
from expertise.report.model import Block, Chart, Facts, Table, Text
from expertise.report.numbers import Counts, ReportNumbers
from expertise.report.words import language_of, value, word


def _ref(lang: str, name: str, empty: str = "") -> str:
    if name == DELETED:
        return word(lang, "deleted_ref")
    if name == HIDDEN:
        return word(lang, "hidden_ref")
    return name or empty


def _phase_order(numbers: ReportNumbers, lang: str) -> list[tuple[str, str]]:
    nl = language_of(lang) == "nl"
    return [
        (key, label_nl if nl else label_en) for key, label_nl, label_en in numbers.barrier.phases
    ]


def bottlenecks(numbers: ReportNumbers, lang: str) -> tuple[Block, ...]:
    n = numbers.bottlenecks
    if n is None or not (n.new or n.resolved or n.open):
        return _empty(lang)
    blocks: list[Block] = [
        Facts(
            (
                (word(lang, "bn_new"), _num(n.new)),
                (word(lang, "bn_resolved"), _num(n.resolved)),
                (word(lang, "bn_open"), _num(n.open)),
            )
        )
    ]
    series = {
        "new": dict(n.new_by_phase),
        "resolved": dict(n.resolved_by_phase),
        "open": dict(n.open_by_phase),
    }
    phases = [
        (k, label)
        for k, label in _phase_order(numbers, lang)
        if any(series[s].get(k, 0) for s in series)
    ]
    if phases:
        blocks.append(
            Chart(
                "bottleneck-phase",
                "grouped",
                word(lang, "bn_by_phase"),
                tuple(label for _k, label in phases),
                tuple(
                    (word(lang, s), tuple(series[s].get(k, 0) for k, _ in phases)) for s in series
                ),
            )
        )
    blocks += _by_party(n.open_by_party, n.resolved_by_party, lang)
    states = tuple(
        (value(lang, "state", key, "bottleneck"), _num(count)) for key, count in n.by_state if count
    )
    if states:
        blocks.append(Table((word(lang, "bn_by_state"), word(lang, "count")), states))
    if n.open_titles:
        blocks.append(_items(lang, word(lang, "bn_open_list"), n.open_titles))
    return tuple(blocks)


def _by_party(open_: Counts, resolved: Counts, lang: str) -> list[Block]:
    still, done = dict(open_), dict(resolved)
    names = sorted(set(still) | set(done), key=lambda k: (-(still.get(k, 0) + done.get(k, 0)), k))
    if not names:
        return []
    shown = names[:MAX_BARS]
    labels = tuple(_ref(lang, k, word(lang, "no_party")) for k in shown)
    chart = Chart(
        "bottleneck-party",
        "stacked",
        word(lang, "bn_by_party"),
        labels,
        (
            (word(lang, "open"), tuple(still.get(k, 0) for k in shown)),
            (word(lang, "resolved"), tuple(done.get(k, 0) for k in shown)),
        ),
    )
    rows = tuple(
        (_ref(lang, k, word(lang, "no_party")), _num(still.get(k, 0)), _num(done.get(k, 0)))
        for k in names[:MAX_ROWS]
    )
    table = Table((word(lang, "party"), word(lang, "open"), word(lang, "resolved")), rows)
    return [chart, table]


def agenda(numbers: ReportNumbers, lang: str) -> tuple[Block, ...]:
    n = numbers.agenda
    if n is None or not n.items:
        years = ", ".join(n.years) if n is not None else str(numbers.period.year)
        return (Text(word(lang, "agenda_none", year=years)),)
    progress = tuple(
        (value(lang, "items.progress", key, "agenda"), count) for key, count in n.by_progress
    )
    per_year = Counter(line[0] for line in n.items)
    rows = tuple(
        (
            year,
            objective,
            _ref(lang, bottleneck),
            ", ".join(_ref(lang, p) for p in parties),
            value(lang, "items.progress", state, "agenda") if state else "",
        )
        for year, objective, bottleneck, parties, state in n.items
    )
    headers = (
        word(lang, "year"),
        word(lang, "objective"),
        word(lang, "bottleneck"),
        word(lang, "responsible"),
        word(lang, "progress"),
    )
    return (
        Facts(tuple((word(lang, "agenda_items", year=y), _num(c)) for y, c in per_year.items())),
        Chart(
            "agenda-progress",
            "bar",
            word(lang, "agenda_by_progress"),
            tuple(label for label, _ in progress),
            (("", tuple(count for _, count in progress)),),
        ),
        Table(headers, rows),
    )


def cases(numbers: ReportNumbers, lang: str) -> tuple[Block, ...]:
    n = numbers.cases
    if n is None or not n.followed:
        return _empty(lang)
    rows = tuple(
        (title, region, value(lang, "state", state, "case"), _num(updates), _num(made))
        for title, region, state, updates, made in n.cases
    )
    return (
        Facts(
            (
                (word(lang, "cases_followed"), _num(n.followed)),
                (word(lang, "cases_updates"), _num(n.updates)),
            )
        ),
        Table(
            (
                word(lang, "case"),
                word(lang, "region"),
                word(lang, "state"),
                word(lang, "updates"),
                word(lang, "practices_made"),
            ),
            rows,
        ),
    )


__all__ = ["agenda", "bottlenecks", "cases"]
