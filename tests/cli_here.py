"""The `expertise` command line run in the test process: `main(argv)`, not a new interpreter.

A CLI subprocess costs ~2 CPU s before it does anything (importing SQLAlchemy, the index,
Whoosh) and, after `init`, a calibrated Argon2 derivation (~0.5 s by design) on every later
command. `run_cli_here` runs the same parser, handlers and error reporting through
`expertise.cli.main` and returns what `run_cli` returns (exit code, stdout, stderr), so a
test can switch between the two without changing an assertion. What it does not cover, and
what the tests that keep `run_cli` are for: the interpreter's own exit (`python -m
expertise`), a real stdin or terminal, the environment a child inherits, and a scan of what a
separate process leaves on disk.

The process-wide state `main` changes (umask, exception hooks, the root logger, the
environment it pops passphrases from, stdin, cwd) is restored afterwards.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from unittest import mock

from tests.conftest import REPO


def _floor_kdf(*_args: object, **_kwargs: object) -> object:
    from expertise.kdf import KdfParams

    return KdfParams.floor()


@contextlib.contextmanager
def floor_kdf_choice() -> Iterator[None]:
    """`init` and `pack export` choose the floor instead of calibrating to this machine.

    Only the test's choice of parameters changes: calibrate() would pick ~0.5 s of Argon2id
    (plus ~1 s of measuring) where the floor costs ~0.25 s, on every later open too. The
    derivation, the floor check and the header are the production ones; calibrate() itself
    is tested in tests/core/test_kdf.py and by the subprocess `init` in tests/core/test_cli.py.
    """
    with (
        mock.patch("expertise.vault.calibrate", _floor_kdf),
        mock.patch("expertise.packs.api.calibrate", _floor_kdf),
    ):
        yield


@contextlib.contextmanager
def _process_state(env: dict[str, str] | None, input_text: str | None) -> Iterator[None]:
    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_stdin = sys.stdin
    saved_hooks = (sys.excepthook, threading.excepthook)
    root = logging.getLogger()
    saved_logging = (root.handlers[:], root.level)
    mask = os.umask(0o077)
    os.umask(mask)
    # As run_cli: no EXPERTISE_* from the test process, then the test's own variables.
    for name in [k for k in os.environ if k.startswith("EXPERTISE_")]:
        del os.environ[name]
    os.environ.update(env or {})
    os.chdir(REPO)
    sys.stdin = io.StringIO(input_text or "")  # not a terminal, like a piped child's stdin
    root.handlers = []  # so main's logging.basicConfig writes to the captured stderr
    try:
        yield
    finally:
        root.handlers, _ = saved_logging
        root.setLevel(saved_logging[1])
        sys.stdin = saved_stdin
        sys.excepthook, threading.excepthook = saved_hooks
        os.umask(mask)
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def run_cli_here(
    *args: str, env: dict[str, str] | None = None, input_text: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`expertise *args` through `main(argv)` in this process, KDF choice at the floor."""
    from expertise.cli import main

    out, err = io.StringIO(), io.StringIO()
    with (
        _process_state(env, input_text),
        floor_kdf_choice(),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse: usage errors and --help
            code = _exit_code(exit_.code, err)
    return subprocess.CompletedProcess(["expertise", *args], code, out.getvalue(), err.getvalue())


def _exit_code(code: object, err: io.StringIO) -> int:
    # What the interpreter makes of sys.exit(code): None is 0, a text is printed and is 1.
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    err.write(f"{code}\n")
    return 1
