"""Where the shipped resources (taxonomy, thesaurus, demo content) live.

The taxonomy is read by the registry (expertise/fields/taxonomy.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import yaml


def resources_dir() -> Path:
    override = os.environ.get("EXPERTISE_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller unpacks data here
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def load_yaml(name: str) -> Any:
    with (resources_dir() / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def default_synonyms() -> list[list[str]]:
    data = load_yaml("thesaurus.yaml") or {}
    groups = data.get("groups", data) if isinstance(data, dict) else data
    return [[str(term) for term in group] for group in groups or [] if isinstance(group, list)]
