"""Benchmark phases; each runs in its own process so memory and cold starts are real.

``python -m bench.phases PHASE --size N --seed S --work DIR --out FILE``
writes one JSON object to FILE. bench.run starts the phases in order.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.corpus import Corpus
from bench.engines import FtsEngine, HubEngine
from bench.measure import RssSampler, by_class, folder_bytes, peak_rss_bytes, summary_ms, timed
from bench.queries import BenchQuery, query_mix, typing_prefixes

PASSPHRASE = "benchmark passphrase, not secret"
FTS_BATCH = 2000
WARM_ROUNDS = 2
EDITS = 5


def mix_for(corpus: Corpus, per_class: int) -> list[BenchQuery]:
    return query_mix(corpus, per_class)


# -- running a query mix -------------------------------------------------------
def run_mix(engine: Any, mix: list[BenchQuery], rounds: int) -> tuple[dict, list[dict]]:
    samples: list[tuple[str, float]] = []
    answers: list[dict] = []
    for round_no in range(rounds):
        for q in mix:
            seconds, (total, ids) = timed(lambda q=q: engine.search(q))
            samples.append((q.cls, seconds))
            if round_no == 0:
                answers.append({"total": total, "top10": ids[:10]})
    return by_class(samples), answers


def run_typing(engine: Any, prefixes: list[str], rounds: int) -> dict[str, Any]:
    keystroke: list[float] = []
    suggest: list[float] = []
    by_len: dict[int, list[float]] = {}
    for _ in range(rounds):
        for prefix in prefixes:
            s_seconds, _ = timed(lambda p=prefix: engine.suggest(p))
            k_seconds, _ = timed(lambda p=prefix: engine.keystroke(p))
            suggest.append(s_seconds)
            keystroke.append(k_seconds)
            by_len.setdefault(len(prefix), []).append(k_seconds)
    return {
        "keystroke": summary_ms(keystroke),
        "suggest": summary_ms(suggest),
        "keystroke_by_letters": {str(n): summary_ms(v) for n, v in sorted(by_len.items())},
    }


# -- phases ------------------------------------------------------------------------
def fts_build(args: argparse.Namespace) -> dict[str, Any]:
    corpus = Corpus(args.size, args.seed)
    engine = FtsEngine.create(args.work / "fts5.db")
    seconds = 0.0
    with RssSampler() as rss:
        for start in range(0, corpus.size, FTS_BATCH):
            docs = [r.plain for r in corpus.records(start, start + FTS_BATCH)]  # untimed
            seconds += timed(lambda docs=docs: engine.fts.add_batch(docs))[0]
        seconds += timed(engine.fts.finish)[0]
    mix = mix_for(corpus, args.per_class)
    run_mix(engine, mix, 1)  # warm-up pass
    warm, answers = run_mix(engine, mix, WARM_ROUNDS)
    typing = run_typing(engine, typing_prefixes(corpus), WARM_ROUNDS)
    engine.close()
    return {
        "build": {"docs": corpus.size, "seconds": round(seconds, 3),
                  "docs_per_s": round(corpus.size / seconds, 1),
                  "peak_rss_mb": round(rss.peak / 2**20, 1)},
        "warm": warm, "answers": answers, "typing_warm": typing,
        "index_bytes": engine.fts.size_bytes(),
        "peak_rss_mb": round(peak_rss_bytes() / 2**20, 1),
    }


def hub_build(args: argparse.Namespace) -> dict[str, Any]:
    corpus = Corpus(args.size, args.seed)
    engine = HubEngine.create(args.work / "hub", PASSPHRASE)
    insert_s, _ = timed(lambda: engine.bulk_insert((r.kind, r.values) for r in corpus.records()))
    with RssSampler() as rss:
        index_s, _ = timed(engine.hub.reindex)
    mix = mix_for(corpus, args.per_class)
    run_mix(engine, mix, 1)
    warm, answers = run_mix(engine, mix, WARM_ROUNDS)
    typing = run_typing(engine, typing_prefixes(corpus), WARM_ROUNDS)
    edits = edit_latency(engine, corpus)
    engine.close()
    return {
        "build": {"docs": corpus.size, "insert_seconds": round(insert_s, 3),
                  "insert_docs_per_s": round(corpus.size / insert_s, 1),
                  "seconds": round(index_s, 3), "docs_per_s": round(corpus.size / index_s, 1),
                  "peak_rss_mb": round(rss.peak / 2**20, 1)},
        "warm": warm, "answers": answers, "typing_warm": typing, "edit_to_searchable": edits,
        "index_bytes": folder_bytes(args.work / "hub" / "index"),
        "db_bytes": folder_bytes(args.work / "hub") - folder_bytes(args.work / "hub" / "index"),
        "peak_rss_mb": round(peak_rss_bytes() / 2**20, 1),
    }


def edit_latency(engine: HubEngine, corpus: Corpus) -> dict[str, float]:
    """Save an entry with a new word, then search until that word finds it."""
    rng = random.Random(f"{corpus.seed}:edits")
    seconds = []
    for n in range(EDITS):
        entry_id = corpus.id_of(rng.randrange(corpus.size))
        marker = "editmarker" + "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(8))
        start = time.perf_counter()
        engine.hub.update_entry(entry_id, {"summary": f"Bijgewerkt ({n}): {marker}."})
        while engine.hub.search(marker, limit=1).total == 0:
            if time.perf_counter() - start > 30:
                break
            time.sleep(0.002)
        seconds.append(time.perf_counter() - start)
    return summary_ms(seconds)


def cold(args: argparse.Namespace, opener: Callable[[], Any], kdf: float) -> dict[str, Any]:
    corpus = Corpus(args.size, args.seed)
    mix = mix_for(corpus, args.per_class)
    start = time.perf_counter()
    engine = opener()
    opened = time.perf_counter() - start
    engine.search(mix[0])
    first = time.perf_counter() - start
    cold_lat, _ = run_mix(engine, mix[1:], 1)
    typing = run_typing(engine, typing_prefixes(corpus, seed=11), 1)
    engine.close()
    return {
        "open_s": round(opened, 4), "open_to_first_result_s": round(first, 4),
        "kdf_s": round(kdf, 4), "beyond_kdf_s": round(first - kdf, 4),
        "cold": cold_lat, "typing_cold": typing,
        "peak_rss_mb": round(peak_rss_bytes() / 2**20, 1),
    }


def hub_cold(args: argparse.Namespace) -> dict[str, Any]:
    kdf = HubEngine.kdf_seconds(args.work / "hub", PASSPHRASE)
    return cold(args, lambda: HubEngine.open(args.work / "hub", PASSPHRASE), kdf)


def fts_cold(args: argparse.Namespace) -> dict[str, Any]:
    return cold(args, lambda: FtsEngine.open(args.work / "fts5.db"), 0.0)


PHASES: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "fts-build": fts_build, "fts-cold": fts_cold, "hub-build": hub_build, "hub-cold": hub_cold,
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
