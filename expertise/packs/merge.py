"""The merge plan: what a pack would do to this hub, decided per entry by id and revision.

    add        the entry is not here yet
    update     a newer remote revision, and nobody edited the entry here since it came
    conflict   both sides changed (or the entry exists here with other content and no
               known origin): the user chooses keep mine / take theirs / keep both
    unchanged  nothing new

Local edits are never overwritten without a choice: an entry's origin row holds
the local revision right after the last import, so an edit since shows up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from expertise.errors import UserError
from expertise.models import Entry, EntryOrigin
from expertise.packs.contents import PackEntry
from expertise.packs.errors import BadPack
from expertise.services.convert import snapshot

ADD, UPDATE, CONFLICT, UNCHANGED = "add", "update", "conflict", "unchanged"
MINE, THEIRS, BOTH = "mine", "theirs", "both"
RESOLUTIONS = (MINE, THEIRS, BOTH)


@dataclass(frozen=True)
class PlanItem:
    entry_id: str
    kind: str
    title: str
    action: str
    remote_revision: int
    local_revision: int | None = None
    local_title: str | None = None
    # True when no origin row exists yet and the content already matches:
    # importing only records where the entry came from.
    adopt: bool = False


@dataclass
class MergePlan:
    items: list[PlanItem] = field(default_factory=list)

    def _of(self, action: str) -> list[PlanItem]:
        return [item for item in self.items if item.action == action]

    @property
    def added(self) -> list[PlanItem]:
        return self._of(ADD)

    @property
    def updated(self) -> list[PlanItem]:
        return self._of(UPDATE)

    @property
    def conflicts(self) -> list[PlanItem]:
        return self._of(CONFLICT)

    @property
    def unchanged(self) -> list[PlanItem]:
        return self._of(UNCHANGED)

    def counts(self) -> dict[str, int]:
        return {action: len(self._of(action)) for action in (ADD, UPDATE, CONFLICT, UNCHANGED)}


def same_content(local: Entry, incoming: PackEntry) -> bool:
    """Equal on every field the pack carries (references it left out do not count)."""
    mine = snapshot(local)
    return all(_normal(mine.get(name)) == _normal(value) for name, value in incoming.values.items())


def _normal(value: object) -> object:
    return sorted(value) if isinstance(value, list) else value


def decide(
    incoming: PackEntry, local: Entry | None, origin: EntryOrigin | None, publisher: str
) -> tuple[str, bool]:
    """(action, adopt) for one entry."""
    if local is None:
        return ADD, False
    if local.kind != incoming.kind:
        raise BadPack(
            f"entry {incoming.id} is a {local.kind} entry here but a {incoming.kind} in the pack"
        )
    if origin is not None and origin.publisher == publisher:
        if incoming.revision <= origin.remote_revision:
            return UNCHANGED, False
        if origin.local_revision is not None and origin.local_revision == local.revision:
            return UPDATE, False
        return CONFLICT, False
    if same_content(local, incoming):
        return UNCHANGED, True
    return CONFLICT, False


def plan_merge(session: Session, entries: Iterable[PackEntry], publisher: str) -> MergePlan:
    plan = MergePlan()
    for incoming in entries:
        local = session.get(Entry, incoming.id)
        origin = session.get(EntryOrigin, incoming.id)
        action, adopt = decide(incoming, local, origin, publisher)
        plan.items.append(
            PlanItem(
                entry_id=incoming.id,
                kind=incoming.kind,
                title=incoming.title,
                action=action,
                remote_revision=incoming.revision,
                local_revision=local.revision if local is not None else None,
                local_title=local.title if local is not None else None,
                adopt=adopt,
            )
        )
    return plan


def check_resolutions(plan: MergePlan, resolutions: Mapping[str, str] | None) -> dict[str, str]:
    """The user's choices, checked: only for listed conflicts, only known choices."""
    chosen = dict(resolutions or {})
    conflicts = {item.entry_id for item in plan.conflicts}
    for entry_id, choice in chosen.items():
        if choice not in RESOLUTIONS:
            raise UserError(f"resolution must be one of {', '.join(RESOLUTIONS)}, not {choice!r}")
        if entry_id not in conflicts:
            raise UserError(f"entry {entry_id[:40]!r} is not a conflict in this pack")
    return chosen
