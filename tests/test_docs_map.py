"""The repo explains itself: code cites docs/ARCHITECTURE.md, never a file outside the repo."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MAP = REPO / "docs" / "ARCHITECTURE.md"
OUTSIDE = re.compile(r"DESIGN(\.md| §| S\d)|\.\./shared")
CITATION = re.compile(r"ARCHITECTURE §(\d+)(?:\.(\d+))?")


def _tracked_text_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "*.py", "*.md", "*.yaml", "*.spec", "Makefile", "*.toml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [REPO / name for name in listed if (REPO / name).is_file()]


def test_nothing_cites_a_document_outside_the_repo():
    offenders = [
        f"{path.relative_to(REPO)}:{number}"
        for path in _tracked_text_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line) and path != Path(__file__).resolve()
    ]
    assert offenders == []


def _sections() -> dict[int, int]:
    """Section number → how many numbered style points it has (only §11 has any)."""
    text = MAP.read_text(encoding="utf-8")
    sections = {int(n): 0 for n in re.findall(r"^## §(\d+) ", text, flags=re.M)}
    style = text.split("## §11 ", 1)[1]
    sections[11] = len(re.findall(r"^\d+\. ", style, flags=re.M))
    return sections


def test_every_citation_names_a_section_that_exists():
    sections = _sections()
    assert len(sections) >= 10
    wrong = []
    for path in _tracked_text_files():
        for major, minor in CITATION.findall(path.read_text(encoding="utf-8")):
            if int(major) not in sections or (minor and int(minor) > sections[int(major)]):
                wrong.append(f"{path.relative_to(REPO)}: §{major}{'.' + minor if minor else ''}")
    assert wrong == []


def test_the_map_names_only_modules_that_exist():
    named = set(re.findall(r"`((?:expertise|index|ui|bench|pdfout)/[\w/]+\.py)`", MAP.read_text()))
    missing = sorted(name for name in named if not (REPO / name).exists())
    assert missing == []


def test_every_index_module_has_a_role_in_the_map():
    search_section = MAP.read_text(encoding="utf-8").split("## §5 ", 1)[1].split("## §6 ", 1)[0]
    found = re.findall(r"`(?:index/)?([\w/]+\.py)`", search_section)
    others = ("expertise/", "ui/", "tests/", "bench/", "pdfout/")
    named = {n for n in found if not n.endswith("__init__.py") and not n.startswith(others)}
    package = REPO / "index"
    modules = {p.relative_to(package).as_posix() for p in package.rglob("*.py")}
    modules = {m for m in modules if not m.endswith("__init__.py")}
    assert sorted(modules - named) == [] and sorted(named - modules) == []


def test_every_file_the_docs_name_exists():
    """SECURITY.md and the others name their tests and modules so a reviewer can run them."""
    docs = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    pattern = re.compile(r"\b((?:tests|expertise|index|ui|bench|pdfout)/[\w/]+\.(?:py|md|json))\b")
    missing = sorted(
        f"{doc.name}: {name}"
        for doc in docs
        for name in set(pattern.findall(doc.read_text(encoding="utf-8")))
        if not (REPO / name).exists()
    )
    assert missing == []
