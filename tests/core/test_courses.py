"""Course packs in the core and the CLI: ceiling, order, notes, audit, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from expertise.courses import AboveCeiling, CourseFacade
from expertise.errors import UserError
from expertise.records import Change
from tests.cli_here import run_cli_here
from tests.conftest import PASSPHRASE

ENV = {"EXPERTISE_PASSPHRASE": PASSPHRASE}


def _entry(hub, title: str, level: str = "internal", kind: str = "practice") -> str:
    return hub.entries.add(kind, {"title": title, "classification": level, "body": title}).id


@pytest.fixture
def courses(hub) -> CourseFacade:
    return hub.courses


def _order(courses: CourseFacade, pack_id: str) -> list[str]:
    return [item.title for item in courses.get(pack_id).items]


# -- packs ------------------------------------------------------------------------
def test_create_list_get_update_delete(hub, courses):
    pack = courses.create("  Basis   zeden  ", "internal", audience="Nieuwe collega's")
    assert (pack.title, pack.ceiling, pack.item_count, pack.items) == (
        "Basis zeden",
        "internal",
        0,
        (),
    )
    courses.create("Aanvullend", "public")
    assert [p.title for p in courses.list()] == ["Aanvullend", "Basis zeden"]
    updated = courses.update(pack.id, description="Voor trainers", ceiling="confidential")
    assert (updated.description, updated.ceiling, updated.audience) == (
        "Voor trainers",
        "confidential",
        "Nieuwe collega's",
    )
    assert courses.find("Basis zeden").id == pack.id == courses.find(pack.id).id
    courses.delete(pack.id)
    assert [p.title for p in courses.list()] == ["Aanvullend"]
    with pytest.raises(UserError):
        courses.get(pack.id)


def test_bad_values_are_refused(courses):
    with pytest.raises(UserError, match="ceiling"):
        courses.create("Pakket", "secret")
    with pytest.raises(UserError, match="title"):
        courses.create("   ", "public")
    courses.create("Dubbel", "public")
    courses.create("Dubbel", "public")
    with pytest.raises(UserError, match="2 course packs"):
        courses.find("Dubbel")
    with pytest.raises(UserError, match="no course pack"):
        courses.find("Bestaat niet")


def test_writes_announce_a_course_pack_change(hub, courses):
    entry = _entry(hub, "Een")
    seen: list[Change] = []
    hub.subscribe(seen.append)
    pack = courses.create("Pakket", "internal")
    courses.add_entries(pack.id, [entry])
    assert [c.reason for c in seen] == ["course-pack", "course-pack"]
    assert not seen[-1].entry_ids  # nothing for the search index to do


# -- items --------------------------------------------------------------------------
def test_order_move_remove_and_notes(hub, courses):
    ids = [_entry(hub, title) for title in ("A", "B", "C", "D")]
    pack = courses.create("Pakket", "internal")
    courses.add_entries(pack.id, ids[:3])
    courses.add_entries(pack.id, [ids[3]], note="Begin hiermee", position=0)
    assert _order(courses, pack.id) == ["D", "A", "B", "C"]
    courses.add_entries(pack.id, [ids[0]])  # already there: stays where it is
    assert _order(courses, pack.id) == ["D", "A", "B", "C"]
    courses.move_item(pack.id, 0, 3)
    assert _order(courses, pack.id) == ["A", "B", "C", "D"]
    courses.move_item(pack.id, 2, 0)
    assert _order(courses, pack.id) == ["C", "A", "B", "D"]
    courses.set_note(pack.id, 1, "Vraag naar ervaringen")
    courses.remove_item(pack.id, 0)
    got = courses.get(pack.id)
    assert [(i.position, i.title, i.note) for i in got.items] == [
        (0, "A", "Vraag naar ervaringen"),
        (1, "B", ""),
        (2, "D", "Begin hiermee"),
    ]
    with pytest.raises(UserError, match="position 7"):
        courses.move_item(pack.id, 7, 0)


def test_deleting_an_entry_takes_its_item_with_it(hub, courses):
    ids = [_entry(hub, title) for title in ("A", "B", "C")]
    pack = courses.create("Pakket", "internal")
    courses.add_entries(pack.id, ids)
    hub.entries.delete(ids[1])
    assert _order(courses, pack.id) == ["A", "C"]
    courses.move_item(pack.id, 1, 0)  # positions are dense again
    assert _order(courses, pack.id) == ["C", "A"]


def test_entry_above_the_ceiling_cannot_be_added(hub, courses):
    fine = _entry(hub, "Openbaar advies", "public", "advice")
    secret = _entry(hub, "Vertrouwelijk advies", "confidential", "advice")
    pack = courses.create("Voorlichting", "internal")
    with pytest.raises(AboveCeiling) as caught:
        courses.add_entries(pack.id, [fine, secret])
    error = caught.value
    assert (error.entry_id, error.level, error.ceiling) == (secret, "confidential", "internal")
    assert "Vertrouwelijk advies" not in str(error)  # messages may reach logs
    assert courses.get(pack.id).items == ()  # all or nothing
    with pytest.raises(UserError, match="no entry"):
        courses.add_entries(pack.id, ["00000000-0000-4000-8000-000000000000"])


def test_entry_raised_later_is_flagged_and_never_exported(hub, courses, tmp_path):
    kept = _entry(hub, "Blijft intern")
    raised = _entry(hub, "RAISED-MARK wordt geheim")
    pack = courses.create("Pakket", "internal")
    courses.add_entries(pack.id, [kept, raised])
    hub.entries.update(raised, {"classification": "confidential"})
    got = courses.get(pack.id)
    assert [item.title for item in got.blocked] == ["RAISED-MARK wordt geheim"]
    result = courses.export_html(pack.id, tmp_path / "pack.html")
    assert (result.entries, result.skipped) == (1, 1)
    html = (tmp_path / "pack.html").read_text(encoding="utf-8")
    assert "Blijft intern" in html and "RAISED-MARK" not in html
    assert "RAISED-MARK" not in courses.preview_html(pack.id)
    courses.update(pack.id, ceiling="public")  # lowering the ceiling leaves out even more
    assert courses.export_html(pack.id, tmp_path / "public.html").entries == 0


# -- audit and cancel -------------------------------------------------------------------
def test_every_export_leaves_one_audit_event_without_content(hub, courses, tmp_path):
    entry = _entry(hub, "AUDIT-MARK titel")
    pack = courses.create("AUDIT-MARK pakket", "internal", description="AUDIT-MARK")
    courses.add_entries(pack.id, [entry], note="AUDIT-MARK notitie")
    courses.export_html(pack.id, tmp_path / "a.html", with_notes=True)
    courses.export_markdown(pack.id, tmp_path / "md")
    courses.export_pdf(pack.id, tmp_path / "a.pdf")
    events = [e for e in hub.maintenance.audit_log() if e.action == "course-export"]
    assert [e.detail["format"] for e in events] == ["pdf", "md", "html"]
    for event in events:
        assert event.target_id == pack.id and event.actor and event.at
        assert event.detail["ceiling"] == "internal" and event.detail["entries"] == 1
        assert "AUDIT-MARK" not in json.dumps(dict(event.detail))
    assert events[-1].detail["notes"] is True


def test_cancelled_export_writes_nothing_and_is_not_audited(hub, courses, tmp_path):
    pack = courses.create("Pakket", "internal")
    courses.add_entries(pack.id, [_entry(hub, title) for title in ("A", "B")])
    out = tmp_path / "out"
    out.mkdir()
    for method, target in (
        ("export_pdf", "a.pdf"),
        ("export_html", "a.html"),
        ("export_markdown", "md"),
    ):
        result = getattr(courses, method)(pack.id, out / target, cancel=lambda: True)
        assert result.cancelled and not (out / target).exists()
    assert list(out.iterdir()) == []
    assert not [e for e in hub.maintenance.audit_log() if e.action == "course-export"]


def test_pdf_cancelled_while_painting_writes_nothing(hub, courses, tmp_path):
    pack = courses.create("Pakket", "internal")
    courses.add_entries(pack.id, [_entry(hub, title) for title in ("A", "B")])
    seen: list[int] = []
    result = courses.export_pdf(
        pack.id,
        tmp_path / "a.pdf",
        progress=lambda done, _total: seen.append(done),
        cancel=lambda: bool(seen) and seen[-1] > 30,  # after the first painted page
    )
    assert result.cancelled and not (tmp_path / "a.pdf").exists()
    assert seen[-1] < 100


def test_progress_reaches_the_end(hub, courses, tmp_path):
    pack = courses.create("Pakket", "internal")
    courses.add_entries(pack.id, [_entry(hub, "A")])
    seen: list[tuple[int, int]] = []
    courses.export_pdf(pack.id, tmp_path / "a.pdf", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (100, 100) and all(t == 100 for _d, t in seen)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)


def test_markdown_export_wants_a_new_or_empty_folder(hub, courses, tmp_path):
    pack = courses.create("Pakket", "internal")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "iets.txt").write_text("x")
    with pytest.raises(UserError, match="new or empty"):
        courses.export_markdown(pack.id, tmp_path / "full")
    (tmp_path / "empty").mkdir()
    assert courses.export_markdown(pack.id, tmp_path / "empty").entries == 0
    assert (tmp_path / "empty" / "README.md").exists()


# -- CLI ------------------------------------------------------------------------------------
@pytest.fixture
def cli_hub(demo_hub_template, tmp_path) -> Path:
    folder = tmp_path / "hub"
    shutil.copytree(demo_hub_template, folder, ignore=shutil.ignore_patterns(".lock"))
    return folder


def cli(folder: Path, *args: str):
    return run_cli_here("--hub", str(folder), *args, env=ENV)


def _demo_ids(folder: Path) -> dict[str, list[str]]:
    rows = json.loads(cli(folder, "list", "--json").stdout)
    by_level: dict[str, list[str]] = {}
    for row in rows:
        by_level.setdefault(row["classification"], []).append(row["id"])
    return by_level


def test_cli_create_add_list_export(cli_hub, tmp_path):
    ids = _demo_ids(cli_hub)
    made = cli(
        cli_hub, "course", "create", "CLI-pakket", "--ceiling", "internal", "--audience", "Trainers"
    )
    assert made.returncode == 0, made.stderr
    pack_id = made.stdout.strip()
    added = cli(
        cli_hub,
        "course",
        "add",
        "CLI-pakket",
        *ids["internal"][:2],
        ids["public"][0],
        "--note",
        "Bespreek in tweetallen",
    )
    assert added.returncode == 0, added.stderr
    listed = cli(cli_hub, "course", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [
        (p["id"], p["title"], p["ceiling"], p["entries"]) for p in json.loads(listed.stdout)
    ] == [(pack_id, "CLI-pakket", "internal", 3)]
    for flag, name in (("--pdf", "p.pdf"), ("--html", "p.html"), ("--md", "p-md")):
        done = cli(cli_hub, "course", "export", pack_id, flag, str(tmp_path / name), "--with-notes")
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).exists()
    assert "Bespreek in tweetallen" in (tmp_path / "p.html").read_text(encoding="utf-8")
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")


def test_cli_add_above_the_ceiling_exits_1_with_the_reason(cli_hub):
    ids = _demo_ids(cli_hub)
    assert cli(cli_hub, "course", "create", "Openbaar", "--ceiling", "public").returncode == 0
    refused = cli(cli_hub, "course", "add", "Openbaar", ids["confidential"][0])
    assert refused.returncode == 1
    assert "above the pack's ceiling public" in refused.stderr
    assert "Traceback" not in refused.stderr
    listed = json.loads(cli(cli_hub, "course", "list", "--json").stdout)
    assert listed[0]["entries"] == 0


def test_cli_usage_errors_exit_2(cli_hub):
    assert cli(cli_hub, "course", "create", "Zonder plafond").returncode == 2
    assert cli(cli_hub, "course", "export", "Iets").returncode == 2
    unknown = cli(cli_hub, "course", "export", "Bestaat niet", "--html", "x.html")
    assert unknown.returncode == 1 and "no course pack" in unknown.stderr
