"""Two processes, one hub; and a process killed in the middle of saving."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from expertise.errors import HubInUse
from expertise.hub import Hub
from expertise.kdf import KdfParams
from tests.conftest import PASSPHRASE, REPO, run_cli

WRITER = textwrap.dedent("""
    import sys
    from expertise.hub import Hub
    hub = Hub.open(sys.argv[1], sys.argv[2])
    n = 0
    while True:
        hub.entries.add("advice", {"title": f"Notitie {n}", "body": "x" * 5000})
        n += 1
        print(f"committed {n}", flush=True)
""")

HOLDER = textwrap.dedent("""
    import sys, time
    from expertise.hub import Hub
    hub = Hub.open(sys.argv[1], sys.argv[2])
    print("ready", flush=True)
    time.sleep(60)
""")


def _start(script: str, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, str(folder), PASSPHRASE],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


@pytest.fixture
def made(hub_path):
    Hub.create(hub_path, PASSPHRASE, kdf=KdfParams.floor()).close()
    return hub_path


def test_kill_mid_save_keeps_last_committed_state(made):
    writer = _start(WRITER, made)
    committed = 0
    assert writer.stdout is not None
    for line in writer.stdout:
        committed = int(line.split()[1])
        if committed >= 8:
            break
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(10)
    with Hub.open(made, PASSPHRASE) as hub:
        assert hub.entries.count() >= committed
        assert hub.maintenance.check().problems == [] or all(
            "index" in p for p in hub.maintenance.check().problems
        )
        assert hub.entries.get(hub.entries.find_by_title("Notitie 0").id).body_md == "x" * 5000


def test_second_process_gets_a_clear_in_use(made):
    holder = _start(HOLDER, made)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(HubInUse):
            Hub.open(made, PASSPHRASE)
        result = run_cli("--hub", str(made), "list", env={"EXPERTISE_PASSPHRASE": PASSPHRASE})
        assert result.returncode == 1
        assert "in use" in result.stderr.lower() or "another process" in result.stderr.lower()
        assert "Traceback" not in result.stderr
    finally:
        holder.kill()
        holder.wait(10)
    with Hub.open(made, PASSPHRASE) as hub:
        assert hub.entries.count() == 0
