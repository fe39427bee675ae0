"""The report as PDF through the project's one PDF path (pdfout: Qt's text engine).

Every text is escaped here: names and titles come from entries. Charts are PNG
bytes handed to pdfout in memory and shown by name; nothing else is loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from expertise.render import escape_text
from expertise.report.model import Block, Chart, Facts, Items, ReportDocument, Section, Table, Text

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
CHART_WIDTH = 620  # CSS pixels (Qt scales them by dpi/96): nearly the text width

CSS = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; color: #1d1d1d; }
h1 { font-size: 17pt; color: #12355b; margin-top: 0; margin-bottom: 8pt; }
h2 { font-size: 12pt; color: #12355b; margin-top: 14px; margin-bottom: 4px; }
p.note { color: #444444; font-size: 9.5pt; }
p.empty { color: #555555; font-style: italic; }
p.cover-brand { font-size: 9pt; color: #12355b; font-weight: bold; letter-spacing: 1pt; }
p.cover-kicker { font-size: 11pt; color: #555555; letter-spacing: 2pt; margin-top: 150px; }
h1.cover-title { font-size: 26pt; color: #12355b; margin-top: 4px; margin-bottom: 18px; }
table.cover-facts { margin-top: 30px; border-collapse: collapse; }
table.cover-facts th { text-align: left; color: #555555; padding: 4px; padding-right: 24px; }
table.cover-facts td { padding: 4px; }
table.facts { border-collapse: collapse; margin-bottom: 8pt; }
table.facts td { padding: 3px; padding-right: 18px; }
td.num { text-align: right; font-weight: bold; }
table.data { border-collapse: collapse; margin-top: 6pt; margin-bottom: 10pt; }
table.data th { text-align: left; background-color: #eef2f6; border: 1px solid #c9d3dd;
  padding: 4px; }
table.data td { border: 1px solid #c9d3dd; padding: 4px; }
table.toc { border-collapse: collapse; width: 100%; }
table.toc td { padding: 4px; border-bottom: 1px solid #e2e6ea; }
td.toc-page { text-align: right; }
"""


def chart_name(chart: Chart) -> str:
    return f"chart-{chart.id}"


def cover_html(doc: ReportDocument) -> str:
    rows = "".join(
        f"<tr><th>{escape_text(name)}</th><td>{escape_text(value)}</td></tr>"
        for name, value in doc.cover_facts
    )
    notes = "".join(f'<p class="note">{escape_text(note)}</p>' for note in doc.notes)
    return (
        f'<p class="cover-brand">{escape_text(doc.brand)}</p>'
        f'<p class="cover-kicker">{escape_text(doc.kicker)}</p>'
        f'<h1 class="cover-title">{escape_text(doc.title)}</h1>'
        f'<table class="cover-facts">{rows}</table>{notes}'
    )


def toc_html(doc: ReportDocument, pages: Mapping[str, int]) -> str:
    rows = "".join(
        f'<tr><td width="6%">{number}.</td><td>{escape_text(section.title)}</td>'
        f'<td class="toc-page">{pages.get(section.anchor, "")}</td></tr>'
        for number, section in enumerate(doc.sections, start=1)
    )
    return (
        f'<h1>{escape_text(doc.contents_title)}</h1><table class="toc" width="100%">{rows}</table>'
    )


def section_html(number: int, section: Section) -> str:
    # The anchor sits in a tiny line under the heading: on the heading itself Qt places
    # it a page early (the heading's block begins before the page break pushes it
    # down), and Qt's PDF output splits the first glyph off an anchored run.
    head = (
        f"<h1>{number}. {escape_text(section.title)}</h1>"
        f'<p style="margin: 0; font-size: 1pt;"><a name="{section.anchor}">&#160;</a></p>'
    )
    return head + "".join(_block(block) for block in section.blocks)


def _block(block: Block) -> str:
    if isinstance(block, Facts):
        rows = "".join(
            f'<tr><td>{escape_text(k)}</td><td class="num">{escape_text(v)}</td></tr>'
            for k, v in block.rows
        )
        return f'<table class="facts">{rows}</table>'
    if isinstance(block, Table):
        head = "".join(f"<th>{escape_text(h)}</th>" for h in block.headers)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape_text(cell)}</td>" for cell in row) + "</tr>"
            for row in block.rows
        )
        return f'<table class="data" width="100%"><tr>{head}</tr>{body}</table>'
    if isinstance(block, Items):
        items = "".join(f"<li>{escape_text(item)}</li>" for item in block.items)
        return f"<h2>{escape_text(block.heading)}</h2><ul>{items}</ul>"
    if isinstance(block, Chart):
        return f'<p><img src="{chart_name(block)}" width="{CHART_WIDTH}"></p>'
    assert isinstance(block, Text)
    return f'<p class="empty">{escape_text(block.text)}</p>'


def write_pdf(
    doc: ReportDocument,
    images: Mapping[str, bytes],
    out: Path,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Write the PDF (replaced atomically); its page count, or 0 if cancelled."""
    from pdfout import PdfSection, PdfSpec
    from pdfout import write_pdf as render

    charts = {chart.id: chart for chart in doc.charts()}
    spec = PdfSpec(
        title=doc.title,
        cover_html=cover_html(doc),
        toc_html=lambda pages: toc_html(doc, pages),
        sections=[
            PdfSection(section.anchor, section_html(number, section))
            for number, section in enumerate(doc.sections, start=1)
        ],
        css=CSS,
        banner_text=doc.banner_text,
        banner_colour=doc.banner.colour,
        footer_text=doc.footer,
        page_label=doc.page_label,
        images={chart_name(charts[key]): data for key, data in images.items() if key in charts},
    )
    return render(spec, out, progress, cancel)
