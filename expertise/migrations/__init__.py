"""Alembic migrations, run programmatically on the hub's own connection.

Alembic is imported only when a hub is not at the newest revision: opening an
up-to-date hub (every CLI command, every app start) asks the database for its
revision and reads the revision ids from the files of `versions/`, which cost
~0.45 CPU s less than loading Alembic and its script directory to learn that
there is nothing to do. Whatever the files do not make clear (no files, as in
a frozen app, a file without exactly one `revision`, several heads) takes
Alembic's own way.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text

if TYPE_CHECKING:
    from alembic.config import Config

HERE = Path(__file__).parent
_REVISION = re.compile(r"^revision(?:: [^=\n]+)? = ['\"]([^'\"\n]+)['\"]\s*$", re.M)
_DOWN = re.compile(r"^down_revision(?:: [^=\n]+)? = (.+)$", re.M)
_QUOTED = re.compile(r"['\"]([^'\"\n]+)['\"]")
_TABLE = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
_STORED = "SELECT version_num FROM alembic_version"


def _config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(HERE))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, target: str = "head") -> None:
    if target == "head" and is_at_head(engine):
        return
    from alembic import command

    command.upgrade(_config(engine), target)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(HERE)).get_current_head()


def is_at_head(engine: Engine) -> bool:
    """True only when the database's one revision is the one head of `versions/`."""
    head = _head_of_files()
    if head is None:
        return False
    with engine.connect() as connection:
        if connection.execute(text(_TABLE)).first() is None:  # a new database
            return False
        stored = [row[0] for row in connection.execute(text(_STORED))]
    return stored == [head]


def _head_of_files() -> str | None:
    """The single head of the revision files, or None when that is not certain."""
    revisions: set[str] = set()
    downs: set[str] = set()
    for path in (HERE / "versions").glob("*.py"):
        if path.name == "__init__.py":
            continue
        source = path.read_text(encoding="utf-8")
        found, down = _REVISION.findall(source), _DOWN.findall(source)
        if len(found) != 1 or len(down) != 1:
            return None
        revisions.add(found[0])
        downs.update(_QUOTED.findall(down[0]))
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 else None
