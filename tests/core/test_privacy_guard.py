"""The export guard on real hubs: course and knowledge-pack exports that carry personal data.

An export is refused until every hit is confirmed (or all are overridden);
the override leaves an audit event with ids, pattern kinds and counts, never
the text that matched. The demo hub's content passes the guard untouched.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.privacy import (
    AUDIT_ACTION,
    GUARDED_KINDS,
    NameMatcher,
    PersonalDataFound,
    scan_text,
)

PACK_PASS = "pack passphrase for tests"
PHONE = "06-12345678"
BSN = "123456782"


def _practice(hub: Hub, title: str, body: str, **values: object) -> str:
    record = hub.entries.add(
        "practice", {"title": title, "classification": "internal", "body": body, **values}
    )
    return record.id


def _course(hub: Hub, entry_ids: list[str], ceiling: str = "internal") -> str:
    courses = hub.courses
    pack = courses.create("Training anonimiseren", ceiling)
    courses.add_entries(pack.id, entry_ids)
    return pack.id


def _overrides(hub: Hub) -> list[dict[str, object]]:
    return [dict(row.detail) for row in hub.maintenance.audit_log() if row.action == AUDIT_ACTION]


@pytest.fixture
def leaky(hub: Hub) -> dict[str, str]:
    clean = _practice(hub, "Werkwijze intake", "Een intake duurt een uur.")
    dirty = _practice(
        hub, "Casus Oost", f"Contact via {PHONE}.", lessons=f"BSN {BSN} stond in het verslag."
    )
    other = hub.entries.add(
        "advice", {"title": "Advies", "classification": "internal", "body": f"bel {PHONE}"}
    ).id
    return {"clean": clean, "dirty": dirty, "advice": other}


def test_course_export_refused_with_each_hit_listed(hub: Hub, leaky, tmp_path: Path) -> None:
    pack = _course(hub, [leaky["clean"], leaky["dirty"], leaky["advice"]])
    out = tmp_path / "pack.html"
    with pytest.raises(PersonalDataFound) as refused:
        hub.courses.export_html(pack, out)
    found = refused.value.found
    # only the guarded kind: the advice note's phone number is not the guard's business
    assert [item.entry_id for item in found] == [leaky["dirty"]]
    assert sorted((h.field, h.kind) for h in found[0].hits) == [
        ("body", "phone"),
        ("lessons", "bsn"),
    ]
    assert not out.exists()
    assert PHONE not in str(refused.value) and BSN not in str(refused.value)
    assert _overrides(hub) == []


def test_course_export_needs_every_hit_confirmed(hub: Hub, leaky, tmp_path: Path) -> None:
    pack = _course(hub, [leaky["dirty"]])
    courses = hub.courses
    with pytest.raises(PersonalDataFound) as refused:
        courses.export_markdown(pack, tmp_path / "md")
    keys = refused.value.found[0].keys()
    with pytest.raises(PersonalDataFound) as partly:
        courses.export_markdown(pack, tmp_path / "md", allow_personal_data=keys[:1])
    assert len(partly.value.found[0].hits) == 1
    assert not (tmp_path / "md").exists()

    result = courses.export_markdown(pack, tmp_path / "md", allow_personal_data=keys)
    assert result.entries == 1
    [detail] = _overrides(hub)
    assert detail == {
        "export": "course-export",
        "how": "each confirmed",
        "entries": [leaky["dirty"]],
        "kinds": {"bsn": 1, "phone": 1},
        "hits": 2,
    }


def test_course_export_without_hits_is_not_audited_as_override(
    hub: Hub, leaky, tmp_path: Path
) -> None:
    pack = _course(hub, [leaky["clean"], leaky["advice"]])
    hub.courses.export_html(pack, tmp_path / "clean.html")
    assert (tmp_path / "clean.html").exists()
    assert _overrides(hub) == []


def test_knowledge_pack_refused_then_overridden(hub: Hub, leaky, tmp_path: Path) -> None:
    packs = hub.packs
    out = tmp_path / "p.ehpack"
    with pytest.raises(PersonalDataFound) as refused:
        packs.export(out, PACK_PASS, "internal", kdf=KdfParams.floor())
    assert [item.entry_id for item in refused.value.found] == [leaky["dirty"]]
    assert not out.exists()
    packs.export(out, PACK_PASS, "internal", kdf=KdfParams.floor(), allow_personal_data=True)
    assert out.exists()
    [detail] = _overrides(hub)
    assert detail["export"] == "pack-export" and detail["how"] == "all"
    assert detail["kinds"] == {"bsn": 1, "phone": 1}
    assert PHONE not in json.dumps(detail) and BSN not in json.dumps(detail)


def test_expert_names_of_this_hub_are_hits_in_prose_not_in_links(hub: Hub, tmp_path) -> None:
    hub.entries.add("expert", {"title": "Rechercheur Wietske Doornbos", "role": "Rechercheur"})
    linked = _practice(hub, "Werkwijze A", "Contact: [[Rechercheur Wietske Doornbos]].")
    named = _practice(hub, "Werkwijze B", "Toen belde Wietske Doornbos de provider.")
    pack = _course(hub, [linked, named])
    with pytest.raises(PersonalDataFound) as refused:
        hub.courses.export_html(pack, tmp_path / "x.html")
    [item] = refused.value.found
    assert item.entry_id == named and [h.kind for h in item.hits] == ["name"]


def test_title_hits_are_redacted_in_the_listing(hub: Hub, tmp_path: Path) -> None:
    entry = _practice(hub, f"Casus {PHONE}", "schone tekst")
    with pytest.raises(PersonalDataFound) as refused:
        hub.courses.export_html(_course(hub, [entry]), tmp_path / "t.html")
    assert PHONE not in refused.value.found[0].title
    assert refused.value.found[0].title.startswith("Casus 0")


def test_demo_hub_content_passes_the_guard(demo_hub: Hub, tmp_path: Path) -> None:
    """The demo must stay clean: every case and practice in a course pack and in a full pack."""
    practices = [e.id for kind in GUARDED_KINDS for e in demo_hub.entries.list(kind=kind)]
    assert practices
    pack = _course(demo_hub, practices, "confidential")
    demo_hub.courses.export_html(pack, tmp_path / "demo.html")
    demo_hub.packs.export(
        tmp_path / "demo.ehpack", PACK_PASS, "confidential", kdf=KdfParams.floor()
    )
    assert _overrides(demo_hub) == []


def test_wiki_link_exemption_is_only_for_whole_links() -> None:
    names = NameMatcher(["Wietske Doornbos"])
    assert scan_text("[[Wietske Doornbos]]", names=names) == []
    assert [h.kind for h in scan_text("[[Werkwijze]] Wietske Doornbos", names=names)] == ["name"]
