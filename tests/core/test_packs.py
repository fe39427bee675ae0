"""Knowledge packs between two hubs: round trip, ceiling, people, merge, trust (ARCHITECTURE §8)."""

from __future__ import annotations

import json

import pytest

from expertise.errors import UserError
from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.packs import BOTH, MINE, THEIRS, PackFacade, PublisherKeyChanged, UntrustedPublisher
from expertise.packs import format as container
from tests.cli_here import run_cli_here
from tests.conftest import PASSPHRASE
from tests.core.packkit import PACK_PASS, export, read_inner, split_pack


@pytest.fixture
def source(demo_hub) -> PackFacade:
    packs = demo_hub.packs
    packs.set_publisher_name("Landelijk Expertisecentrum (test)")
    return packs


@pytest.fixture
def target(hub) -> PackFacade:
    return hub.packs


def _entries(packs: PackFacade) -> dict[str, dict]:
    return {row["id"]: row for row in packs._hub.transfer.export_json()}


def _first(hub: Hub, kind: str) -> str:
    return next(e.id for e in hub.entries.list(kind) if e.classification != "confidential")


def test_round_trip_between_two_hubs(source, target, tmp_path):
    hub_a: Hub = source._hub
    advice = _first(hub_a, "advice")
    hub_a.attachments.add(advice, tmp_path / "checklist.txt", data=b"Checklist triage, versie 2")
    pack = export(source, tmp_path / "kennis.ekp")

    report = target.import_pack(pack, PACK_PASS, trust=True)

    mine, theirs = _entries(source), _entries(target)
    assert set(theirs) == set(report.created) and len(theirs) == report.info.entry_count
    assert report.newly_trusted and report.info.publisher_name.startswith("Landelijk")
    for entry_id, row in theirs.items():
        assert row["title"] == mine[entry_id]["title"]
        assert row["body"] == mine[entry_id]["body"]
        assert row["tags"] == mine[entry_id]["tags"]
    copied = target._hub.attachments.list(advice)
    assert [a.file_name for a in copied] == ["checklist.txt"]
    assert target._hub.blobs.get(copied[0].id) == b"Checklist triage, versie 2"
    target._hub.wait_for_index()
    title_word = theirs[advice]["title"].split()[-1]
    assert advice in {hit.id for hit in target._hub.search(title_word).hits}
    again = target.import_pack(pack, PACK_PASS)
    assert again.plan.counts()["unchanged"] == len(theirs) and not again.created


def test_ceiling_held(source, tmp_path):
    hub_a: Hub = source._hub
    confidential = [
        e for e in hub_a.entries.list(status=None) if e.classification == "confidential"
    ]
    assert confidential, "the demo content has confidential entries"
    pack = export(source, tmp_path / "p.ekp", ceiling="internal")
    manifest, inner = split_pack(pack)
    listed = {e["id"] for e in json.loads(manifest)["entries"]}
    for entry in confidential:
        assert entry.id not in listed
        assert entry.title.encode() not in inner
        assert json.dumps(entry.title)[1:-1].encode() not in inner
    public = export(source, tmp_path / "public.ekp", ceiling="public")
    _, public_inner = split_pack(public)
    doc = json.loads(dict(read_inner(public_inner))["entries.json"])
    assert {e["values"]["classification"] for e in doc["entries"]} == {"public"}


def test_people_only_when_asked(source, tmp_path):
    _, inner = split_pack(export(source, tmp_path / "no-people.ekp"))
    doc = json.loads(dict(read_inner(inner))["entries.json"])
    assert not [e for e in doc["entries"] if e["kind"] == "expert"]
    for entry in doc["entries"]:
        assert all(entry["values"].get(ref) is None for ref in ("author", "owner", "lead"))
    with pytest.raises(UserError, match="personal data"):
        export(source, tmp_path / "x.ekp", kind="expert")
    with pytest.raises(UserError, match="nothing to export"):
        export(source, tmp_path / "x.ekp", tag="no such tag anywhere")
    assert not (tmp_path / "x.ekp").exists()

    _, inner = split_pack(export(source, tmp_path / "people.ekp", with_people=True))
    doc = json.loads(dict(read_inner(inner))["entries.json"])
    experts = [e for e in doc["entries"] if e["kind"] == "expert"]
    assert experts and all("email" in e["values"] for e in experts)
    assert any(e["values"].get("author") for e in doc["entries"] if e["kind"] != "expert")


def test_newer_remote_revision_is_applied(source, target, tmp_path):
    target.import_pack(export(source, tmp_path / "1.ekp"), PACK_PASS, trust=True)
    entry_id = _first(source._hub, "practice")
    source._hub.entries.update(entry_id, {"summary": "Bijgewerkt door het expertisecentrum"})

    report = target.import_pack(export(source, tmp_path / "2.ekp"), PACK_PASS)

    assert [item.entry_id for item in report.plan.updated] == [entry_id]
    assert report.updated == [entry_id] and not report.plan.conflicts
    assert target._hub.entries.get(entry_id).summary == "Bijgewerkt door het expertisecentrum"


