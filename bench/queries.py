"""The shared query mix: the same information needs for the hub and FTS5.

Words come from the corpus vocabulary (Dutch and English, common domain
words and rare project names). Each query carries the hub syntax and the
FTS5 MATCH expression that asks for the same thing; fuzzy queries are
expanded against the FTS5 term list at run time (FTS5 has no fuzzy syntax).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from bench import vocab as V
from bench.corpus import Corpus
from bench.corpus_util import pick, zipf_cum
from expertise.fields import CLASSIFICATIONS, measure_kinds

CLASSES = ("term", "and2", "phrase", "prefix", "fuzzy", "facet")
# Too common in both languages to be what anyone searches for.
_SKIP = frozenset(
    "about after again based bijvoorbeeld could every eerder onder other their there these "
    "those under which while worden".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class BenchQuery:
    cls: str
    hub: str  # query text for Hub.search
    fts: str  # FTS5 MATCH expression; for fuzzy the misspelt word (expanded at run time)
    kind: str | None = None
    filters: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "cls": self.cls,
            "hub": self.hub,
            "fts": self.fts,
            "kind": self.kind,
            "filters": dict(self.filters),
        }


def quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def vocabulary(lang: str) -> list[str]:
    """Distinct searchable words of one language's word lists, in list order."""
    lists = (
        (V.TOPICS_NL, V.PHRASES_NL, V.GOALS_NL, V.ACTORS_NL)
        if lang == "nl"
        else (V.TOPICS_EN, V.PHRASES_EN, V.GOALS_EN, V.ACTORS_EN)
    )
    seen: dict[str, None] = {}
    for words in lists:
        for text in words:
            for word in _WORD.findall(text.lower()):
                if len(word) >= 5 and word not in _SKIP:
                    seen.setdefault(word, None)
    return list(seen)


def _phrases() -> list[str]:
    multi = [t for t in V.TOPICS_NL + V.TOPICS_EN if " " in t and "-" not in t]
    pairs = [" ".join(t.split()[-2:]) for t in multi]
    return sorted(set(V.PHRASES_NL + V.PHRASES_EN + pairs))


class MixBuilder:
    def __init__(self, corpus: Corpus, seed: int) -> None:
        self.rng = random.Random(f"{seed}:queries")
        self.words = {lang: vocabulary(lang) for lang in ("nl", "en")}
        self.names = [n.lower() for n in corpus.writer.names[:400]]
        self.name_cum = zipf_cum(len(self.names), 1.05)
        self.themes = corpus.theme_keys

    def word(self) -> str:
        if self.rng.random() < 0.2:
            return pick(self.rng, self.names, self.name_cum)
        lang = "nl" if self.rng.random() < 0.6 else "en"
        return pick(self.rng, self.words[lang])

    def term(self) -> BenchQuery:
        w = self.word()
        return BenchQuery("term", w, quote(w))

    def and2(self) -> BenchQuery:
        lang = "nl" if self.rng.random() < 0.6 else "en"
        a, b = (pick(self.rng, self.words[lang]) for _ in range(2))
        return BenchQuery("and2", f"{a} {b}", f"{quote(a)} AND {quote(b)}")

    def phrase(self) -> BenchQuery:
        p = pick(self.rng, _phrases())
        return BenchQuery("phrase", f'"{p}"', quote(p))

    def prefix(self) -> BenchQuery:
        w = self.word()
        stem = w[: self.rng.randint(3, min(5, len(w)))]
        return BenchQuery("prefix", f"{stem}*", f"{quote(stem)}*")

    def fuzzy(self) -> BenchQuery:
        w = self.word()
        while len(w) < 6:
            w = self.word()
        at = self.rng.randrange(2, len(w))
        letter = self.rng.choice([c for c in "aeiourstnlk" if c != w[at]])
        typo = w[:at] + letter + w[at + 1 :]
        return BenchQuery("fuzzy", f"{typo}~", typo)

    def facet(self) -> BenchQuery:
        w = self.word()
        roll = self.rng.random()
        if roll < 0.4:
            kind = self.rng.choice((*measure_kinds(), "expert"))
            return BenchQuery("facet", w, quote(w), kind=kind)
        if roll < 0.75:
            return BenchQuery(
                "facet", w, quote(w), filters={"themes": self.rng.choice(self.themes)}
            )
        level = self.rng.choice(CLASSIFICATIONS)
        return BenchQuery("facet", w, quote(w), filters={"classification": level})


def query_mix(corpus: Corpus, per_class: int = 40, seed: int = 7) -> list[BenchQuery]:
    builder = MixBuilder(corpus, seed)
    return [getattr(builder, cls)() for cls in CLASSES for _ in range(per_class)]


def typing_prefixes(corpus: Corpus, words: int = 30, seed: int = 7) -> list[str]:
    """1-4 letter prefixes of title words, as a user types them."""
    rng = random.Random(f"{seed}:typing")
    out: list[str] = []
    for _ in range(words):
        title = corpus.title_of(rng.randrange(corpus.size))
        candidates = [w for w in _WORD.findall(title.lower()) if len(w) >= 4]
        word = rng.choice(candidates or ["kennis"])
        out.extend(word[:n] for n in range(1, 5))
    return out
