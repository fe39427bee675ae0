"""Markdown that stays inert in any viewer: no raw HTML, no images, no active links.

A trainer opens an exported course pack in whatever Markdown viewer is at hand,
and many of them render raw HTML and fetch images as soon as the file is shown.
So the Markdown course export passes every piece of content through `inert()`:

- every `<` outside fenced code becomes `&lt;`, so no tag, comment or autolink
  survives (viewers show it as "<"; inside an inline code span it shows as
  "&lt;", a small price);
- every image becomes a plain link (`![alt](url)` → `[Image: alt](url)`), so
  nothing is fetched until someone clicks;
- a link or reference whose target is not http, https, mailto or a relative
  path (javascript:, data:, file:, vbscript:, UNC paths, …) loses its target
  and keeps its text. Targets are judged after entities and control
  characters are removed, as a viewer would read them.

Fenced code blocks are left alone (their content is shown literally). A fence
is only recognised where every viewer agrees it is one (see `_code_end`);
anything less is treated as prose, which is escaped, so a viewer and this
module can disagree only in the safe direction.
"""

from __future__ import annotations

import html
import re

SAFE_SCHEMES = ("http://", "https://", "mailto:")
_OPEN_FENCE = re.compile(r"^ {0,3}(`{3,}(?=[^`]*$)|~{3,})")
_IMAGE = re.compile(r"!\[")
# A link's target may follow its "](" or a reference's "]:" after spaces and one line break.
_TARGET = re.compile(r"(\]\(|\]:)([ \t]*\n?[ \t]*)(<[^>\n]*>|[^\s)]*)")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202f\ufeff]")
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _seen_safe(seen: str) -> bool:
    seen = _INVISIBLE.sub("", seen).replace("\\", "/").lower()
    if seen.startswith("//"):
        return False  # protocol-relative, or a UNC path once backslashes are read as slashes
    if seen.startswith(SAFE_SCHEMES):
        return True
    return not _SCHEME.match(seen) and ":" not in seen.split("/", 1)[0]


def safe_target(target: str) -> bool:
    """Whether a link target may stay: http(s), mailto, or a path with no scheme.

    A viewer may decode entities and backslash escapes, or not; every reading is judged.
    """
    raw = target.strip("<>")
    readings = (
        raw,
        html.unescape(_BACKSLASH_ESCAPE.sub(r"\1", raw)),
        _BACKSLASH_ESCAPE.sub(r"\1", html.unescape(raw)),
    )
    return all(_seen_safe(seen) for seen in readings)


def _keep_or_drop(match: re.Match[str]) -> str:
    if safe_target(match.group(3)):
        return match.group(0)
    return match.group(1) + match.group(2) + "#"


def _prose(block: str) -> str:
    block = block.replace("<", "&lt;")
    block = _IMAGE.sub("[Image: ", block)
    return _TARGET.sub(_keep_or_drop, block)


def _closes(line: str, fence: str) -> bool:
    """Whether a CommonMark viewer would end the block `fence` opened at this line."""
    indent = len(line) - len(line.lstrip(" "))
    body = line.strip(" \t")
    return indent <= 3 and len(body) >= len(fence) and set(body) == {fence[0]}


def _code_end(lines: list[str], start: int) -> int | None:
    """The closing line of a fence opened at `start`, if every viewer agrees it is code.

    Viewers differ (CommonMark closes on a longer fence or an indented one; others
    only on the same fence at the start of a line; an unclosed fence runs to the
    end in some and is no fence in others), so a block counts as code only when
    its first CommonMark close is also the same fence, unindented.
    """
    opened = _OPEN_FENCE.match(lines[start])
    if opened is None or lines[start].startswith(" "):
        return None
    fence = opened.group(1)
    for number in range(start + 1, len(lines)):
        if _closes(lines[number], fence):
            return number if lines[number].rstrip(" ") == fence else None
    return None


def inert(text: str) -> str:
    """`text` as Markdown that renders without raw HTML, images or active links."""
    lines = text.split("\n")
    out: list[str] = []
    prose: list[str] = []
    number = 0
    while number < len(lines):
        end = _code_end(lines, number)
        if end is None:
            prose.append(lines[number])
            number += 1
            continue
        if prose:
            out.append(_prose("\n".join(prose)))
            prose = []
        out.extend(lines[number : end + 1])
        number = end + 1
    if prose:
        out.append(_prose("\n".join(prose)))
    return "\n".join(out)
