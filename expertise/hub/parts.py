"""The parts of an unlocked hub that hold keys or decrypted data, opened and closed as one.

Lock closes them and drops the whole object, so the engine, its connection
factory, the index and the attachment store can be collected; the key buffers
are overwritten first (docs/SECURITY.md, "Locking forgets the keys").
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from expertise.blobstore import BlobStore
from expertise.crypto import wipe
from expertise.db import DB_NAME, DatabaseKey, make_session_factory, open_engine
from expertise.services.indexing import IndexSync
from expertise.vault import Vault


@dataclass
class HubParts:
    db_key: DatabaseKey
    engine: Engine
    sessions: sessionmaker[Session]
    blobs: BlobStore
    index: IndexSync

    @classmethod
    def open(cls, vault: Vault, *, index_async: bool, read_only: bool = False) -> HubParts:
        """Database, attachments and index under `vault`'s keys (the index not started).

        `read_only`: the database opens read-only and sessions skip the audit trail.
        """
        folder = vault.folder
        db_key = DatabaseKey(vault.subkey("database"))
        engine = open_engine(folder / DB_NAME, db_key, read_only=read_only)
        sessions = make_session_factory(engine, read_only=read_only)
        blobs_key, index_key = vault.subkey("attachments"), vault.subkey("index")
        try:
            blobs = BlobStore(folder / "attachments", blobs_key)
            index = IndexSync(folder / "index", index_key, sessions, blobs, run_async=index_async)
        except BaseException:
            engine.dispose()
            db_key.wipe()
            raise
        finally:
            # Both stores derive and keep their own wipeable copies.
            wipe(blobs_key)
            wipe(index_key)
        return cls(db_key, engine, sessions, blobs, index)

    def close(self) -> None:
        """Close every part and wipe its keys; each step runs even if an earlier one fails."""
        failures: list[Exception] = []
        # The index first: its worker may still be reading through the sessions.
        for step in (self.index.close, self.engine.dispose, self.db_key.wipe, self.blobs.close):
            try:
                step()
            except Exception as error:
                failures.append(error)
        if failures:
            raise failures[0]
