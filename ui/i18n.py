"""Dutch and English: resources/i18n/expertise_<lang>.ts → .qm, loaded by QTranslator.

The build compiles the .qm files; a source checkout that has only the .ts gets
it compiled at start-up with the venv's `pyside6-lrelease` into a cache dir,
so `python -m ui` works straight after a clone.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import sys
from pathlib import Path

from platformdirs import user_cache_dir
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from expertise import resources_dir

log = logging.getLogger(__name__)
LANGUAGES = ("en", "nl")
SOURCE_LANGUAGE = "en"  # the strings in the code are English: no .qm needed
_current = SOURCE_LANGUAGE  # the installed language; data labels (ui/labels.py) follow it


def ui_language() -> str:
    """The language the UI speaks now: the one the last Translations.install chose."""
    return _current


def system_language() -> str:
    return "nl" if QLocale.system().language() == QLocale.Language.Dutch else "en"


def resolve_language(*choices: str | None) -> str:
    """The first explicit choice (command line, then settings), else the system's."""
    for choice in choices:
        if choice in LANGUAGES:
            return str(choice)
    return system_language()


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


def _lrelease() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    return str(beside) if beside.exists() else shutil.which("pyside6-lrelease")


def _compile(ts_file: Path, out: Path) -> bool:
    tool = _lrelease()
    if tool is None:
        log.warning("pyside6-lrelease not found; the UI stays in English")
        return False
    out.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [tool, "-silent", str(ts_file), "-qm", str(out)], capture_output=True, timeout=60
    )
    return result.returncode == 0 and out.is_file()


def qm_path(language: str, cache: Path | None = None) -> Path | None:
    """The compiled catalogue for `language`, compiling the .ts if it is newer."""
    ts_file = i18n_dir() / f"expertise_{language}.ts"
    beside = ts_file.with_suffix(".qm")
    if beside.is_file() and (
        not ts_file.is_file() or beside.stat().st_mtime >= ts_file.stat().st_mtime
    ):
        return beside
    if not ts_file.is_file():
        return beside if beside.is_file() else None
    # Named by the catalogue's content, not only its name: checkouts (worktrees, an older
    # and a newer install) share this cache, and a time stamp cannot tell their files apart.
    digest = hashlib.sha256(ts_file.read_bytes()).hexdigest()[:16]
    folder = cache or Path(user_cache_dir("ExpertiseHub", appauthor=False))
    cached = folder / f"{beside.stem}-{digest}.qm"
    if cached.is_file():
        return cached
    return cached if _compile(ts_file, cached) else None


class Translations:
    """Owns the installed translators so a language switch can swap them."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = SOURCE_LANGUAGE

    def install(self, language: str) -> bool:
        """Switch the application to `language`; False if its catalogue is missing."""
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication first")
        self._remove(app)
        self.language = language if language in LANGUAGES else SOURCE_LANGUAGE
        global _current
        _current = self.language
        if self.language == SOURCE_LANGUAGE:
            return True
        ours = qm_path(self.language)
        loaded = ours is not None and self._load(app, str(ours.parent), ours.stem)
        # Qt's own strings (OK/Cancel, context menus) come from qtbase_<lang>.qm.
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        self._load(app, qt_dir, f"qtbase_{self.language}")
        return loaded

    def _load(self, app: QCoreApplication, folder: str, stem: str) -> bool:
        translator = QTranslator(app)
        if not translator.load(stem, folder):
            return False
        app.installTranslator(translator)
        self._installed.append(translator)
        return True

    def _remove(self, app: QCoreApplication) -> None:
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()
