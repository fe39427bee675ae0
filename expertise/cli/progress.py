"""A progress bar on stderr for long commands: shown on a terminal, silent when piped.

Output to a pipe or a file stays exactly what a script expects (the result
line, or JSON); on a terminal one line is redrawn in place, at most once per
percent, and ended with a newline before the result is printed.
"""

from __future__ import annotations

import sys
from typing import TextIO

WIDTH = 30
LABELS = {"read": "reading ", "index": "indexing"}


class ProgressBar:
    def __init__(self, stream: TextIO | None = None, *, enabled: bool = True) -> None:
        self._stream = stream or sys.stderr
        self._on = enabled and self._stream.isatty()
        self._shown: tuple[str, int] | None = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        """(phase, done, total), as `hub.transfer.import_paths` reports it."""
        if not self._on or total <= 0:
            return
        percent = min(100, done * 100 // total)
        if self._shown == (phase, percent):
            return
        if self._shown is not None and self._shown[0] != phase:
            self._stream.write("\n")
        self._shown = (phase, percent)
        filled = WIDTH * percent // 100
        bar = "#" * filled + "-" * (WIDTH - filled)
        label = LABELS.get(phase, phase)
        self._stream.write(f"\r{label} [{bar}] {percent:3d}% {done}/{total}")
        self._stream.flush()

    def close(self) -> None:
        if self._on and self._shown is not None:
            self._stream.write("\n")
            self._stream.flush()
            self._shown = None
