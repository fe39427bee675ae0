"""`UnitOfWork` (``hub.session``): the one way code outside the core touches the database.

`reading()` is a session that commits (audit events are written while reading)
but tells nobody; `writing()` first refuses a locked or read-only hub, and after
the commit tells the search index and the listeners what changed. Faults of the
disk or medium become `HubFault` with a plain message (docs/ARCHITECTURE.md §11).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from expertise import oserrors
from expertise.db import session_scope
from expertise.errors import HubLocked
from expertise.records import Change

if TYPE_CHECKING:
    from expertise.db import DatabaseKey
    from expertise.hub.core import HubCore

T = TypeVar("T")


class Writing:
    """The session of one write, and the changes to announce once it is committed."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.changes: list[Change] = []

    def changed(self, change: Change) -> None:
        self.changes.append(change)


class UnitOfWork:
    def __init__(self, core: HubCore) -> None:
        self._core = core

    @property
    def _folder(self) -> Path:
        return self._core.path

    # The database itself, for whole-database work (integrity check, backup, vacuum,
    # bulk import); each raises HubLocked once the hub is locked.
    @property
    def engine(self) -> Engine:
        return self._core._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self._core._sessions

    @property
    def database_key(self) -> DatabaseKey:
        return self._core._db_key

    def require_writable(self) -> None:
        """Raise HubLocked or HubReadOnly before any work that would write."""
        if self._core.locked:
            raise HubLocked("the hub is locked")
        if self._core.read_only:
            raise oserrors.HubReadOnly()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session, committed at the end; nothing is announced."""
        if self._core.locked:
            raise HubLocked("the hub is locked")
        try:
            with session_scope(self._core._sessions) as session:
                yield session
        except Exception as error:
            if isinstance(error, OSError) and not oserrors.within(error.filename, self._folder):
                raise  # a file outside the hub (an export target): the caller knows which
            fault = oserrors.classify(error, hub=self._folder)
            if fault is None:
                raise
            # Rolled back already; the driver's text may quote a statement, so it is dropped.
            raise oserrors.HubFault(fault) from None

    @contextmanager
    def writing(self) -> Iterator[Writing]:
        """A session on a writable hub; `Writing.changed` is announced after the commit."""
        self.require_writable()
        with self.reading() as session:
            work = Writing(session)
            yield work
        with self.committed():
            for change in work.changes:
                self._core._changed(change)

    @contextmanager
    def committed(self) -> Iterator[None]:
        """Work after a commit (the index, the listeners): a fault says the data is saved."""
        try:
            yield
        except Exception as error:
            fault = oserrors.classify(error, hub=self._folder)
            if fault is None:
                raise
            # Committed already: only the search index lags, and the message must say so.
            raise oserrors.HubFault(dataclasses.replace(fault, changed=True)) from None

    def announce(self, change: Change, *, index: bool = True) -> None:
        """Tell the listeners about a committed change; `index=False` when the caller
        brought the search index up to date itself (a bulk import)."""
        self._core._changed(change, index=index)

    # -- one-call shorthands -------------------------------------------------
    def read(self, action: Callable[[Session], T]) -> T:
        """`action(session)` inside `reading()`."""
        with self.reading() as session:
            return action(session)

    def write(self, action: Callable[[Session], T], change: Callable[[T], Change]) -> T:
        """`action(session)` inside `writing()`; `change(result)` is announced."""
        with self.writing() as work:
            result = action(work.session)
            work.changed(change(result))
        return result