def _conflict(source: PackFacade, target: PackFacade, tmp_path) -> tuple[str, object]:
    target.import_pack(export(source, tmp_path / "1.ekp"), PACK_PASS, trust=True)
    entry_id = _first(source._hub, "innovation")
    source._hub.entries.update(entry_id, {"summary": "Versie van het centrum"})
    target._hub.entries.update(entry_id, {"summary": "Eigen aanvulling van de partner"})
    return entry_id, export(source, tmp_path / "2.ekp")


def test_conflict_is_listed_and_left_alone(source, target, tmp_path):
    entry_id, pack = _conflict(source, target, tmp_path)
    report = target.import_pack(pack, PACK_PASS)
    assert [item.entry_id for item in report.plan.conflicts] == [entry_id]
    assert report.unresolved == [entry_id]
    assert target._hub.entries.get(entry_id).summary == "Eigen aanvulling van de partner"


@pytest.mark.parametrize("choice", [MINE, THEIRS, BOTH])
def test_conflict_resolutions(source, target, tmp_path, choice):
    entry_id, pack = _conflict(source, target, tmp_path)
    count = target._hub.entries.count()

    report = target.import_pack(pack, PACK_PASS, resolutions={entry_id: choice})

    summary = target._hub.entries.get(entry_id).summary
    if choice == MINE:
        assert summary == "Eigen aanvulling van de partner" and report.kept_mine == [entry_id]
        source._hub.entries.update(entry_id, {"summary": "Nog een versie van het centrum"})
        later = target.import_pack(export(source, tmp_path / "3.ekp"), PACK_PASS)
        assert [i.entry_id for i in later.plan.conflicts] == [entry_id]
    elif choice == THEIRS:
        assert summary == "Versie van het centrum" and report.updated == [entry_id]
        history = [r.snapshot["summary"] for r in target._hub.entries.revisions(entry_id)]
        assert "Eigen aanvulling van de partner" in history
    else:
        assert summary == "Eigen aanvulling van de partner"
        assert len(report.copies) == 1 and target._hub.entries.count() == count + 1
        copy = target._hub.entries.get(report.copies[0])
        assert copy.summary == "Versie van het centrum"
        assert copy.title.endswith("(Landelijk Expertisecentrum (test))")


def test_bad_resolution_is_refused(source, target, tmp_path):
    entry_id, pack = _conflict(source, target, tmp_path)
    with pytest.raises(UserError):
        target.import_pack(pack, PACK_PASS, resolutions={entry_id: "whatever"})
    with pytest.raises(UserError):
        target.import_pack(pack, PACK_PASS, resolutions={"not-a-conflict": MINE})


def test_trust_on_first_use(source, target, tmp_path):
    pack = export(source, tmp_path / "p.ekp")
    info = target.inspect(pack, untrusted_ok=True)
    assert not info.trusted and info.entry_count > 0
    with pytest.raises(UntrustedPublisher) as refused:
        target.import_pack(pack, PACK_PASS)
    assert refused.value.fingerprint == info.fingerprint
    assert info.grouped_fingerprint in str(refused.value)
    assert target._hub.entries.count() == 0 and target.trusted_publishers() == []

    target.import_pack(pack, PACK_PASS, trust=True)
    assert [p.fingerprint for p in target.trusted_publishers()] == [info.fingerprint]
    assert target.inspect(pack).trusted


def test_a_different_key_under_a_trusted_name_is_refused(source, target, tmp_path):
    target.import_pack(export(source, tmp_path / "p.ekp"), PACK_PASS, trust=True)
    with Hub.create(tmp_path / "impostor", PASSPHRASE, kdf=KdfParams.floor()) as other:
        other.entries.add("advice", {"title": "Vals advies", "body": "Niet vertrouwen"})
        impostor = other.packs
        impostor.set_publisher_name("Landelijk Expertisecentrum (test)")
        fake = export(impostor, tmp_path / "fake.ekp")
    count = target._hub.entries.count()
    assert target.inspect(fake, untrusted_ok=True).name_clash
    with pytest.raises(PublisherKeyChanged):
        target.import_pack(fake, PACK_PASS, trust=True)
    assert target._hub.entries.count() == count


