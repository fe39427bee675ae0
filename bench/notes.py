"""A folder of Markdown notes as a new user would import it, and FTS5's simple reading.

Note ``i`` depends only on (seed, i): one of the content kinds, Dutch or
English, YAML front matter with the fields a user types (no references to
experts or organisations: those need entries of their own), and a body of
300–1,500 words. Every fifth note links to another note by its title
(``[[...]]``). Titles carry the note's number so every link has one target.

The FTS5 side reads the same files the simple way: split off the front
matter, take ``key: value`` lines and ``- item`` lists, no YAML library.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import yaml

from bench.corpus import CONTENT_KINDS, CONTENT_WEIGHTS, Corpus
from expertise.fields import spec_of

MIN_WORDS, MAX_WORDS = 300, 1500
LINK_EVERY = 5
_REFS = ("ref", "reflist")


class Notes:
    def __init__(self, size: int, seed: int = 42) -> None:
        self.size, self.seed = size, seed
        self.corpus = Corpus(max(size, 100), seed)
        self.writer = self.corpus.writer

    def kind_of(self, i: int) -> str:
        rng = random.Random(f"{self.seed}:nk:{i}")
        return rng.choices(CONTENT_KINDS, tuple(CONTENT_WEIGHTS.values()))[0]

    def language_of(self, i: int) -> str:
        return "en" if random.Random(f"{self.seed}:nl:{i}").random() < 0.4 else "nl"

    def title_of(self, i: int) -> str:
        rng = random.Random(f"{self.seed}:nt:{i}")
        return f"{self.writer.title(rng, self.kind_of(i), self.language_of(i))} (nr. {i})"

    @staticmethod
    def file_name(i: int) -> str:
        return f"note-{i:06d}.md"

    def text(self, i: int) -> str:
        rng = random.Random(f"{self.seed}:n:{i}")
        kind, lang = self.kind_of(i), self.language_of(i)
        meta: dict[str, object] = {"kind": kind, "title": self.title_of(i)}
        meta.update(self._meta(rng, kind, lang))
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=4096)
        return f"---\n{front}---\n\n{self._body(rng, i, lang)}\n"

    def _meta(self, rng: random.Random, kind: str, lang: str) -> dict[str, object]:
        values = self.corpus.record_values(rng, kind, lang)
        return {
            name: value
            for name, value in values.items()
            if name not in ("id", "title", "body")
            and (spec := spec_of(kind, name)) is not None
            and spec.type not in _REFS
        }

    def _body(self, rng: random.Random, i: int, lang: str) -> str:
        target, words, parts = rng.randint(MIN_WORDS, MAX_WORDS), 0, []
        while words < target:
            paragraph = self.writer.body(rng, lang, "", [])
            parts.append(paragraph)
            words += len(paragraph.split())
        if i % LINK_EVERY == 0 and self.size > 1:
            other = (i + 1 + rng.randrange(self.size - 1)) % self.size
            parts.append(f"[[{self.title_of(other)}]]")
        return "\n\n".join(parts)

    def write(self, folder: Path) -> int:
        """Writes every note; the bytes written."""
        folder.mkdir(parents=True, exist_ok=True)
        total = 0
        for i in range(self.size):
            data = self.text(i).encode("utf-8")
            (folder / self.file_name(i)).write_bytes(data)
            total += len(data)
        return total


# -- FTS5's reading --------------------------------------------------------------
def simple_front_matter(text: str) -> tuple[dict[str, object], str]:
    """``key: value`` and ``- item`` lines between the ``---`` fences; the rest is the body."""
    _, front, body = text.split("---\n", 2)
    meta: dict[str, object] = {}
    key = ""
    for line in front.splitlines():
        if line.startswith("- ") and key:
            items = meta.setdefault(key, [])
            assert isinstance(items, list)
            items.append(line[2:].strip().strip("'\""))
        elif ":" in line:
            key, _, value = line.partition(":")
            if value.strip():
                meta[key] = value.strip().strip("'\"")
    return meta, body


def plain_documents(folder: Path) -> Iterator[dict[str, str]]:
    """Every note of ``folder`` as the FTS5 baseline's document (Fts5Baseline.add_batch)."""
    for path in sorted(folder.glob("*.md")):
        meta, body = simple_front_matter(path.read_text(encoding="utf-8"))
        tags, themes = meta.get("tags", []), meta.get("themes", [])
        assert isinstance(tags, list) and isinstance(themes, list)
        extra = " ".join(str(v) for k, v in meta.items() if isinstance(v, str) and k != "title")
        yield {
            "id": path.stem,
            "kind": str(meta.get("kind", "")),
            "title": str(meta.get("title", "")),
            "summary": str(meta.get("summary", "")),
            "body": f"{body}\n{extra}",
            "tags": " ".join(tags),
            "themes": " ".join(t.replace("_", " ") for t in themes),
            "areas": "",
            "organisation": "",
            "theme_keys": " ".join(themes),
            "language": str(meta.get("language", "")),
            "classification": str(meta.get("classification", "")),
        }
