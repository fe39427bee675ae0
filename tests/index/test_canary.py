"""S9: a marker indexed, searched and rebuilt is found in no file on disk (UTF-8 or UTF-16)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest
from whoosh import writing

from index import SearchIndex, core
from tests.index.conftest import GcmCipher, doc, file_holds, files_holding

MARKER = "Kanariepietje7319"


def _docs(count: int) -> list[dict[str, object]]:
    filler = " ".join(f"woord{i} term{i % 97}" for i in range(40))
    return [
        doc(
            f"c{i}",
            f"{MARKER} titel {i}",
            f"{filler} {MARKER} {i} {filler}",
            summary=f"samenvatting {MARKER}",
            tags=[MARKER, f"tag{i % 13}"],
            themes=["grooming"],
            organisation=f"{MARKER} organisatie",
            expertise=[f"{MARKER} expertise"],
            attachment_text=f"bijlage {MARKER} {filler}",
            people=["exp-c"],
            language="nl" if i % 2 else "en",
        )
        for i in range(count)
    ]


def _recent_system_temp_files(root: Path, since: float) -> list[Path]:
    found = []
    for folder, _dirs, names in os.walk(root):  # not rglob: other processes' folders vanish
        for path in (Path(folder) / name for name in names):
            try:
                if path.stat().st_mtime >= since and path.stat().st_size < 64 << 20:
                    found.append(path)
            except OSError:
                continue  # other processes' files come and go
    return found


def test_the_scanner_sees_both_encodings(tmp_path: Path) -> None:
    probe = "ScannerSelfTest42"  # not MARKER: this file would show up in the temp-dir scan
    (tmp_path / "u16").write_bytes(f"x{probe}y".encode("utf-16-le"))
    (tmp_path / "u8").write_bytes(f"x{probe}y".encode())
    assert file_holds(tmp_path / "u16", probe) and file_holds(tmp_path / "u8", probe)


def test_no_plaintext_reaches_disk(
    tmp_path: Path, folder: Path, cipher: GcmCipher, monkeypatch: pytest.MonkeyPatch
) -> None:
    system_temp = Path(tempfile.gettempdir())
    own_temp = tmp_path / "tmp"
    own_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(own_temp))
    monkeypatch.setenv("TMPDIR", str(own_temp))
    # tiny pools force Whoosh to spill posting runs to its temp storage
    monkeypatch.setattr(core, "UPDATE_LIMITMB", 1)
    monkeypatch.setattr(core, "REBUILD_LIMITMB", 1)
    runs: list[str] = []
    original_new_run = writing.PostingPool._new_run

    def counting_new_run(self: writing.PostingPool) -> object:
        result = original_new_run(self)
        runs.append(result[0])
        return result

    monkeypatch.setattr(writing.PostingPool, "_new_run", counting_new_run)
    started = time.time() - 1

    ix = SearchIndex(folder, cipher)
    ix.update(_docs(600), meta={"note": "no content here"})
    ix.update([doc("exp-c", f"{MARKER} Expert", kind="expert", expertise=[MARKER])])
    assert ix.search(MARKER).total == 601  # the marker is really in the index
    ix.search(f'"{MARKER} titel" OR {MARKER}~ OR {MARKER[:6]}*', sort="date")
    ix.suggest_titles(MARKER[:5])
    ix.find_experts(MARKER)
    ix.optimize()
    assert ix.rebuild(_docs(600))
    ix.update(delete_ids=["c1", "c2"])
    ix.close()
    reopened = SearchIndex(folder, cipher)
    assert reopened.search(MARKER).total == 598
    reopened.close()

    assert runs, "the posting pool never spilled; the temp-storage path was not exercised"
    assert not (folder / ".spill").exists()
    assert files_holding(folder, MARKER) == []
    assert files_holding(tmp_path, MARKER) == []
    assert list(own_temp.iterdir()) == []
    leaked = [p for p in _recent_system_temp_files(system_temp, started) if file_holds(p, MARKER)]
    assert leaked == []
