"""A hub made at the previous migration head opens in this version (ARCHITECTURE §3)."""

from __future__ import annotations

from expertise import migrations
from expertise.db import open_engine
from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.vault import Vault
from tests.conftest import PASSPHRASE


def test_hub_at_previous_head_is_upgraded(hub_path):
    vault = Vault.create(hub_path, PASSPHRASE, kdf=KdfParams.floor())
    engine = open_engine(hub_path / "hub.db", vault.subkey("database"))
    migrations.upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO entries (id, kind, title, body_md, summary, classification, language,"
            " status, created_at, updated_at, revision) VALUES ('6f1c1b7e-7d59-4a43-9a51-"
            "0c3b8f1f0a11', 'practice', 'Oude praktijk', 'tekst', '', 'internal', 'nl', 'current',"
            " '2025-01-01 00:00:00', '2025-01-01 00:00:00', 1)"
        )
        connection.exec_driver_sql(
            "INSERT INTO best_practices (id, context, practice, outcome, lessons, source_case,"
            " evidence_level, region) VALUES ('6f1c1b7e-7d59-4a43-9a51-0c3b8f1f0a11', '', '', '',"
            " '', '', 'observed', '')"
        )
    assert migrations.current_revision(engine) == "0001"
    engine.dispose()
    vault.lock()
    with Hub.open(hub_path, PASSPHRASE) as hub:
        assert hub.entries.get("6f1c1b7e-7d59-4a43-9a51-0c3b8f1f0a11").title == "Oude praktijk"
        hub.search.save("nieuw in 0002", "praktijk")
        assert hub.search.saved() == [("nieuw in 0002", "praktijk", None)]
        found = hub.search("praktijk")
        assert found.total == 1, [(h.id, h.title, h.kind) for h in found.hits]


def test_models_match_the_migrations(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine

    from expertise.models import Base

    engine = create_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    migrations.upgrade(engine)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_the_revision_files_name_alembics_head() -> None:
    assert migrations._head_of_files() == migrations.head_revision() is not None


def test_only_a_hub_at_the_head_skips_alembic(tmp_path):
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    assert not migrations.is_at_head(engine)  # no alembic_version table yet
    migrations.upgrade(engine, "0001")
    assert not migrations.is_at_head(engine)
    migrations.upgrade(engine)
    assert migrations.is_at_head(engine)
    assert migrations.current_revision(engine) == migrations.head_revision()


def test_opening_an_up_to_date_hub_loads_no_alembic(hub_path):
    import subprocess
    import sys

    Hub.create(hub_path, PASSPHRASE, kdf=KdfParams.floor()).close()
    script = (
        "import sys\n"
        "from expertise.hub import Hub\n"
        f"Hub.open({str(hub_path)!r}, {PASSPHRASE!r}).close()\n"
        "print(sorted(name for name in sys.modules if name.startswith('alembic')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
