"""Build-time helpers for build.spec: compiled translations and the optional bundled pack.

Run by PyInstaller inside the project's venv; nothing here ships in the app.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGE = ROOT / "build" / "bundle-resources"


def _lrelease() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    return str(beside) if beside.exists() else shutil.which("pyside6-lrelease")


def compiled_translations() -> Path:
    """resources/i18n/*.ts compiled to .qm in a staging folder (plus any shipped .qm)."""
    out = STAGE / "i18n"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    source = ROOT / "resources" / "i18n"
    for qm in source.glob("*.qm"):
        shutil.copy2(qm, out / qm.name)
    tool = _lrelease()
    for ts in source.glob("*.ts"):
        if tool is None:
            raise SystemExit("pyside6-lrelease not found: cannot compile the translations")
        subprocess.run([tool, "-silent", str(ts), "-qm", str(out / f"{ts.stem}.qm")], check=True)
    return out


def bundled_pack(pack: str | None) -> Path | None:
    """Copy PACK into the staging folder after checking its signature; None without PACK."""
    out = STAGE / "bundled"
    shutil.rmtree(out, ignore_errors=True)
    if not pack:
        return None
    source = Path(pack).expanduser().resolve()
    from expertise.packs.format import SUFFIX, open_pack, read_file

    if source.suffix != SUFFIX:
        raise SystemExit(f"PACK must be a {SUFFIX} file: {source}")
    info = open_pack(read_file(source)).manifest  # a damaged pack fails the build here
    out.mkdir(parents=True)
    shutil.copy2(source, out / source.name)
    print(
        f"bundling {source.name}: {len(info.entries)} entries from {info.publisher_name}, "
        f"ceiling {info.ceiling}"
    )
    return out
