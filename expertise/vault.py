"""The hub's master key and its wraps in `vault.json` (ARCHITECTURE §4).

A random 256-bit master key never touches the disk in clear. The header holds
it wrapped (AES-GCM) under one or two key-encryption keys: one from the
passphrase through Argon2id, and optionally one from a printed recovery key.
Each wrap's associated data binds the header's identity and the wrap's own KDF
parameters, so editing any of them makes the unwrap fail. A key-check value
(HMAC under the master key over the identity) lets a key from the OS keyring
be verified without a passphrase, and catches an edited identity after unlock.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from expertise.atomic import atomic_write_bytes
from expertise.crypto import KEY_LEN, Secret, aead_decrypt, aead_encrypt, hkdf, random_key, wipe
from expertise.errors import HubLocked, IntegrityError, UserError, WrongPassphrase
from expertise.kdf import KdfParams, calibrate, check_floor, derive_kek
from expertise.recovery import generate_recovery_key, parse_recovery_key
from expertise.vault_header import (
    HEADER_NAME,
    PASSPHRASE,
    RECOVERY,
    KeyWrap,
    VaultHeader,
    canonical_json,
    header_bytes,
    read_header,
    wrap_aad,
)

# Internal HKDF purposes sit under "vault/" so no caller's subkey() collides.
_KEY_CHECK_PURPOSE = "vault/key-check"
_RECOVERY_PURPOSE = "vault/recovery-wrap"


def _key_check(master: Secret, header: VaultHeader) -> bytes:
    check_key = hkdf(master, _KEY_CHECK_PURPOSE)
    return hmac.new(check_key, canonical_json(header.identity()), hashlib.sha256).digest()


def _check_passphrase(passphrase: str) -> None:
    if not isinstance(passphrase, str) or not passphrase:
        raise UserError("the passphrase must not be empty")


def _unwrap(kek: Secret, header: VaultHeader, wrap: KeyWrap) -> bytearray:
    return bytearray(aead_decrypt(kek, wrap.wrapped, wrap_aad(header, wrap.kind, wrap.kdf)))


class Vault:
    """An unlocked (or since locked) hub vault. Make one with create/unlock."""

    HEADER_NAME = HEADER_NAME

    def __init__(self, folder: Path, header: VaultHeader, master: bytearray) -> None:
        self._folder = Path(folder)
        self._header = header
        self._master = master
        self._locked = False
        # A successor built by a re-key lives in memory until the swap puts its
        # header in place (expertise.rekey); until then nothing is saved.
        self._detached = False

    # --- opening ---

    @staticmethod
    def is_vault(folder: Path) -> bool:
        """Whether `folder` holds a header file (not whether it is valid)."""
        return (Path(folder) / HEADER_NAME).is_file()

    @classmethod
    def create(cls, folder: Path, passphrase: str, *, kdf: KdfParams | None = None) -> Vault:
        """A new vault with a fresh master key; `kdf` None means calibrate()."""
        _check_passphrase(passphrase)
        folder = Path(folder)
        if os.path.lexists(folder / cls.HEADER_NAME):
            raise UserError("this folder already holds a hub")
        if folder.exists() and not folder.is_dir():
            raise UserError("the hub location is not a folder")
        params = calibrate() if kdf is None else kdf
        check_floor(params)
        folder.mkdir(parents=True, exist_ok=True)
        created = datetime.now(UTC).isoformat(timespec="seconds")
        header = VaultHeader(str(uuid.uuid4()), created, b"", ())
        master = random_key()
        vault = cls(folder, replace(header, key_check=_key_check(master, header)), master)
        vault._wrap_passphrase(passphrase, params)
        return vault

    @classmethod
    def unlock(cls, folder: Path, passphrase: str) -> Vault:
        header = read_header(folder)
        wrap, params = header.passphrase_wrap()
        kek = derive_kek(passphrase, params)
        try:
            master = _unwrap(kek, header, wrap)
        except IntegrityError:
            raise WrongPassphrase(
                "the passphrase does not unlock this hub (wrong passphrase or altered header)"
            ) from None
        finally:
            wipe(kek)
        return cls._verified(folder, header, master)

    @classmethod
    def unlock_with_recovery_key(cls, folder: Path, recovery_key: str) -> Vault:
        header = read_header(folder)
        wrap = header.wrap(RECOVERY)
        if wrap is None:
            raise WrongPassphrase("this hub has no recovery key")
        key = parse_recovery_key(recovery_key)
        kek = bytearray(hkdf(key, _RECOVERY_PURPOSE))
        wipe(key)
        try:
            master = _unwrap(kek, header, wrap)
        except IntegrityError:
            raise WrongPassphrase("the recovery key does not unlock this hub") from None
        finally:
            wipe(kek)
        return cls._verified(folder, header, master)

    @classmethod
    def unlock_with_master_key(cls, folder: Path, master_key: bytes) -> Vault:
        """Open with a key remembered on this device, checked by the key-check value."""
        header = read_header(folder)
        master = bytearray(master_key)
        if len(master) != KEY_LEN or not _matches(master, header):
            wipe(master)
            raise WrongPassphrase("the remembered key does not unlock this hub")
        return cls(folder, header, master)

    @classmethod
    def _verified(cls, folder: Path, header: VaultHeader, master: bytearray) -> Vault:
        if not _matches(master, header):
            wipe(master)
            raise IntegrityError("vault header key check failed: the header was altered")
        return cls(folder, header, master)

    # --- changing the wraps ---

    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
        """Rewrap the master key only; `kdf` None keeps the costs with a new salt."""
        self._require_unlocked()
        _check_passphrase(new_passphrase)
        params = self.kdf_params.with_fresh_salt() if kdf is None else kdf
        self._wrap_passphrase(new_passphrase, params)

    def add_recovery_key(self) -> str:
        """Add (or replace) the recovery wrap; the returned key is shown once."""
        self._require_unlocked()
        key, text = generate_recovery_key()
        kek = bytearray(hkdf(key, _RECOVERY_PURPOSE))
        wipe(key)
        try:
            wrapped = aead_encrypt(kek, self._master, wrap_aad(self._header, RECOVERY, None))
        finally:
            wipe(kek)
        self._save(self._header.with_wrap(KeyWrap(RECOVERY, wrapped)))
        return text

    def successor(
        self, new_passphrase: str, *, kdf: KdfParams | None = None
    ) -> tuple[Vault, str | None]:
        """The same hub under a fresh master key, not yet on disk (see header_file).

        The new header keeps the hub's identity and wraps the new key under
        `new_passphrase` only, plus a new recovery key (returned, shown once)
        if this vault has one: no wrap of the old key survives.
        """
        self._require_unlocked()
        _check_passphrase(new_passphrase)
        params = self.kdf_params.with_fresh_salt() if kdf is None else kdf
        check_floor(params)
        base = VaultHeader(self.hub_id, self._header.created, b"", ())
        master = random_key()
        new = Vault(self._folder, replace(base, key_check=_key_check(master, base)), master)
        new._detached = True
        new._wrap_passphrase(new_passphrase, params)
        recovery = new.add_recovery_key() if self.has_recovery_key() else None
        return new, recovery

    def header_file(self) -> bytes:
        """The bytes of this vault's `vault.json`."""
        return header_bytes(self._header)

    def attach(self) -> None:
        """The successor's header is now the hub's: later changes are saved."""
        self._detached = False

    def remove_recovery_key(self) -> None:
        self._require_unlocked()
        if self.has_recovery_key():
            self._save(self._header.without(RECOVERY))

    def has_recovery_key(self) -> bool:
        return self._header.wrap(RECOVERY) is not None

    def _wrap_passphrase(self, passphrase: str, params: KdfParams) -> None:
        kek = derive_kek(passphrase, params)
        try:
            aad = wrap_aad(self._header, PASSPHRASE, params)
            wrapped = aead_encrypt(kek, self._master, aad)
        finally:
            wipe(kek)
        self._save(self._header.with_wrap(KeyWrap(PASSPHRASE, wrapped, params)))

    def _save(self, header: VaultHeader) -> None:
        # The in-memory header changes only once the new file is in place.
        if self._detached:
            self._header = header
            return
        atomic_write_bytes(self._folder / self.HEADER_NAME, header_bytes(header))
        self._header = header

    # --- keys ---

    def subkey(self, purpose: str) -> bytearray:
        """An HKDF sub-key: "database", "index", "attachments", "signing", ...

        A bytearray, so the caller can wipe it once the key is handed over.
        """
        self._require_unlocked()
        return bytearray(hkdf(self._master, purpose))

    def master_key_copy(self) -> bytes:
        self._require_unlocked()
        return bytes(self._master)

    def lock(self) -> None:
        """Overwrite the master key; the object is useless afterwards."""
        wipe(self._master)
        self._locked = True

    def _require_unlocked(self) -> None:
        if self._locked:
            raise HubLocked("the hub is locked")

    # --- facts ---

    @property
    def hub_id(self) -> str:
        return self._header.hub_id

    @property
    def folder(self) -> Path:
        return self._folder

    @property
    def kdf_params(self) -> KdfParams:
        return self._header.passphrase_wrap()[1]

    @property
    def locked(self) -> bool:
        return self._locked

    def __repr__(self) -> str:
        return f"Vault(hub_id={self.hub_id!r}, locked={self._locked})"


def _matches(master: bytearray, header: VaultHeader) -> bool:
    return hmac.compare_digest(_key_check(master, header), header.key_check)
