"""The demo hub: fictional sample content behind a passphrase everyone knows.

The passphrase is public on purpose and printed with a warning: a demo hub
holds no real knowledge and must never be used for it.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from expertise.hub import Hub
from expertise.hub.entries import entry_change
from expertise.kdf import KdfParams
from expertise.models import Entry
from expertise.records import ImportReport
from expertise.resources import load_yaml, resources_dir
from expertise.services import replay
from expertise.vault import Vault

DEMO_PASSPHRASE = "demo-only-not-secret"


def demo_content_dir() -> Path:
    return resources_dir() / "demo"


def fill_with_demo(hub: Hub) -> ImportReport:
    report = hub.transfer.import_paths([demo_content_dir()])
    replay_demo_history(hub)
    return report


def replay_demo_history(hub: Hub) -> None:
    """Give the demo's bottlenecks their dated past (resources/demo/history.yaml)."""
    raw = load_yaml("demo/history.yaml") or {}
    plan = {
        str(entry_id): replay.steps_from(steps, str(entry_id)) for entry_id, steps in raw.items()
    }

    def action(session: Session) -> list[Entry]:
        return [replay.replay(session, entry_id, steps) for entry_id, steps in plan.items()]

    hub.session.write(
        action, lambda entries: entry_change([e.id for e in entries], [e.kind for e in entries])
    )


def ensure_demo_hub(folder: Path) -> bool:
    """Create and fill the demo hub if it does not exist yet; True if created."""
    if Vault.is_vault(folder):
        return False
    # The floor, not a calibrated cost: the passphrase is public anyway.
    with Hub.create(folder, DEMO_PASSPHRASE, kdf=KdfParams.floor()) as hub:
        fill_with_demo(hub)
    return True
