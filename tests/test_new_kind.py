"""Adding a kind is one registry entry with its labels plus one migration (docs/ARCHITECTURE.md §3).

The proof, in a copy of the core: a throw-away kind `memo` is added to the
copy's registry (expertise/fields/kinds.py) and a migration creates its table;
nothing else is edited. In that copy the models match the migrations, outside
input is checked, the CLI offers the kind, the index is told about it, the UI's
labels name it, and a real hub adds, reads, searches, exports and re-imports a
memo.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from expertise import migrations

REPO = Path(__file__).resolve().parent.parent

MEMO_SPEC = '''
MEMO = KindSpec(
    "memo",
    Label("Memo", "Memo"),
    Label("Memo's", "Memos"),
    "memos",
    "Memo",
    (
        _f("topic", "text", "Onderwerp", "Topic"),
        _f("decided_on", "date", "Besloten op", "Decided on"),
        _f("weight", "enum", "Gewicht", "Weight", options=choices(
            ("light", "Licht", "Light"), ("heavy", "Zwaar", "Heavy"))),
        _f("readers", "reflist", "Lezers", "Readers", ref_kind="expert"),
    ),
)
KIND_SPECS[MEMO.name] = MEMO
'''

MIGRATION = '''
"""a throw-away kind for tests/test_new_kind.py"""

import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = {head!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "memos",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("weight", sa.String(length=20), nullable=False),
        sa.Column("readers", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["id"], ["entries.id"], name=op.f("fk_memos_id_entries"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memos")),
    )


def downgrade() -> None:
    op.drop_table("memos")
'''

CHECK = '''
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from expertise import migrations
from expertise.cli import build_parser
from expertise.fieldcheck import check_entry
from expertise.fields import KINDS, kind_label
from expertise.fields.search import index_config
from expertise.frontmatter import parse_document, render_document
from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.models import Base, MODEL_BY_KIND
from ui.labels import kind_label as shown_kind, kind_plural

tmp = Path({tmp!r})
assert KINDS[-1] == "memo" and MODEL_BY_KIND["memo"].__tablename__ == "memos"
engine = create_engine(f"sqlite:///{{tmp / 'plain.db'}}")
migrations.upgrade(engine)
with engine.connect() as connection:
    assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []

checked = check_entry(
    {{"kind": "memo", "title": "Overleg", "weight": "HEAVY", "decided_on": "2026-01-05"}}, "m.md"
)
assert checked["weight"] == "heavy", checked
assert kind_label("memo", "nl") == "Memo" and kind_plural("memo") == "Memos"
assert shown_kind("memo") == "Memo"
assert "memo" in index_config().work_kinds

parser = build_parser()
assert parser.parse_args(["add", "memo", "--title", "Memo"]).kind == "memo"
assert parser.parse_args(["list", "--kind", "memo"]).kind == "memo"

with Hub.create(tmp / "hub", "een lange test-wachtwoordzin", kdf=KdfParams.floor()) as hub:
    expert = hub.entries.add("expert", {{"title": "Lezer Fictief"}})
    memo = hub.entries.add(
        "memo",
        {{"title": "Memo over ketenoverleg", "topic": "ketenoverleg", "weight": "light",
          "readers": [expert.id], "body": "Afspraken over het ketenoverleg."}},
    )
    again = hub.entries.get(memo.id)
    assert again.kind == "memo" and again.fields["readers"] == [expert.id], again.fields
    found = hub.search("ketenoverleg", kind="memo")
    assert [hit.id for hit in found.hits] == [memo.id], found
    assert hub.transfer.export_markdown(tmp / "out") == 2
    files = {{p.name: p.read_text(encoding="utf-8") for p in (tmp / "out").rglob("*.md")}}
    memo_file = next(t for t in files.values() if "kind: memo" in t)
    parsed = parse_document(memo_file, "memo.md")
    assert parsed.meta["weight"] == "light" and parsed.meta["topic"] == "ketenoverleg"
    assert "kind: memo" in render_document(parsed.meta, parsed.body)
    # the UI's kind filter: the sidebar offers the new kind under its plural label
    from PySide6.QtWidgets import QApplication

    from ui.context import AppContext
    from ui.shell.sidebar import PLACE_ROLE, Place, Sidebar
    from ui.tasks import TaskRunner

    app = QApplication([])
    ctx = AppContext(hub, TaskRunner(), TaskRunner())
    bar = Sidebar(ctx)
    rows = [bar.tree.item(row) for row in range(bar.tree.rowCount())]
    memo_row = next(r for r in rows if r.data(PLACE_ROLE) == Place("kind", "memo"))
    assert memo_row.text() == "Memos", memo_row.text()
    ctx.detach()
print("memo ok")
'''


def _copy_with_memo(root: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in ("expertise", "index", "ui", "pdfout", "resources"):
        shutil.copytree(REPO / package, root / package, ignore=ignore)
    kinds = root / "expertise" / "fields" / "kinds.py"
    source = kinds.read_text(encoding="utf-8")
    # after the registry's dict of kinds, before anything derived from it
    table = re.search(r"KIND_SPECS: dict\[str, KindSpec\] = \{.*?\n\}\n", source, flags=re.S)
    assert table is not None, "the registry's KIND_SPECS table was not found"
    source = source[: table.end()] + MEMO_SPEC + source[table.end() :]
    source = source.replace(
        "from expertise.fields.labels import", "from expertise.fields.labels import choices,", 1
    )
    kinds.write_text(source, encoding="utf-8")
    versions = root / "expertise" / "migrations" / "versions"
    migration = MIGRATION.format(head=migrations.head_revision())
    (versions / "9999_memo.py").write_text(migration, encoding="utf-8")


def test_a_kind_added_to_the_registry_reaches_every_layer(tmp_path: Path) -> None:
    root = tmp_path / "copy"
    _copy_with_memo(root)
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("EXPERTISE_RESOURCES", None)
    script = textwrap.dedent(CHECK.format(tmp=str(tmp_path)))
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("memo ok")
