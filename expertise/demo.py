"""The demo hub: fictional sample content behind a passphrase everyone knows.

The passphrase is public on purpose and printed with a warning: a demo hub
holds no real knowledge and must never be used for it.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from expertise.errors import HubInUse
from expertise.filelock import HubLock
from expertise.hub import Hub
from expertise.hub.core import LOCK_NAME
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


# Beside the demo hub's files: which shipped demo content filled it (a hash, no content).
DEMO_VERSION_FILE = "demo-content.sha256"


def demo_content_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(demo_content_dir().rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(demo_content_dir()).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_demo_hub(folder: Path) -> bool:
    """Create and fill the demo hub if it is missing or older than the shipped demo; True if made.

    A demo hub made from older demo content (an earlier version of the app) would
    hide what the current version shows, so it is set aside (renamed, never
    deleted) and made again, unless it is open right now.
    """
    version = demo_content_version()
    if Vault.is_vault(folder):
        if _recorded_version(folder) == version or not _set_aside(folder):
            return False
    # The floor, not a calibrated cost: the passphrase is public anyway.
    with Hub.create(folder, DEMO_PASSPHRASE, kdf=KdfParams.floor()) as hub:
        fill_with_demo(hub)
    (folder / DEMO_VERSION_FILE).write_text(version + "\n", encoding="ascii")
    return True


def _recorded_version(folder: Path) -> str:
    try:
        return (folder / DEMO_VERSION_FILE).read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _set_aside(folder: Path) -> bool:
    """Rename an outdated demo hub beside itself; False when it is in use."""
    lock = HubLock(folder / LOCK_NAME)
    try:
        lock.acquire()
    except HubInUse:
        return False
    lock.release()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder.rename(folder.with_name(f"{folder.name}-old-{stamp}"))
    return True
