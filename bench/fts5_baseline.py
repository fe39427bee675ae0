"""SQLite FTS5 baseline: a well-configured plain search over the same corpus.

It returns what ``Hub.search`` returns (total, the top hits with a snippet,
counts for the kind, classification, organisation, tags and themes facets),
so the ratios compare equal work. Configuration a careful engineer would
choose: unicode61 with diacritics removed, bm25() with the hub's field
weights, 2/3-letter prefix indexes, a separate title table with 1-4 letter
prefix indexes for as-you-type, and a term table for fuzzy expansion (FTS5
has no fuzzy operator). Unencrypted: that is part of what the ratio shows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bench.queries import BenchQuery, quote

COLUMNS = ("title", "summary", "body", "tags", "themes", "areas", "organisation")
WEIGHTS = "4.0, 2.0, 1.0, 2.0, 2.0, 2.0, 1.5"  # as index/query/parser.py BOOSTS
TOKENIZE = "unicode61 remove_diacritics 2"
FACET_LIMIT = 50
FUZZY_MAX = 30
SCHEMA = f"""
CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, kind TEXT, title TEXT,
                  classification TEXT, language TEXT, organisation TEXT);
CREATE TABLE labels(doc INTEGER, field TEXT, value TEXT);
CREATE VIRTUAL TABLE fts USING fts5({", ".join(COLUMNS)}, tokenize='{TOKENIZE}', prefix='2 3');
CREATE VIRTUAL TABLE titles USING fts5(title, tokenize='{TOKENIZE}', prefix='1 2 3 4');
CREATE TABLE terms(term TEXT PRIMARY KEY) WITHOUT ROWID;
"""
INDEXES = """
CREATE INDEX labels_value ON labels(field, value, doc);
CREATE INDEX labels_doc ON labels(doc, field, value);
CREATE INDEX docs_kind ON docs(kind);
"""
FACETS_SQL = """
SELECT 'kind', d.kind, count(*) FROM temp.m CROSS JOIN docs d ON d.rowid = m.rowid GROUP BY 2
UNION ALL SELECT 'classification', d.classification, count(*)
    FROM temp.m CROSS JOIN docs d ON d.rowid = m.rowid GROUP BY 2
UNION ALL SELECT 'organisation', d.organisation, count(*)
    FROM temp.m CROSS JOIN docs d ON d.rowid = m.rowid WHERE d.organisation != '' GROUP BY 2
UNION ALL SELECT l.field, l.value, count(*) FROM temp.m CROSS JOIN labels l ON l.doc = m.rowid
    GROUP BY 1, 2
