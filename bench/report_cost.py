"""The headline table: what a user waits for and what it costs, per size, hub beside FTS5.

One row per figure, one hub / FTS5 / ratio triple per corpus size, so the
10k and 100k runs read side by side (README, LATEST.md). A figure a run did
not measure (a phase left out) shows as ``–``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Getter = Callable[[dict[str, Any]], float | None]
# (label, hub figure, FTS5 figure, target text)
Row = tuple[str, Getter, Getter, str]


def _get(*path: str) -> Getter:
    def get(side: dict[str, Any]) -> float | None:
        value: Any = side
        for key in path:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return float(value) if isinstance(value, int | float) else None

    return get


def _worst_warm(side: dict[str, Any]) -> float | None:
    warm = side.get("warm")
    return max(v["p95_ms"] for v in warm.values()) if warm else None


def _none(side: dict[str, Any]) -> float | None:
    return None


ROWS: tuple[Row, ...] = (
    (
        "import, files/s (`expertise import`, cold process, until searchable)",
        _get("import", "files_per_s"),
        _get("import", "files_per_s"),
        "≥ 1,000",
    ),
    (
        "import, files per CPU second (the `expertise import` process tree)",
        _get("import", "files_per_cpu_s"),
        _get("import", "files_per_cpu_s"),
        "",
    ),
    (
        "import in-process, files/s (`hub.transfer.import_paths`)",
        _get("import_lib", "files_per_s"),
        _get("import", "files_per_s"),
        "",
    ),
    (
        "peak RSS of the import process tree, MB",
        _get("import", "peak_rss_mb"),
        _get("import", "peak_rss_mb"),
        "",
    ),
    ("index build, docs/s", _get("build", "docs_per_s"), _get("build", "docs_per_s"), "≥ 1,000"),
    (
        "index build, docs per CPU second (workers included)",
        _get("build", "docs_per_cpu_s"),
        _get("build", "docs_per_cpu_s"),
        "",
    ),
    (
        "peak RSS while building, MB (tree)",
        _get("build", "peak_rss_mb"),
        _get("build", "peak_rss_mb"),
        "",
    ),
    (
        "RSS unlocked and searching (after a warm mix), MB",
        _get("rss_searching_mb"),
        _get("rss_searching_mb"),
        "≤ 400",
    ),
    (
        "peak RSS during a real reindex, MB (tree)",
        _get("reindex", "peak_rss_mb"),
        _none,
        "≤ 600",
    ),
    ("reindex, docs/s", _get("reindex", "docs_per_s"), _none, ""),
    (
        "keystroke p95, ms",
        _get("typing_warm", "keystroke", "p95_ms"),
        _get("typing_warm", "keystroke", "p95_ms"),
        "≤ 30",
    ),
    ("worst warm search p95, ms", _worst_warm, _worst_warm, "≤ 50"),
)


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"


def _ratio(hub: float | None, fts: float | None) -> str:
    return f"{hub / fts:.2f}" if hub is not None and fts else "–"


def _reindex_searches(r: dict[str, Any]) -> str:
    rebuild = r["hub"].get("reindex")
    if not rebuild:
        return "–"
    return (
        f"{rebuild['searches_answered']} of {rebuild['searches']} answered, "
        f"slowest {rebuild['search_max_ms']:.0f} ms"
    )


def _worst_ratio(r: dict[str, Any]) -> str:
    targets = r.get("comparison", {}).get("targets", {})
    return f"{targets['p95_ratio']['value']:.2f}" if "p95_ratio" in targets else "–"


def headline(results: list[dict[str, Any]]) -> list[str]:
    sizes = [f"{r['size']:,}" for r in results]
    head = "| figure | target | " + " | ".join(f"{s} hub | {s} FTS5 | hub ÷ FTS5" for s in sizes)
    lines = [head + " |", "|---|---|" + "---:|---:|---:|" * len(results)]
    for label, hub_of, fts_of, target in ROWS:
        cells = []
        for r in results:
            hub, fts = hub_of(r["hub"]), fts_of(r["fts5"])
            cells.append(f"{_fmt(hub)} | {_fmt(fts)} | {_ratio(hub, fts)}")
        lines.append(f"| {label} | {target} | " + " | ".join(cells) + " |")
    lines.append(
        "| worst warm p95 hub ÷ FTS5 over the query classes | ≤ 2 | "
        + " | ".join(f"{_worst_ratio(r)} | | " for r in results)
        + " |"
    )
    lines.append(
        "| searches during the reindex | answered | "
        + " | ".join(f"{_reindex_searches(r)} | | " for r in results)
        + " |"
    )
    codes = ", ".join(
        f"{r['size']:,}: {r.get('code', '?')}"
        + ("" if "(" in r.get("code", "") else f" ({r['date'][:16]})")
        for r in results
    )
    lines += ["", f"Code measured: {codes}."]
    return lines
