"""Describe an unexpected exception without its message.

An exception's message, and the messages of the exceptions chained to it,
may quote entry content (a KeyError on a title, a library error quoting a
value). Logs and stderr outlive the session, so for bugs they get the type
and the frames (file, line, function), which is what a developer needs to
find the fault, and never the message itself.
"""

from __future__ import annotations

import sys
import threading
import traceback

WITHHELD = "(message withheld: it may quote entry content)"


def describe(error: BaseException) -> str:
    """`KeyError at expertise/x.py:12 in f`: one line, no message."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return type(error).__name__
    last = frames[-1]
    return f"{type(error).__name__} at {last.filename}:{last.lineno} in {last.name}"


def stack_only(error: BaseException) -> str:
    """A traceback with frames and exception types only, chained causes included."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.format_list(traceback.extract_tb(current.__traceback__))
        parts.insert(0, "".join(frames) + f"{type(current).__name__} {WITHHELD}\n")
        current = current.__cause__ or current.__context__
    return "Traceback (most recent call last):\n" + "".join(parts)


def install_excepthooks() -> None:
    """Uncaught exceptions (a Qt slot, a thread) print frames and types, never messages."""

    def hook(kind: type[BaseException], error: BaseException, tb: object) -> None:
        sys.stderr.write(stack_only(error))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            sys.stderr.write(stack_only(args.exc_value))

    sys.excepthook = hook
    threading.excepthook = thread_hook
