"""Locking forgets the keys: after Hub.lock() nothing the hub held can open hub.db again.

Every test works on a real SQLCipher file and a real encrypted index. The key
search walks the objects reachable from the hub (or from an engine a caller kept)
and looks for the database key as bytes, bytearray or hex text.
"""

from __future__ import annotations

import gc
import types
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from expertise.crypto import hkdf
from expertise.errors import HubLocked
from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.vault import Vault
from tests.conftest import PASSPHRASE


@pytest.fixture
def filled(hub_path: Path) -> Iterator[Hub]:
    hub = Hub.create(hub_path, PASSPHRASE, kdf=KdfParams.floor())
    for number in range(3):
        hub.entries.add(
            "organisation",
            {"title": f"Fictional partner office {number}", "org_type": "ngo", "country": "NL"},
        )
    yield hub
    hub.close()


def _database_key(folder: Path) -> bytes:
    vault = Vault.unlock(folder, PASSPHRASE)
    try:
        return bytes(vault.subkey("database"))
    finally:
        vault.lock()


def _reachable(root: object) -> list[object]:
    """Every str/bytes/bytearray reachable from `root`, not crossing modules or classes."""
    seen: set[int] = set()
    stack, found = [root], []
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, types.ModuleType | type):
            continue
        if isinstance(obj, dict) and "__builtins__" in obj:
            continue  # a module's globals: the whole interpreter hangs off it
        if isinstance(obj, str | bytes | bytearray):
            found.append(obj)
            continue
        stack.extend(gc.get_referents(obj))
    return found


def _holds_key(root: object, key: bytes) -> list[str]:
    needles = [key, key.hex().encode(), key.hex().upper().encode()]
    hits = []
    for value in _reachable(root):
        data = value.encode("latin-1", "ignore") if isinstance(value, str) else bytes(value)
        if any(needle in data for needle in needles):
            hits.append(type(value).__name__)
    return hits


def test_an_engine_kept_from_before_lock_cannot_reopen_the_database(filled: Hub) -> None:
    engine = filled._engine
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM entries")).scalar() == 3
    filled.lock()
    with pytest.raises(HubLocked):
        with engine.connect() as connection:
            connection.execute(text("SELECT title FROM entries")).all()
    with pytest.raises(HubLocked):
        engine.pool.recreate().connect()
    with pytest.raises(HubLocked):
        filled.entries.list()


def test_lock_closes_every_pooled_connection(filled: Hub) -> None:
    raw = filled._engine.raw_connection()
    driver = raw.driver_connection
    raw.close()  # back into the pool, still open
    assert driver is not None and driver.execute("SELECT 1").fetchone() == (1,)
    filled.lock()
    with pytest.raises(Exception, match="closed"):
        driver.execute("SELECT 1")
    with pytest.raises(HubLocked):
        _ = filled._engine


def test_lock_zeroes_every_key_buffer_the_hub_owns(filled: Hub) -> None:
    buffers = {
        "database": filled._db_key.buffer,
        "attachment names": filled._blobs._naming_key,
        "attachment content": filled._blobs._cipher._key,
        "index": filled._index._cipher._key,
        "master": filled._vault._master,
    }
    assert all(isinstance(b, bytearray) and any(b) for b in buffers.values())
    filled.lock()
    assert {name: any(b) for name, b in buffers.items()} == dict.fromkeys(buffers, False)


def test_no_copy_of_the_database_key_stays_reachable_after_lock(filled: Hub) -> None:
    key = _database_key(filled.path)
    engine = filled._engine
    filled.lock()
    gc.collect()
    assert _holds_key(filled, key) == []
    assert _holds_key(engine, key) == []


def test_the_connection_factory_keeps_no_key_text(filled: Hub) -> None:
    # While unlocked the key lives in one bytearray; the pool's creator and the
    # connections' statement caches must hold no str or bytes copy of it.
    key = _database_key(filled.path)
    with filled._engine.connect() as connection:
        connection.execute(text("SELECT count(*) FROM entries")).scalar()
    hits = _holds_key(filled._engine, key)
    assert hits == ["bytearray"]


def test_lock_lets_the_engine_the_index_and_the_stores_be_collected(filled: Hub) -> None:
    entry = filled.entries.list()[0]
    parts = [
        filled._engine,
        filled._sessions,
        filled._blobs,
        filled._index,
        filled._index.index,
        filled._db_key,
    ]
    refs = [weakref.ref(part) for part in parts]
    del parts
    filled.lock()
    gc.collect()
    assert [ref() for ref in refs] == [None] * len(refs)
    assert entry.title.startswith("Fictional partner")  # plain records stay the caller's


def test_subkeys_come_as_wipeable_bytearrays(filled: Hub) -> None:
    key = filled._vault.subkey("database")
    assert isinstance(key, bytearray)
    assert bytes(key) == hkdf(filled._vault._master, "database")


def test_every_connection_has_cipher_memory_security_on(filled: Hub) -> None:
    with filled._engine.connect() as connection:
        value = connection.exec_driver_sql("PRAGMA cipher_memory_security").scalar()
    assert str(value) == "1"
