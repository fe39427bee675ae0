"""Benchmark JSON → comparison numbers and Markdown tables.

Ratios are always hub ÷ FTS5: for latencies lower is better for the hub,
for throughput (docs/s) higher is better.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.queries import CLASSES
from bench.report_cost import headline

TARGETS = {
    "search_p95_ms": 50.0,
    "keystroke_p95_ms": 30.0,
    "beyond_kdf_s": 1.5,
    "edit_max_s": 1.0,
    "reindex_rss_mb": 600.0,
    "p95_ratio": 2.0,
}


def machine_info() -> dict[str, Any]:
    mem = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) * 1024
    except OSError:
        pass
    whoosh, numpy = (_version(name) for name in ("whoosh-reloaded", "numpy"))
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "memory_gib": round(mem / 2**30, 1),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "whoosh": whoosh,
        "numpy": numpy,
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def overlap_at_10(a: list[str], b: list[str]) -> float | None:
    """Share of the top 10 both engines agree on; None when both found nothing."""
    top_a, top_b = a[:10], b[:10]
    if not top_a and not top_b:
        return None
    return len(set(top_a) & set(top_b)) / min(10, max(len(top_a), len(top_b)))


def _ratio(hub: float, fts: float) -> float | None:
    return round(hub / fts, 2) if fts else None


def compare(result: dict[str, Any]) -> dict[str, Any]:
    hub, fts = result["hub"], result["fts5"]
    classes: dict[str, Any] = {}
    mix_classes = [c for c in CLASSES for _ in range(result["per_class"])]
    for cls in CLASSES:
        pairs = [
            (h, f)
            for c, h, f in zip(mix_classes, hub["answers"], fts["answers"], strict=True)
            if c == cls
        ]
        overlaps = [o for h, f in pairs if (o := overlap_at_10(h["top10"], f["top10"])) is not None]
        classes[cls] = {
            "p50_ratio": _ratio(hub["warm"][cls]["p50_ms"], fts["warm"][cls]["p50_ms"]),
            "p95_ratio": _ratio(hub["warm"][cls]["p95_ms"], fts["warm"][cls]["p95_ms"]),
            "cpu_p95_ratio": _ratio(hub["warm"][cls]["cpu_p95_ms"], fts["warm"][cls]["cpu_p95_ms"]),
            "overlap_at_10": round(statistics.mean(overlaps), 3) if overlaps else None,
            "hub_median_hits": statistics.median(h["total"] for h, _ in pairs),
            "fts5_median_hits": statistics.median(f["total"] for _, f in pairs),
        }
    return {"classes": classes, "targets": _targets(hub, classes)}


def _targets(hub: dict[str, Any], classes: dict[str, Any]) -> dict[str, Any]:
    search_p95 = max(v["p95_ms"] for v in hub["warm"].values())
    ratios = [c["p95_ratio"] for c in classes.values() if c["p95_ratio"] is not None]
    measured = {
        "search_p95_ms": search_p95,
        "keystroke_p95_ms": hub["typing_warm"]["keystroke"]["p95_ms"],
        "beyond_kdf_s": hub["beyond_kdf_s"],
        "edit_max_s": hub["edit_to_searchable"]["max_ms"] / 1000,
        "reindex_rss_mb": hub.get("reindex", hub["build"])["peak_rss_mb"],
        "p95_ratio": max(ratios, default=0.0),
    }
    return {
        name: {"value": value, "target": TARGETS[name], "met": value <= TARGETS[name]}
        for name, value in measured.items()
    }


# -- Markdown ------------------------------------------------------------------------
def _ms(entry: dict[str, Any]) -> str:
    return f"{entry['p50_ms']:.1f} / {entry['p95_ms']:.1f}"


def _fmt(value: float | None, unit: str = "") -> str:
    return "–" if value is None else f"{value:,.2f}{unit}".replace(".00", "")


def _overview(r: dict[str, Any]) -> list[str]:
    hub, fts, targets = r["hub"], r["fts5"], r["comparison"]["targets"]

    def met(name: str) -> str:
        t = targets[name]
        return f"≤ {t['target']:g} {'✅' if t['met'] else '❌'}"

    hb, fb = hub["build"]["docs_per_s"], fts["build"]["docs_per_s"]
    hk, fk = hub["typing_warm"]["keystroke"], fts["typing_warm"]["keystroke"]
    hs, fs = hub["typing_warm"]["suggest"], fts["typing_warm"]["suggest"]
    rows = [
        "| metric | hub | FTS5 | hub ÷ FTS5 | target |",
        "|---|---:|---:|---:|---|",
        f"| index build, docs/s (higher is better) | {hb:,.0f} | {fb:,.0f} | {_ratio(hb, fb)} | |",
        f"| entry insert (bulk, SQLCipher), docs/s | {hub['build']['insert_docs_per_s']:,.0f}"
        " | – | – | |",
        f"| keystroke: search + titles, p50 / p95 ms | {_ms(hk)} | {_ms(fk)} | "
        f"{_ratio(hk['p95_ms'], fk['p95_ms'])} | {met('keystroke_p95_ms')} |",
        f"| title suggestions only, p50 / p95 ms | {_ms(hs)} | {_ms(fs)} | "
        f"{_ratio(hs['p95_ms'], fs['p95_ms'])} | |",
        f"| open → first result, s | {hub['open_to_first_result_s']:.2f} "
        f"(KDF {hub['kdf_s']:.2f}) | {fts['open_to_first_result_s']:.3f} | – | |",
        f"| unlock → first result beyond the KDF, s | {hub['beyond_kdf_s']:.2f} | – | – | "
        f"{met('beyond_kdf_s')} |",
        f"| edit → searchable, p50 / max ms | {hub['edit_to_searchable']['p50_ms']:.0f} / "
        f"{hub['edit_to_searchable']['max_ms']:.0f} | – | – | ≤ 1000 "
        f"{'✅' if targets['edit_max_s']['met'] else '❌'} |",
        f"| peak RSS while building the index, MB | {hub['build']['peak_rss_mb']:.0f} | "
        f"{fts['build']['peak_rss_mb']:.0f} | – | |",
        f"| peak RSS during a real reindex (or the build), MB | "
        f"{targets['reindex_rss_mb']['value']:.0f} | – | – | {met('reindex_rss_mb')} |",
        f"| peak RSS, unlocked and searching (cold pass), MB | {hub['peak_rss_mb']:.0f} | "
        f"{fts['peak_rss_mb']:.0f} | – | |",
        f"| RSS unlocked and searching (after a warm pass), MB | "
        f"{hub.get('rss_searching_mb', 0):.0f} | {fts.get('rss_searching_mb', 0):.0f} | – "
        "| ≤ 400 |",
        f"| index on disk, MB | {hub['index_bytes'] / 2**20:.1f} | "
        f"{fts['index_bytes'] / 2**20:.1f} | {_ratio(hub['index_bytes'], fts['index_bytes'])}"
        " | |",
        f"| worst warm search p95, ms | {targets['search_p95_ms']['value']:.1f} | – | – | "
        f"{met('search_p95_ms')} |",
        f"| worst p95 hub ÷ FTS5 over the query classes | {targets['p95_ratio']['value']:.2f} "
        f"| – | – | {met('p95_ratio')} |",
    ]
    return rows


def _per_class(r: dict[str, Any]) -> list[str]:
    hub, fts, classes = r["hub"], r["fts5"], r["comparison"]["classes"]
    rows = [
        "| query class | hub warm p50 / p95 ms | FTS5 warm p50 / p95 ms | p95 hub ÷ FTS5 "
        "| CPU p95 hub ÷ FTS5 | hub cold p50 / p95 | FTS5 cold p50 / p95 | top-10 overlap "
        "| median hits hub / FTS5 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for cls in CLASSES:
        c = classes[cls]
        rows.append(
            f"| {cls} | {_ms(hub['warm'][cls])} | {_ms(fts['warm'][cls])} | "
            f"{_fmt(c['p95_ratio'])} | {_fmt(c['cpu_p95_ratio'])} | {_ms(hub['cold'][cls])} | "
            f"{_ms(fts['cold'][cls])} | "
            f"{_fmt(c['overlap_at_10'])} | {c['hub_median_hits']:g} / {c['fts5_median_hits']:g} |"
        )
    return rows


def markdown(results: list[dict[str, Any]]) -> str:
    if not results:
        return ""
    m = results[0]["machine"]
    lines = [
        f"Machine: {m['platform']}, {m['cpus']} CPUs, {m['memory_gib']} GiB RAM; "
        f"Python {m['python']}, SQLite {m['sqlite']}, Whoosh {m['whoosh']}, "
        f"numpy {m.get('numpy', '?')}.",
        "",
    ]
    lines += ["### What users wait for, and what it costs", "", *headline(results), ""]
    for r in results:
        if "comparison" not in r:
            continue
        lines += [
            f"### {r['size']:,} entries ({r['date'][:10]}, seed {r['seed']}, "
            f"{r['per_class']} queries per class)",
            "",
            *_overview(r),
            "",
            *_per_class(r),
            "",
        ]
    lines.append(
        "Ratios are hub ÷ FTS5. Both engines return the same thing per search: total, top 20 "
        "with a snippet, and counts for five facets. Warm = after one warm-up pass; cold = the "
        "first pass in a fresh process right after unlock. Overlap = share of the top 10 both "
        "engines agree on (the hub stems, folds compounds and expands synonyms; FTS5 does not). "
        "Warm queries alternate between the engines in one process; CPU = the thread's CPU "
        "time, which other load on the machine hardly moves. Import: a folder of Markdown "
        "notes with front matter (300–1,500 words, every fifth with a [[wiki link]]); FTS5 "
        "reads the same files and parses the front matter line by line. RSS of a tree = the "
        "process and its children, polled every 50 ms."
    )
    return "\n".join(lines) + "\n"
