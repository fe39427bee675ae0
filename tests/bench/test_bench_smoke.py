"""The benchmark runs end to end on a tiny corpus and reports every metric.

No timing assertions: this guards the harness, not the speed.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.corpus import Corpus
from bench.queries import CLASSES, query_mix
from bench.run import main

SIZE = 200
LATENCY_KEYS = {"p50_ms", "p95_ms", "max_ms", "n"}


def test_corpus_is_deterministic_and_slices_agree() -> None:
    whole = [r.values for r in Corpus(SIZE, 3).records()]
    part = [r.values for r in Corpus(SIZE, 3).records(150, 160)]
    assert part == whole[150:160]
    kinds = {r.kind for r in Corpus(SIZE, 3).records()}
    assert kinds == {"advice", "innovation", "practice", "expert", "organisation"}
    assert {q.cls for q in query_mix(Corpus(SIZE, 3), 2)} == set(CLASSES)


def _check_engine(engine: dict, *, hub: bool) -> None:
    for key in (
        "build",
        "warm",
        "cold",
        "typing_warm",
        "typing_cold",
        "answers",
        "index_bytes",
        "open_to_first_result_s",
        "peak_rss_mb",
    ):
        assert key in engine, key
    assert engine["build"]["docs"] == SIZE and engine["build"]["docs_per_s"] > 0
    for phase in ("warm", "cold"):
        assert set(engine[phase]) == set(CLASSES)
        for stats in engine[phase].values():
            assert LATENCY_KEYS <= set(stats)
    for key in ("keystroke", "suggest"):
        assert LATENCY_KEYS <= set(engine["typing_warm"][key])
    assert set(engine["typing_warm"]["keystroke_by_letters"]) == {"1", "2", "3", "4"}
    if hub:
        for key in ("edit_to_searchable", "kdf_s", "beyond_kdf_s", "db_bytes"):
            assert key in engine, key
        assert engine["build"]["insert_docs_per_s"] > 0


def test_run_writes_json_and_markdown_with_every_metric(tmp_path: Path) -> None:
    out = tmp_path / "results"
    assert (
        main(
            [
                "--sizes",
                str(SIZE),
                "--per-class",
                "3",
                "--out",
                str(out),
                "--work",
                str(tmp_path / "work"),
            ]
        )
        == 0
    )
    [json_file] = out.glob("*-200.json")
    result = json.loads(json_file.read_text())
    _check_engine(result["hub"], hub=True)
    _check_engine(result["fts5"], hub=False)
    comparison = result["comparison"]
    assert set(comparison["classes"]) == set(CLASSES)
    for cls in CLASSES:
        assert {"p95_ratio", "overlap_at_10", "hub_median_hits"} <= set(comparison["classes"][cls])
    assert set(comparison["targets"]) == {
        "search_p95_ms",
        "keystroke_p95_ms",
        "beyond_kdf_s",
        "edit_max_s",
        "reindex_rss_mb",
        "p95_ratio",
    }
    assert result["hub"]["answers"][0]["total"] >= 0
    table = (out / json_file.name.replace(".json", ".md")).read_text()
    assert "hub ÷ FTS5" in table and "top-10 overlap" in table
    assert (out / "LATEST.md").exists()
