"""The report as DOCX through python-docx, so the centre can edit the text before sending.

The document is built and saved in memory and written to its place atomically:
no half file, no temporary copy in clear. The classification banner sits in the
header of every page, the footer carries the report facts.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from expertise.atomic import atomic_write_bytes
from expertise.report.model import Block, Chart, Facts, Items, ReportDocument, Section, Table, Text

CHART_WIDTH_CM = 16.0


def docx_bytes(doc: ReportDocument, images: Mapping[str, bytes]) -> bytes:
    from docx import Document

    document = Document()
    _page_furniture(document, doc)
    _cover(document, doc)
    for number, section in enumerate(doc.sections, start=1):
        _section(document, number, section, images)
    document.core_properties.title = doc.title
    document.core_properties.author = "Expertise Hub"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_docx(doc: ReportDocument, images: Mapping[str, bytes], out: Path) -> None:
    atomic_write_bytes(out, docx_bytes(doc, images))


def _page_furniture(document: Any, doc: ReportDocument) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    section = document.sections[0]
    banner = section.header.paragraphs[0]
    banner.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = banner.add_run(doc.banner_text)
    run.bold = True
    run.font.size = Pt(10)
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), doc.banner.colour.lstrip("#"))
    banner._p.get_or_add_pPr().append(shading)
    footer = section.footer.paragraphs[0]
    footer.add_run(doc.footer).font.size = Pt(8)


def _cover(document: Any, doc: ReportDocument) -> None:
    document.add_paragraph(doc.brand)
    document.add_paragraph(doc.kicker)
    document.add_heading(doc.title, level=0)
    table = document.add_table(rows=0, cols=2)
    for name, value in doc.cover_facts:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = name, value
    for note in doc.notes:
        document.add_paragraph(note)
    document.add_page_break()


def _section(document: Any, number: int, section: Section, images: Mapping[str, bytes]) -> None:
    document.add_heading(f"{number}. {section.title}", level=1)
    for block in section.blocks:
        _block(document, block, images)


def _block(document: Any, block: Block, images: Mapping[str, bytes]) -> None:
    from docx.shared import Cm

    if isinstance(block, Facts):
        _table(document, (), block.rows)
    elif isinstance(block, Table):
        _table(document, block.headers, block.rows)
    elif isinstance(block, Items):
        document.add_heading(block.heading, level=2)
        for item in block.items:
            document.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Chart):
        if block.id in images:
            document.add_picture(io.BytesIO(images[block.id]), width=Cm(CHART_WIDTH_CM))
    else:
        assert isinstance(block, Text)
        document.add_paragraph(block.text)


def _table(document: Any, headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> None:
    width = len(headers) or max((len(row) for row in rows), default=1)
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    if headers:
        cells = table.add_row().cells
        for cell, text in zip(cells, headers, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.add_paragraph()
