"""Analysis workers give big blocks their own mappings (index/write/staging.py).

glibc reports how a block was allocated in its chunk header: bit 2 of the
size word before the pointer is set for a block with a mapping of its own.
After an 8 MB block is freed glibc serves a 2 MB one from the heap, where
a worker's next flush cannot reuse the holes; with ``map_big_blocks`` it
stays a mapping of its own. Each case runs in a fresh interpreter, since
the setting is process-wide.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from index.write import staging

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import ctypes, ctypes.util, sys
from index.write.staging import map_big_blocks
libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = [ctypes.c_size_t]
libc.free.argtypes = [ctypes.c_void_p]
if sys.argv[1] == "mapped":
    map_big_blocks()
libc.free(libc.malloc(8 << 20))  # glibc now serves blocks up to 8 MB from the heap
block = libc.malloc(2 << 20)
print(bool(ctypes.c_size_t.from_address(block - 8).value & 2))
"""

pytestmark = pytest.mark.skipif(staging._TRIM is None, reason="not glibc")


def _own_mapping(mode: str) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.strip() == "True"


def test_glibc_alone_serves_a_big_block_from_the_heap_after_a_bigger_one() -> None:
    assert not _own_mapping("default")


def test_a_worker_keeps_each_big_block_in_its_own_mapping() -> None:
    assert _own_mapping("mapped")
