"""The two engines behind one small interface, so phases treat them alike.

``search(q)`` returns (total, ids of the first page); ``keystroke(prefix)``
is what the search panel does per key: a search for the text so far plus
title suggestions (ui/search/panel.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from bench.fts5_baseline import Fts5Baseline
from bench.queries import BenchQuery, quote

PAGE = 20
SUGGESTIONS = 10
MIN_WORD = 2  # the hub drops 1-letter words; FTS5 would match the article "a"


class FtsEngine:
    def __init__(self, fts: Fts5Baseline) -> None:
        self.fts = fts

    @classmethod
    def create(cls, path: Path) -> FtsEngine:
        return cls(Fts5Baseline(path, create=True))

    @classmethod
    def open(cls, path: Path) -> FtsEngine:
        return cls(Fts5Baseline(path))

    def search(self, q: BenchQuery) -> tuple[int, list[str]]:
        result = self.fts.search(q, PAGE)
        return result.total, result.ids

    def suggest(self, prefix: str) -> list[str]:
        return self.fts.suggest(prefix, SUGGESTIONS)

    def keystroke(self, prefix: str) -> None:
        if len(prefix) >= MIN_WORD:
            self.fts.search(BenchQuery("typing", prefix, quote(prefix)), PAGE)
        self.fts.suggest(prefix, SUGGESTIONS)

    def close(self) -> None:
        self.fts.close()


class HubEngine:
    def __init__(self, hub: object) -> None:
        from expertise.hub import Hub

        assert isinstance(hub, Hub)
        self.hub = hub

    @classmethod
    def create(cls, folder: Path, passphrase: str) -> HubEngine:
        import shutil

        from expertise.hub import Hub
        from expertise.kdf import KdfParams

        shutil.rmtree(folder, ignore_errors=True)
        return cls(Hub.create(folder, passphrase, kdf=KdfParams.floor()))

    @classmethod
    def open(cls, folder: Path, passphrase: str) -> HubEngine:
        from expertise.hub import Hub

        return cls(Hub.open(folder, passphrase))

    @staticmethod
    def kdf_seconds(folder: Path, passphrase: str) -> float:
        """What the passphrase KDF alone costs for this hub's header."""
        import time

        from expertise.kdf import derive_kek
        from expertise.vault_header import read_header

        _, params = read_header(folder).passphrase_wrap()
        start = time.perf_counter()
        derive_kek(passphrase, params)
        return time.perf_counter() - start

    def bulk_insert(self, items: Iterable[tuple[str, Mapping[str, object]]]) -> int:
        return len(self.hub.entries.add_many(items, reindex=False))  # indexing is timed apart

    def search(self, q: BenchQuery) -> tuple[int, list[str]]:
        result = self.hub.search(q.hub, kind=q.kind, limit=PAGE, filters=q.filters or None)
        return result.total, [hit.id for hit in result.hits]

    def suggest(self, prefix: str) -> list[str]:
        return [hit.id for hit in self.hub.search.titles(prefix, SUGGESTIONS)]

    def keystroke(self, prefix: str) -> None:
        self.hub.search(prefix, limit=PAGE)
        self.hub.search.titles(prefix, SUGGESTIONS)

    def close(self) -> None:
        self.hub.close()
