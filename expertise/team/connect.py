"""Where the team server is and how to log in to it: one engine per member role (psycopg 3).

The server URL comes from the command line or $EXPERTISE_SERVER and may carry TLS options
(`?sslmode=verify-full&sslrootcert=…`); it never carries a password: that comes from the OS
keyring or a prompt (expertise/team/password.py), so it is never in argv or a shell history.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url

from expertise.team.errors import ServerRefused, ServerUnavailable, TeamError

_SCHEMES = {"postgresql", "postgres", "postgresql+psycopg"}
CONNECT_TIMEOUT_S = 10
# Phrases of libpq/PostgreSQL that mean "you may not", as opposed to "cannot reach".
_REFUSED = (
    "password authentication failed",
    "permission denied",
    "role",
    "no pg_hba.conf",
    "does not exist",
)


@dataclass(frozen=True)
class ServerAddress:
    """A team server database, without user or password."""

    url: URL

    @classmethod
    def parse(cls, text: str) -> ServerAddress:
        try:
            url = make_url(text.strip())
        except sa_exc.ArgumentError:
            raise TeamError(
                "the server URL must look like postgresql://host:5432/database"
            ) from None
        if url.drivername not in _SCHEMES or not url.host or not url.database:
            raise TeamError("the server URL must look like postgresql://host:5432/database")
        if url.password:
            raise TeamError(
                "the server URL carries a password: leave it out, the app asks for it "
                "(or takes it from the OS keyring)"
            )
        return cls(url._replace(drivername="postgresql+psycopg", username=None, password=None))

    def display(self) -> str:
        """Host, port and database, for messages and `team status`."""
        return f"{self.url.host}:{self.url.port or 5432}/{self.url.database}"

    def text(self) -> str:
        """The URL as stored in the local hub (no user, no password)."""
        return self.url.render_as_string(hide_password=False)

    def engine(self, role: str, password: str) -> Engine:
        """An engine logging in as `role`; nothing is connected until first use."""
        url = self.url.set(username=role)
        return create_engine(
            url,
            connect_args={
                "password": password,
                "connect_timeout": CONNECT_TIMEOUT_S,
                "application_name": "expertise-hub",
            },
            pool_pre_ping=True,
        )


def role_from_url(text: str) -> str | None:
    """The user name a URL names, if any (the admin's role at `team create`)."""
    try:
        return make_url(text.strip()).username or None
    except sa_exc.ArgumentError:
        return None


def translate(error: sa_exc.DBAPIError, where: str) -> Exception:
    """A driver error as ServerRefused / ServerUnavailable with a one-line message."""
    text = str(error.orig or error).lower()
    if isinstance(error, sa_exc.OperationalError) and not any(p in text for p in _REFUSED):
        return ServerUnavailable(
            f"the team server {where} cannot be reached now; nothing was changed, try again later"
        )
    if "password authentication failed" in text:
        return ServerRefused(
            f"the team server {where} refused the login: wrong password, "
            "or this member was removed from the team"
        )
    return ServerRefused(
        f"the team server {where} refused this member: not (or no longer) admitted to the team"
    )


@contextmanager
def connected(address: ServerAddress, engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction, committed at the end; driver errors translated."""
    try:
        with engine.begin() as connection:
            yield connection
    except sa_exc.DBAPIError as error:
        if error.connection_invalidated or isinstance(error, sa_exc.OperationalError):
            raise translate(error, address.display()) from None
        # Anything else the server refused: its class says what; its text may quote values.
        kind = type(error.orig).__name__ if error.orig is not None else type(error).__name__
        raise TeamError(f"the team server {address.display()} refused the operation "
                        f"({kind}); nothing was changed") from None


class TeamServer:
    """A logged-in way to the server for one role; `transaction()` for each unit of work."""

    def __init__(self, address: ServerAddress, role: str, password: str) -> None:
        self.address = address
        self.role = role
        self.engine = address.engine(role, password)

    def transaction(self) -> AbstractContextManager[Connection]:
        """A connection in a transaction, committed at the end (errors translated)."""
        return connected(self.address, self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> TeamServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
