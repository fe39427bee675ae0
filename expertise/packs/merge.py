"""The merge plan: what a pack would do to this hub, decided per entry (docs/SECURITY.md).

    add        the entry is not here yet (and was never deleted here)
    update     a newer revision from the publisher this entry came from, and
               nobody edited the entry here since
    conflict   anything else that differs: an entry we did not receive from this
               publisher, or one edited on both sides. The user chooses keep
               mine / take theirs / keep both
    unchanged  nothing new (the same whole snapshot, or an old revision)
    deleted    the entry was deleted here: skipped unless the user restores it

A pack never takes an entry over: its publisher becomes an entry's origin only
by adding it, and only the origin's own later revisions can be updates. A
lower classification is flagged on the item and applied only on request.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.errors import UserError
from expertise.models import Attachment, Entry, EntryOrigin, classification_rank
from expertise.packs.contents import PackEntry
from expertise.packs.errors import BadPack
from expertise.services import tombstones
from expertise.services.convert import snapshot

ADD, UPDATE, CONFLICT, UNCHANGED, DELETED = "add", "update", "conflict", "unchanged", "deleted"
ACTIONS = (ADD, UPDATE, CONFLICT, UNCHANGED, DELETED)
MINE, THEIRS, BOTH = "mine", "theirs", "both"
RESOLUTIONS = (MINE, THEIRS, BOTH)
_BOOKKEEPING = ("id", "kind")


@dataclass(frozen=True)
class PlanItem:
    entry_id: str
    kind: str
    title: str
    action: str
    remote_revision: int
    local_revision: int | None = None
    local_title: str | None = None
    local_classification: str | None = None
    remote_classification: str | None = None

    @property
    def downgrade(self) -> bool:
        """Whether taking the pack's version would lower the entry's classification."""
        if self.local_classification is None or self.remote_classification is None:
            return False
        return classification_rank(self.remote_classification) < classification_rank(
            self.local_classification
        )


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

    @property
    def deleted(self) -> list[PlanItem]:
        return self._of(DELETED)

    @property
    def downgrades(self) -> list[PlanItem]:
        """Updates and conflicts whose pack version has a lower classification."""
        return [i for i in self.items if i.action in (UPDATE, CONFLICT) and i.downgrade]

    def counts(self) -> dict[str, int]:
        return {action: len(self._of(action)) for action in ACTIONS}


def same_snapshot(local: Entry, incoming: PackEntry, attachments: Collection[Attachment]) -> bool:
    """Equal as a whole: every field, tags, themes, references, classification, attachments.

    A field the pack leaves out counts as different unless it is empty here,
    so a pack holding just an id and a title never matches a real entry.
    """
    mine = {k: v for k, v in snapshot(local).items() if k not in _BOOKKEEPING}
    names = set(mine) | set(incoming.values)
    if any(_normal(mine.get(n)) != _normal(incoming.values.get(n)) for n in names):
        return False
    here = sorted((a.id, a.file_name, a.size) for a in attachments)
    theirs = sorted((a.id, a.file_name, a.size) for a in incoming.attachments)
    return here == theirs


def _normal(value: object) -> object:
    if value in (None, "", []):
        return None
    return sorted(value) if isinstance(value, list) else value


def decide(
    incoming: PackEntry,
    local: Entry | None,
    origin: EntryOrigin | None,
    publisher: str,
    attachments: Collection[Attachment] = (),
) -> str:
    """The action for one entry (see the module docstring)."""
    if local is None:
        return ADD
    if local.kind != incoming.kind:
        raise BadPack(
            f"entry {incoming.id} is a {local.kind} entry here but a {incoming.kind} in the pack"
        )
    if origin is not None and origin.publisher == publisher:
        if incoming.revision <= origin.remote_revision:
            return UNCHANGED  # the same or an older revision: never rolled back
        if origin.local_revision is not None and origin.local_revision == local.revision:
            return UPDATE
        return CONFLICT
    # Ours, or another publisher's: a matching copy changes nothing, and
    # nothing makes this publisher its origin.
    return UNCHANGED if same_snapshot(local, incoming, attachments) else CONFLICT


def plan_merge(session: Session, entries: Iterable[PackEntry], publisher: str) -> MergePlan:
    plan = MergePlan()
    for incoming in entries:
        local = session.get(Entry, incoming.id)
        origin = session.get(EntryOrigin, incoming.id)
        if local is None and tombstones.was_deleted(session, incoming.id):
            action = DELETED
        else:
            rows = _attachments(session, incoming.id) if local is not None else []
            action = decide(incoming, local, origin, publisher, rows)
        remote_level = incoming.values.get("classification")
        plan.items.append(
            PlanItem(
                entry_id=incoming.id,
                kind=incoming.kind,
                title=incoming.title,
                action=action,
                remote_revision=incoming.revision,
                local_revision=local.revision if local is not None else None,
                local_title=local.title if local is not None else None,
                local_classification=local.classification if local is not None else None,
                remote_classification=str(remote_level) if remote_level else None,
            )
        )
    return plan


def _attachments(session: Session, entry_id: str) -> list[Attachment]:
    return list(session.scalars(select(Attachment).where(Attachment.entry_id == entry_id)))


@dataclass(frozen=True)
class Choices:
    """The user's explicit choices for one import, checked against the plan."""

    resolutions: dict[str, str] = field(default_factory=dict)
    accept_downgrades: frozenset[str] = frozenset()
    restore: frozenset[str] = frozenset()


def check_choices(
    plan: MergePlan,
    resolutions: Mapping[str, str] | None,
    accept_downgrades: Iterable[str] = (),
    restore: Iterable[str] = (),
) -> Choices:
    """Only for listed conflicts, downgrades and deleted entries; only known choices."""
    chosen = dict(resolutions or {})
    conflicts = {item.entry_id for item in plan.conflicts}
    for entry_id, choice in chosen.items():
        if choice not in RESOLUTIONS:
            raise UserError(f"resolution must be one of {', '.join(RESOLUTIONS)}, not {choice!r}")
        if entry_id not in conflicts:
            raise UserError(f"entry {entry_id[:40]!r} is not a conflict in this pack")
    accepted = frozenset(accept_downgrades)
    _listed(accepted, {i.entry_id for i in plan.downgrades}, "a classification downgrade")
    restored = frozenset(restore)
    _listed(restored, {i.entry_id for i in plan.deleted}, "an entry deleted here")
    return Choices(chosen, accepted, restored)


def _listed(asked: frozenset[str], offered: set[str], what: str) -> None:
    for entry_id in sorted(asked - offered):
        raise UserError(f"entry {entry_id[:40]!r} is not {what} in this pack")
