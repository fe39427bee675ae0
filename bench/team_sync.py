"""Team sync through a real PostgreSQL (issue #15): initial, incremental, and a 100k-item server.

    .venv/bin/python -m bench.team_sync [--size 10000] [--server-items 100000] [--no-baseline]

Starts a throwaway PostgreSQL (tools/postgres.py), makes an admin laptop holding N corpus
entries (bench/corpus.py) and a team, then times:

- the admin's first round (pushes N entries);
- a new laptop's first round (pulls N; target <= 60 s at 10k), and how long after it the
  laptop's search index has caught up (it follows on its worker);
- an incremental round of 10 edited entries on both sides (target <= 1 s), and a round with
  nothing to do;
- a round of an up-to-date laptop when the server holds --server-items items (the extra
  items are sealed and signed by the admin and inserted as the database owner; the admin's
  cursor is moved past them as if pulled, and a member cleared for `internal` sees none of
  them: row-level security filters them on every pull);
- baseline: what sharing the same N entries costs today, a knowledge-pack export plus import.

Results: bench/results/team-sync.md (and .json), with the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bench.corpus import Corpus
from bench.report import machine_info
from expertise.hub import Hub
from expertise.kdf import KdfParams

PASSPHRASE = "bench-only-not-secret"
MEMBER_PASSWORD = "bench member password"
RESULTS = Path(__file__).parent / "results"


_cpu: list[float] = []  # CPU seconds of this process (all its threads) per timed step


def _timed(action: Any) -> tuple[float, Any]:
    started, cpu = time.perf_counter(), time.process_time()
    result = action()
    _cpu.append(time.process_time() - cpu)
    return time.perf_counter() - started, result


class Bench:
    def __init__(self, folder: Path, size: int) -> None:
        from tools.postgres import TempCluster, find_bin_dir

        bin_dir = find_bin_dir()
        if bin_dir is None:
            raise SystemExit("PostgreSQL not found: python -m tools.postgres ensure")
        self.folder, self.size = folder, size
        self.cluster = TempCluster.start(bin_dir)
        self._sql("CREATE DATABASE team")
        self.owner_url = self.cluster.url(db="team")
        self.rows: list[tuple[str, float, float, str]] = []

    def _sql(self, statement: str, db: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.cluster.url(db=db), autocommit=True) as conn:
            conn.execute(statement)

    def close(self) -> None:
        self.cluster.stop()

    def row(self, name: str, seconds: float, note: str = "") -> None:
        cpu = _cpu[-1] if _cpu else 0.0
        note = f"{note}; load {os.getloadavg()[0]:.1f}".lstrip("; ")
        self.rows.append((name, seconds, cpu, note))
        print(f"{name}: {seconds:.2f} s wall, {cpu:.2f} s CPU {note}", flush=True)

    # -- laptops -------------------------------------------------------------
    def laptop(self, name: str) -> Hub:
        # as the app opens a hub: the index follows edits on its own worker thread
        return Hub.create(self.folder / name, PASSPHRASE, kdf=KdfParams.floor(), index_async=True)

    def make_team(self, admin: Hub) -> None:
        url = f"postgresql://postgres@{self.cluster.host}:{self.cluster.port}/team"
        admin.team.create(url, "Bench", self.cluster.password, display_name="Admin")

    def join(self, admin: Hub, member: Hub, clearance: str) -> None:
        url = f"postgresql://{self.cluster.host}:{self.cluster.port}/team"
        request = member.team.request(f"Member {clearance}", MEMBER_PASSWORD, url=url)
        admin.team.admit(request.encode(), clearance, self.cluster.password)
        with member.team.server(MEMBER_PASSWORD) as server:
            member.team.refresh(server)

    # -- steps ---------------------------------------------------------------
    def initial(self, admin: Hub, fresh: Hub) -> None:
        seconds, report = _timed(lambda: admin.team.sync(self.cluster.password))
        self.row(f"first round of the admin (push {report.pushed:,})", seconds)
        seconds, report = _timed(lambda: fresh.team.sync(MEMBER_PASSWORD))
        note = f"{len(report.created):,} created, {report.dropped_references} refs left out"
        self.row(f"initial sync of a new laptop (pull {report.pulled:,})", seconds, note)
        waited, _ = _timed(lambda: fresh.wait_for_index(600))
        docs = fresh.index_service.doc_count()
        self.row("search index caught up after that round", waited, f"{docs:,} documents")

    def incremental(self, admin: Hub, fresh: Hub) -> None:
        ids = [e.id for e in admin.entries.list(limit=10)]
        for entry_id in ids:
            record = admin.entries.get(entry_id)
            admin.entries.update(entry_id, {"summary": f"{record.summary} (bijgewerkt)"})
        admin.wait_for_index(600)  # the edits' own index work is not the round's
        seconds, report = _timed(lambda: admin.team.sync(self.cluster.password))
        self.row(f"incremental round, push {report.pushed} edits", seconds)
        seconds, report = _timed(lambda: fresh.team.sync(MEMBER_PASSWORD))
        self.row(f"incremental round, pull {report.pulled} edits", seconds)
        fresh.wait_for_index(600)
        seconds, _ = _timed(lambda: fresh.team.sync(MEMBER_PASSWORD))
        self.row("round with nothing to do", seconds)

    def big_server(self, admin: Hub, low: Hub, total: int) -> None:
        have = self._count_items()
        extra = max(0, total - have)
        seconds, _ = _timed(lambda: self._fill(admin, extra))
        self.row(f"seal + insert {extra:,} more items (setup, not sync)", seconds)
        self._move_cursor(admin)
        note = f"{self._count_items():,} items on the server"
        seconds, _ = _timed(lambda: admin.team.sync(self.cluster.password))
        self.row("round of an up-to-date laptop (all levels)", seconds, note)
        low.team.sync(MEMBER_PASSWORD)
        seconds, report = _timed(lambda: low.team.sync(MEMBER_PASSWORD))
        self.row("round of an up-to-date internal-cleared laptop", seconds, note + ", RLS")

    def _count_items(self) -> int:
        import psycopg

        with psycopg.connect(self.owner_url) as conn:
            return int(conn.execute("SELECT count(*) FROM items").fetchone()[0])

    def _fill(self, admin: Hub, count: int) -> float:
        """`count` confidential items signed by the admin, inserted with COPY as the owner."""
        import psycopg

        from expertise.team.items import ItemContent, seal_item
        from expertise.team.remote import SyncKeys

        keys = SyncKeys(admin.team.keys, admin.session)
        epoch = keys.current_epoch(2)
        started = time.perf_counter()
        corpus = Corpus(min(count, 5_000), seed=7)
        records = list(corpus.records())
        with psycopg.connect(self.owner_url) as conn, conn.cursor() as cur:
            columns = "item_id, revision, level, epoch, author_id, size, ciphertext, signature"
            with cur.copy(f"COPY items ({columns}) FROM STDIN") as copy:
                for n in range(count):
                    record = records[n % len(records)]
                    values = {**record.values, "classification": "confidential"}
                    content = ItemContent(str(uuid.uuid4()), record.kind, values)
                    item = seal_item(content, 1, None, epoch, keys)
                    copy.write_row(
                        (
                            item.item_id,
                            1,
                            2,
                            epoch,
                            item.author_id,
                            item.size,
                            item.ciphertext,
                            item.signature,
                        )
                    )
            conn.commit()
        return time.perf_counter() - started

    def _move_cursor(self, admin: Hub) -> None:
        import psycopg

        from expertise.team.sync import CURSOR_KEY

        with psycopg.connect(self.owner_url) as conn:
            top = int(conn.execute("SELECT max(seq) FROM items").fetchone()[0])
        admin.team.set_setting(CURSOR_KEY, str(top))

    def baseline(self, admin: Hub) -> None:
        pack = self.folder / "all.ekp"
        ceiling = "confidential"

        def export() -> object:
            return admin.packs.export(
                pack,
                PASSPHRASE,
                ceiling,
                with_people=True,
                kdf=KdfParams.floor(),
                allow_personal_data=True,
            )

        seconds, _ = _timed(export)
        self.row(f"baseline: knowledge-pack export of {self.size:,}", seconds)
        with self.laptop("pack-reader") as reader:
            seconds, report = _timed(lambda: reader.packs.import_pack(pack, PASSPHRASE, trust=True))
            self.row(f"baseline: pack import on a new laptop ({len(report.created):,})", seconds)


def write(rows: list[tuple[str, float, float, str]], args: argparse.Namespace, others: str) -> Path:
    RESULTS.mkdir(exist_ok=True)
    machine = machine_info()
    doc = {
        "size": args.size,
        "server_items": args.server_items,
        "machine": machine,
        "running_beside": others,
        "rows": [list(r) for r in rows],
    }
    (RESULTS / "team-sync.json").write_text(json.dumps(doc, indent=1) + "\n")
    lines = [
        "# Team sync through PostgreSQL",
        "",
        f"`python -m bench.team_sync --size {args.size} --server-items {args.server_items}`, "
        f"{time.strftime('%Y-%m-%d')}; {machine['cpus']} CPUs, {machine['memory_gib']} GiB, "
        f"{machine['platform']}. Running beside it: {others}.",
        "Targets: initial sync of 10k entries <= 60 s, incremental round <= 1 s.",
        "",
        "Wall time on a shared machine is mostly waiting; CPU is this process's own (all its",
        "threads, the index worker included; PostgreSQL's work is in its own processes).",
        "",
        "| step | wall s | CPU s | |",
        "|---|---:|---:|---|",
        *[f"| {name} | {wall:.2f} | {cpu:.2f} | {note} |" for name, wall, cpu, note in rows],
        "",
    ]
    out = RESULTS / "team-sync.md"
    out.write_text("\n".join(lines))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--server-items", type=int, default=100_000)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--beside", default="other helpers' tests and benchmarks (shared machine)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        bench = Bench(Path(tmp), args.size)
        try:
            with bench.laptop("admin") as admin:
                corpus = Corpus(args.size)
                admin.entries.add_many((r.kind, r.values) for r in corpus.records())
                bench.make_team(admin)
                with bench.laptop("new") as fresh, bench.laptop("low") as low:
                    bench.join(admin, fresh, "confidential")
                    bench.join(admin, low, "internal")
                    bench.initial(admin, fresh)
                    bench.incremental(admin, fresh)
                    bench.big_server(admin, low, args.server_items)
                if not args.no_baseline:
                    bench.baseline(admin)
        finally:
            bench.close()
    print(write(bench.rows, args, args.beside))


if __name__ == "__main__":
    main()
