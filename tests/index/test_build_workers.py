"""Bulk builds in worker processes: same index, no plaintext on disk, no orphans.

Real spawned workers, real encrypted storage; ``PARALLEL_MIN`` is lowered so
a few hundred documents start them.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import IndexBuildFailed, SearchIndex
from index.whoosh_internals import committed_segments
from index.write import rebuild, workers
from tests.index.conftest import CORPUS, GcmCipher, doc, files_holding, ids

MARKER = "Werkergeheim"
COUNT = 400  # under the 500 hits a search returns: answers compare as sets
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "PARALLEL_MIN", 100)
    monkeypatch.setattr(workers, "BULK_PARALLEL_MIN", 100)
    monkeypatch.setattr(workers, "worker_count", lambda total, least=None: 2 if total >= 100 else 0)
    monkeypatch.setattr(rebuild, "REBUILD_WORKERS", 2)  # records dealt to more than one


def _docs(count: int, start: int = 0, word: str = "titel") -> Iterator[dict[str, object]]:
    for i in range(start, start + count):
        lang = "en" if i % 3 == 0 else "nl"
        yield doc(f"w{i}", f"{MARKER} {word} {i}", f"{MARKER} tekst kinderen {i}", language=lang)


QUERIES = [MARKER, "kinderen", f'"{MARKER} titel 123"', "titel 7", "videokamera", "children"]


def _answers(ix: SearchIndex) -> list[tuple[int, list[str]]]:
    return [(r.total, sorted(ids(r))) for r in (ix.search(q, limit=500) for q in QUERIES)]


def test_a_parallel_rebuild_answers_like_one_in_process(
    ix: SearchIndex, folder: Path, cipher: GcmCipher, tmp_path: Path, parallel: None
) -> None:
    assert ix.rebuild([*CORPUS, *_docs(COUNT)], total=len(CORPUS) + COUNT, meta={"v": 1})
    assert ix.doc_count() == len(CORPUS) + COUNT
    together = _answers(ix)
    ix.close()
    other = tmp_path / "serial"
    serial = SearchIndex(other, cipher, config=ix.config)
    assert serial.rebuild([*CORPUS, *_docs(COUNT)])  # no total: in process
    assert _answers(serial) == together
    serial.close()
    again = SearchIndex(folder, cipher)
    assert again.doc_count() == len(CORPUS) + COUNT and again.meta() == {"v": 1}
    again.close()


def test_no_plaintext_reaches_any_file_of_a_parallel_build(
    ix: SearchIndex,
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    parallel: None,
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))  # the workers' temp folder too
    monkeypatch.setattr(tempfile, "tempdir", None)
    assert ix.rebuild(_docs(COUNT), total=COUNT)
    assert ix.add_many(_docs(COUNT, start=COUNT), total=COUNT) == COUNT
    assert ix.search(MARKER).total == 2 * COUNT
    assert files_holding(folder, MARKER) == []
    assert files_holding(scratch, MARKER) == []
    assert list(scratch.iterdir()) == []


def test_a_worker_that_dies_fails_the_build_and_leaves_the_old_index(
    ix: SearchIndex, folder: Path, parallel: None
) -> None:
    before = sorted(p.name for p in folder.iterdir())
    killed: list[int] = []

    def kill_a_worker(done: int, total: int) -> None:
        if done == 1000 and not killed:
            child = multiprocessing.active_children()[0]
            killed.append(child.pid or 0)
            os.kill(child.pid or 0, signal.SIGKILL)

    with pytest.raises(IndexBuildFailed, match="worker stopped"):
        ix.rebuild(_docs(5 * COUNT), total=5 * COUNT, progress=kill_a_worker)
    assert killed
    assert sorted(p.name for p in folder.iterdir()) == before
    assert ix.doc_count() == len(CORPUS) and "nl-camera" in ids(ix.search("videokamera"))
    assert multiprocessing.active_children() == []


def test_a_rebuild_uses_at_most_its_workers_and_segment_size(
    ix: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    # beside a live index that keeps answering, memory, not cores, limits a rebuild
    monkeypatch.setattr(workers, "PARALLEL_MIN", 100)
    monkeypatch.setattr(workers, "MAX_WORKERS", 2)
    monkeypatch.setattr(workers.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    seen: list[int] = []

    def count_workers(done: int, total: int) -> None:
        seen.append(len(multiprocessing.active_children()))

    monkeypatch.setattr(rebuild, "REBUILD_SEGMENT_DOCS", 150)  # 10k would not show here
    monkeypatch.setattr(rebuild, "FRESH_LIVE_DOCS", len(CORPUS))  # the live index counts
    assert ix.rebuild(_docs(COUNT), total=COUNT, progress=count_workers)
    assert max(seen) == rebuild.REBUILD_WORKERS == 1
    assert len(committed_segments(ix._ix)) == 3, "the worker's segments stay small"
    assert ix.search(MARKER).total == COUNT
    # with no live index beside it, a build has the memory for a second worker
    seen.clear()
    ix.clear()
    assert ix.rebuild(_docs(COUNT), total=COUNT, progress=count_workers)
    assert max(seen) == rebuild.FRESH_BUILD_WORKERS == 2
    assert ix.search(MARKER).total == COUNT


def test_a_bulk_add_replaces_by_id_and_a_cancel_adds_nothing(
    ix: SearchIndex, parallel: None
) -> None:
    assert ix.add_many(_docs(COUNT), total=COUNT, meta={"change_seq": 2}) == COUNT
    assert ix.doc_count() == len(CORPUS) + COUNT and ix.meta() == {"change_seq": 2}
    # a second import of the same ids, changed: replaced, not doubled
    assert ix.add_many(list(_docs(COUNT, word="kopje"))) == COUNT
    assert ix.doc_count() == len(CORPUS) + COUNT
    assert ix.search("kopje").total == COUNT and ix.search("titel 7").total == 0
    calls = iter(range(10_000))
    assert ix.add_many(_docs(COUNT, start=COUNT), cancel=lambda: next(calls) > 250) is None
    assert ix.doc_count() == len(CORPUS) + COUNT
    assert ix.add_many([doc("klein", "Een enkel document")]) == 1  # small: in process
    assert "klein" in ids(ix.search("enkel"))


def test_small_builds_stay_in_process() -> None:
    assert workers.worker_count(10) == 0
    assert workers.worker_count(workers.PARALLEL_MIN - 1) == 0


def test_a_bulk_add_starts_workers_sooner_than_a_rebuild(
    ix: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import's parent stores what the workers analyse: 1,000 notes already gain."""
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one core: no workers at all")
    count = workers.BULK_PARALLEL_MIN
    assert workers.worker_count(count) == 0, "a rebuild of as many stays in process"
    pools: list[int] = []
    real_pool = workers.WorkerPool

    def counted(count: int, *args: object, **kwargs: object) -> workers.WorkerPool:
        pools.append(count)
        return real_pool(count, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("index.write.feed.WorkerPool", counted)
    assert ix.add_many(_docs(count), total=count) == count
    assert pools and pools[0] >= 2, "the bulk add ran in worker processes"
    assert ix.search(f'"{MARKER} titel 999"').total == 1


_PARENT = """
import sys
from pathlib import Path
from index import SearchIndex
from index.write import rebuild, workers
from tests.index.conftest import CONFIG, GcmCipher, doc
rebuild.REBUILD_WORKERS = 2

def endless():
    i = 0
    while True:
        if i == 2000:
            pids = [p.pid for p in workers.multiprocessing.active_children()]
            print(" ".join(map(str, pids)), flush=True)
        yield doc(f"e{i}", f"titel {i}", "tekst " * 50)
        i += 1

if __name__ == "__main__":
    workers.worker_count = lambda total: 2
    ix = SearchIndex(Path(sys.argv[1]), GcmCipher(), config=CONFIG)
    ix.rebuild(endless(), total=10**9)
"""


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in state  # a zombie waiting for init to reap it is dead


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killing_the_parent_leaves_no_worker(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(_PARENT)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    parent = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path / "index")],
        stdout=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        text=True,
    )
    try:
        assert parent.stdout is not None
        pids = [int(p) for p in parent.stdout.readline().split()]
        assert len(pids) == 2 and not any(_gone(p) for p in pids)
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 10
    while not all(_gone(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(_gone(p) for p in pids)
