"""The benchmark runs end to end on a tiny corpus and reports every metric.

No timing assertions: this guards the harness, not the speed.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.corpus import Corpus
from bench.merge import main as merge_main
from bench.notes import LINK_EVERY, MAX_WORDS, MIN_WORDS, Notes, simple_front_matter
from bench.queries import CLASSES, query_mix
from bench.run import main
from expertise.frontmatter import parse_document

SIZE = 200
NOTES = 12
SEARCH_PHASES = "fts-build,hub-build,fts-cold,hub-cold,warm,reindex"
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
    assert engine["rss_searching_mb"] > 0
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
        rebuild = engine["reindex"]
        assert rebuild["docs"] == SIZE and rebuild["peak_rss_mb"] >= rebuild["rss_before_mb"] > 0
        assert 0 <= rebuild["searches_answered"] <= rebuild["searches"]
        assert 0 <= rebuild["peak_s_before_end"] <= rebuild["seconds"] + 1


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
                "--phases",
                SEARCH_PHASES,
                "--tag",
                "smoke",
            ]
        )
        == 0
    )
    [json_file] = out.glob("smoke-200.json")
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
    assert "peak RSS during a real reindex" in table
    assert not (out / "LATEST.md").exists(), "a tagged run leaves LATEST.md alone"
    # a size measured in parts is put back together; LATEST.md from chosen results
    assert merge_main(["--tag", "merged", "--out", str(out), str(json_file), str(json_file)]) == 0
    again = json.loads((out / "merged-200.json").read_text())
    assert again["comparison"]["targets"] == comparison["targets"]
    assert merge_main(["--latest", "--out", str(out), str(out / "merged-200.json")]) == 0
    assert "What users wait for" in (out / "LATEST.md").read_text()


def test_import_phases_import_every_note_beside_fts5(tmp_path: Path) -> None:
    out, work = tmp_path / "results", tmp_path / "work"
    argv = ["--sizes", str(NOTES), "--out", str(out), "--work", str(work)]
    assert main([*argv, "--phases", "import,import-lib,fts-import", "--keep"]) == 0
    [json_file] = out.glob(f"*-partial-{NOTES}.json")
    result = json.loads(json_file.read_text())
    assert result["phases"] == ["notes", "fts-import", "import", "import-lib"]
    hub, fts = result["hub"], result["fts5"]
    assert hub["import"]["searchable"] is True
    assert f"{NOTES} created" in hub["import"]["output"]
    for figures in (hub["import"], hub["import_lib"], fts["import"]):
        assert figures["files"] == NOTES and figures["files_per_s"] > 0
        assert figures["peak_rss_mb"] > 0
    assert not (work / f"size-{NOTES}" / "notes").exists(), "the notes never stay on disk"
    assert "import, files/s" in (out / json_file.name.replace(".json", ".md")).read_text()


def test_notes_read_alike_by_the_hub_and_the_simple_parser() -> None:
    notes = Notes(40, 5)
    titles = {notes.title_of(i) for i in range(notes.size)}
    assert len(titles) == notes.size, "every link has one target"
    for i in range(notes.size):
        text = notes.text(i)
        simple, body = simple_front_matter(text)
        parsed = parse_document(text, notes.file_name(i))
        assert parsed.title == simple["title"] == notes.title_of(i)
        assert parsed.meta["kind"] == simple["kind"]
        assert parsed.meta["tags"] == simple["tags"] and parsed.meta["themes"] == simple["themes"]
        assert MIN_WORDS <= len(body.split()) <= MAX_WORDS + 400
        links = [line for line in body.splitlines() if line.startswith("[[")]
        assert len(links) == (i % LINK_EVERY == 0)
        assert all(link.strip("[]") in titles for link in links)
