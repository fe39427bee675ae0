"""Make docs/screenshots/course_packs.png: the course packs view with a filled pack.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.course_shots docs/screenshots

The demo hub has no course packs of its own, so a copy of it is made in a temporary folder,
three packs are put in (one with seven entries up to Internal, an audience and a trainer
note), and the screenshot mode's `--view courses` renders it (ui/app/screenshot.py).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ORDER = ("advice", "advice", "practice", "practice", "innovation", "expert", "organisation")


def fill(hub: object) -> None:
    """The packs of the screenshot; entries chosen by kind, none above Internal."""
    courses = hub.courses  # type: ignore[attr-defined]
    entries = hub.entries  # type: ignore[attr-defined]
    pack = courses.create(
        "Basistraining online kindermisbruik", "internal",
        audience="Nieuwe zedenrechercheurs en officieren",
        description="Eerste lesdag: van melding tot slachtofferidentificatie, met voorbeelden "
                    "uit de praktijk en de mensen die je kunt bellen.",
    )
    chosen: list[str] = []
    for kind in ORDER:
        rows = [r for r in entries.list(kind) if r.classification in ("public", "internal")
                and r.id not in chosen]
        chosen.append(rows[0].id)
    courses.add_entries(pack.id, chosen)
    courses.set_note(pack.id, 0, "Start met de casus: laat de groep zelf de knelpunten "
                                 "benoemen (15 min).")
    courses.create("Verdieping digitale sporen", "confidential")
    courses.create("Voorlichting scholen en ouders", "public")


def main(target: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from expertise import DEMO_PASSPHRASE, Hub, ensure_demo_hub
    from ui.app.screenshot import lock, render
    from ui.settings.store import use_memory
    from ui.shell.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme(app, use_memory().theme)  # as the screenshot mode does
    with tempfile.TemporaryDirectory() as folder:
        ensure_demo_hub(Path(folder) / "demo")
        hub = Hub.open(Path(folder) / "demo", DEMO_PASSPHRASE)
        try:
            fill(hub)
            code = render(hub, "courses", target / "course_packs.png", "en")
        finally:
            lock(hub)
    del app
    return code


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
