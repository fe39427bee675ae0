"""How long the yearly progress report takes: on the demo hub and on a 10k-entry hub.

    python -m bench.report_bench [--sizes 10000] [--out bench/results] [--work DIR]

Not a timed test (issue 13 asks for at most 30 s at 10k entries). For each hub
it writes the report once cold (matplotlib and the fonts not yet loaded in this
process, as the first report after starting the app) and then warm, PDF and
DOCX, Dutch, every level (ceiling confidential, so everything is counted), and
times the steps inside: gathering the numbers, drawing the charts, the PDF and
the DOCX. Results and the machine go to <out>/report-<date>.json and .md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.report import machine_info

PASSPHRASE = "report bench passphrase"


def _timed(action: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def measure(hub: Any, out: Path, label: str) -> dict[str, Any]:
    from expertise.report.charts import render_all
    from expertise.report.docx import write_docx
    from expertise.report.pdf import write_pdf
    from expertise.report.period import current_year

    year = current_year()
    runs: dict[str, Any] = {}
    for run in ("cold", "warm"):
        total, result = _timed(
            lambda: hub.report.write(
                year, pdf=out / f"{label}.pdf", docx=out / f"{label}.docx", ceiling="confidential"
            )
        )
        runs[run] = {"total_s": round(total, 2), "pages": result.pages, "counted": result.counted}
    gather_s, numbers = _timed(lambda: hub.report.numbers(year, ceiling="confidential"))
    doc = hub.report.document(numbers, "nl")
    charts_s, images = _timed(lambda: render_all(doc.charts()))
    pdf_s, _ = _timed(lambda: write_pdf(doc, images, out / f"{label}-steps.pdf"))
    docx_s, _ = _timed(lambda: write_docx(doc, images, out / f"{label}-steps.docx"))
    runs["steps_s"] = {
        "gather": round(gather_s, 2),
        "charts": round(charts_s, 2),
        "charts_count": len(images),
        "pdf": round(pdf_s, 2),
        "docx": round(docx_s, 2),
    }
    return runs


def demo_hub(work: Path) -> Path:
    from expertise.demo import fill_with_demo
    from expertise.hub import Hub
    from expertise.kdf import KdfParams

    folder = work / "demo"
    with Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()) as hub:
        fill_with_demo(hub)
    return folder


def corpus_hub(work: Path, size: int) -> Path:
    from bench.corpus import Corpus
    from expertise.hub import Hub
    from expertise.kdf import KdfParams

    folder = work / f"hub-{size}"
    corpus = Corpus(size, 42)
    with Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()) as hub:
        # The report reads the database only: the search index is not needed here.
        hub.entries.add_many(((r.kind, r.values) for r in corpus.records()), reindex=False)
    return folder


def run(args: argparse.Namespace) -> dict[str, Any]:
    from expertise.hub import Hub

    work = Path(args.work or tempfile.mkdtemp(prefix="report-bench-"))
    out = work / "out"
    out.mkdir(parents=True, exist_ok=True)
    hubs = [("demo", demo_hub(work))]
    for size in args.sizes:
        print(f"building a {size}-entry hub…", flush=True)
        hubs.append((str(size), corpus_hub(work, size)))
    results: dict[str, Any] = {}
    for label, folder in hubs:
        with Hub.open(folder, PASSPHRASE) as hub:
            entries = hub.entries.count()
            results[label] = {"entries": entries, **measure(hub, out, label)}
        print(f"{label}: {json.dumps(results[label])}", flush=True)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return results


def markdown(data: dict[str, Any]) -> str:
    lines = [
        f"# Progress report timings ({data['date']})",
        "",
        "Report: PDF + DOCX, Dutch, ceiling confidential, the running report year.",
        "Cold = first report in a fresh process (matplotlib and fonts load); warm = the next.",
        "",
        "| hub | entries | cold s | warm s | pages | gather s | charts s (n) | PDF s | DOCX s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, r in data["hubs"].items():
        steps = r["steps_s"]
        lines.append(
            f"| {label} | {r['entries']} | {r['cold']['total_s']} | {r['warm']['total_s']} | "
            f"{r['warm']['pages']} | {steps['gather']} | {steps['charts']} "
            f"({steps['charts_count']}) | {steps['pdf']} | {steps['docx']} |"
        )
    machine = data["machine"]
    lines += ["", "Machine: " + ", ".join(f"{k} {v}" for k, v in machine.items()), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", type=lambda s: [int(x) for x in s.split(",")])
    parser.add_argument("--out", type=Path, default=Path("bench/results"))
    parser.add_argument("--work", type=Path, help="keep the hubs here (default: a temp dir)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    hubs = run(args)
    import matplotlib

    data = {
        "date": dt.date.today().isoformat(),
        # The machine is shared: its load says how far these times are from an idle laptop.
        "machine": {
            **machine_info(),
            "matplotlib": matplotlib.__version__,
            "load_avg_1_5_15": [round(x, 1) for x in os.getloadavg()],
        },
        "hubs": hubs,
        "bench_seconds": round(time.perf_counter() - started, 1),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / f"report-{data['date']}"
    stem.with_suffix(".json").write_text(json.dumps(data, indent=2) + "\n")
    stem.with_suffix(".md").write_text(markdown(data))
    print(markdown(data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
