"""Markdown notes for import tests: a few lines of front matter at known line numbers."""

from __future__ import annotations

from pathlib import Path


def note(title: str, body: str, *, kind: str = "advice", extra: str = "") -> str:
    """A note whose extra front-matter lines start at line 5 of the file."""
    lines = ["---", f"kind: {kind}", f'title: "{title}"', "language: nl"]
    lines += [line for line in extra.splitlines() if line]
    return "\n".join(lines) + f"\n---\n\n{body}\n"


def write_notes(folder: Path, texts: list[str]) -> Path:
    """`texts` as note-0000.md, note-0001.md, … (imported in that order)."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(texts):
        (folder / f"note-{number:04d}.md").write_text(text, encoding="utf-8")
    return folder
