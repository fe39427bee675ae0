"""Secrets and content stay out of reach: the environment, error lines, logs, tracebacks.

A passphrase left in the environment is inherited by every child process;
an error message that quotes a value ends up in terminal scrollback, CI logs
and support tickets. Messages name the field, never its content.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from expertise.cli import main
from expertise.hub import Hub
from expertise.kdf import KdfParams
from tests.conftest import PASSPHRASE

MARKER = "zqx-canary-7731"  # short: the old messages quoted the first 40-80 characters


@pytest.fixture
def closed_hub(tmp_path: Path) -> Path:
    folder = tmp_path / "hub"
    with Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()) as hub:
        hub.entries.add("advice", {"title": "Werkwijze", "body": "Stappenplan."})
        hub.courses.create("Basiscursus", "internal")
    return folder


def test_passphrases_leave_the_environment_once_read(closed_hub: Path, monkeypatch) -> None:
    monkeypatch.setenv("EXPERTISE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("EXPERTISE_NEW_PASSPHRASE", "a new sentence for the hub")
    assert main(["--hub", str(closed_hub), "passwd"]) == 0
    assert "EXPERTISE_PASSPHRASE" not in os.environ
    assert "EXPERTISE_NEW_PASSPHRASE" not in os.environ
    monkeypatch.setenv("EXPERTISE_PASSPHRASE", "a new sentence for the hub")
    assert main(["--hub", str(closed_hub), "list"]) == 0
    assert "EXPERTISE_PASSPHRASE" not in os.environ


def test_pack_passphrase_leaves_the_environment(closed_hub: Path, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("EXPERTISE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("EXPERTISE_PACK_PASSPHRASE", "a sentence for the pack")
    out = tmp_path / "out.ekp"
    assert (
        main(["--hub", str(closed_hub), "pack", "export", str(out), "--ceiling", "internal"]) == 0
    )
    assert "EXPERTISE_PACK_PASSPHRASE" not in os.environ


FAILING = [
    ["add", "advice", "--title", "Advies", "--field", f"review_by={MARKER}"],
    ["add", "advice", "--title", "Advies", "--field", f"owner={MARKER}"],
    ["add", "advice", "--title", "Advies", "--theme", MARKER],
    ["add", "advice", "--title", "Advies", "--field", MARKER],
    ["course", "export", MARKER, "--html", "never-written.html"],
]


@pytest.mark.parametrize("args", FAILING, ids=lambda a: " ".join(a[:2] + a[-2:-1]))
def test_failing_command_does_not_echo_content(
    closed_hub: Path, args: list[str], monkeypatch, capsys, caplog
) -> None:
    monkeypatch.setenv("EXPERTISE_PASSPHRASE", PASSPHRASE)
    caplog.set_level(logging.DEBUG)
    assert main(["--hub", str(closed_hub), *args]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("error: ")
    assert MARKER not in captured.err + captured.out
    assert MARKER not in caplog.text


def test_database_errors_do_not_carry_statement_parameters(hub) -> None:
    from expertise.models import SavedSearch

    def add(session) -> None:  # a value the JSON column cannot store: SQLAlchemy refuses it
        session.add(SavedSearch(name=MARKER, query=MARKER, filters={"x": object()}))

    with pytest.raises(Exception) as raised:
        hub.session.read(add)
    assert "JSON serializable" in str(raised.value)
    assert MARKER not in str(raised.value)


def test_unexpected_error_prints_no_message(closed_hub: Path, monkeypatch, capsys) -> None:
    from expertise.cli import commands

    def broken(hub, args) -> int:
        raise KeyError(f"title {MARKER}")

    monkeypatch.setattr(commands, "cmd_list", broken)
    monkeypatch.setenv("EXPERTISE_PASSPHRASE", PASSPHRASE)
    assert main(["--hub", str(closed_hub), "list"]) == 1
    err = capsys.readouterr().err
    assert "KeyError" in err and MARKER not in err


def test_uncaught_exceptions_print_frames_not_messages(monkeypatch, capsys) -> None:
    import sys
    import threading

    from expertise.redact import install_excepthooks

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_excepthooks()
    try:
        try:
            {}[f"title {MARKER}"]
        except KeyError as inner:
            raise ValueError(f"body {MARKER}") from inner
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)

    def job() -> None:
        raise IndexError(f"tag {MARKER}")

    worker = threading.Thread(target=job)
    worker.start()
    worker.join()
    err = capsys.readouterr().err
    assert "KeyError" in err and "ValueError" in err and "IndexError" in err
    assert "test_no_content_in_errors.py" in err  # the frames are there for whoever fixes it
    assert MARKER not in err
