"""Make the fault screenshots in docs/screenshots from real faults (needs root to mount).

    .venv/bin/python -m tests.ui.fault_shots docs/screenshots

Full disk: the demo hub on a 12 MB tmpfs mounted at /media/usb-stick, filled up
while the hub is open, then the editor saves. Read-only: the same hub behind a
read-only bind mount, opened in the app. Everything is unmounted afterwards.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.ui.mounts import fill_up, read_only_bind, small_tmpfs

LANGUAGES = ("en", "nl")
STICK = Path("/media/usb-stick")


@contextmanager
def qt_app() -> Iterator[object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.app.application import guard_none_refcount
    from ui.i18n import Translations
    from ui.settings.store import use_memory
    from ui.shell.theme import apply_theme

    guard_none_refcount()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    use_memory()
    apply_theme(app, "light")  # type: ignore[arg-type]
    yield Translations()


def disk_full_shots(disk: Path, hub_folder: Path, out_dir: Path, translations) -> dict[str, str]:
    """One PNG per language of the full-disk dialog; the dialog's text by language."""
    from expertise.demo import DEMO_PASSPHRASE
    from expertise.hub import Hub
    from ui.app.screenshot import lock
    from ui.app.screenshot_faults import render_disk_full

    texts = {}
    for language in LANGUAGES:
        translations.install(language)
        hub = Hub.open(hub_folder, DEMO_PASSPHRASE)
        try:
            out = out_dir / f"{language}-disk-full.png"
            texts[language] = render_disk_full(hub, out, language, lambda: fill_up(disk))
        finally:
            (disk / "filler.bin").unlink(missing_ok=True)
            lock(hub)
    return texts


def read_only_shots(store: Path, medium: Path, out_dir: Path, translations) -> int:
    """The search page of a hub on read-only media whose index is missing, per language.

    `store` holds `centre-hub`; it is seen read-only at `medium` while the shots are taken.
    """
    from expertise.demo import DEMO_PASSPHRASE
    from expertise.hub import Hub
    from ui.app.screenshot import lock, render

    failed = 0
    with read_only_bind(store, medium):
        for language in LANGUAGES:
            translations.install(language)
            hub = Hub.open(medium / "centre-hub", DEMO_PASSPHRASE)
            try:
                failed |= render(hub, "search", out_dir / f"{language}-read-only.png", language)
            finally:
                lock(hub)
    return failed


def main(out_dir: Path) -> int:
    import shutil
    import tempfile

    from expertise.demo import ensure_demo_hub

    with qt_app() as translations, tempfile.TemporaryDirectory() as scratch:
        with small_tmpfs(STICK, "12m") as disk:
            hub_folder = disk / "centre-hub"
            ensure_demo_hub(hub_folder)
            texts = disk_full_shots(disk, hub_folder, out_dir, translations)
            # A partner's copy on a write-protected stick, handed out without its index.
            store = Path(scratch) / "store"
            shutil.copytree(
                hub_folder, store / "centre-hub", ignore=shutil.ignore_patterns("index")
            )
        failed = read_only_shots(store, STICK, out_dir, translations)
    for language, text in texts.items():
        print(language, repr(text))
    return 0 if all(texts.values()) and not failed else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
