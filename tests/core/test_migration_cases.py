"""Migration 0006: example cases held as practices become cases, losing nothing.

The hub at the previous revision is made with the real code paths (entries, tags,
links, attachments, several revisions), then taken back to 0005 with Alembic, so the
upgrade meets exactly the tables and rows an older version wrote.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command

from expertise import migrations
from expertise.db import open_engine
from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.vault import Vault
from tests.conftest import PASSPHRASE

PRACTICE_FIELDS = {
    "context": "Onbekend slachtoffer in nieuw materiaal.",
    "practice": "Neutrale uitsnede breed gedeeld.",
    "outcome": "Binnen twee dagen geïdentificeerd.",
    "lessons": "Vooraf een belroute afspreken.",
    "source_case": "Samengesteld uit fictieve zaken.",
    "region": "Landelijk",
}


def _older_hub(folder: Path) -> dict[str, str]:
    with Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()) as hub:
        by_tag = hub.entries.add(
            "practice",
            {
                "title": "Zaak Linde",
                "tags": ["voorbeeldzaak"],
                "body": "Wat er gebeurde.",
                **PRACTICE_FIELDS,
            },
        ).id
        hub.entries.update(by_tag, {"summary": "Tweede revisie."})
        by_title = hub.entries.add(
            "practice", {"title": "Voorbeeldzaak Kompas", "language": "nl", "body": ""}
        ).id
        english = hub.entries.add(
            "practice",
            {"title": "Harbour", "tags": ["Example Case"], "language": "en", "context": "Abroad."},
        ).id
        plain = hub.entries.add(
            "practice", {"title": "Vaste contactpersoon", "body": "Zie [[Zaak Linde]]."}
        ).id
        hub.entries.update(by_tag, {"body": "Wat er gebeurde, zie [[Vaste contactpersoon]]."})
        hub.attachments.add(by_tag, folder / "verslag.txt", data=b"Evaluatieverslag, fictief")
    vault = Vault.unlock(folder, PASSPHRASE)
    engine = open_engine(folder / "hub.db", vault.subkey("database"))
    config = migrations._config(engine)
    command.downgrade(config, "0005")
    assert migrations.current_revision(engine) == "0005"
    engine.dispose()
    vault.lock()
    return {"by_tag": by_tag, "by_title": by_title, "english": english, "plain": plain}


def test_example_cases_held_as_practices_become_cases(tmp_path):
    folder = tmp_path / "hub"
    ids = _older_hub(folder)
    with Hub.open(folder, PASSPHRASE) as hub:
        case = hub.entries.get(ids["by_tag"])
        assert case.kind == "case"
        assert case.fields["state"] == "following"
        assert case.fields["lessons"] == PRACTICE_FIELDS["lessons"]
        assert case.fields["region"] == "Landelijk"
        assert case.fields["follow_ups"] == [] and case.fields["produced_practices"] == []
        assert case.tags == ("voorbeeldzaak",)
        assert case.body_md.startswith("Wat er gebeurde, zie [[Vaste contactpersoon]].")
        for name in ("context", "practice", "outcome", "source_case"):
            assert PRACTICE_FIELDS[name] in case.body_md  # folded into the body, not lost
        assert "## Uit de eerdere praktijkbeschrijving" in case.body_md
        assert hub.entries.get(ids["by_title"]).kind == "case"
        english = hub.entries.get(ids["english"])
        assert english.kind == "case" and "**Context:** Abroad." in english.body_md
        assert "## From the earlier practice record" in english.body_md
        assert hub.entries.get(ids["plain"]).kind == "practice"

        revisions = hub.entries.revisions(ids["by_tag"])
        assert sorted(r.revision for r in revisions) == [1, 2, 3]
        assert all(r.snapshot["kind"] == "case" for r in revisions)
        assert all("context" not in r.snapshot for r in revisions)
        assert [link.entry_id for link in hub.entries.links(ids["by_tag"])] == [ids["plain"]]
        assert [link.entry_id for link in hub.entries.backlinks(ids["by_tag"])] == [ids["plain"]]
        (attachment,) = hub.attachments.list(ids["by_tag"])
        copy = hub.attachments.save_copy(attachment.id, tmp_path / "copy.txt")
        assert copy.read_bytes() == b"Evaluatieverslag, fictief"

        hub.wait_for_index()
        found = {hit.id: hit.kind for hit in hub.search("kind:case").hits}
        assert found == {ids["by_tag"]: "case", ids["by_title"]: "case", ids["english"]: "case"}
        restored = hub.entries.restore_revision(ids["by_tag"], 1)
        assert restored.kind == "case" and restored.summary == ""
        # saving the migrated case unchanged adds no revision: row and snapshot agree
        before = hub.entries.get(ids["by_title"]).revision
        hub.entries.update(ids["by_title"], {})
        assert hub.entries.get(ids["by_title"]).revision == before
        assert hub.maintenance.check().ok


def test_a_hub_without_example_cases_is_left_as_it_was(tmp_path):
    folder = tmp_path / "hub"
    with Hub.create(folder, PASSPHRASE, kdf=KdfParams.floor()) as hub:
        plain = hub.entries.add("practice", {"title": "Gewone praktijk", "context": "Tekst."}).id
    vault = Vault.unlock(folder, PASSPHRASE)
    engine = open_engine(folder / "hub.db", vault.subkey("database"))
    command.downgrade(migrations._config(engine), "0005")
    engine.dispose()
    vault.lock()
    with Hub.open(folder, PASSPHRASE) as hub:
        record = hub.entries.get(plain)
        assert record.kind == "practice" and record.fields["context"] == "Tekst."
        assert hub.maintenance.index_staleness() == ""
