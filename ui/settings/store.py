"""The one home of UI settings (ARCHITECTURE §11.9): typed accessors with defaults.

Only preferences and hub folder paths live here, never content: no titles,
no queries, no entry ids. Tests switch persistence off with `use_memory()`,
so a test run never reads or writes the user's real settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "ExpertiseHub"
APPLICATION = "ExpertiseHub"
LANGUAGES = ("en", "nl")
THEMES = ("light", "dark")
IDLE_MINUTES_DEFAULT = 10
IDLE_MINUTES_RANGE = (1, 240)
RECENT_MAX = 8


class Backend(Protocol):
    def value(self, key: str, default: object = None) -> object: ...

    def setValue(self, key: str, value: object) -> None: ...  # noqa: N802 (Qt's name)

    def remove(self, key: str) -> None: ...


class MemoryBackend:
    """Same face as QSettings, kept in a dict: for tests and screenshots."""

    def __init__(self) -> None:
        self._values: dict[str, object] = {}

    def value(self, key: str, default: object = None) -> object:
        return self._values.get(key, default)

    def setValue(self, key: str, value: object) -> None:  # noqa: N802
        self._values[key] = value

    def remove(self, key: str) -> None:
        self._values.pop(key, None)


def _as_bool(raw: object, default: bool) -> bool:
    # QSettings hands back "true"/"false" strings from INI files on some platforms.
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        return raw.lower() in ("1", "true", "yes")
    return default if raw is None else bool(raw)


def _as_int(raw: object, default: int) -> int:
    try:
        return int(str(raw)) if raw is not None else default
    except ValueError:
        return default


class Settings:
    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    # -- language ------------------------------------------------------------
    @property
    def language(self) -> str:
        """'' means: follow the system language."""
        raw = str(self._backend.value("ui/language", "") or "")
        return raw if raw in LANGUAGES else ""

    @language.setter
    def language(self, value: str) -> None:
        self._backend.setValue("ui/language", value if value in LANGUAGES else "")

    # -- theme ---------------------------------------------------------------
    @property
    def theme(self) -> str:
        raw = str(self._backend.value("ui/theme", "light") or "light")
        return raw if raw in THEMES else "light"

    @theme.setter
    def theme(self, value: str) -> None:
        self._backend.setValue("ui/theme", value if value in THEMES else "light")

    # -- locking -------------------------------------------------------------
    @property
    def idle_minutes(self) -> int:
        raw = _as_int(self._backend.value("security/idle_minutes"), IDLE_MINUTES_DEFAULT)
        low, high = IDLE_MINUTES_RANGE
        return min(max(raw, low), high)

    @idle_minutes.setter
    def idle_minutes(self, value: int) -> None:
        low, high = IDLE_MINUTES_RANGE
        self._backend.setValue("security/idle_minutes", min(max(int(value), low), high))

    @property
    def remember_on_device(self) -> bool:
        """The user's wish; the key itself only ever goes to a secure OS keyring."""
        return _as_bool(self._backend.value("security/remember_on_device"), False)

    @remember_on_device.setter
    def remember_on_device(self, value: bool) -> None:
        self._backend.setValue("security/remember_on_device", bool(value))

    # -- hubs and window -------------------------------------------------------
    @property
    def recent_hubs(self) -> list[Path]:
        raw = self._backend.value("hubs/recent", [])
        items = [raw] if isinstance(raw, str) else list(raw or [])  # type: ignore[call-overload]
        return [Path(str(item)) for item in items if str(item)]

    def add_recent_hub(self, folder: Path) -> None:
        folder = Path(folder).resolve()
        recent = [p for p in self.recent_hubs if p != folder]
        self._backend.setValue("hubs/recent", [str(p) for p in [folder, *recent][:RECENT_MAX]])

    def forget_recent_hub(self, folder: Path) -> None:
        folder = Path(folder).resolve()
        self._backend.setValue("hubs/recent", [str(p) for p in self.recent_hubs if p != folder])

    @property
    def window_geometry(self) -> QByteArray | None:
        raw = self._backend.value("window/geometry")
        return raw if isinstance(raw, QByteArray) else None

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._backend.setValue("window/geometry", value)


_current: Settings | None = None


def settings() -> Settings:
    global _current
    if _current is None:
        _current = Settings(QSettings(ORGANISATION, APPLICATION))
    return _current


def use_memory() -> Settings:
    """Switch persistence off for this process (tests, screenshots)."""
    global _current
    _current = Settings(MemoryBackend())
    return _current
