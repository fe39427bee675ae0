"""The fault screenshots are made from real faults: a hub on a tmpfs filled while open."""

from __future__ import annotations

import shutil

from tests.ui.fault_shots import disk_full_shots, read_only_shots
from tests.ui.mounts import need_mount, small_tmpfs

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_disk_full_shots_show_the_real_dialog_in_both_languages(qapp, demo_hub_template, tmp_path):
    need_mount()
    from expertise.demo import DEMO_PASSPHRASE
    from expertise.hub import Hub
    from tests.conftest import PASSPHRASE
    from ui.i18n import Translations

    translations = Translations()
    with small_tmpfs(tmp_path / "stick", "12m") as disk:
        folder = disk / "hub"
        shutil.copytree(demo_hub_template, folder, ignore=shutil.ignore_patterns(".lock"))
        with Hub.open(folder, PASSPHRASE) as hub:
            hub.keys.change_passphrase(DEMO_PASSPHRASE)  # the demo passphrase the tool uses
        try:
            texts = disk_full_shots(disk, folder, tmp_path, translations)
        finally:
            translations.install("en")
        with Hub.open(folder, DEMO_PASSPHRASE) as hub:
            assert hub.maintenance.check().ok  # nothing lost by the failed saves
    assert texts["en"].startswith(f"The disk holding {folder} is full.")
    assert texts["nl"].startswith(f"De schijf met {folder} is vol.")
    for language in ("en", "nl"):
        data = (tmp_path / f"{language}-disk-full.png").read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 20000


def test_read_only_shots_come_from_a_real_read_only_mount(qapp, demo_hub_template, tmp_path):
    need_mount()
    from expertise.demo import DEMO_PASSPHRASE
    from expertise.hub import Hub
    from tests.conftest import PASSPHRASE
    from ui.i18n import Translations

    store = tmp_path / "store"
    folder = store / "centre-hub"
    shutil.copytree(demo_hub_template, folder, ignore=shutil.ignore_patterns(".lock", "index"))
    with Hub.open(folder, PASSPHRASE) as hub:
        hub.keys.change_passphrase(DEMO_PASSPHRASE)
    shutil.rmtree(folder / "index", ignore_errors=True)  # handed out without its index
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    translations = Translations()
    try:
        failed = read_only_shots(store, tmp_path / "medium", tmp_path, translations)
    finally:
        translations.install("en")
    assert failed == 0
    for language in ("en", "nl"):
        data = (tmp_path / f"{language}-read-only.png").read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 20000
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before  # nothing was written to the read-only hub
