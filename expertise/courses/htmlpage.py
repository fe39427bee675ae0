"""The pack document as HTML: the self-contained export file, the preview and the cover.

The export file needs nothing outside itself: styles sit in one <style> element,
there are no scripts, images or external links, and a Content-Security-Policy
forbids loading anything should a reader's browser be asked to. Every piece of
content was sanitised when the sections were built; the assembled body goes
through one more allowlist pass here, so the page as a whole is sanitised too.
"""

from __future__ import annotations

import nh3

from expertise.courses import labels
from expertise.courses.document import EXPORT_ATTRIBUTES, EXPORT_TAGS, PackDocument
from expertise.courses.document import render_markdown as _markdown
from expertise.render import escape_text

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
PAGE_TAGS = EXPORT_TAGS | {"section", "nav", "header", "footer", "article"}
PAGE_ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(names) for tag, names in EXPORT_ATTRIBUTES.items()},
    "*": {"class"},
    "a": {"href", "name"},
    "section": {"id", "class"},
    "table": {"width", "cellpadding", "cellspacing", "class"},
}

BASE_CSS = """
body { font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; font-size: 10.5pt;
  color: #1d1d1d; line-height: 1.35; }
h1 { font-size: 17pt; color: #12355b; margin-top: 0; margin-bottom: 4pt; }
h2 { font-size: 13pt; color: #12355b; margin-top: 18px; margin-bottom: 6px; }
h3 { font-size: 11pt; color: #12355b; margin-top: 14px; margin-bottom: 4px; }
p.entry-meta { color: #555555; font-size: 9pt; margin-top: 0; }
p.summary { color: #333333; }
table.fields { border-collapse: collapse; margin-top: 6pt; margin-bottom: 8pt; }
table.fields th { text-align: left; vertical-align: top; background-color: #eef2f6;
  font-weight: bold; border: 1px solid #c9d3dd; padding: 4px; }
table.fields td { border: 1px solid #c9d3dd; padding: 4px; }
table.note { background-color: #fff6dc; border: 1px solid #e8c468; margin-top: 10pt; }
table.note td { padding: 8px; }
p.note-label { color: #7a5200; margin-top: 0; }
p.cover-brand { font-size: 9pt; color: #12355b; font-weight: bold; letter-spacing: 1pt; }
p.cover-kicker { font-size: 11pt; color: #555555; letter-spacing: 2pt; margin-top: 150px; }
h1.cover-title { font-size: 26pt; color: #12355b; margin-top: 4px; margin-bottom: 18px; }
p.cover-audience { font-size: 12pt; }
table.cover-facts { margin-top: 40px; border-collapse: collapse; }
table.cover-facts th { text-align: left; color: #555555; padding: 4px; padding-right: 24px; }
table.cover-facts td { padding: 4px; }
table.toc { border-collapse: collapse; width: 100%; }
table.toc td { padding: 4px; border-bottom: 1px solid #e2e6ea; }
td.toc-page { text-align: right; }
span.toc-kind { color: #666666; font-size: 9pt; }
span.missing-link { color: #555555; }
pre, code { font-family: 'DejaVu Sans Mono', Consolas, monospace; font-size: 9pt; }
"""

WEB_CSS = """
body { max-width: 46em; margin: 0 auto; padding: 0 1.5em 3em; }
.banner { position: sticky; top: 0; text-align: center; font-weight: bold; color: #ffffff;
  padding: 4pt; letter-spacing: 1.5pt; }
p.cover-kicker { margin-top: 16pt; }
section.entry { border-top: 2px solid #12355b; padding-top: 12pt; margin-top: 28pt; }
footer { margin-top: 32pt; color: #555555; font-size: 9pt; text-align: center; }
nav a, h1 a { color: inherit; text-decoration: none; }
@media print {
  .banner { position: fixed; left: 0; right: 0; }
  .banner.top { top: 0; }
  .banner.bottom { bottom: 0; top: auto; }
  section.entry, nav { break-before: page; border-top: none; }
}
"""


def css(doc: PackDocument, for_web: bool) -> str:
    banner = f".banner {{ background-color: {doc.banner.colour}; }}\n"
    return BASE_CSS + (WEB_CSS + banner if for_web else "")


