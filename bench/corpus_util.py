"""Seeded picking helpers shared by the corpus generator and the query mix."""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence


def zipf_cum(n: int, s: float = 1.0) -> list[float]:
    """Cumulative Zipf weights for ``n`` ranked items (rank 0 the most common)."""
    total, out = 0.0, []
    for rank in range(n):
        total += 1.0 / (rank + 1) ** s
        out.append(total)
    return out


def pick(rng: random.Random, items: Sequence[str], cum: Sequence[float] | None = None) -> str:
    if cum is None:
        return items[int(rng.random() * len(items))]
    return items[bisect.bisect_left(cum, rng.random() * cum[-1])]
