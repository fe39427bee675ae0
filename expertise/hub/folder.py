"""`HubFolder`: what can be done with a hub folder before it is unlocked.

Whether the folder holds a hub, its public header (id, creation time, which key
wraps it has), creating one, unlocking it (passphrase, recovery key, or the key
remembered in this device's keyring) and the demo hub. The unlock and create
dialogs need nothing else from the core. Importing this module loads neither
SQLAlchemy nor Whoosh: `Hub` is imported when a hub is opened.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from expertise import keystore
from expertise.errors import HubError, UserError
from expertise.kdf import KdfParams
from expertise.vault_header import HEADER_NAME, RECOVERY, VaultHeader, read_header

if TYPE_CHECKING:
    from expertise.hub.hub import Hub


def hub_class() -> type[Hub]:
    """`Hub`, imported on first use (loading the core takes a second or two)."""
    from expertise.hub.hub import Hub

    return Hub


def keyring_available() -> bool:
    """Whether this device has a secure OS keyring for 'remember on this device'."""
    ring, _reason = keystore.secure_backend()
    return ring is not None


class HubFolder:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path).expanduser()

    def __repr__(self) -> str:
        return f"HubFolder({str(self.path)!r})"

    @property
    def header_file(self) -> Path:
        """The one file that marks a hub folder (watched for changes by the UI)."""
        return self.path / HEADER_NAME

    def exists(self) -> bool:
        """Whether the folder holds a hub's header file (not whether it is valid)."""
        return self.header_file.is_file()

    def is_free(self) -> bool:
        """Whether a new hub may be created here: the folder is missing or empty."""
        if not self.path.exists():
            return True
        return self.path.is_dir() and not any(self.path.iterdir())

    def header(self) -> VaultHeader:
        """The public header; raises NotAHub or IntegrityError for a bad one."""
        return read_header(self.path)

    def identity(self) -> tuple[int, int] | None:
        """(device, inode) of the hub's database, or None when the hub is not reachable.

        A different identity for the same path means another hub (or a restored
        copy) now sits where the open one was.
        """
        from expertise.db import DB_NAME  # not at import: it loads SQLAlchemy

        try:
            os.stat(self.header_file)
            found = os.stat(self.path / DB_NAME)
        except OSError:
            return None
        return found.st_dev, found.st_ino

    def has_recovery_key(self) -> bool:
        return self.header().wrap(RECOVERY) is not None

    # -- create and unlock -----------------------------------------------------
    def create(
        self,
        passphrase: str,
        *,
        kdf: KdfParams | None = None,
        with_recovery_key: bool = False,
        index_async: bool = False,
    ) -> tuple[Hub, str | None]:
        """A new hub here, unlocked; and its recovery key (shown once) if asked for.

        `kdf` None calibrates the key derivation to this machine.
        """
        hub = hub_class().create(self.path, passphrase, kdf=kdf, index_async=index_async)
        try:
            recovery = hub.keys.add_recovery_key() if with_recovery_key else None
        except BaseException:
            hub.lock()
            raise
        return hub, recovery

    def unlock(self, passphrase: str, *, index_async: bool = False) -> Hub:
        return hub_class().open(self.path, passphrase, index_async=index_async)

    def unlock_with_recovery_key(self, recovery_key: str, *, index_async: bool = False) -> Hub:
        return hub_class().open_with_recovery_key(
            self.path, recovery_key, index_async=index_async
        )

    # -- the key remembered on this device ---------------------------------------
    def _remembered_key(self) -> bytes | None:
        try:
            return keystore.recall(self.header().hub_id)
        except (HubError, OSError):
            return None

    def has_remembered_key(self) -> bool:
        """Whether this device's keyring holds this hub's key (False on any doubt)."""
        return self._remembered_key() is not None

    def unlock_remembered(self, *, index_async: bool = False) -> Hub:
        """Open with the key in this device's keyring (UserError if there is none)."""
        key = self._remembered_key()
        if key is None:
            raise UserError("no key for this hub is remembered on this device")
        return hub_class().open_with_master_key(self.path, key, index_async=index_async)

    # -- the demo hub --------------------------------------------------------------
    def ensure_demo(self) -> bool:
        """Create the fictional demo hub here unless it exists; True if it was created."""
        from expertise.demo import ensure_demo_hub

        return ensure_demo_hub(self.path)

    def open_demo(self, *, index_async: bool = False) -> Hub:
        """The fictional demo hub in this folder, created on first use, unlocked."""
        from expertise.demo import DEMO_PASSPHRASE

        self.ensure_demo()
        return self.unlock(DEMO_PASSPHRASE, index_async=index_async)