def test_another_publisher_needs_its_own_trust(source, target, tmp_path):
    target.import_pack(export(source, tmp_path / "p.ekp"), PACK_PASS, trust=True)
    with Hub.create(tmp_path / "other", PASSPHRASE, kdf=KdfParams.floor()) as other:
        other.entries.add("practice", {"title": "Werkwijze van een partner", "body": "Tekst"})
        other_pack = export(other.packs, tmp_path / "other.ekp")
    with pytest.raises(UntrustedPublisher):
        target.import_pack(other_pack, PACK_PASS)
    report = target.import_pack(other_pack, PACK_PASS, trust=True)
    assert len(report.created) == 1 and len(target.trusted_publishers()) == 2
    target.untrust(report.info.fingerprint)
    assert len(target.trusted_publishers()) == 1


def test_dry_run_imports_nothing(source, target, tmp_path):
    pack = export(source, tmp_path / "p.ekp")
    before = target._hub.transfer.export_json()
    report = target.import_pack(pack, PACK_PASS, trust=True, dry_run=True)
    assert report.dry_run and report.plan.counts()["add"] == report.info.entry_count
    assert target._hub.transfer.export_json() == before
    assert target.trusted_publishers() == []


def test_selectors(source, tmp_path):
    hub_a: Hub = source._hub
    theme = hub_a.entries.list("advice")[0]
    record = hub_a.entries.get(theme.id)
    by_theme = split_pack(export(source, tmp_path / "t.ekp", theme=record.themes[0]))
    by_tag = split_pack(export(source, tmp_path / "g.ekp", tag=record.tags[0]))
    by_kind = split_pack(export(source, tmp_path / "k.ekp", kind="organisation"))
    for manifest, _ in (by_theme, by_tag):
        assert record.id in {e["id"] for e in json.loads(manifest)["entries"]}
    kinds = {e["kind"] for e in json.loads(dict(read_inner(by_kind[1]))["entries.json"])["entries"]}
    assert kinds == {"organisation"}
    hub_a.search.save("triage", "triage")
    hub_a.wait_for_index()
    manifest, _ = split_pack(export(source, tmp_path / "s.ekp", saved_search="triage"))
    hits = {h.id for h in hub_a.search("triage", limit=100, max_classification="internal").hits}
    assert {e["id"] for e in json.loads(manifest)["entries"]} == hits - _experts(hub_a)


def _experts(hub: Hub) -> set[str]:
    return {e.id for e in hub.entries.list("expert", status=None)}


def test_course_selector(source, tmp_path):

    courses = source._hub.courses
    picked = [e.id for e in source._hub.entries.list("practice")[:2]]
    course = courses.create("Training aanpak sextortion", ceiling="internal")
    courses.add_entries(course.id, picked)
    manifest, _ = split_pack(export(source, tmp_path / "c.ekp", course=course.id))
    assert {e["id"] for e in json.loads(manifest)["entries"]} == set(picked)
    by_title = split_pack(export(source, tmp_path / "t.ekp", course="Training aanpak sextortion"))
    assert json.loads(by_title[0])["entries"] == json.loads(manifest)["entries"]


def test_cli_export_and_import(source, tmp_path):
    folder_a = source._hub.path
    source._hub.close()
    env = {"EXPERTISE_PASSPHRASE": PASSPHRASE, "EXPERTISE_PACK_PASSPHRASE": PACK_PASS}
    out = tmp_path / "cli.ekp"
    made = run_cli_here(
        "--hub",
        str(folder_a),
        "pack",
        "export",
        str(out),
        "--ceiling",
        "public",
        "--kind",
        "advice",
        env=env,
    )
    assert made.returncode == 0, made.stderr
    assert container.open_pack(out.read_bytes()).manifest.ceiling == "public"
    target = tmp_path / "b"
    assert run_cli_here("--hub", str(target), "init", env=env).returncode == 0
    refused = run_cli_here("--hub", str(target), "pack", "import", str(out), env=env)
    assert refused.returncode == 4 and "does not trust" in refused.stderr
    dry = run_cli_here(
        "--hub", str(target), "pack", "import", str(out), "--trust", "--dry-run", "--json", env=env
    )
    assert dry.returncode == 0, dry.stderr
    added = json.loads(dry.stdout)["plan"]["items"]
    done = run_cli_here("--hub", str(target), "pack", "import", str(out), "--trust", env=env)
    assert done.returncode == 0, done.stderr
    listed = run_cli_here("--hub", str(target), "list", "--json", env=env)
    assert {row["id"] for row in json.loads(listed.stdout)} == {i["entry_id"] for i in added}


def test_bundled_pack_is_found_in_the_resources(tmp_path, monkeypatch):
    from expertise.packs.bundled import bundled_pack

    monkeypatch.setenv("EXPERTISE_RESOURCES", str(tmp_path))
    assert bundled_pack() is None
    (tmp_path / "bundled").mkdir()
    (tmp_path / "bundled" / "notes.txt").write_text("not a pack")
    assert bundled_pack() is None
    (tmp_path / "bundled" / "centrum-2026.ekp").write_bytes(b"...")
    assert bundled_pack() == tmp_path / "bundled" / "centrum-2026.ekp"
