"""Dutch and English: the catalogue is complete, compiles, and a switch relabels the window."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from tests.conftest import PASSPHRASE, REPO

TS_FILE = REPO / "resources" / "i18n" / "expertise_nl.ts"
TOOLS = Path(sys.executable).parent


def _messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts_file).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_every_dutch_message_is_finished():
    messages = _messages(TS_FILE)
    assert len(messages) > 100
    unfinished = [
        source
        for (_, source), message in messages.items()
        if (message.find("translation").get("type") in ("unfinished", "obsolete", "vanished"))
        or not "".join(message.find("translation").itertext()).strip()
    ]
    assert unfinished == []


def test_every_ui_string_is_in_the_catalogue(tmp_path):
    lupdate = TOOLS / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed next to this Python")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (REPO / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    missing = sorted(set(_messages(fresh)) - set(_messages(TS_FILE)))
    assert missing == [], "run the i18n update and translate these"


def test_no_string_hides_from_lupdate():
    """lupdate only sees literal `tr("text")` / `X.translate("Context", "text")` calls.

    A wrapper (`def _tr(text)`) or an alias (`tr = QCoreApplication.translate`)
    hides its strings, or files them under the wrong context, so they are never
    translated however complete the catalogue looks.
    """
    wrapper = re.compile(r"translate\(\s*\"\w+\"\s*,\s*[a-z_]\w*\s*[,)]")
    alias = re.compile(r"=\s*QCoreApplication\.translate\b")
    offenders = [
        f"{path.relative_to(REPO)}:{number}"
        for path in sorted((REPO / "ui").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if wrapper.search(line) or alias.search(line)
    ]
    assert offenders == []


def test_placeholders_survive_translation():
    for (_, source), message in _messages(TS_FILE).items():
        translation = "".join(message.find("translation").itertext())
        assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", translation))


def test_the_qm_is_compiled_from_the_ts_when_missing(tmp_path, monkeypatch):
    from ui import i18n

    folder = tmp_path / "i18n"
    folder.mkdir()
    shutil.copy(TS_FILE, folder / TS_FILE.name)
    monkeypatch.setattr(i18n, "i18n_dir", lambda: folder)
    compiled = i18n.qm_path("nl", cache=tmp_path / "cache")
    assert compiled is not None and compiled.stat().st_size > 1000
    assert compiled.parent == tmp_path / "cache"  # the source folder may be read-only


def test_checkouts_sharing_the_cache_each_get_their_own_catalogue(tmp_path, monkeypatch):
    """Another checkout's .qm in the shared cache must not stand in for ours."""
    from ui import i18n

    cache = tmp_path / "cache"
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    for folder, word in ((mine, "Barrièremodel"), (theirs, "Iets anders")):
        folder.mkdir()
        text = TS_FILE.read_text(encoding="utf-8").replace(
            "<translation>Barrièremodel</translation>", f"<translation>{word}</translation>", 1
        )
        (folder / TS_FILE.name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(i18n, "i18n_dir", lambda: mine)
    ours = i18n.qm_path("nl", cache=cache)
    monkeypatch.setattr(i18n, "i18n_dir", lambda: theirs)
    other = i18n.qm_path("nl", cache=cache)
    monkeypatch.setattr(i18n, "i18n_dir", lambda: mine)
    assert ours is not None and other is not None and ours != other
    assert i18n.qm_path("nl", cache=cache) == ours
    assert "Barrièremodel".encode("utf-16-be") in ours.read_bytes()


def test_language_follows_the_choice_then_the_system():
    from ui.i18n import resolve_language, system_language

    assert resolve_language("nl", "en") == "nl"
    assert resolve_language(None, "en") == "en"
    assert resolve_language(None, "") == system_language()


def test_switching_to_dutch_relabels_the_running_window(
    qapp, qtbot, memory_settings, demo_hub_template, tmp_path
):
    from ui.app.application import AppController
    from ui.i18n import Translations

    folder = tmp_path / "hub"
    shutil.copytree(demo_hub_template, folder, ignore=shutil.ignore_patterns(".lock"))
    translations = Translations()
    app = AppController(qapp, memory_settings, translations, "en")
    try:
        with qtbot.waitSignal(app.sig_unlocked, timeout=30000):
            app.start(folder, PASSPHRASE)
        qtbot.wait(300)
        menus = [action.text() for action in app.window.menuBar().actions()]
        assert "&File" in menus
        entry_id = app.ctx.hub.entries.list()[0].id
        app.window.open_entry(entry_id)
        qtbot.waitUntil(lambda: app.window.entry_view.current_id() == entry_id, timeout=10000)
        app.set_language("nl")
        qtbot.wait(300)
        menus = [action.text() for action in app.window.menuBar().actions()]
        assert "&Bestand" in menus
        first = app.window.sidebar.tree.item(0).text()
        assert first.startswith("Alle items")
        # still where the user was
        qtbot.waitUntil(lambda: app.window.entry_view.current_id() == entry_id, timeout=10000)
        assert app.window.entry_view.banner.text() in ("INTERN", "OPENBAAR", "VERTROUWELIJK")
        app.set_language("en")
        menus = [action.text() for action in app.window.menuBar().actions()]
        assert "&File" in menus
    finally:
        translations.install("en")
        app.shutdown()


def test_qt_translate_falls_back_to_english_without_a_catalogue(qapp):
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
