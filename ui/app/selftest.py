"""`expertise-hub --selftest`: prove a (packaged) app works on this machine, without a window.

It touches every native piece a bundle can lose: Qt and its platform plugin,
SQLCipher, Argon2id and AES-GCM, Alembic's migration files, the Whoosh index,
the Markdown sanitiser and the pack signer. Everything happens in a fresh
temporary folder with a random passphrase, and the folder is deleted after.
The one printed line names steps and timings only, never content.
"""

from __future__ import annotations

import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from expertise import Hub, KdfParams

MARKER = "zelftestcontrole"


def _qt() -> str:
    from PySide6.QtWidgets import QApplication

    from ui.safe_browser import InertDocument

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "selftest"])
    document = InertDocument()
    document.setHtml("<p>Expertise Hub</p>")
    if document.toPlainText() != "Expertise Hub":
        raise RuntimeError("Qt text rendering failed")
    return str(QApplication.platformName() if isinstance(app, QApplication) else "")


def _write_and_search(hub: Hub) -> None:
    record = hub.entries.add(
        "practice",
        {
            "title": "Zelftest werkwijze",
            "body": f"Controle van het zoeken: {MARKER}.",
            "tags": ["zelftest"],
            "classification": "internal",
        },
    )
    hub.attachments.add(record.id, "zelftest.txt", data=b"zelftest bijlage")
    hub.wait_for_index()
    if record.id not in {hit.id for hit in hub.search(MARKER).hits}:
        raise RuntimeError("the new entry was not found by search")
    if hub.entries.get(record.id).title != "Zelftest werkwijze":
        raise RuntimeError("the entry did not read back")


def _render() -> None:
    from expertise import markdown_to_html

    html = markdown_to_html("**vet** <script>x()</script>")
    if "<strong>" not in html or "<script" in html:
        raise RuntimeError("Markdown rendering or sanitising failed")


def _pack(hub: Hub, folder: Path) -> None:

    packs = hub.packs
    secret = secrets.token_urlsafe(16)
    out = folder / "zelftest.ekp"
    packs.export(out, secret, "internal", kdf=KdfParams.floor())
    if packs.inspect(out, secret).plan is None:
        raise RuntimeError("the knowledge pack did not read back")


def _exercise(folder: Path, steps: list[str]) -> None:
    def step(name: str, action: Callable[[], object]) -> None:
        start = time.perf_counter()
        action()
        steps.append(f"{name} {time.perf_counter() - start:.2f}s")

    platform: list[str] = []
    step("qt", lambda: platform.append(_qt()))
    step("render", _render)
    passphrase = secrets.token_urlsafe(24)
    hubs: list[Hub] = []
    step(
        "create", lambda: hubs.append(Hub.create(folder / "hub", passphrase, kdf=KdfParams.floor()))
    )
    hub = hubs[0]
    try:
        step("write+search", lambda: _write_and_search(hub))
        step("pack", lambda: _pack(hub, folder))
    finally:
        hub.lock()
    if not hub.locked:
        raise RuntimeError("the hub did not lock")
    steps.append("locked")
    step("reopen", lambda: Hub.open(folder / "hub", passphrase).lock())
    steps.insert(0, f"platform={platform[0] if platform else '?'}")


def run_selftest() -> int:
    """0 if every step passed, else 1; prints one line either way."""
    start = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="expertise-selftest-"))
    steps: list[str] = []
    try:
        _exercise(folder, steps)
    except Exception as error:  # any failure is the answer, reported not raised
        print(f"selftest FAILED after [{', '.join(steps)}]: {type(error).__name__}: {error}")
        return 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        print("selftest FAILED: the temporary folder could not be removed")
        return 1
    total = time.perf_counter() - start
    print(f"selftest ok in {total:.1f}s: {', '.join(steps)}")
    return 0
