"""Deterministic benchmark corpus: every kind, Dutch and English, with links.

Entry ``i`` depends only on (seed, i): any slice of the corpus can be
regenerated without the rest, so the hub and the FTS5 baseline can stream
the same 100k entries without holding them in memory. Organisations come
first, then experts, then advice notes, innovation projects and practices
mixed, so every reference points at an entry that already exists.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache

from bench import vocab as V
from bench.corpus_util import pick, zipf_cum
from bench.text import Writer
from expertise.fields import CLASSIFICATIONS as REGISTRY_LEVELS
from expertise.fields import kind_spec, measure_kinds, named_kinds

# The content kinds are the registry's measures; one weight each, in the registry's order
# (the mix bench/results was measured with). A new measure kind fails loudly here.
CONTENT_KINDS = measure_kinds()
CONTENT_WEIGHTS = dict(zip(CONTENT_KINDS, (0.35, 0.25, 0.40), strict=True))
# One weight per classification level, lowest first.
LEVEL_WEIGHTS = dict(zip(REGISTRY_LEVELS, (0.3, 0.55, 0.15), strict=True))
BASE_DATE = date(2024, 1, 1)


def extra_text_fields(kind: str) -> tuple[str, ...]:
    """A kind's free-text fields (not e-mail, phone or country): the FTS5 baseline's `extra`."""
    return tuple(
        spec.name
        for spec in kind_spec(kind).fields
        if spec.type == "multiline" or (spec.type == "text" and not spec.format and not spec.length)
    )


@dataclass(frozen=True)
class Record:
    """One entry: ``values`` for ``hub.entries.add``, ``plain`` for the FTS5 baseline."""

    kind: str
    values: dict[str, object]
    plain: dict[str, str]


def stable_id(seed: int, i: int) -> str:
    return str(uuid.UUID(int=random.Random(f"{seed}:id:{i}").getrandbits(128), version=4))


@lru_cache(maxsize=4)
def theme_keys() -> tuple[str, ...]:
    from expertise.fields.taxonomy import taxonomy_labels

    return tuple(key for key, *_ in taxonomy_labels())


class Corpus:
    def __init__(self, size: int, seed: int = 42) -> None:
        self.size, self.seed = size, seed
        self.n_orgs = max(3, size // 50)
        self.n_experts = max(5, size // 12)
        self.writer = Writer(seed)

    # -- layout ----------------------------------------------------------------
    def kind_of(self, i: int) -> str:
        if i < self.n_orgs:
            return "organisation"
        if i < self.n_orgs + self.n_experts:
            return "expert"
        rng = random.Random(f"{self.seed}:k:{i}")
        return rng.choices(CONTENT_KINDS, tuple(CONTENT_WEIGHTS.values()))[0]

    def id_of(self, i: int) -> str:
        return stable_id(self.seed, i)

    def language_of(self, i: int) -> str:
        return "en" if random.Random(f"{self.seed}:l:{i}").random() < 0.4 else "nl"

    def title_of(self, i: int) -> str:
        rng = random.Random(f"{self.seed}:t:{i}")
        kind, lang = self.kind_of(i), self.language_of(i)
        if kind == "organisation":
            return self.writer.org_name(rng, i)
        if kind == "expert":
            return self.writer.person_name(rng)
        return self.writer.title(rng, kind, lang)

    @cached_property
    def theme_keys(self) -> tuple[str, ...]:
        return theme_keys()

    # -- records -------------------------------------------------------------
    def records(self, start: int = 0, stop: int | None = None) -> Iterator[Record]:
        for i in range(start, self.size if stop is None else min(stop, self.size)):
            yield self.record(i)

    def record(self, i: int) -> Record:
        rng = random.Random(f"{self.seed}:r:{i}")
        kind, lang = self.kind_of(i), self.language_of(i)
        values = self._base(rng, i, kind, lang)
        values.update(self._kind_fields(rng, kind, lang))
        return Record(kind, values, self._plain(i, kind, values))

    def _base(self, rng: random.Random, i: int, kind: str, lang: str) -> dict[str, object]:
        links = [self.title_of(j) for j in self._link_targets(rng, i)]
        values: dict[str, object] = {
            "id": self.id_of(i),
            "title": self.title_of(i),
            "summary": self.writer.summary(rng, lang),
            "body": self.writer.body(rng, lang, kind, links),
            "tags": sorted({pick(rng, V.TAGS, _TAG_CUM) for _ in range(rng.randint(1, 4))}),
            "themes": sorted({pick(rng, self.theme_keys) for _ in range(rng.randint(1, 3))}),
            "classification": rng.choices(tuple(LEVEL_WEIGHTS), tuple(LEVEL_WEIGHTS.values()))[0],
            "language": lang,
            "status": "draft" if rng.random() < 0.08 else "current",
            "review_by": (BASE_DATE + timedelta(days=rng.randint(200, 1200))).isoformat(),
        }
        if kind not in named_kinds():
            values["author"] = self._expert(rng)
        return values

    def _link_targets(self, rng: random.Random, i: int) -> list[int]:
        if i < 2:
            return []
        count = rng.choices((0, 1, 2, 3), (0.3, 0.35, 0.25, 0.1))[0]
        return sorted({rng.randrange(0, i) for _ in range(count)})

    def _org(self, rng: random.Random) -> str:
        return self.id_of(rng.randrange(self.n_orgs))

    def _expert(self, rng: random.Random) -> str:
        return self.id_of(self.n_orgs + rng.randrange(self.n_experts))

    def _day(self, rng: random.Random, spread: int = 900) -> str:
        return (BASE_DATE + timedelta(days=rng.randint(0, spread))).isoformat()

    def record_values(self, rng: random.Random, kind: str, lang: str) -> dict[str, object]:
        """A kind's values without id, title, body or author (bench/notes.py's front matter).

        Apart from `_base` so that the entries of `record` stay what earlier runs measured.
        """
        values: dict[str, object] = {
            "summary": self.writer.summary(rng, lang),
            "tags": sorted({pick(rng, V.TAGS, _TAG_CUM) for _ in range(rng.randint(1, 4))}),
            "themes": sorted({pick(rng, self.theme_keys) for _ in range(rng.randint(1, 3))}),
            "classification": rng.choices(tuple(LEVEL_WEIGHTS), tuple(LEVEL_WEIGHTS.values()))[0],
            "language": lang,
            "status": "draft" if rng.random() < 0.08 else "current",
            "review_by": (BASE_DATE + timedelta(days=rng.randint(200, 1200))).isoformat(),
        }
        values.update(self._kind_fields(rng, kind, lang))
        return values

    # -- per kind ----------------------------------------------------------------
    def _kind_fields(self, rng: random.Random, kind: str, lang: str) -> dict[str, object]:
        maker = getattr(self, f"_fields_{kind}", None)
        return maker(rng, lang) if maker is not None else {}

    def _fields_advice(self, rng: random.Random, lang: str) -> dict[str, object]:
        return {
            "audience": rng.choice(("investigation", "policy", "public")),
            "requested_by": self._org(rng),
            "advice_date": self._day(rng),
        }

    def _fields_innovation(self, rng: random.Random, lang: str) -> dict[str, object]:
        start = self._day(rng, 700)
        return {
            "stage": rng.choice(("idea", "pilot", "running", "evaluated", "adopted", "stopped")),
            "bottleneck": self.writer.sentence(rng, lang),
            "start_date": start,
            "end_date": (
                date.fromisoformat(start) + timedelta(days=rng.randint(90, 720))
            ).isoformat(),
            "owner_org": self._org(rng),
            "lead": self._expert(rng),
            "partners": sorted({self._org(rng) for _ in range(rng.randint(1, 3))}),
            "results": self.writer.result(rng, lang),
        }

    def _fields_practice(self, rng: random.Random, lang: str) -> dict[str, object]:
        w = self.writer
        return {
            "context": w.sentence(rng, lang),
            "practice": w.sentence(rng, lang),
            "outcome": w.result(rng, lang),
            "lessons": w.sentence(rng, lang),
            "source_case": w.case_code(rng),
            "evidence_level": rng.choice(("anecdotal", "observed", "evaluated")),
            "region": pick(rng, V.REGIONS),
        }

    def _fields_expert(self, rng: random.Random, lang: str) -> dict[str, object]:
        return {
            "role": pick(rng, V.ROLES_NL),
            "organisation": self._org(rng),
            "unit": pick(rng, V.REGIONS),
            "expertise": sorted({pick(rng, V.AREAS, _AREA_CUM) for _ in range(rng.randint(2, 4))}),
            "languages": ["nl", "en"] if rng.random() < 0.7 else ["nl"],
            "email": f"expert{rng.randrange(10**6):06d}@example.nl",
            "phone": f"+31 88 555 {rng.randrange(10**4):04d}",
            "availability": self.writer.sentence(rng, lang),
            "internal": rng.random() < 0.7,
            "consent_date": self._day(rng),
            "consent_basis": "Schriftelijke toestemming (fictief)",
            "last_verified": self._day(rng),
        }

    def _fields_organisation(self, rng: random.Random, lang: str) -> dict[str, object]:
        return {
            "org_type": rng.choice(tuple(V.ORG_TYPES)),
            "country": pick(rng, V.COUNTRIES),
            "contact": self.writer.sentence(rng, lang),
            "partner_since": self._day(rng, 3000),
        }

    # -- the FTS5 view ---------------------------------------------------------
    def _plain(self, i: int, kind: str, values: dict[str, object]) -> dict[str, str]:
        extra = " ".join(str(values.get(name, "")) for name in extra_text_fields(kind))
        org_ref = (
            values.get("organisation") or values.get("owner_org") or values.get("requested_by")
        )
        return {
            "id": str(values["id"]),
            "kind": kind,
            "title": str(values["title"]),
            "summary": str(values["summary"]),
            "body": f"{values['body']}\n{extra}".strip(),
            "tags": " ".join(values["tags"]),  # type: ignore[arg-type]
            "themes": " ".join(str(t).replace("_", " ") for t in values["themes"]),  # type: ignore[attr-defined]
            "areas": " ".join(values.get("expertise", [])),  # type: ignore[arg-type]
            "organisation": self.title_by_id(str(org_ref)) if org_ref else "",
            "theme_keys": " ".join(values["themes"]),  # type: ignore[arg-type]
            "language": str(values["language"]),
            "classification": str(values["classification"]),
        }

    def title_by_id(self, entry_id: str) -> str:
        return self._org_titles.get(entry_id, "")

    @cached_property
    def _org_titles(self) -> dict[str, str]:
        return {self.id_of(j): self.title_of(j) for j in range(self.n_orgs)}


_TAG_CUM = zipf_cum(len(V.TAGS), 0.9)
_AREA_CUM = zipf_cum(len(V.AREAS), 0.8)
