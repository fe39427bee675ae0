"""An index written before index/ was split into sub-packages still opens.

Whoosh pickles the schema into the TOC, naming our analyzer and field
classes by module path (``index.analysis``, ``index.schema``). The fixture
in ``fixtures/old_layout`` was written by the flat layout (commit d058fff)
with the fixed test key below: one rebuilt segment plus one update.
"""

from __future__ import annotations

import pickle
import pickletools
import shutil
from pathlib import Path

from whoosh.filedb.structfile import BufferFile

from index import SearchIndex
from index.storage.legacy import decrypt_legacy
from tests.index.conftest import CORPUS, GcmCipher

FIXTURE = Path(__file__).parent / "fixtures" / "old_layout"
KEY = bytes(range(32))


def _schema_pickle(toc: bytes) -> bytes:
    """The pickled schema inside a Whoosh TOC (header as ``whoosh.index.TOC.read``)."""
    stream = BufferFile(memoryview(toc))
    for _ in range(3):
        stream.read_varint()  # int, long and float sizes
    stream.read_int()  # byte-order check
    stream.read_int()  # TOC version
    for _ in range(3):
        stream.read_varint()  # Whoosh release
    return bytes(stream.read_string())


def _pickled_globals(raw: bytes) -> set[tuple[str, str]]:
    """(module, name) of every class or function the pickle refers to."""
    found: set[tuple[str, str]] = set()
    strings: list[str] = []
    for op, arg, _pos in pickletools.genops(raw):
        if op.name in ("SHORT_BINUNICODE", "BINUNICODE", "UNICODE"):
            strings.append(str(arg))
        elif op.name == "STACK_GLOBAL":
            found.add((strings[-2], strings[-1]))
        elif op.name == "GLOBAL":
            module, name = str(arg).split(" ", 1)
            found.add((module, name))
    return found


def test_old_index_opens_and_searches(tmp_path: Path) -> None:
    folder = tmp_path / "ix"
    shutil.copytree(FIXTURE, folder)
    ix = SearchIndex(folder, GcmCipher(KEY))
    try:
        everything = ix.search("", limit=100)
        assert everything.total == len(CORPUS) + 1
        assert [h.id for h in ix.search("videokamera").hits][:1] == ["nl-camera"]
        assert [h.id for h in ix.search("zedenpolitie").hits] == ["late-one"]
        assert ix.meta()["count"] == len(CORPUS) + 1
    finally:
        ix.close()


def test_every_class_the_old_schema_names_still_resolves() -> None:
    toc = next(FIXTURE.glob("_MAIN_*.toc"))
    raw = decrypt_legacy(GcmCipher(KEY), toc.name, toc.read_bytes())
    names = _pickled_globals(_schema_pickle(raw))
    assert len(names) > 10
    ours = {module for module, _ in names if module.split(".")[0] == "index"}
    assert ours == {"index.analysis", "index.schema"}
    pickle.loads(_schema_pickle(raw))  # every class it names resolves
