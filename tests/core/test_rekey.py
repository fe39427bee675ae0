"""Re-key: a new master key, everything re-encrypted, the old keys open nothing.

Real hubs on disk throughout: SQLCipher, sealed attachments, the sealed
Whoosh index. Crashes are real too: a child process is killed (os._exit) at
each step of the re-key, and the hub must then open with the old or the new
passphrase and hold every entry.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlcipher3

from expertise import keystore, rekey
from expertise.crypto import AeadCipher, hkdf
from expertise.errors import IntegrityError, KeyringUnavailable, UserError, WrongPassphrase
from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.vault import Vault
from index.storage import read_header
from index.types import IndexCorrupt
from tests.conftest import PASSPHRASE, REPO, file_contains, files_containing

NEW = "a completely different passphrase"
MARKER = "Zwaluwstaartverband"  # one searchable word, in entries and attachments
ATTACHMENT = b"draaiboek stap een " + MARKER.encode() + b" stap twee"


def _fill(hub: Hub) -> dict[str, str]:
    """Three entries (one with an attachment); their ids by title."""
    ids = {}
    for n in range(3):
        entry = hub.entries.add(
            "advice", {"title": f"Advies {n}", "body": f"Werkwijze {MARKER} stap {n}"}
        )
        ids[entry.title] = entry.id
    hub.attachments.add(ids["Advies 0"], "draaiboek.txt", data=ATTACHMENT)
    hub.packs.publisher_fingerprint()  # makes the sealed signing key row
    return ids


Made = tuple[Path, dict[str, str], str | None]


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Made]:
    """One filled hub without and one with a recovery key, copied by each test."""
    made = {}
    for recovery in (False, True):
        folder = tmp_path_factory.mktemp("rekey-template") / "hub"
        with Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()) as hub:
            ids = _fill(hub)
            key = hub.keys.add_recovery_key() if recovery else None
        made[recovery] = (folder, ids, key)
    return made


@pytest.fixture
def make_hub(templates: dict[bool, Made]):
    def make(folder: Path, *, recovery: bool = False) -> tuple[dict[str, str], str | None]:
        source, ids, key = templates[recovery]
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns(".lock"))
        return ids, key

    return make


def _assert_whole(hub: Hub, ids: dict[str, str], tmp_path: Path) -> None:
    assert hub.entries.count() == len(ids)
    for title, entry_id in ids.items():
        assert hub.entries.get(entry_id).title == title
    (record,) = hub.attachments.list(ids["Advies 0"])
    out = tmp_path / f"copy-{len(list(tmp_path.iterdir()))}"
    out.mkdir()
    assert hub.attachments.save_copy(record.id, out).read_bytes() == ATTACHMENT
    results = hub.search(MARKER)
    assert {h.id for h in results.hits} == set(ids.values())
    report = hub.maintenance.check()
    assert report.ok, report.problems


def _plaintext_on_disk(folder: Path) -> list[Path]:
    return files_containing(folder, MARKER) + files_containing(folder, "Werkwijze")


# --- the re-key itself ----------------------------------------------------------


def test_rekey_keeps_everything_and_only_the_new_passphrase_opens(make_hub, hub_path, tmp_path):
    ids, _ = make_hub(hub_path)
    with Hub.open(hub_path, PASSPHRASE) as hub:
        fingerprint = hub.packs.publisher_fingerprint()
        old_master = hub._vault.master_key_copy()
        assert hub.keys.rekey(NEW, kdf=KdfParams.floor()) is None  # no recovery key before
        _assert_whole(hub, ids, tmp_path)  # still usable in this process
        assert hub._vault.master_key_copy() != old_master
    assert not (hub_path / rekey.STAGE_DIR).exists()
    with pytest.raises(WrongPassphrase):
        Hub.open(hub_path, PASSPHRASE)
    with Hub.open(hub_path, NEW) as hub:
        _assert_whole(hub, ids, tmp_path)
        # the publisher key is the same key, sealed again under the new master
        assert hub.packs.publisher_fingerprint() == fingerprint
        assert [a.action for a in hub.maintenance.audit_log()].count("rekey") == 1
    assert _plaintext_on_disk(hub_path) == []


def test_no_plaintext_reaches_temp_files_or_logs(make_hub, hub_path, caplog):
    from tests.core.test_canary import _temp_files

    caplog.set_level(logging.DEBUG)
    make_hub(hub_path)
    before = _temp_files()
    with Hub.open(hub_path, PASSPHRASE) as hub:
        hub.keys.rekey(NEW, kdf=KdfParams.floor())
    changed = [p for p, mtime in _temp_files().items() if before.get(p) != mtime]
    assert changed  # the re-keyed hub itself lives under the temp dir: the scan saw it
    words = (MARKER, "Werkwijze")
    assert [p for p in changed if any(file_contains(p, word) for word in words)] == []
    assert [r for r in caplog.records if any(w in r.getMessage() for w in words)] == []


def _old_keys_open_nothing(
    hub_path: Path, old_vault: Path, secret: str, recovery: bool, old_blob_names: list[str]
) -> None:
    """With the old header back in place: the hub refuses, and no file decrypts."""
    shutil.copy2(old_vault, hub_path / "vault.json")
    opener = Hub.open_with_recovery_key if recovery else Hub.open
    with pytest.raises(IntegrityError):
        opener(hub_path, secret)
    unlock = Vault.unlock_with_recovery_key if recovery else Vault.unlock
    vault = unlock(hub_path, secret)  # the old header still unwraps the OLD master key
    connection = sqlcipher3.connect(str(hub_path / "hub.db"))
    connection.execute(f"PRAGMA key = \"x'{vault.subkey('database').hex()}'\"")
    with pytest.raises(sqlcipher3.DatabaseError):
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    connection.close()
    blobs = sorted((hub_path / "attachments").iterdir())
    assert blobs, "the re-keyed hub should still have its attachment"
    content = AeadCipher(hkdf(vault.subkey("attachments"), "attachments/content"))
    for blob in blobs:
        with pytest.raises(IntegrityError):
            content.decrypt(blob.read_bytes(), b"")  # wrong key fails before the AAD matters
    # names are HMACs under the naming key: every name changed with the key
    assert not {b.name for b in blobs} & set(old_blob_names)
    index_files = [p for p in (hub_path / "index").iterdir() if p.is_file()]
    assert index_files
    old_index = AeadCipher(vault.subkey("index"))
    for path in index_files:
        with pytest.raises(IndexCorrupt):
            read_header(path, path.name, old_index)
    vault.lock()


def test_old_vault_json_with_old_passphrase_opens_nothing(make_hub, hub_path, tmp_path):
    make_hub(hub_path)
    old_vault = tmp_path / "old-vault.json"
    shutil.copy2(hub_path / "vault.json", old_vault)
    old_blobs = [p.name for p in (hub_path / "attachments").iterdir()]
    with Hub.open(hub_path, PASSPHRASE) as hub:
        hub.keys.rekey(NEW, kdf=KdfParams.floor())
    _old_keys_open_nothing(hub_path, old_vault, PASSPHRASE, False, old_blobs)


def test_old_recovery_key_opens_nothing_and_a_new_one_is_issued(make_hub, hub_path, tmp_path):
    ids, old_key = make_hub(hub_path, recovery=True)
    assert old_key is not None
    old_vault = tmp_path / "old-vault.json"
    shutil.copy2(hub_path / "vault.json", old_vault)
    old_blobs = [p.name for p in (hub_path / "attachments").iterdir()]
    with Hub.open(hub_path, PASSPHRASE) as hub:
        new_key = hub.keys.rekey(NEW, kdf=KdfParams.floor())
    assert new_key is not None and new_key != old_key
    with pytest.raises(WrongPassphrase):
        Hub.open_with_recovery_key(hub_path, old_key)
    with Hub.open_with_recovery_key(hub_path, new_key) as hub:
        _assert_whole(hub, ids, tmp_path)
    _old_keys_open_nothing(hub_path, old_vault, old_key, True, old_blobs)


@pytest.mark.parametrize("refuses", [False, True])
def test_a_key_remembered_on_this_device_is_replaced_or_forgotten(
    make_hub, hub_path, monkeypatch, refuses
):
    stored: dict[str, bytes] = {}

    def remember(hub_id: str, key: bytes) -> None:
        if refuses and hub_id in stored:
            raise KeyringUnavailable("the OS keyring refused to store the key")
        stored[hub_id] = bytes(key)

    monkeypatch.setattr(keystore, "recall", stored.get)
    monkeypatch.setattr(keystore, "remember", remember)
    monkeypatch.setattr(keystore, "forget", lambda hub_id: stored.pop(hub_id, None))
    make_hub(hub_path)
    with Hub.open(hub_path, PASSPHRASE) as hub:
        hub.keys.remember_on_device()
        hub_id, old = hub.hub_id, stored[hub.hub_id]
        hub.keys.rekey(NEW, kdf=KdfParams.floor())
    with pytest.raises(WrongPassphrase):
        Hub.open_with_master_key(hub_path, old)
    if refuses:
        assert hub_id not in stored  # the old key is not left behind
        return
    assert stored[hub_id] != old
    with Hub.open_with_master_key(hub_path, stored[hub_id]) as hub:
        assert hub.entries.count() == 3


def test_a_damaged_attachment_refuses_the_rekey_and_changes_nothing(make_hub, hub_path):
    make_hub(hub_path)
    (blob,) = (hub_path / "attachments").iterdir()
    data = bytearray(blob.read_bytes())
    data[-3] ^= 0x01
    blob.write_bytes(bytes(data))
    before = (hub_path / "vault.json").read_bytes()
    with Hub.open(hub_path, PASSPHRASE) as hub:
        with pytest.raises(IntegrityError, match="run check"):
            hub.keys.rekey(NEW, kdf=KdfParams.floor())
        assert hub.entries.count() == 3  # still open under the old keys
    assert (hub_path / "vault.json").read_bytes() == before
    assert not (hub_path / rekey.STAGE_DIR).exists()


def test_a_new_passphrase_that_is_empty_changes_nothing(make_hub, hub_path, tmp_path):
    ids, _ = make_hub(hub_path)
    before = (hub_path / "vault.json").read_bytes()
    with Hub.open(hub_path, PASSPHRASE) as hub:
        with pytest.raises(UserError):
            hub.keys.rekey("")
    assert (hub_path / "vault.json").read_bytes() == before
    with Hub.open(hub_path, PASSPHRASE) as hub:
        _assert_whole(hub, ids, tmp_path)


def test_too_little_free_space_is_refused_up_front_with_the_figure(
    make_hub, hub_path, monkeypatch, tmp_path
):
    ids, _ = make_hub(hub_path)
    before = (hub_path / "vault.json").read_bytes()
    real = shutil.disk_usage

    def nearly_full(path: object) -> object:
        usage = real(path)  # type: ignore[arg-type]
        return type(usage)(usage.total, usage.total - 1024, 1024)

    monkeypatch.setattr(rekey.shutil, "disk_usage", nearly_full)
    with Hub.open(hub_path, PASSPHRASE) as hub:
        with pytest.raises(UserError, match=r"MB free"):
            hub.keys.rekey(NEW, kdf=KdfParams.floor())
        _assert_whole(hub, ids, tmp_path)
    assert not (hub_path / rekey.STAGE_DIR).exists()
    assert (hub_path / "vault.json").read_bytes() == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_everything_the_rekey_writes_is_private_under_umask_022(make_hub, hub_path):
    make_hub(hub_path)
    with Hub.open(hub_path, PASSPHRASE) as hub:
        old_umask = os.umask(0o022)  # after the open, which tightens the umask itself
        try:
            hub.keys.rekey(NEW, kdf=KdfParams.floor())
            written = [
                hub_path / "hub.db",
                hub_path / "vault.json",
                *(hub_path / "attachments").iterdir(),
                *(hub_path / "index").iterdir(),
            ]
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in written}
        finally:
            os.umask(old_umask)
    assert {name: mode for name, mode in modes.items() if mode & 0o077} == {}
    for folder in ("attachments", "index"):
        assert stat.S_IMODE((hub_path / folder).stat().st_mode) & 0o077 == 0


@pytest.mark.parametrize("step", rekey.STAGING_STEPS)
def test_an_error_while_staging_leaves_the_old_hub_working(
    make_hub, hub_path, monkeypatch, tmp_path, step
):
    ids, _ = make_hub(hub_path)

    def fail(name: str) -> None:
        if name == step:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(rekey, "checkpoint", fail)
    with Hub.open(hub_path, PASSPHRASE) as hub:
        with pytest.raises(OSError):
            hub.keys.rekey(NEW, kdf=KdfParams.floor())
        _assert_whole(hub, ids, tmp_path)  # reopened under the old keys, in place
    assert not (hub_path / rekey.STAGE_DIR).exists()
    with Hub.open(hub_path, PASSPHRASE) as hub:
        _assert_whole(hub, ids, tmp_path)


def test_cancel_before_the_commit_point_changes_nothing(make_hub, hub_path, tmp_path):
    ids, _ = make_hub(hub_path)
    before = (hub_path / "vault.json").read_bytes()
    seen: list[tuple[int, int]] = []
    with Hub.open(hub_path, PASSPHRASE) as hub:
        with pytest.raises(rekey.RekeyCancelled):
            hub.keys.rekey(
                NEW,
                kdf=KdfParams.floor(),
                progress=lambda *p: seen.append(p),
                cancel=lambda: len(seen) >= 1,
            )
        _assert_whole(hub, ids, tmp_path)
    assert seen == [(1, 4)]  # the database step; then the cancel was seen
    assert (hub_path / "vault.json").read_bytes() == before
    assert not (hub_path / rekey.STAGE_DIR).exists()


def test_progress_counts_every_attachment_and_ends_at_the_total(make_hub, hub_path):
    make_hub(hub_path)
    seen: list[tuple[int, int]] = []
    with Hub.open(hub_path, PASSPHRASE) as hub:
        hub.keys.rekey(NEW, kdf=KdfParams.floor(), progress=lambda *p: seen.append(p))
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]


@pytest.mark.parametrize("step", [rekey.COMMIT_STEP, *rekey.SWAP_STEPS[:-1]])
def test_an_error_after_the_commit_point_is_finished_by_the_next_open(
    make_hub, hub_path, monkeypatch, tmp_path, step
):
    ids, _ = make_hub(hub_path)

    def fail(name: str) -> None:
        if name == step:
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(rekey, "checkpoint", fail)
    hub = Hub.open(hub_path, PASSPHRASE)
    with pytest.raises(OSError):
        hub.keys.rekey(NEW, kdf=KdfParams.floor())
    assert hub.locked  # this object is done; the hub lock is free for the next open
    monkeypatch.undo()
    with pytest.raises(WrongPassphrase):
        Hub.open(hub_path, PASSPHRASE)
    with Hub.open(hub_path, NEW) as reopened:
        _assert_whole(reopened, ids, tmp_path)


# --- crashes: a real process killed at every step -----------------------------------

_CHILD = textwrap.dedent(
    """
    import os, sys
    from expertise import keystore, rekey
    from expertise.hub import Hub
    from expertise.kdf import KdfParams

    folder, old, new, step = sys.argv[1:5]

    def crash(name):
        if name == step:
            os._exit(70)

    rekey.checkpoint = crash
    hub = Hub.open(folder, old)
    hub.keys.rekey(new, kdf=KdfParams.floor())
    os._exit(0)
    """
)


def _killed_rekey(hub_path: Path, step: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(hub_path), PASSPHRASE, NEW, step],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 70), done.stderr
    return done.returncode


@pytest.mark.parametrize("step", rekey.ALL_STEPS)
def test_killed_at_any_step_the_hub_opens_with_old_or_new_and_loses_nothing(
    make_hub, hub_path, tmp_path, step
):
    ids, _ = make_hub(hub_path)
    assert _killed_rekey(hub_path, step) == 70
    assert _plaintext_on_disk(hub_path) == []  # staging holds ciphertext only
    committed = rekey.ALL_STEPS.index(step) >= rekey.ALL_STEPS.index(rekey.COMMIT_STEP)
    right, wrong = (NEW, PASSPHRASE) if committed else (PASSPHRASE, NEW)
    with pytest.raises(WrongPassphrase):
        Hub.open(hub_path, wrong)  # opening also finishes or discards the staging
    assert not (hub_path / rekey.STAGE_DIR).exists()
    with Hub.open(hub_path, right) as hub:
        _assert_whole(hub, ids, tmp_path)
        assert hub.maintenance.index_staleness() == ""


def test_a_committed_stage_is_finished_even_if_the_swap_was_half_done(
    make_hub, hub_path, tmp_path, monkeypatch
):
    """Stopped twice: once in the swap, once again while the next open finishes it."""
    ids, _ = make_hub(hub_path)
    swap_steps = rekey.ALL_STEPS[rekey.ALL_STEPS.index(rekey.COMMIT_STEP) + 1 :]
    assert _killed_rekey(hub_path, swap_steps[0]) == 70

    def stop(name: str) -> None:
        if name == swap_steps[-1]:
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(rekey, "checkpoint", stop)
    with pytest.raises(OSError):
        rekey.finish_or_discard(hub_path)
    monkeypatch.undo()
    assert (hub_path / rekey.STAGE_DIR).exists()
    with Hub.open(hub_path, NEW) as hub:
        _assert_whole(hub, ids, tmp_path)
        hub.keys.rekey("yet another passphrase", kdf=KdfParams.floor())  # and again
    with Hub.open(hub_path, "yet another passphrase") as hub:
        _assert_whole(hub, ids, tmp_path)
