"""Charts of a progress report as PNG bytes, drawn with matplotlib's Agg backend.

Figures are made through matplotlib's object API (no pyplot: no global state,
safe on a worker thread) and saved into memory; a chart never touches the disk.
matplotlib is imported here only, when a report is drawn.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from expertise.report.model import Chart

if TYPE_CHECKING:
    from matplotlib.axes import Axes

DPI = 200
WIDTH_IN = 6.3  # the text width of an A4 page with the report's margins
PALETTE = ("#12355b", "#4f8fc0", "#e0a526", "#7a9a3a", "#a23b3b", "#6b5b95", "#888888")
HEAT = "Blues"


def render(chart: Chart) -> bytes:
    """One chart as PNG bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, _height(chart)), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    {
        "bar": _bars,
        "hbar": _hbars,
        "stacked": _stacked,
        "grouped": _grouped,
        "heatmap": _heatmap,
    }[chart.kind](axes, chart)
    # On the figure, not the axes: long row labels push the axes right and cut its title.
    figure.suptitle(
        chart.title, x=0.01, ha="left", fontsize=10, color="#12355b", fontweight="bold"
    )
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, facecolor="white")
    figure.clear()
    return out.getvalue()


def render_all(charts: list[Chart]) -> dict[str, bytes]:
    return {chart.id: render(chart) for chart in charts}


def _height(chart: Chart) -> float:
    if chart.kind == "grouped" and _grouped_sideways(chart):
        return 0.9 + 0.22 * len(chart.categories) * len(chart.series)
    if chart.kind == "hbar" or (chart.kind == "stacked" and _sideways(chart)):
        return 0.9 + 0.32 * len(chart.categories)
    if chart.kind == "heatmap":
        return 1.8 + 0.28 * len(chart.series)
    return 2.8


def _plain(axes: Axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=8)


def _wrap(label: str, width: int = 14) -> str:
    words, lines, line = label.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "\n".join(lines + [line])


def _values(chart: Chart) -> tuple[int, ...]:
    return chart.series[0][1] if chart.series else ()


def _bars(axes: Axes, chart: Chart) -> None:
    values = _values(chart)
    positions = range(len(values))
    bars = axes.bar(positions, values, color=PALETTE[0], width=0.6)
    axes.bar_label(bars, fontsize=8, padding=2)
    axes.set_xticks(list(positions), [_wrap(c) for c in chart.categories])
    _integer_axis(axes, "y")
    _plain(axes)


def _hbars(axes: Axes, chart: Chart) -> None:
    values = _values(chart)
    positions = range(len(values))
    bars = axes.barh(positions, values, color=PALETTE[1], height=0.6)
    axes.bar_label(bars, fontsize=8, padding=2)
    axes.set_yticks(list(positions), [_wrap(c, 40) for c in chart.categories])
    axes.invert_yaxis()  # largest first, read from the top
    _integer_axis(axes, "x")
    _plain(axes)


def _stacked(axes: Axes, chart: Chart) -> None:
    if _sideways(chart):
        _hstacked(axes, chart)
        return
    positions = list(range(len(chart.categories)))
    bottom = [0] * len(positions)
    for index, (label, values) in enumerate(chart.series):
        axes.bar(
            positions,
            values,
            bottom=bottom,
            label=label,
            width=0.6,
            color=PALETTE[index % len(PALETTE)],
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    for x, total in zip(positions, bottom, strict=True):
        if total:
            axes.annotate(
                str(total),
                (x, total),
                ha="center",
                va="bottom",
                fontsize=8,
                xytext=(0, 2),
                textcoords="offset points",
            )
    axes.set_xticks(positions, [_wrap(c) for c in chart.categories])
    axes.legend(fontsize=8, frameon=False, loc="upper right")
    _integer_axis(axes, "y")
    _plain(axes)


def _grouped(axes: Axes, chart: Chart) -> None:
    """Series side by side: for counts that overlap (a new bottleneck may still be open)."""
    count = max(len(chart.series), 1)
    width = 0.8 / count
    sideways = _grouped_sideways(chart)
    for index, (label, values) in enumerate(chart.series):
        places = [i - 0.4 + width * (index + 0.5) for i in range(len(values))]
        colour = PALETTE[index % len(PALETTE)]
        if sideways:
            bars = axes.barh(places, values, height=width, label=label, color=colour)
        else:
            bars = axes.bar(places, values, width=width, label=label, color=colour)
        axes.bar_label(bars, fontsize=7, padding=2)
    ticks = list(range(len(chart.categories)))
    if sideways:
        axes.set_yticks(ticks, [_wrap(c, 40) for c in chart.categories])
        axes.invert_yaxis()
        _integer_axis(axes, "x")
    else:
        axes.set_xticks(ticks, [_wrap(c) for c in chart.categories])
        _integer_axis(axes, "y")
    # Below the bars, never over them.
    axes.legend(
        fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=count
    )
    _plain(axes)


def _grouped_sideways(chart: Chart) -> bool:
    return len(chart.categories) > 6


def _sideways(chart: Chart) -> bool:
    """Long or many category names read better as rows than under columns."""
    return len(chart.categories) > 5 or max(map(len, chart.categories), default=0) > 16


def _hstacked(axes: Axes, chart: Chart) -> None:
    positions = list(range(len(chart.categories)))
    left = [0] * len(positions)
    for index, (label, values) in enumerate(chart.series):
        axes.barh(
            positions,
            values,
            left=left,
            label=label,
            height=0.6,
            color=PALETTE[index % len(PALETTE)],
        )
        left = [a + v for a, v in zip(left, values, strict=True)]
    for y, total in zip(positions, left, strict=True):
        if total:
            axes.annotate(
                str(total),
                (total, y),
                ha="left",
                va="center",
                fontsize=8,
                xytext=(3, 0),
                textcoords="offset points",
            )
    axes.set_yticks(positions, [_wrap(c, 40) for c in chart.categories])
    axes.invert_yaxis()
    axes.legend(fontsize=8, frameon=False, loc="lower right")
    _integer_axis(axes, "x")
    _plain(axes)


def _heatmap(axes: Axes, chart: Chart) -> None:
    cells = [list(values) for _label, values in chart.series]
    peak = max((max(row) for row in cells if row), default=0) or 1
    axes.imshow(cells, cmap=HEAT, vmin=0, vmax=peak, aspect="auto")
    for y, row in enumerate(cells):
        for x, count in enumerate(row):
            colour = "white" if count > peak * 0.6 else "#1d1d1d"
            axes.text(x, y, str(count), ha="center", va="center", fontsize=7, color=colour)
    # Phase names run long ("Nazorg en recidivebeperking"): slanted, they never overlap.
    axes.set_xticks(
        range(len(chart.categories)),
        [_wrap(c, 18) for c in chart.categories],
        rotation=35,
        ha="left",
        rotation_mode="anchor",
    )
    axes.set_yticks(range(len(cells)), [label for label, _ in chart.series])
    axes.tick_params(labelsize=7, length=0)
    axes.xaxis.tick_top()
    for spine in axes.spines.values():
        spine.set_visible(False)


def _integer_axis(axes: Axes, which: str) -> None:
    from matplotlib.ticker import MaxNLocator

    axis = axes.yaxis if which == "y" else axes.xaxis
    axis.set_major_locator(MaxNLocator(integer=True))


__all__ = ["render", "render_all"]