"""


@dataclass
class FtsResult:
    total: int
    ids: list[str]
    facets: dict[str, list[tuple[str, int]]]


def within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance <= 1 (what the hub's ``word~`` allows)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


class Fts5Baseline:
    def __init__(self, path: Path, *, create: bool = False) -> None:
        self.path = Path(path)
        if create:
            self.path.unlink(missing_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA temp_store = MEMORY")
        if create:
            self.db.executescript(SCHEMA)
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS m(rowid INTEGER PRIMARY KEY, score REAL)")
        self._next = 1

    # -- building --------------------------------------------------------------
    def add_batch(self, docs: Iterable[dict[str, str]]) -> int:
        rows, labels, count = [], [], 0
        for doc in docs:
            rowid = self._next
            self._next += 1
            count += 1
            rows.append((rowid, doc))
            labels.extend((rowid, "tags", t) for t in doc["tags"].split())
            labels.extend((rowid, "themes", t) for t in doc["theme_keys"].split())
        db = self.db
        db.execute("BEGIN")
        db.executemany(
            "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r,
                    d["id"],
                    d["kind"],
                    d["title"],
                    d["classification"],
                    d["language"],
                    d["organisation"],
                )
                for r, d in rows
            ],
        )
        db.executemany("INSERT INTO labels VALUES (?, ?, ?)", labels)
        db.executemany(
            f"INSERT INTO fts(rowid, {', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(r, *(d[c] for c in COLUMNS)) for r, d in rows],
        )
        db.executemany(
            "INSERT INTO titles(rowid, title) VALUES (?, ?)", [(r, d["title"]) for r, d in rows]
        )
        db.execute("COMMIT")
        return count

    def finish(self) -> None:
        """What a real app does once after a bulk load: indexes, merge, term list."""
        db = self.db
        db.executescript(INDEXES)
        db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        db.execute("INSERT INTO titles(titles) VALUES ('optimize')")
        db.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, fts, 'row')")
        db.execute("BEGIN")
        db.execute("INSERT OR IGNORE INTO terms SELECT term FROM temp.vocab")
        db.execute("COMMIT")
        db.execute("ANALYZE")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*"))

    # -- searching -------------------------------------------------------------
    def fuzzy_terms(self, word: str) -> list[str]:
        word = word.lower()
        head = word[:2]
        upper = head[:-1] + chr(ord(head[-1]) + 1)
        rows = self.db.execute("SELECT term FROM terms WHERE term >= ? AND term < ?", (head, upper))
        found = [t for (t,) in rows if within_one_edit(word, t)]
        return found[:FUZZY_MAX]

    def match_of(self, q: BenchQuery) -> str:
        if q.cls != "fuzzy":
            return q.fts
        return " OR ".join(quote(t) for t in self.fuzzy_terms(q.fts))

    def search(self, q: BenchQuery, limit: int = 20) -> FtsResult:
        match = self.match_of(q)
        if not match:
            return FtsResult(0, [], {})
        db = self.db
        db.execute("DELETE FROM temp.m")
        where, params = self._restriction(q)
        db.execute(
            f"INSERT INTO temp.m SELECT fts.rowid, bm25(fts, {WEIGHTS}) FROM fts "
            f"WHERE fts MATCH ?{where}",
            (match, *params),
        )
        top = db.execute(
            "SELECT m.rowid, d.id FROM temp.m m JOIN docs d ON d.rowid = m.rowid "
            "ORDER BY m.score LIMIT ?",
            (limit,),
        ).fetchall()
        self._snippets(match, [r for r, _ in top])
        facets = self._facets()
        total = sum(n for _, n in facets.get("kind", []))
        return FtsResult(total, [i for _, i in top], facets)

    @staticmethod
    def _restriction(q: BenchQuery) -> tuple[str, list[str]]:
        # Correlated lookups per match: an IN (subquery) would make SQLite walk
        # the filter's rows and probe FTS5 for each, which is far slower.
        where, params = "", []
        if q.kind:
            where += " AND (SELECT kind FROM docs WHERE rowid = fts.rowid) = ?"
            params.append(q.kind)
        for key, value in q.filters.items():
            if key in ("tags", "themes"):
                where += (
                    " AND EXISTS (SELECT 1 FROM labels WHERE field = ? AND value = ?"
                    " AND doc = fts.rowid)"
                )
                params += [key, value]
            else:
                where += f" AND (SELECT {key} FROM docs WHERE rowid = fts.rowid) = ?"
                params.append(value)
        return where, params

    def _snippets(self, match: str, rowids: list[int]) -> list[str]:
        if not rowids:
            return []
        marks = ", ".join("?" * len(rowids))
        rows = self.db.execute(
            "SELECT snippet(fts, 2, '<mark>', '</mark>', '…', 24) FROM fts "
            f"WHERE fts MATCH ? AND rowid IN ({marks})",
            (match, *rowids),
        )
        return [s for (s,) in rows]

    def _facets(self) -> dict[str, list[tuple[str, int]]]:
        facets: dict[str, list[tuple[str, int]]] = {}
        for name, value, count in self.db.execute(FACETS_SQL):
            facets.setdefault(name, []).append((value, count))
        return {
            name: sorted(values, key=lambda kv: (-kv[1], kv[0]))[:FACET_LIMIT]
            for name, values in facets.items()
        }

    def suggest(self, prefix: str, limit: int = 10) -> list[str]:
        rows = self.db.execute(
            "SELECT d.id FROM titles JOIN docs d ON d.rowid = titles.rowid "
            "WHERE titles MATCH ? ORDER BY rank LIMIT ?",
            (f"{quote(prefix)}*", limit),
        )
        return [i for (i,) in rows]

    def close(self) -> None:
        self.db.close()
