"""Benchmark phases; each runs in its own process so memory and cold starts are real.

``python -m bench.phases PHASE --size N --seed S --work DIR --out FILE``
writes one JSON object to FILE. bench.run starts the phases in order:
fts-build, hub-build, fts-cold, hub-cold, warm, then reindex and the import
phases of bench/phases_cost.py. The warm phase opens both engines in one
process and alternates them query by query, so load from other processes on
a shared machine hits both sides alike.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import phases_cost
from bench.corpus import Corpus
from bench.engines import FtsEngine, HubEngine
from bench.measure import (
    RssSampler,
    by_class,
    cpu_seconds,
    folder_bytes,
    peak_rss_bytes,
    summary_ms,
    summary_wall_cpu,
    timed,
    timed_cpu,
    tree_cpu_seconds,
)
from bench.phases_cost import PASSPHRASE
from bench.procmem import TreeRssSampler, tree_rss_bytes
from bench.queries import BenchQuery, query_mix, typing_prefixes

FTS_BATCH = 2000
WARM_ROUNDS = 2
EDITS = 5
Engines = dict[str, Any]


def _mb(value: int) -> float:
    return round(value / 2**20, 1)


# -- running a query mix -------------------------------------------------------
def run_mix(engines: Engines, mix: list[BenchQuery], rounds: int) -> dict[str, Any]:
    """Per engine: latency by class, and each query's total and top 10 (first round)."""
    gc.collect()  # garbage from building would otherwise land in some sample
    samples: dict[str, list[tuple[str, float, float]]] = {name: [] for name in engines}
    answers: dict[str, list[dict[str, Any]]] = {name: [] for name in engines}
    for round_no in range(rounds):
        for q in mix:
            for name, engine in engines.items():
                wall, cpu, (total, ids) = timed_cpu(lambda e=engine, q=q: e.search(q))
                samples[name].append((q.cls, wall, cpu))
                if round_no == 0:
                    answers[name].append({"total": total, "top10": ids[:10]})
    return {
        name: {"latency": by_class(samples[name]), "answers": answers[name]} for name in engines
    }


def run_typing(engines: Engines, prefixes: list[str], rounds: int) -> dict[str, Any]:
    keystroke: dict[str, list[tuple[float, float]]] = {name: [] for name in engines}
    suggest: dict[str, list[tuple[float, float]]] = {name: [] for name in engines}
    by_len: dict[str, dict[int, list[tuple[float, float]]]] = {name: {} for name in engines}
    for _ in range(rounds):
        for prefix in prefixes:
            for name, engine in engines.items():
                s_wall, s_cpu, _ = timed_cpu(lambda e=engine, p=prefix: e.suggest(p))
                k_wall, k_cpu, _ = timed_cpu(lambda e=engine, p=prefix: e.keystroke(p))
                suggest[name].append((s_wall, s_cpu))
                keystroke[name].append((k_wall, k_cpu))
                by_len[name].setdefault(len(prefix), []).append((k_wall, k_cpu))
    return {
        name: {
            "keystroke": summary_wall_cpu(keystroke[name]),
            "suggest": summary_wall_cpu(suggest[name]),
            "keystroke_by_letters": {
                str(n): summary_wall_cpu(v) for n, v in sorted(by_len[name].items())
            },
        }
        for name in engines
    }


