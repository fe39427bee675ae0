"""work cycle kinds: bottlenecks, example cases and yearly agendas; example cases held as
practices become cases

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

A practice counts as an example case when it is tagged `voorbeeldzaak` or `example case`,
or its title starts with "Voorbeeldzaak". It keeps its id, so links, attachments, tags,
themes and revisions stay attached. Its practice-only fields (context, practice, outcome,
source case, evidence level) have no place in a case; their text is appended to the body
under a heading, so nothing is lost. Every stored revision is rewritten the same way, so
the history reads as a case and an old revision can still be restored.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CASE_TAGS = ("voorbeeldzaak", "example case")
TITLE_PREFIX = "voorbeeldzaak"
# (field, Dutch heading, English heading), in the order they are appended to the body
FOLDED_FIELDS = (
    ("context", "Context", "Context"),
    ("practice", "Werkwijze", "Practice"),
    ("outcome", "Resultaat", "Outcome"),
    ("source_case", "Bronzaak", "Source case"),
)
DROPPED_FIELDS = tuple(name for name, _nl, _en in FOLDED_FIELDS) + ("evidence_level",)
SECTION = {"nl": "Uit de eerdere praktijkbeschrijving", "en": "From the earlier practice record"}


def _ref_column(table: str, name: str) -> list[SchemaItem]:
    return [
        sa.Column(name, sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            [name], ["entries.id"], name=op.f(f"fk_{table}_{name}_entries"), ondelete="SET NULL"
        ),
    ]


def _kind_table(table: str, *items: SchemaItem) -> None:
    op.create_table(
        table,
        sa.Column("id", sa.String(length=36), nullable=False),
        *items,
        sa.ForeignKeyConstraint(
            ["id"], ["entries.id"], name=op.f(f"fk_{table}_id_entries"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    )


def upgrade() -> None:
    _kind_table(
        "bottlenecks",
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("signalled_on", sa.Date(), nullable=True),
        *_ref_column("bottlenecks", "signalled_by_id"),
        sa.Column("responsible", sa.JSON(), nullable=False),
        sa.Column("measures", sa.JSON(), nullable=False),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=False),
    )
    _kind_table(
        "example_cases",
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("region", sa.String(length=200), nullable=False),
        sa.Column("follow_ups", sa.JSON(), nullable=False),
        sa.Column("lessons", sa.Text(), nullable=False),
        sa.Column("produced_practices", sa.JSON(), nullable=False),
    )
    _kind_table(
        "agendas",
        sa.Column("year", sa.String(length=4), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
    )
    moved = _move_example_cases(op.get_bind())
    if moved:
        _bump_change_counter(op.get_bind())


def downgrade() -> None:
    # Moved cases stay cases: their practice rows are gone, and a downgrade must not
    # leave entries without their kind's table, so it refuses instead.
    if op.get_bind().exec_driver_sql("SELECT 1 FROM example_cases LIMIT 1").first():
        raise RuntimeError("the hub holds example cases; downgrading would lose them")
    op.drop_table("agendas")
    op.drop_table("example_cases")
    op.drop_table("bottlenecks")


def is_example_case(title: str, tags: list[str]) -> bool:
    return title.strip().lower().startswith(TITLE_PREFIX) or any(
        tag.strip().lower() in CASE_TAGS for tag in tags
    )


def practice_to_case(values: dict[str, object]) -> dict[str, object]:
    """A practice's saved values (a revision snapshot) as the same example case's values."""
    case = {key: value for key, value in values.items() if key not in DROPPED_FIELDS}
    case["kind"] = "case"
    case["body"] = folded_body(values)
    case.setdefault("lessons", "")
    case.setdefault("region", "")
    case["state"] = "following"
    case["follow_ups"] = []
    case["produced_practices"] = []
    return case


def folded_body(values: dict[str, object]) -> str:
    """The body with the practice-only texts appended, each under its own heading."""
    body = str(values.get("body") or "")
    english = values.get("language") == "en"
    parts = [
        (en if english else nl, str(values.get(name) or "").strip())
        for name, nl, en in FOLDED_FIELDS
    ]
    parts = [(heading, text) for heading, text in parts if text]
    if not parts:
        return body
    section = SECTION["en" if english else "nl"]
    lines = [body.rstrip(), "", f"## {section}", ""] if body.strip() else [f"## {section}", ""]
    for heading, text in parts:
        lines += [f"**{heading}:** {text}", ""]
    return "\n".join(lines).rstrip() + "\n"


def _move_example_cases(bind: sa.Connection) -> int:
    rows = bind.exec_driver_sql(
        "SELECT e.id, e.title, e.body_md, e.language, p.context, p.practice, p.outcome,"
        " p.lessons, p.source_case, p.region FROM entries e JOIN best_practices p ON p.id = e.id"
        " WHERE e.kind = 'practice'"
    ).all()
    moved = 0
    for row in rows:
        tags = [
            str(name)
            for (name,) in bind.exec_driver_sql(
                "SELECT t.name FROM tags t JOIN entry_tags et ON et.tag_id = t.id"
                " WHERE et.entry_id = ?",
                (row.id,),
            )
        ]
        if not is_example_case(row.title, tags):
            continue
        _move_one(bind, row)
        moved += 1
    return moved


def _move_one(bind: sa.Connection, row: sa.Row[tuple[object, ...]]) -> None:
    values = {
        "body": row.body_md,
        "language": row.language,
        "context": row.context,
        "practice": row.practice,
        "outcome": row.outcome,
        "source_case": row.source_case,
    }
    bind.exec_driver_sql(
        "INSERT INTO example_cases (id, state, region, follow_ups, lessons, produced_practices)"
        " VALUES (?, 'following', ?, '[]', ?, '[]')",
        (row.id, row.region or "", row.lessons or ""),
    )
    bind.exec_driver_sql(
        "UPDATE entries SET kind = 'case', body_md = ? WHERE id = ?",
        (folded_body(values), row.id),
    )
    bind.exec_driver_sql("DELETE FROM best_practices WHERE id = ?", (row.id,))
    for revision_id, snapshot in bind.exec_driver_sql(
        "SELECT id, snapshot FROM revisions WHERE entry_id = ?", (row.id,)
    ).all():
        data = json.loads(snapshot) if isinstance(snapshot, str) else dict(snapshot)
        bind.exec_driver_sql(
            "UPDATE revisions SET snapshot = ? WHERE id = ?",
            (json.dumps(practice_to_case(data)), revision_id),
        )


def _bump_change_counter(bind: sa.Connection) -> None:
    """The search index still files the moved entries as practices: make it rebuild."""
    found = bind.exec_driver_sql("SELECT value FROM hub_meta WHERE key = 'change_seq'").first()
    if found is None:
        bind.exec_driver_sql("INSERT INTO hub_meta (key, value) VALUES ('change_seq', '1')")
    else:
        bind.exec_driver_sql(
            "UPDATE hub_meta SET value = ? WHERE key = 'change_seq'", (str(int(found[0]) + 1),)
        )
