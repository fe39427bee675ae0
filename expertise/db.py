"""The SQLCipher database: engine creation and the per-action session scope.

SQLAlchemy reaches SQLCipher through a `creator` so the raw key is set first
on every pooled connection (S3); reading sqlite_master right after proves the
key before anything else runs. The key lives in a `DatabaseKey` that lock
wipes (docs/SECURITY.md, "Locking forgets the keys").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from expertise import oserrors
from expertise.crypto import KEY_LEN, Secret, wipe
from expertise.errors import HubLocked, IntegrityError

DB_NAME = "hub.db"
IN_CHUNK = 500  # values per IN (...): well under SQLite's limit on bound variables

T = TypeVar("T")


def in_chunks(values: Sequence[T], size: int = IN_CHUNK) -> Iterator[list[T]]:
    """`values` in slices of `size`, one `IN (...)` query each."""
    for start in range(0, len(values), size):
        yield list(values[start : start + size])


_HEX = b"0123456789abcdef"


class DatabaseKey:
    """The SQLCipher key in a buffer we own, so lock can overwrite it.

    The engine's connection factory reads the key from here for every new
    connection; once `wipe()` ran, the factory refuses with HubLocked, so an
    engine somebody kept after lock cannot open hub.db again.
    """

    def __init__(self, key: Secret) -> None:
        if len(key) != KEY_LEN:
            raise ValueError(f"database key must be {KEY_LEN} bytes")
        # A bytearray given to us is taken over (not copied): no second copy lives on.
        self._key = key if isinstance(key, bytearray) else bytearray(key)
        self._wiped = False

    @property
    def buffer(self) -> bytearray:
        return self._key

    @property
    def wiped(self) -> bool:
        return self._wiped

    def raw_key_literal(self) -> bytearray:
        """SQLCipher's raw-key form x'<hex>', built without a str; the caller wipes it."""
        if self._wiped:
            raise HubLocked("the hub is locked")
        literal = bytearray(b"x'") + bytearray(2 * KEY_LEN) + bytearray(b"'")
        for i, byte in enumerate(self._key):
            literal[2 + 2 * i] = _HEX[byte >> 4]
            literal[3 + 2 * i] = _HEX[byte & 15]
        return literal

    def wipe(self) -> None:
        wipe(self._key)
        self._wiped = True

    def __repr__(self) -> str:
        return f"DatabaseKey(wiped={self._wiped})"


def as_database_key(key: DatabaseKey | Secret) -> DatabaseKey:
    return key if isinstance(key, DatabaseKey) else DatabaseKey(bytearray(key))


def apply_key(connection: Any, key: DatabaseKey) -> None:
    """Key a fresh SQLCipher connection without a Python str of the key.

    `PRAGMA key = "x'..'"` would leave the key as text in the connection's
    statement cache; set_key takes our buffer, which is wiped at once.
    """
    literal = key.raw_key_literal()
    try:
        connection.set_key(literal)
    finally:
        wipe(literal)


# cipher_memory_security makes SQLCipher wipe every buffer it frees; it is
# process-wide once on. Its cost: bench/cipher_memsec.py, bench/results/cipher_memsec.json.
PRAGMAS = (
    "cipher_memory_security = ON",
    "temp_store = MEMORY",
    "journal_mode = WAL",
    "synchronous = FULL",
    "foreign_keys = ON",
    "secure_delete = ON",
    "busy_timeout = 5000",
)


# Read-only media: SQLite's read-only mode first (it still reads a WAL whose
# shared-memory file exists); immutable when even that cannot be opened. What
# would write (journal mode, secure delete) is left out, and query_only is on.
_READ_ONLY_URIS = ("file:{}?mode=ro", "file:{}?immutable=1")
_READ_ONLY_PRAGMAS = (
    *(p for p in PRAGMAS if not p.startswith(("journal_mode", "synchronous", "secure_delete"))),
    "query_only = ON",
)


