"""Markdown → HTML → nh3 allowlist (S8). Shared by the UI and every export.

Wiki links become `entry:<id>` anchors; anything the allowlist does not know
is dropped, so hostile notes render inert wherever they are shown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import markdown
import nh3

WIKI = re.compile(r"\[\[([^\[\]|\n]{1,500})(?:\|([^\[\]\n]{0,500}))?\]\]")
ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"alt", "title", "src"},
    "span": {"class"},
    "td": {"align"},
    "th": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto", "entry"}
EXTENSIONS = ["tables", "fenced_code", "sane_lists", "def_list"]

Resolver = Callable[[str], str | None]


def _wiki_to_markdown(text: str, resolve: Resolver | None) -> str:
    def replace(match: re.Match[str]) -> str:
        title = match.group(1).strip()
        shown = html.escape((match.group(2) or title).strip())
        entry_id = resolve(title) if resolve else None
        if entry_id:
            return f'<a href="entry:{html.escape(entry_id)}">{shown}</a>'
        return f'<span class="missing-link">{shown}</span>'

    return WIKI.sub(replace, text)


def sanitise_html(raw: str) -> str:
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def markdown_to_html(text: str, resolve: Resolver | None = None) -> str:
    """Safe HTML for a Markdown body; `resolve` maps a wiki-link title to an entry id."""
    raw = markdown.markdown(_wiki_to_markdown(text, resolve), extensions=EXTENSIONS)
    return sanitise_html(raw)


def escape_text(text: str) -> str:
    return html.escape(text, quote=True)
