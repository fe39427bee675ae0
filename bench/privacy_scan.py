"""How long the personal-data scan takes on long texts (docs/ARCHITECTURE.md §8).

    .venv/bin/python -m bench.privacy_scan [--experts N] [--repeat R]

Scans fictional professional prose of 10k, 100k and 1M characters (with a
few planted hits per paragraph) with and without N expert names and prints
the best and median of R runs. The editor scans in place up to
`ui.privacy.watch.INLINE_LIMIT` characters and on the worker above it.
"""

from __future__ import annotations

import argparse
import statistics
import time

from expertise.privacy import NameMatcher, scan_text
from expertise.privacy.names import given_and_surname
from expertise.services.namevariants import name_variants

PARAGRAPH = (
    "De fictieve werkwijze rond [[Ministerie van Rechtshandhaving (fictief)]] en triage van "
    "beeldmateriaal in 2024-2025, zaak 123456789, overleg met Voornaam7 Achternaam7 en "
    "telefoon 06-12345678.\n\n"
)
SIZES = (10_000, 100_000, 1_000_000)


def _names(count: int) -> NameMatcher:
    forms: list[str] = []
    for number in range(count):
        title = f"Rechercheur Voornaam{number} Achternaam{number}"
        forms += name_variants(title, "Rechercheur", given_and_surname(title))
    return NameMatcher(forms)


def _time(text: str, names: NameMatcher, repeat: int) -> tuple[float, float, int]:
    runs: list[float] = []
    hits = 0
    for _ in range(repeat):
        started = time.perf_counter()
        hits = len(scan_text(text, names=names))
        runs.append(time.perf_counter() - started)
    return min(runs) * 1000, statistics.median(runs) * 1000, hits


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--experts", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    names = _names(args.experts)
    print(f"| characters | names | best ms | median ms | hits |  ({len(names.forms)} name forms)")
    print("|---:|---:|---:|---:|---:|")
    for size in SIZES:
        text = (PARAGRAPH * (size // len(PARAGRAPH) + 1))[:size]
        for label, matcher in (("0", NameMatcher(())), (str(args.experts), names)):
            best, median, hits = _time(text, matcher, args.repeat if size < SIZES[-1] else 1)
            print(f"| {size:,} | {label} | {best:.0f} | {median:.0f} | {hits} |")


if __name__ == "__main__":
    main()
