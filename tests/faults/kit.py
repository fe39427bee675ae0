"""Shared steps of the fault tests: a hub with marked entries, notes on disk, the checks after.

After every fault the same three things are verified: `check` passes, every
committed entry is still there, and no file left in the hub, the target or
the temp folder holds the plaintext marker.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from expertise.hub import Hub
from expertise.kdf import KdfParams
from tests.conftest import PASSPHRASE, file_contains, run_cli

ENV = {"EXPERTISE_PASSPHRASE": PASSPHRASE}
RESULTS_ENV = "FAULTS_RESULTS"  # a JSON-lines file the table script reads


def new_marker() -> str:
    return f"FAULTMARK{uuid.uuid4().hex[:12].upper()}"


@dataclass
class Seeded:
    folder: Path
    marker: str
    committed: dict[str, str] = field(default_factory=dict)  # id -> title
    started: float = field(default_factory=time.time)


def seed_hub(folder: Path, entries: int = 5) -> Seeded:
    """A new hub holding a few entries whose bodies carry a unique marker."""
    seeded = Seeded(folder, new_marker())
    with Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()) as hub:
        for number in range(entries):
            record = hub.entries.add(
                "advice",
                {
                    "title": f"Werkafspraak meldroute {number}",
                    "body": f"Afspraak over de meldroute tussen politie en OM. {seeded.marker}",
                    "tags": ["keten"],
                },
            )
            seeded.committed[record.id] = record.title
    return seeded


def write_notes(folder: Path, count: int, marker: str, body_lines: int = 3) -> Path:
    """`count` Markdown notes with front matter, each holding the marker."""
    folder.mkdir(parents=True, exist_ok=True)
    line = "Het team legt vast wie de melding opneemt en wie de officier informeert."
    body = "\n".join([line] * body_lines)
    for number in range(count):
        (folder / f"note-{number:05d}.md").write_text(
            f"---\nkind: advice\ntitle: Ketenafspraak {number}\ntags: [keten]\n"
            f"classification: internal\nlanguage: nl\n---\n{body}\n{marker}\n",
            encoding="utf-8",
        )
    return folder


def cli(folder: Path, *args: str):
    return run_cli("--hub", str(folder), *args, env=ENV)


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line, got: {stderr!r}"
    assert "Traceback" not in stderr
    return lines[0]


def marker_files(marker: str, places: Iterable[Path], since: float) -> list[Path]:
    """Files under `places` changed since `since` that hold the plaintext marker."""
    found: list[Path] = []
    for place in places:
        if not place.exists():
            continue
        for root, _dirs, files in os.walk(place):
            for name in files:
                path = Path(root) / name
                try:
                    info = path.stat()
                except OSError:
                    continue
                if info.st_mtime + 1 >= since and info.st_size < 64 * 1024 * 1024:
                    if file_contains(path, marker):
                        found.append(path)
    return found


def verify_nothing_lost(
    seeded: Seeded, *, also_scan: Iterable[Path] = (), plaintext_ok: Iterable[Path] = ()
) -> None:
    """`check` passes, every committed entry is there, no plaintext marker on disk.

    `plaintext_ok` are places meant to hold plaintext (the import's own input,
    a finished export) that the scan leaves out.
    """
    checked = cli(seeded.folder, "check", "--json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert json.loads(checked.stdout)["ok"] is True
    with Hub.open(seeded.folder, PASSPHRASE) as hub:
        for entry_id, title in seeded.committed.items():
            assert hub.entries.get(entry_id).title == title
    allowed = [p.resolve() for p in plaintext_ok]
    places = [seeded.folder, Path(tempfile.gettempdir()), *also_scan]
    leaks = [
        p
        for p in marker_files(seeded.marker, places, seeded.started)
        if not any(p.resolve().is_relative_to(a) for a in allowed)
    ]
    assert not leaks, f"plaintext marker left in {leaks}"


def record(fault: str, operation: str, message: str, exit_code: int | None, how: str) -> None:
    """Add one row to the fault table when the table script asked for it."""
    target = os.environ.get(RESULTS_ENV)
    if not target:
        return
    row = {
        "fault": fault,
        "operation": operation,
        "message": message,
        "exit_code": exit_code,
        "how": how,
        "nothing_lost": True,  # only recorded after verify_nothing_lost passed
    }
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
