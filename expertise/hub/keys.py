"""`KeyFacade` (``hub.keys``): the passphrase, a full re-key, the recovery key and
the master key kept in the OS keyring (docs/SECURITY.md, the key hierarchy)."""

from __future__ import annotations

from collections.abc import Callable

from expertise import keystore
from expertise.errors import KeyringUnavailable
from expertise.hub.core import HubCore
from expertise.kdf import KdfParams
from expertise.services import audit
from expertise.vault import Vault

Rekey = Callable[
    [str, KdfParams | None, Callable[[int, int], None], Callable[[], bool]], str | None
]


class KeyFacade:
    def __init__(self, hub: HubCore, vault: Callable[[], Vault], rekey: Rekey) -> None:
        # The vault and the re-key step belong to the hub's key lifecycle; `Hub` hands
        # them in, so this facade holds no reach into the hub's private parts.
        self._hub = hub
        self._work = hub.session
        self._vault = vault
        self._rekey = rekey

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the master key under a new passphrase (the data keys stay)."""
        self._work.require_writable()
        self._vault().change_passphrase(new_passphrase)
        self._work.read(lambda s: audit.record(s, "passwd"))

    def rekey(
        self,
        new_passphrase: str,
        *,
        kdf: KdfParams | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> str | None:
        """New master key, every file re-encrypted (expertise.rekey): for a passphrase
        someone may know. Returns the new recovery key if the hub had one, else None."""
        self._work.require_writable()
        recovery = self._rekey(
            new_passphrase, kdf, progress or (lambda _d, _t: None), cancel or (lambda: False)
        )
        self._replace_remembered_key()
        return recovery

    def _replace_remembered_key(self) -> None:
        # The old master key must not stay in the keyring: it opens old copies.
        if keystore.recall(self._hub.hub_id) is None:
            return
        try:
            keystore.remember(self._hub.hub_id, self._vault().master_key_copy())
        except KeyringUnavailable:
            keystore.forget(self._hub.hub_id)

    def add_recovery_key(self) -> str:
        """A new recovery key (shown once); it replaces any earlier one."""
        self._work.require_writable()
        key = self._vault().add_recovery_key()
        self._work.read(lambda s: audit.record(s, "recovery-key"))
        return key

    def remember_on_device(self) -> None:
        """Keep the master key in the OS keyring, so this device opens without a passphrase."""
        keystore.remember(self._hub.hub_id, self._vault().master_key_copy())

    def forget_on_device(self) -> None:
        keystore.forget(self._hub.hub_id)
