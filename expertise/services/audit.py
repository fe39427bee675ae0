"""Audit trail: who did what when, never content."""

from __future__ import annotations

import getpass
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.models import AuditEvent
from expertise.records import AuditRecord


def current_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user database on some locked-down machines
        return "unknown"


def record(
    session: Session,
    action: str,
    target_id: str | None = None,
    detail: Mapping[str, object] | None = None,
) -> None:
    if session.info.get("read_only"):
        return  # a read-only hub cannot store its trail (docs/FAULTS.md)
    session.add(
        AuditEvent(
            actor=current_actor(), action=action, target_id=target_id, detail=dict(detail or {})
        )
    )


def recent(session: Session, limit: int = 200) -> list[AuditRecord]:
    rows = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit))
    return [AuditRecord(r.at, r.actor, r.action, r.target_id, dict(r.detail)) for r in rows]
