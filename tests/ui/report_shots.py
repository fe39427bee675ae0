"""Make the progress-report screenshots in docs/screenshots: the first pages, rendered.

    .venv/bin/python -m tests.ui.report_shots docs/screenshots

Builds the demo hub in a temporary folder, writes this year's report (ceiling
internal) in Dutch and in English, renders pages 1-3 with poppler's `pdftoppm`
(apt-get install poppler-utils) and puts them side by side:
`{nl,en}-report.png`, plus `nl-report-heatmap.png` (the barrier-model page, larger).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

PASSPHRASE = "report screenshots only"
FIRST_PAGES = 3
BARRIER_INTRO = "Waar in de keten"  # the first words of the Dutch barrier-model section


def pages(pdf: Path, first: int, last: int, dpi: int, stem: Path) -> list[Path]:
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(first), "-l", str(last), "-png", str(pdf), stem],
        check=True,
    )
    return sorted(stem.parent.glob(f"{stem.name}-*.png"))


def barrier_page(pdf: Path) -> int:
    import pypdf

    for number, page in enumerate(pypdf.PdfReader(pdf).pages, start=1):
        if BARRIER_INTRO in " ".join(page.extract_text().split()):
            return number
    raise SystemExit("no barrier-model page in the report")


def side_by_side(images: list[Path], out: Path) -> None:
    from PIL import Image, ImageOps

    opened = [
        ImageOps.expand(Image.open(p).convert("RGB"), border=1, fill="#9aa5b1") for p in images
    ]
    gap = 16
    width = sum(i.width for i in opened) + gap * (len(opened) + 1)
    height = max(i.height for i in opened) + 2 * gap
    sheet = Image.new("RGB", (width, height), "#e9edf1")
    x = gap
    for image in opened:
        sheet.paste(image, (x, gap))
        x += image.width + gap
    sheet.save(out, optimize=True)


def main(target: Path) -> int:
    from expertise.demo import fill_with_demo
    from expertise.hub import Hub
    from expertise.kdf import KdfParams
    from expertise.report.period import current_year

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        with Hub.create(work / "centrum", PASSPHRASE, kdf=KdfParams.floor()) as hub:
            fill_with_demo(hub)
            for lang in ("nl", "en"):
                pdf = work / f"{lang}.pdf"
                hub.report.write(current_year(), pdf=pdf, lang=lang)
                shots = pages(pdf, 1, FIRST_PAGES, 60, work / f"{lang}-page")
                side_by_side(shots, target / f"{lang}-report.png")
            page = barrier_page(work / "nl.pdf")
            heat = pages(work / "nl.pdf", page, page, 110, work / "heat")
            side_by_side(heat, target / "nl-report-heatmap.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
