"""Put together results that ran in parts, and write LATEST.md from chosen results.

    python -m bench.merge --tag 2026-12-02 a-100000.json b-100000.json
    python -m bench.merge --latest r-10000.json r-100000.json

A size measured in parts (the search phases in one run, the import in another,
on a shared machine with little time) becomes one result: each part's figures
are kept with the commit and date it ran on, the comparison is recomputed when
the warm phase is there. ``--latest`` writes the tables of the given results
(one per size) to LATEST.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bench.report import compare, markdown
from bench.run import REPO, save


def merged(parts: list[dict[str, Any]]) -> dict[str, Any]:
    sizes = {p["size"] for p in parts}
    if len(sizes) != 1:
        raise SystemExit(f"parts of different sizes: {sorted(sizes)}")
    result = dict(parts[0])
    result["hub"], result["fts5"] = {}, {}
    result["phases"] = []
    for part in parts:
        result["hub"].update(part["hub"])
        result["fts5"].update(part["fts5"])
        result["phases"] += [p for p in part.get("phases", []) if p not in result["phases"]]
    result["code"] = " + ".join(f"{p.get('code', '?')} ({p['date'][:16]})" for p in parts)
    result["date"] = max(p["date"] for p in parts)
    if "warm" in result["phases"]:
        result["comparison"] = compare(result)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.merge", description=__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--tag", default="", help="write the merged result as TAG-SIZE")
    parser.add_argument("--latest", action="store_true", help="LATEST.md from these results")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args(argv)
    results = [json.loads(f.read_text()) for f in args.files]
    if args.latest:
        (args.out / "LATEST.md").write_text(markdown(results))
        print(markdown(results))
        return 0
    result = merged(results)
    print(f"wrote {save(result, args.out, args.tag)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
