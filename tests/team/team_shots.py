"""Make the Team dialog screenshots of a team admin in docs/screenshots, from a real team.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.team.team_shots docs/screenshots

Starts a throwaway PostgreSQL (tools/postgres.py, as the team tests do), makes three real
hubs, creates a team on it with the first, admits the other two, syncs once, and grabs the
admin's File → Team… in English and Dutch: `{en,nl}-team-admin.png`. The view of a hub in no
team comes from the screenshot mode (`expertise-hub --screenshot … --view team`).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

PASSPHRASE = "team screenshots only"
ADMIN = "admin password for screenshots"


def make_team(folder: Path, url: str) -> object:
    from expertise import Hub, KdfParams
    from tests.team.teamkit import join, split

    hubs = {name: Hub.create(folder / name, PASSPHRASE, kdf=KdfParams.floor())
            for name in ("admin", "bea", "cas")}
    bare, password = split(url)
    admin = hubs["admin"]
    admin.team.create(bare, "Expertisecentrum", password, display_name="Ada Admin")
    join(hubs["bea"], admin, password, url, "Bea de Vries", "internal")
    join(hubs["cas"], admin, password, url, "Cas Jansen", "confidential")
    admin.team.sync(password)
    for name in ("bea", "cas"):
        hubs[name].lock()
    return admin


def grab(admin: object, language: str, out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.app.grab import settle
    from ui.context import AppContext
    from ui.i18n import Translations
    from ui.tasks import TaskRunner
    from ui.team.members_dialog import ID_ROLE, TeamDialog

    translations = Translations()
    translations.install(language)
    ctx = AppContext(admin, TaskRunner(), TaskRunner(), language=language)  # type: ignore[arg-type]
    dialog = TeamDialog(ctx)
    dialog.show()
    settle(ctx, 800)
    me = dialog.status.member_id if dialog.status else ""
    others = [row for row in range(dialog.table.rowCount())
              if dialog.table.item(row, 0).data(ID_ROLE) != me]
    dialog.table.selectRow(others[0])  # a teammate: "Remove member…" is live
    settle(ctx, 300)
    QApplication.processEvents()
    if not dialog.grab().save(str(out), "PNG"):
        raise SystemExit(f"could not write {out}")
    print(f"wrote {out}")
    dialog.close()
    ctx.runner.wait()
    ctx.detach()


def main(target: Path) -> int:
    import psycopg
    from PySide6.QtWidgets import QApplication

    from tools.postgres import TempCluster, find_bin_dir
    from ui.settings.store import use_memory
    from ui.shell.theme import apply_theme

    bin_dir = find_bin_dir()
    if bin_dir is None:
        print("PostgreSQL not found: python -m tools.postgres ensure", file=sys.stderr)
        return 1
    target.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    apply_theme(app, use_memory().theme)  # as the screenshot mode does
    cluster = TempCluster.start(bin_dir)
    try:
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            # As docs/TEAM.md asks of agency IT: an admin role that may create roles.
            conn.execute(f"CREATE ROLE expertise_admin LOGIN CREATEROLE PASSWORD '{ADMIN}'")
            conn.execute('CREATE DATABASE "expertise_team" OWNER expertise_admin')
        with tempfile.TemporaryDirectory() as folder:
            url = cluster.url(user="expertise_admin", password=ADMIN, db="expertise_team")
            admin = make_team(Path(folder), url)
            try:
                for language in ("en", "nl"):
                    grab(admin, language, target / f"{language}-team-admin.png")
            finally:
                admin.lock()  # type: ignore[attr-defined]
    finally:
        cluster.stop()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
