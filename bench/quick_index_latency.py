"""Quick latency check of index/ on a generated Dutch/English corpus.

Builds an encrypted index of N generated entries (default 10,000) with
SearchIndex.rebuild(), then measures warm p50/p95 per query class. The
generator is self-contained (no expertise/ import) so it runs on a bare
checkout. Run: .venv/bin/python bench/quick_index_latency.py [N]
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: E402

from expertise.fields import CLASSIFICATIONS, measure_kinds  # noqa: E402
from expertise.fields.search import index_config  # noqa: E402
from index import SearchIndex  # noqa: E402

NL_WORDS = (
    "onderzoek politie kinderen slachtoffer verdachte beelden materiaal opsporing "
    "identificatie aangifte officier justitie rechercheur verhoor camera chat platform "
    "misbruik uitbuiting preventie voorlichting samenwerking analyse bewijs digitaal "
    "forensisch netwerk server gegevens account melding signaal knelpunt advies methode "
    "werkwijze resultaat evaluatie pilot project team eenheid regio landelijk internationaal "
    "reizende dader toerisme hulpverlening bescherming ouders school jongeren minderjarigen "
    "webcam livestream betaling cryptovaluta afpersing lokken grooming herkenning triage "
    "classificatie hashdatabase beeldherkenning zedenzaak strafrecht vervolging rechtbank "
    "proces verbaal capaciteit prioriteit doorlooptijd kennis opleiding training leergang"
).split()
NL_PARTS = "slachtoffer beeld video web kinder chat zeden opsporings gegevens politie".split()
NL_HEADS = "identificatie kamera herkenning onderzoek misbruik team bescherming zaak".split()
EN_WORDS = (
    "investigation police children victim suspect images material detection identification "
    "report prosecutor investigator interview camera chat platform abuse exploitation "
    "prevention awareness cooperation analysis evidence digital forensic network server "
    "data account referral signal bottleneck advice method approach result evaluation pilot "
    "project team unit region national international travelling offender tourism support "
    "protection parents school young minors webcam livestream payment cryptocurrency "
    "extortion grooming recognition triage classification hash database court prosecution "
    "capacity priority throughput knowledge training course investigated investigating "
    "victims offenders platforms reports detected"
).split()
TAGS = [f"tag{i}" for i in range(40)] + ["grooming", "sextortion", "livestream", "darkweb", "osint"]
THEMES = "victim_identification production distribution downloading live_streaming grooming".split()
KINDS = measure_kinds()
# internal twice as likely as public or confidential
CLASSES = tuple(
    level for level, times in zip(CLASSIFICATIONS, (1, 2, 1), strict=True) for _ in range(times)
)


class Cipher:
    def __init__(self) -> None:
        self._aes = AESGCM(AESGCM.generate_key(bit_length=256))

    def encrypt(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aes.encrypt(nonce, plaintext, aad)

    def decrypt(self, blob: bytes, aad: bytes) -> bytes:
        return self._aes.decrypt(blob[:12], blob[12:], aad)


class Generator:
    def __init__(self, size: int, seed: int = 42) -> None:
        self.size, self.rng = size, random.Random(seed)
        self.n_orgs, self.n_experts = max(3, size // 50), max(5, size // 12)
        self.weights_nl = [1 / (r + 1) for r in range(len(NL_WORDS))]
        self.weights_en = [1 / (r + 1) for r in range(len(EN_WORDS))]

    def words(self, lang: str, n: int) -> list[str]:
        rng = self.rng
        if lang == "en":
            return rng.choices(EN_WORDS, self.weights_en, k=n)
        out = rng.choices(NL_WORDS, self.weights_nl, k=n)
        for i in range(0, n, 9):  # Dutch writes compounds as one word
            out[i] = rng.choice(NL_PARTS) + rng.choice(NL_HEADS)
        return out

    def text(self, lang: str, sentences: int) -> str:
        return " ".join(
            " ".join(self.words(lang, self.rng.randint(6, 16))).capitalize() + "."
            for _ in range(sentences)
        )

    def record(self, i: int) -> dict[str, object]:
        rng = self.rng
        lang = "en" if rng.random() < 0.3 else "nl"
        if i < self.n_orgs:
            kind = "organisation"
        elif i < self.n_orgs + self.n_experts:
            kind = "expert"
        else:
            kind = rng.choice(KINDS)
        return {
            "id": f"e{i:06d}",
            "kind": kind,
            "title": " ".join(self.words(lang, rng.randint(3, 8))).capitalize(),
            "summary": self.text(lang, 1),
            "body": self.text(lang, rng.randint(5, 30)),
            "tags": rng.sample(TAGS, rng.randint(0, 4)),
            "themes": rng.sample(THEMES, rng.randint(0, 2)),
            "organisation": f"Organisatie {rng.randrange(self.n_orgs)}",
            "expertise": self.words(lang, 3) if kind == "expert" else [],
            "classification": rng.choice(CLASSES),
            "language": lang,
            "updated": datetime(2020, 1, 1) + timedelta(days=rng.randrange(1800)),
            "revision": rng.randint(1, 9),
            "attachment_text": self.text(lang, 60) if rng.random() < 0.1 else "",
            "people": [f"e{self.n_orgs + rng.randrange(self.n_experts):06d}"],
        }

    def __iter__(self) -> Iterator[dict[str, object]]:
        for i in range(self.size):
            yield self.record(i)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(
    fn: Callable[[str], object], inputs: list[str], before: Callable[[], None]
) -> tuple[float, ...]:
    """Wall and CPU p50/p95; CPU time is what to trust on a shared, busy machine."""
    for text in inputs[:5]:
        fn(text)  # warm caches (stems, vocabulary, column readers)
    wall, cpu = [], []
    for text in inputs:
        before()
        start, start_cpu = time.perf_counter(), time.thread_time()
        fn(text)
        cpu.append(time.thread_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return percentiles(wall) + percentiles(cpu)


def query_sets(rng: random.Random, gen: Generator) -> dict[str, list[str]]:
    sample = [gen.record(i) for i in range(200)]
    bodies = [str(r["body"]).split() for r in sample]

    def word() -> str:
        return rng.choice(rng.choice(bodies)).strip(".").lower()

    def phrase() -> str:
        body = rng.choice(bodies)
        at = rng.randrange(len(body) - 1)
        return f'"{body[at].strip(".")} {body[at + 1].strip(".")}"'

    def typo(w: str) -> str:
        at = rng.randrange(2, max(3, len(w)))
        return w[:at] + "x" + w[at + 1 :] + "~"

    n = 60
    return {
        "term": [word() for _ in range(n)],
        "AND": [f"{word()} {word()}" for _ in range(n)],
        "phrase": [phrase() for _ in range(n)],
        "prefix* (query)": [word()[:4] + "*" for _ in range(n)],
        "fuzzy": [typo(word()) for _ in range(n)],
        "faceted": [word() for _ in range(n)],
        "as-you-type": [word()[: rng.randint(1, 6)] for _ in range(n)],
        "find-expert": [f"{word()} {word()}" for _ in range(n)],
    }


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    folder = Path(tempfile.mkdtemp(prefix="ixbench-")) / "index"
    cipher = Cipher()
    ix = SearchIndex(
        folder, cipher, synonyms={"grooming": ["online lokken"]}, config=index_config()
    )
    start, start_cpu = time.perf_counter(), time.process_time()
    ix.rebuild(Generator(size), total=size)
    build, build_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    disk = sum(p.stat().st_size for p in folder.iterdir())
    print(
        f"rebuild {size} docs: wall {build:.1f} s = {size / build:.0f} docs/s, "
        f"cpu {build_cpu:.1f} s = {size / build_cpu:.0f} docs/s; {disk / 1e6:.1f} MB on disk"
    )
    ix.close()

    start = time.perf_counter()
    ix = SearchIndex(folder, cipher, config=index_config())
    ix.search("onderzoek")
    print(f"open (decrypt all files) + first search: {(time.perf_counter() - start) * 1000:.0f} ms")

    rng = random.Random(7)
    sets = query_sets(rng, Generator(size))
    kinds = list(KINDS)
    runners: dict[str, Callable[[str], object]] = {
        "as-you-type": lambda q: ix.suggest_titles(q),
        "faceted": lambda q: ix.search(
            q,
            kind=rng.choice(kinds),
            filters={"classification": "internal"},
            max_classification="internal",
        ),
        "find-expert": lambda q: ix.find_experts(q),
    }
    # "fresh": the recently-read posting lists are dropped before each query,
    # as if every word were new; "repeat": the same queries again
    cold = getattr(ix.columns, "forget_recent", lambda: None)
    print(f"{'query class':<18} {'wall p50':>9} {'p95':>7} {'cpu p50':>9} {'p95':>7}  (ms)")
    for name, inputs in sets.items():
        run = runners.get(name, lambda q: ix.search(q))
        for label, before in (("fresh", cold), ("repeat", lambda: None)):
            p50, p95, c50, c95 = timed(run, inputs, before)
            print(f"{name + ' ' + label:<22} {p50:5.1f} {p95:7.1f} {c50:9.1f} {c95:7.1f}")
    start = time.perf_counter()
    ix.update([Generator(1, seed=99).record(0) | {"id": "e000123"}])
    print(f"single update commit: {(time.perf_counter() - start) * 1000:.0f} ms")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB")
    ix.close()


if __name__ == "__main__":
    main()
