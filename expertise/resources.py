"""Where the shipped resources (taxonomy, thesaurus, demo content) live."""

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


def taxonomy_labels() -> list[tuple[str, str, str, str]]:
    """(key, label_nl, label_en, group) for every theme and barrier-model phase."""
    data = load_yaml("taxonomy.yaml") or {}
    labels: list[tuple[str, str, str, str]] = []
    for group, items in (("theme", data.get("themes", [])), ("phase", data.get("phases", []))):
        for item in items or []:
            labels.append((str(item["key"]), str(item["label_nl"]), str(item["label_en"]), group))
    return labels


def default_synonyms() -> list[list[str]]:
    data = load_yaml("thesaurus.yaml") or {}
    groups = data.get("groups", data) if isinstance(data, dict) else data
    return [[str(term) for term in group] for group in groups or [] if isinstance(group, list)]
