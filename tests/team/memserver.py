"""The server's items table held in a list: seq order and the (item, revision) uniqueness
of the real one (tests of the local side; tests/team/test_sync_*.py use PostgreSQL)."""

from __future__ import annotations

import dataclasses

from expertise.team.items import SealedItem


class ListServer:
    def __init__(self) -> None:
        self.items: list[SealedItem] = []

    def push(self, items: list[SealedItem]) -> list[int | None]:
        taken = {(i.item_id, i.revision) for i in self.items}
        seqs: list[int | None] = []
        for item in items:
            if (item.item_id, item.revision) in taken:
                seqs.append(None)
                continue
            stored = dataclasses.replace(item, seq=len(self.items) + 1)
            self.items.append(stored)
            taken.add((item.item_id, item.revision))
            seqs.append(stored.seq)
        return seqs

    def pull(self, after: int, limit: int) -> list[SealedItem]:
        return [i for i in self.items if (i.seq or 0) > after][:limit]

    def remaining(self, after: int) -> int:
        return len(self.pull(after, len(self.items)))