# -- phases ------------------------------------------------------------------------
def fts_build(args: argparse.Namespace) -> dict[str, Any]:
    corpus = Corpus(args.size, args.seed)
    engine = FtsEngine.create(args.work / "fts5.db")
    seconds, cpu = 0.0, 0.0
    with RssSampler() as rss:
        for start in range(0, corpus.size, FTS_BATCH):
            docs = [r.plain for r in corpus.records(start, start + FTS_BATCH)]  # untimed
            before = cpu_seconds()
            seconds += timed(lambda docs=docs: engine.fts.add_batch(docs))[0]
            cpu += cpu_seconds() - before
        before = cpu_seconds()
        seconds += timed(engine.fts.finish)[0]
        cpu += cpu_seconds() - before
    engine.close()
    build = {"docs": corpus.size, "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3)}
    build.update(
        docs_per_s=round(corpus.size / seconds, 1),
        docs_per_cpu_s=round(corpus.size / cpu, 1),
        peak_rss_mb=_mb(rss.peak),
    )
    return {"build": build, "index_bytes": engine.fts.size_bytes()}


def hub_build(args: argparse.Namespace) -> dict[str, Any]:
    corpus = Corpus(args.size, args.seed)
    engine = HubEngine.create(args.work / "hub", PASSPHRASE)
    insert_s, _ = timed(lambda: engine.bulk_insert((r.kind, r.values) for r in corpus.records()))
    cpu = tree_cpu_seconds()
    with TreeRssSampler() as rss:  # analysis workers, if any, count too
        index_s, _ = timed(engine.hub.maintenance.reindex)
    cpu = tree_cpu_seconds() - cpu  # workers count once they have ended
    engine.close()
    build = {"docs": corpus.size, "insert_seconds": round(insert_s, 3)}
    build.update(
        insert_docs_per_s=round(corpus.size / insert_s, 1),
        seconds=round(index_s, 3),
        docs_per_s=round(corpus.size / index_s, 1),
        cpu_seconds=round(cpu, 3),
        docs_per_cpu_s=round(corpus.size / cpu, 1),
        peak_rss_mb=_mb(rss.peak),
    )
    index_bytes = folder_bytes(args.work / "hub" / "index")
    return {
        "build": build,
        "index_bytes": index_bytes,
        "db_bytes": folder_bytes(args.work / "hub") - index_bytes,
    }


def warm(args: argparse.Namespace) -> dict[str, Any]:
    corpus = Corpus(args.size, args.seed)
    engines = {
        "hub": HubEngine.open(args.work / "hub", PASSPHRASE),
        "fts5": FtsEngine.open(args.work / "fts5.db"),
    }
    mix = query_mix(corpus, args.per_class)
    run_mix(engines, mix, 1)  # warm-up pass
    measured = run_mix(engines, mix, WARM_ROUNDS)
    typing = run_typing(engines, typing_prefixes(corpus), WARM_ROUNDS)
    out = {
        name: {
            "warm": measured[name]["latency"],
            "answers": measured[name]["answers"],
            "typing_warm": typing[name],
        }
        for name in engines
    }
    out["hub"]["edit_to_searchable"] = edit_latency(engines["hub"], corpus)
    for engine in engines.values():
        engine.close()
    return out


def edit_latency(engine: HubEngine, corpus: Corpus) -> dict[str, float]:
    """Save an entry with a new word, then search until that word finds it."""
    rng = random.Random(f"{corpus.seed}:edits")
    seconds = []
    for n in range(EDITS):
        entry_id = corpus.id_of(rng.randrange(corpus.size))
        marker = "editmarker" + "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(8))
        start = time.perf_counter()
        engine.hub.entries.update(entry_id, {"summary": f"Bijgewerkt ({n}): {marker}."})
        while engine.hub.search(marker, limit=1).total == 0:
            if time.perf_counter() - start > 30:
                break
            time.sleep(0.002)
        seconds.append(time.perf_counter() - start)
    return summary_ms(seconds)


def cold(args: argparse.Namespace, name: str, opener: Callable[[], Any], kdf: float) -> dict:
    corpus = Corpus(args.size, args.seed)
    mix = query_mix(corpus, args.per_class)
    start = time.perf_counter()
    engine = opener()
    opened = time.perf_counter() - start
    engine.search(mix[0])
    first = time.perf_counter() - start
    latency = run_mix({name: engine}, mix[1:], 1)[name]["latency"]
    typing = run_typing({name: engine}, typing_prefixes(corpus, seed=11), 1)[name]
    run_mix({name: engine}, mix, 1)  # warm now: what stays resident while the user searches
    searching = tree_rss_bytes()
    engine.close()
    return {
        "open_s": round(opened, 4),
        "open_to_first_result_s": round(first, 4),
        "kdf_s": round(kdf, 4),
        "beyond_kdf_s": round(first - kdf, 4),
        "cold": latency,
        "typing_cold": typing,
        "peak_rss_mb": _mb(peak_rss_bytes()),
        "rss_searching_mb": _mb(searching),
    }


def hub_cold(args: argparse.Namespace) -> dict[str, Any]:
    # The app has imported everything before its unlock dialog shows, so
    # unlock-to-first-result starts after the imports (alembic alone is ~1 s; the unlock
    # dialog loads them on a worker while the passphrase is typed). `expertise.hub` is lazy,
    # so the class itself is what loads the core.
    from expertise.hub.hub import Hub  # noqa: F401

    kdf = HubEngine.kdf_seconds(args.work / "hub", PASSPHRASE)
    return cold(args, "hub", lambda: HubEngine.open(args.work / "hub", PASSPHRASE), kdf)


def fts_cold(args: argparse.Namespace) -> dict[str, Any]:
    return cold(args, "fts5", lambda: FtsEngine.open(args.work / "fts5.db"), 0.0)


PHASES: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "fts-build": fts_build,
    "hub-build": hub_build,
    "fts-cold": fts_cold,
    "hub-cold": hub_cold,
    "warm": warm,
    "notes": phases_cost.notes,
    "fts-import": phases_cost.fts_import,
    "import": phases_cost.cli_import,
    "import-lib": phases_cost.lib_import,
    "reindex": phases_cost.reindex,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.phases")
    parser.add_argument("phase", choices=sorted(PHASES))
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--per-class", type=int, default=40)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    result = PHASES[args.phase](args)
    args.out.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
