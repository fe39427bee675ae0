"""The SQLCipher database: engine creation and the per-action session scope.

SQLAlchemy reaches SQLCipher through a `creator` so the raw key is the very
first statement on every pooled connection (S3); reading sqlite_master right
after proves the key before anything else runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from expertise import oserrors
from expertise.errors import IntegrityError

DB_NAME = "hub.db"


def _connect(path: Path, key_hex: str) -> Any:
    connection = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        connection.execute(f"PRAGMA key = \"x'{key_hex}'\"")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for pragma in (
            "temp_store = MEMORY",
            "journal_mode = WAL",
            "synchronous = FULL",
            "foreign_keys = ON",
            "secure_delete = ON",
            "busy_timeout = 5000",
        ):
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


def open_engine(path: Path, key: bytes) -> Engine:
    key_hex = key.hex()
    engine = create_engine(
        "sqlite://",
        creator=lambda: _connect(path, key_hex),
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


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


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
