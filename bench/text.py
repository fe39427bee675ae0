"""Sentences, titles and Markdown bodies for the benchmark corpus.

Templates are professional prose about methods, cooperation and training;
slots are filled from bench.vocab with Zipf-like weights. Project and place
names are built from syllables, so the lexicon grows with the corpus the
way a real one does (most of its words are rare).
"""

from __future__ import annotations

import random

from bench import vocab as V
from bench.corpus_util import pick, zipf_cum
from expertise.fields import KIND_SPECS, kind_spec, measure_kinds

N_NAMES = 6000
SENTENCES = {
    "nl": [
        "{Actor} {verb} een aanpak voor {topic} om {goal}.",
        "Bij {topic} is het belangrijk dat {actor} en {actor2} {phrase} hebben.",
        "In {year} startte project {name} in regio {region} met aandacht voor {topic}.",
        "De ervaringen met {topic} laten zien dat {phrase} het verschil maken.",
        "{Actor} gebruikt daarbij een checklist voor {topic} en {topic2}.",
        "Het knelpunt zat vooral in {topic}: {actor} had weinig zicht op {topic2}.",
        "Voor {topic} is een training van {n} dagdelen ontwikkeld samen met {actor}.",
        "Zaak {case} diende als geanonimiseerde voorbeeldzaak voor {topic}.",
        "Project {name} richt zich op {topic} en sluit aan bij het barrièremodel.",
        "{Actor} en {actor2} maakten afspraken over {topic} en {phrase}.",
        "Na de evaluatie van {topic} {verb} {actor} de werkwijze opnieuw.",
        "Een vaste overlegstructuur helpt om {goal}.",
        "Het advies is om {topic} eerder in het proces te betrekken.",
        "In de regio {region} werkt {actor} met {name} aan {topic}.",
    ],
    "en": [
        "{Actor} {verb} an approach to {topic} to {goal}.",
        "In {topic} it matters that {actor} and {actor2} share {phrase}.",
        "In {year} project {name} started in the {region} region with a focus on {topic}.",
        "Experience with {topic} shows that {phrase} make the difference.",
        "{Actor} uses a checklist for {topic} and {topic2}.",
        "The bottleneck was mainly {topic}: {actor} had little insight into {topic2}.",
        "A training of {n} sessions on {topic} was developed together with {actor}.",
        "Case {case} served as an anonymised example case for {topic}.",
        "Project {name} targets {topic} and fits the barrier model.",
        "{Actor} and {actor2} agreed on {topic} and {phrase}.",
        "After the evaluation of {topic}, {actor} {verb} the procedure again.",
        "A standing consultation helps to {goal}.",
        "The advice is to involve {topic} earlier in the process.",
        "In the {region} region {actor} works with {name} on {topic}.",
    ],
}
HEADINGS = {
    "nl": ("Aanleiding", "Werkwijze", "Resultaat", "Lessen", "Achtergrond", "Afspraken"),
    "en": ("Background", "Approach", "Results", "Lessons", "Context", "Agreements"),
}
# Title templates per language, one pair per measure kind in the registry's order
# (advice, projects, practices); a new measure kind fails loudly here.
_TITLE_PAIRS = {
    "nl": (
        ("Advies: {topic} bij {actor}", "Advies over {topic} en {topic2}"),
        ("Project {name}: {topic}", "Pilot {topic} ({name})"),
        ("Werkwijze {topic} in regio {region}", "Goede praktijk: {topic} ({name})"),
    ),
    "en": (
        ("Advice: {topic} for {actor}", "Advice on {topic} and {topic2}"),
        ("Project {name}: {topic}", "Pilot {topic} ({name})"),
        ("Practice: {topic} in the {region} region", "Good practice: {topic} ({name})"),
    ),
}
TITLES = {
    lang: dict(zip(measure_kinds(), pairs, strict=True)) for lang, pairs in _TITLE_PAIRS.items()
}
# Kinds whose body ends with a result: those with a results or outcome field.
_RESULT_FIELDS = frozenset({"results", "outcome"})
LIST_WORDS = {
    "nl": ("Zie ook", "Opgesteld met", "Gerelateerd"),
    "en": ("See also", "Written with", "Related"),
}
_LANG = {
    "nl": (V.TOPICS_NL, V.ACTORS_NL, V.VERBS_NL, V.GOALS_NL, V.PHRASES_NL, V.RESULTS_NL),
    "en": (V.TOPICS_EN, V.ACTORS_EN, V.VERBS_EN, V.GOALS_EN, V.PHRASES_EN, V.RESULTS_EN),
}
_CUM = {lang: tuple(zipf_cum(len(words), 0.8) for words in lists) for lang, lists in _LANG.items()}
_NAME_CUM = zipf_cum(N_NAMES, 1.05)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class Writer:
    def __init__(self, seed: int) -> None:
        rng = random.Random(f"{seed}:names")
        names: dict[str, None] = {}
        while len(names) < N_NAMES:
            parts = rng.randint(2, 4)
            names["".join(rng.choice(V.SYLLABLES) for _ in range(parts)).capitalize()] = None
        self.names = list(names)

    # -- slots -------------------------------------------------------------------
    def _slots(self, rng: random.Random, lang: str) -> dict[str, str]:
        topics, actors, verbs, goals, phrases, _ = _LANG[lang]
        c_topic, c_actor, c_verb, c_goal, c_phrase, _ = _CUM[lang]
        actor = pick(rng, actors, c_actor)
        return {
            "topic": pick(rng, topics, c_topic),
            "topic2": pick(rng, topics, c_topic),
            "actor": actor,
            "Actor": _cap(actor),
            "actor2": pick(rng, actors, c_actor),
            "verb": pick(rng, verbs, c_verb),
            "goal": pick(rng, goals, c_goal),
            "phrase": pick(rng, phrases, c_phrase),
            "name": self.name(rng),
            "region": pick(rng, V.REGIONS),
            "year": str(rng.randint(2012, 2026)),
            "n": str(rng.randint(2, 8)),
            "case": self.case_code(rng),
        }

    def name(self, rng: random.Random) -> str:
        return pick(rng, self.names, _NAME_CUM)

    @staticmethod
    def case_code(rng: random.Random) -> str:
        return f"VZ-{rng.randint(2012, 2026)}-{rng.randrange(10**4):04d}"

    # -- pieces -----------------------------------------------------------------
    def sentence(self, rng: random.Random, lang: str) -> str:
        return rng.choice(SENTENCES[lang]).format(**self._slots(rng, lang))

    def result(self, rng: random.Random, lang: str) -> str:
        return rng.choice(_LANG[lang][5])

    def summary(self, rng: random.Random, lang: str) -> str:
        return " ".join(self.sentence(rng, lang) for _ in range(rng.randint(1, 2)))

    def title(self, rng: random.Random, kind: str, lang: str) -> str:
        return _cap(rng.choice(TITLES[lang][kind]).format(**self._slots(rng, lang)))

    def person_name(self, rng: random.Random) -> str:
        first = rng.choice(V.FIRST_NAMES)
        last = rng.choice(V.NAME_PARTS_A) + rng.choice(V.NAME_PARTS_B)
        return f"{rng.choice(V.ROLES_NL)} {first} {last} (fictief)"

    def org_name(self, rng: random.Random, i: int) -> str:
        org_type = rng.choice(tuple(V.ORG_TYPES))
        prefix = rng.choice(V.ORG_TYPES[org_type])
        return f"{prefix} {self.names[i % N_NAMES]} {i}"

    def body(self, rng: random.Random, lang: str, kind: str, links: list[str]) -> str:
        heads = HEADINGS[lang]
        parts: list[str] = []
        for section in range(rng.randint(2, 4)):
            parts.append(f"## {heads[(section + rng.randrange(2)) % len(heads)]}")
            if rng.random() < 0.3:
                parts.append("\n".join(f"- {self.sentence(rng, lang)}" for _ in range(3)))
            else:
                parts.append(" ".join(self.sentence(rng, lang) for _ in range(rng.randint(2, 6))))
        if kind in KIND_SPECS and {f.name for f in kind_spec(kind).fields} & _RESULT_FIELDS:
            parts.append(self.result(rng, lang))
        if links:
            label = rng.choice(LIST_WORDS[lang])
            parts.append(f"{label}: " + ", ".join(f"[[{title}]]" for title in links) + ".")
        return "\n\n".join(parts)