def cover_html(doc: PackDocument) -> str:
    pack, lang = doc.pack, doc.lang
    facts = [
        (labels.word(lang, "ceiling"), doc.banner.label),
        (labels.word(lang, "entries"), str(len(doc.sections))),
        (labels.word(lang, "exported"), doc.exported_at.strftime("%Y-%m-%d %H:%M")),
        (labels.word(lang, "hub"), doc.hub_name),
    ]
    rows = "".join(
        f"<tr><th>{escape_text(name)}</th><td>{escape_text(value)}</td></tr>"
        for name, value in facts
    )
    audience = (
        f'<p class="cover-audience"><b>{escape_text(labels.word(lang, "audience"))}:</b> '
        f"{escape_text(pack.audience)}</p>"
        if pack.audience
        else ""
    )
    return (
        '<p class="cover-brand">EXPERTISE HUB</p>'
        f'<p class="cover-kicker">{escape_text(labels.word(lang, "course_pack").upper())}</p>'
        f'<h1 class="cover-title">{escape_text(pack.title)}</h1>{audience}'
        f"{_markdown(pack.description, doc.scope) if pack.description else ''}"
        f'<table class="cover-facts">{rows}</table>'
    )


def toc_html(doc: PackDocument, pages: dict[str, int] | None = None, links: bool = True) -> str:
    """The contents as a table; with `pages` (anchor -> page) a page column is added."""
    rows = []
    for number, section in enumerate(doc.sections, start=1):
        title = escape_text(section.title)
        shown = f'<a href="#{section.anchor}">{title}</a>' if links else title
        kind = escape_text(labels.kind_name(doc.lang, section.kind))
        page = f'<td class="toc-page">{pages[section.anchor]}</td>' if pages else ""
        rows.append(
            f"<tr><td>{number}.</td><td>{shown} "
            f'<span class="toc-kind">({kind})</span></td>{page}</tr>'
        )
    heading = f"<h1>{escape_text(labels.word(doc.lang, 'contents'))}</h1>"
    return f'{heading}<table class="toc" width="100%">{"".join(rows)}</table>'


def clean_page_body(body: str) -> str:
    def keep(element: str, attribute: str, value: str) -> str | None:
        if element == "a" and attribute == "href":
            return value if value.startswith("#entry-") else None
        return value

    return nh3.clean(
        body,
        tags=PAGE_TAGS,
        attributes=PAGE_ATTRIBUTES,
        attribute_filter=keep,
        url_schemes=set(),
        link_rel=None,
    )


def html_page(doc: PackDocument) -> str:
    """The single self-contained HTML file of the export."""
    banner = escape_text(doc.banner_text)
    sections = "".join(
        f'<section class="entry" id="{s.anchor}">{s.html}</section>' for s in doc.sections
    )
    body = clean_page_body(
        f'<div class="banner top">{banner}</div><header>{cover_html(doc)}</header>'
        f"<nav>{toc_html(doc)}</nav>{sections}"
        f'<footer>{escape_text(doc.footer)}</footer><div class="banner bottom">{banner}</div>'
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{doc.lang}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape_text(doc.pack.title)}</title><style>{css(doc, for_web=True)}</style>"
        f"</head><body>{body}</body></html>\n"
    )


def preview_html(doc: PackDocument) -> str:
    """The whole pack for a QTextBrowser: the page's structure, Qt's subset of CSS."""
    banner = (
        f'<table width="100%" cellpadding="4" cellspacing="0"><tr>'
        f'<td align="center" bgcolor="{doc.banner.colour}"><b><font color="#ffffff">'
        f"{escape_text(doc.banner_text)}</font></b></td></tr></table>"
    )
    sections = "<hr/>".join(s.html for s in doc.sections)
    body = clean_page_body(f"{cover_html(doc)}<hr/>{toc_html(doc)}<hr/>{sections}")
    # The cover's space above the title is for paper, not for a preview pane.
    style = css(doc, for_web=False) + "p.cover-kicker { margin-top: 12px; }"
    return f"<html><head><style>{style}</style></head><body>{banner}{body}</body></html>"
