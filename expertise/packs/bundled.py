"""A pack shipped inside the installer (`make dist PACK=file.ekp`), offered at first start."""

from __future__ import annotations

from pathlib import Path

from expertise.resources import resources_dir

BUNDLED_DIR = "bundled"


def bundled_pack() -> Path | None:
    """The pack the build bundled under resources/bundled/, if any (the first by name)."""
    folder = resources_dir() / BUNDLED_DIR
    if not folder.is_dir():
        return None
    packs = sorted(p for p in folder.glob("*.ekp") if p.is_file())
    return packs[0] if packs else None