def _connect(path: Path, key: DatabaseKey, read_only: bool = False) -> Any:
    if key.wiped:  # before touching the file: a locked hub opens nothing
        raise HubLocked("the hub is locked")
    if read_only:
        return _connect_read_only(path, key)
    connection = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    return _prepare(connection, path, key, PRAGMAS)


def _connect_read_only(path: Path, key: DatabaseKey) -> Any:
    uri_path = quote(str(path.absolute()))
    last = len(_READ_ONLY_URIS) - 1
    for number, template in enumerate(_READ_ONLY_URIS):
        try:
            connection = sqlcipher3.connect(
                template.format(uri_path), uri=True, check_same_thread=False, isolation_level=None
            )
            return _prepare(connection, path, key, _READ_ONLY_PRAGMAS)
        except (oserrors.HubFault, sqlcipher3.OperationalError):
            if number == last:
                raise
    raise AssertionError("unreachable")


def _prepare(connection: Any, path: Path, key: DatabaseKey, pragmas: tuple[str, ...]) -> Any:
    try:
        # SQLCipher logs a damaged page to stderr itself; the CLI's one line says it.
        connection.execute("PRAGMA cipher_log_level = NONE")
        apply_key(connection, key)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for pragma in pragmas:
            connection.execute(f"PRAGMA {pragma}")
    except sqlcipher3.DatabaseError as error:
        connection.close()
        fault = oserrors.classify(error, hub=path.parent)
        if fault is not None:  # a full, vanished or read-only disk, not a damaged file
            raise oserrors.HubFault(fault) from None
        # The vault already proved the passphrase, so a refusal here means the
        # file itself is damaged or was swapped.
        raise IntegrityError(f"hub.db cannot be read: {error}") from None
    return connection


def open_engine(path: Path, key: DatabaseKey | Secret, *, read_only: bool = False) -> Engine:
    """An engine whose every connection is keyed from `key` (a DatabaseKey is taken over)."""
    db_key = as_database_key(key)
    engine = create_engine(
        "sqlite://",
        creator=lambda: _connect(path, db_key, read_only),
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        # a failed statement's message would otherwise list its values: entry content
        hide_parameters=True,
    )
    _use_explicit_transactions(engine)
    return engine


def _use_explicit_transactions(engine: Engine) -> None:
    # pysqlite's implicit BEGIN handling breaks SAVEPOINTs and lets reads run
    # outside a transaction; SQLAlchemy's documented recipe takes control.
    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")


def verify_database(engine: Engine) -> list[str]:
    """Full integrity check of the SQLCipher file (HMAC of every page)."""
    problems: list[str] = []
    try:
        with engine.connect() as connection:
            for (row,) in connection.exec_driver_sql("PRAGMA cipher_integrity_check"):
                problems.append(f"hub.db page check: {row}")
            for (row,) in connection.exec_driver_sql("PRAGMA integrity_check"):
                if row != "ok":
                    problems.append(f"hub.db structure: {row}")
    except (sa_exc.DatabaseError, IntegrityError) as error:
        problems.append(f"hub.db unreadable: {getattr(error, 'orig', error)}")
    return problems


def make_session_factory(engine: Engine, *, read_only: bool = False) -> sessionmaker[Session]:
    # `read_only` in session.info lets the audit trail skip what it cannot store.
    return sessionmaker(engine, expire_on_commit=False, info={"read_only": read_only})


CORRUPTION_SIGNS = ("not a database", "malformed", "corrupt", "hmac")


def is_corruption(error: BaseException) -> bool:
    text = str(getattr(error, "orig", error)).lower()
    return any(sign in text for sign in CORRUPTION_SIGNS)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One session for one action: commit on success, roll back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except sa_exc.DatabaseError as error:
        session.rollback()
        if is_corruption(error):
            raise IntegrityError("hub.db is damaged (page authentication failed)") from None
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
