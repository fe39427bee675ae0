"""The demo hub: fictional sample content behind a passphrase everyone knows.

The passphrase is public on purpose and printed with a warning: a demo hub
holds no real knowledge and must never be used for it.
"""

from __future__ import annotations

from pathlib import Path

from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.records import ImportReport
from expertise.resources import resources_dir
from expertise.vault import Vault

DEMO_PASSPHRASE = "demo-only-not-secret"


def demo_content_dir() -> Path:
    return resources_dir() / "demo"


def fill_with_demo(hub: Hub) -> ImportReport:
    return hub.transfer.import_paths([demo_content_dir()])


def ensure_demo_hub(folder: Path) -> bool:
    """Create and fill the demo hub if it does not exist yet; True if created."""
    if Vault.is_vault(folder):
        return False
    # The floor, not a calibrated cost: the passphrase is public anyway.
    with Hub.create(folder, DEMO_PASSPHRASE, kdf=KdfParams.floor()) as hub:
        fill_with_demo(hub)
    return True
