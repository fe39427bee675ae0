"""A hub that vanishes under a running process: a real lazy unmount (`umount -l`).

The hub lives in `src` (the stick's content) and is used through a bind mount
`usb` (where the stick is plugged in). Unmounting `usb` lazily while the Hub is
open is what pulling the stick does to paths: the open database descriptors
keep working, every new file under the hub fails. Mounting it again is
plugging the stick back in; then every committed entry must be there.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from expertise.hub import Hub
from expertise.oserrors import FaultKind, HubFault
from tests.conftest import PASSPHRASE
from tests.faults import kit, mounts


@pytest.fixture
def plugged(tmp_path: Path) -> Iterator[tuple[kit.Seeded, Path]]:
    seeded = kit.seed_hub(tmp_path / "src")
    usb = tmp_path / "usb"
    usb.mkdir()
    mounts.require_mounts()
    subprocess.run(["mount", "--bind", str(seeded.folder), str(usb)], check=True, timeout=30)
    try:
        yield seeded, usb
    finally:
        while mounts.is_mounted(usb):
            mounts.unmount(usb, lazy=True)


def _edit(hub: Hub, seeded: kit.Seeded, tmp_path: Path) -> None:
    hub.entries.update(next(iter(seeded.committed)), {"body": "Nieuwe werkafspraak na overleg."})


def _import(hub: Hub, seeded: kit.Seeded, tmp_path: Path) -> None:
    hub.transfer.import_paths([kit.write_notes(tmp_path / "notes", 5, seeded.marker)])


def _reindex(hub: Hub, seeded: kit.Seeded, tmp_path: Path) -> None:
    hub.maintenance.reindex()


OPERATIONS: dict[str, Callable[[Hub, kit.Seeded, Path], None]] = {
    "edit/save (Hub)": _edit,
    "import (Hub)": _import,
    "reindex (Hub)": _reindex,
}


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_hub_pulled_while_open_real_lazy_unmount(
    plugged: tuple[kit.Seeded, Path], tmp_path: Path, operation: str
):
    seeded, usb = plugged
    hub = Hub.open(usb, PASSPHRASE)
    try:
        mounts.unmount(usb, lazy=True)  # the stick is pulled
        with pytest.raises(HubFault) as raised:
            OPERATIONS[operation](hub, seeded, tmp_path)
    finally:
        hub.lock()  # the app locks itself; this must not raise either way
    fault = raised.value.fault
    assert fault.kind is FaultKind.VANISHED and fault.exit_code == 10
    assert "\n" not in fault.message and seeded.marker not in fault.message
    subprocess.run(["mount", "--bind", str(seeded.folder), str(usb)], check=True, timeout=30)
    kit.verify_nothing_lost(seeded, plaintext_ok=[tmp_path / "notes"])
    kit.record(
        "hub vanished (real lazy unmount)", operation, fault.message, 10, "under a running Hub"
    )


def test_cli_on_a_pulled_hub_says_one_line(plugged: tuple[kit.Seeded, Path]):
    seeded, usb = plugged
    mounts.unmount(usb, lazy=True)
    result = kit.cli(usb, "list")
    line = kit.one_line(result.stderr)
    assert result.returncode in (1, 10) and "Traceback" not in result.stderr
    kit.record("hub vanished (real lazy unmount)", "list (CLI)", line, result.returncode, "after")
