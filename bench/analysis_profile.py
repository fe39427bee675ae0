"""CPU of the index analysis of bench notes, as an analysis worker does it, in process.

    python -m bench.analysis_profile NOTES_DIR WORK_DIR [--docs N] [--rounds R] [--profile]

Imports NOTES_DIR (bench/notes.py) into a new hub in this process with the CLI and keeps,
in RAM only, the records the import hands the search index (never written anywhere).
Then times ``SegmentBuilder`` over the first N of them, R rounds, in a fresh builder each
round: what a worker does per document (``to_document``, ``markdown_to_text``, the bulk
writer's analysis, pool, posting encoding at the flush). The process-wide analysis caches
stay warm after the first round, as in a worker past its first batch. Prints one JSON
line (CPU ms per document per round), then, with --profile, cProfile of one more round.

Runs any tree's code: ``cd TREE && PYTHONPATH=TREE python OTHER/bench/analysis_profile.py``
uses TREE's index and expertise packages (bench/import_ab.py's A/B way).

``--old-from TREE`` is the same-process A/B: rounds alternate between this tree and
this tree with TREE's ``raw_words``, ``markdown_to_text`` and ``write_postings`` patched
in (the functions the analysisfast work changed), on the same records and warm caches.
At load 9-10 on two cores the two-tree runs differ by +-10 % round to round; alternating
rounds inside one process resolves a few percent.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

PASSPHRASE = "benchmark passphrase, not secret"


def capture_records(notes: Path, work: Path) -> list[Mapping[str, object]]:
    """The records an import of ``notes`` gives the search index (kept in RAM)."""
    import index.write.segments as segments
    import index.write.workers as workers
    from bench.engines import HubEngine
    from expertise.cli import main

    workers.PARALLEL_MIN = 1 << 30  # analysed in this process, where the hook sees it
    hub_dir = work / "hub-analysis"
    HubEngine.create(hub_dir, PASSPHRASE).close()
    os.environ["EXPERTISE_PASSPHRASE"] = PASSPHRASE
    records: list[Mapping[str, object]] = []
    original = segments.SegmentBuilder.add

    def add(self: Any, batch: Iterable[Mapping[str, object]]) -> list[Any]:
        batch = list(batch)
        records.extend(dict(r) for r in batch)
        return original(self, batch)

    segments.SegmentBuilder.add = add  # type: ignore[method-assign,assignment]
    try:
        code = main(["--hub", str(hub_dir), "import", str(notes)])
    finally:
        segments.SegmentBuilder.add = original  # type: ignore[method-assign]
    if code != 0:
        raise SystemExit(f"import failed: {code}")
    return records


def old_functions(tree: Path) -> dict[str, Any]:
    """TREE's versions of the changed functions, loaded beside this tree's modules."""
    import importlib.util

    found: dict[str, Any] = {}
    for name, path in (("analysis", "index/analysis.py"), ("writer", "index/whoosh_writer.py")):
        spec = importlib.util.spec_from_file_location(f"_old_{name}", tree / path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found[name] = module
    return {
        "raw_words": found["analysis"].raw_words,
        "markdown_to_text": found["analysis"].markdown_to_text,
        "write_postings": found["writer"].write_postings,
    }


def patched(functions: dict[str, Any]) -> dict[str, Any]:
    """Put ``functions`` where this tree's code calls them; returns what they replaced."""
    import index.analysis as analysis
    import index.schema as schema
    import index.whoosh_writer as writer

    homes = {"raw_words": analysis, "markdown_to_text": schema, "write_postings": writer}
    before = {name: getattr(homes[name], name) for name in functions}
    for name, function in functions.items():
        setattr(homes[name], name, function)
    return before


def one_round(records: list[Mapping[str, object]], config: Any) -> float:
    """CPU seconds of building one segment of ``records`` (this thread)."""
    from index.write.segments import SegmentBuilder

    start = time.thread_time()
    builder = SegmentBuilder(config, len(records) + 1)
    builder.add(records)
    built = builder.finish()
    took = time.thread_time() - start
    assert built and built[0].doc_count == len(records)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("notes", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--old-from", type=Path, help="alternate rounds with TREE's functions")
    args = parser.parse_args()
    from expertise.fields.search import index_config

    records = capture_records(args.notes, args.work)[: args.docs]
    config = index_config()
    n = len(records)
    figures: dict[str, Any] = {
        "tree": str(Path(sys.modules["index"].__file__ or "").parent.parent),
        "docs": n,
    }
    if args.old_from is not None:
        old = old_functions(args.old_from)
        ab: dict[str, list[float]] = {"old": [], "new": []}
        for i in range(args.rounds * 2):  # old new new old old new ...
            side = "old" if (i + 1) // 2 % 2 == 0 else "new"
            replaced = patched(old) if side == "old" else {}
            ab[side].append(round(one_round(records, config) * 1000 / n, 3))
            patched(replaced)
        figures.update(old_from=str(args.old_from), ms_per_doc_old=ab["old"])
        figures.update(ms_per_doc_new=ab["new"])
    else:
        rounds = [one_round(records, config) for _ in range(args.rounds)]
        figures["ms_per_doc"] = [round(s * 1000 / n, 3) for s in rounds]
    figures["load"] = round(os.getloadavg()[0], 2)
    print(json.dumps(figures), flush=True)
    if args.profile:
        from index.write.segments import SegmentBuilder

        profiler = cProfile.Profile(time.thread_time)
        builder = SegmentBuilder(config, n + 1)
        profiler.runcall(lambda: (builder.add(records), builder.finish()))
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
        print(out.getvalue())


if __name__ == "__main__":
    main()
