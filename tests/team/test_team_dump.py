"""A pg_dump of the team database, after a real sync, holds no plaintext (docs/TEAM.md):
a marker in titles, bodies, tags, an attachment, an expert's name and a member's display name
is nowhere in it — only ciphertext and routing metadata."""

from __future__ import annotations

import os
import subprocess

from sqlalchemy.engine import make_url

from tests.conftest import files_containing
from tests.team.teamkit import MEMBER_PASSWORD, join, make_team

MARKER = "QJXZ-dump-marker"


def test_pg_dump_of_the_team_database_holds_no_plaintext(make_laptop, team_url, pg_cluster,
                                                         tmp_path):
    admin, bea = make_laptop("admin"), make_laptop("bea")
    password = make_team(admin, team_url)
    join(bea, admin, password, team_url, f"Bea {MARKER}", "internal")
    admin.entries.add("expert", {"title": f"Dr. {MARKER}", "classification": "internal"})
    note = admin.entries.add("advice", {"title": f"Titel {MARKER}", "body": f"Tekst {MARKER}",
                                        "tags": [MARKER.lower()]})
    admin.attachments.add(note.id, f"{MARKER}.txt", data=f"inhoud {MARKER}".encode())
    admin.team.sync(password)
    bea.team.sync(MEMBER_PASSWORD)
    assert bea.entries.get(note.id).title == f"Titel {MARKER}"

    url = make_url(team_url)
    out = tmp_path / "dump"
    out.mkdir()
    env = dict(os.environ, PGPASSWORD=pg_cluster.password)
    done = subprocess.run(
        [str(pg_cluster.bin_dir / "pg_dump"), "-h", url.host, "-p", str(url.port), "-U",
         url.username, "-d", url.database, "-f", str(out / "team.sql")],
        env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    text = (out / "team.sql").read_text()
    assert "COPY public.items" in text and "member_reads" in text  # a real, complete dump
    assert files_containing(out, MARKER) == []
    assert files_containing(out, MARKER.lower()) == []
    # bytea columns are dumped as hex: plaintext bytes there would show as the marker's hex
    assert MARKER.encode().hex() not in text and MARKER.lower().encode().hex() not in text
