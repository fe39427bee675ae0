"""The fictional hub every kill starts from, built once and copied per run.

Besides the hub it makes the inputs the operations need: Markdown notes to
import, a signed pack from a second (partner) hub, the passphrase files, and
one expert to erase who is referenced, mentioned and has an attachment. A
marker string sits in entry bodies, imported notes, pack entries and
attachments, so a plaintext leak anywhere on disk can be found by scanning.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import Corpus
from expertise.fields import named_kinds
from expertise.hub import Hub
from expertise.kdf import KdfParams

OLD_PASSPHRASE = "oude wachtzin voor de killrun"
NEW_PASSPHRASE = "nieuwe wachtzin na de killrun"
PACK_PASSPHRASE = "pakket wachtzin van de partner"
PARTNER_PASSPHRASE = "partner hub wachtzin fictief"
PERSON = "Ilse Voorbeeldhuis"
IMPORT_PROBE = "kilimportprobe"
PACK_PROBE = "kilpackprobe"
PERSON_PROBE = "voorbeeldhuis"


@dataclass(frozen=True)
class Sizes:
    entries: int  # corpus entries in the template hub
    notes: int  # Markdown notes the import op brings in
    pack: int  # entries in the partner's pack
    attachments: int  # attachments in the template (and half as many in the pack)
    references: int  # entries that name the person as author


SIZES = {
    "small": Sizes(entries=60, notes=20, pack=15, attachments=4, references=6),
    "full": Sizes(entries=300, notes=100, pack=80, attachments=30, references=20),
}


@dataclass(frozen=True)
class Template:
    root: Path
    hub: Path
    notes: Path
    pack: Path
    old_pass: Path
    new_pass: Path
    pack_pass: Path
    person_id: str
    marker: str

    @property
    def probe_terms(self) -> tuple[str, ...]:
        return (IMPORT_PROBE, PACK_PROBE, PERSON_PROBE)


def build(root: Path, size: str, marker: str) -> Template:
    """Make the template under `root` (which must not exist yet)."""
    sizes = SIZES[size]
    root.mkdir(parents=True)
    secrets = root / "secrets"
    secrets.mkdir()
    files = {}
    for name, text in (("old", OLD_PASSPHRASE), ("new", NEW_PASSPHRASE), ("pack", PACK_PASSPHRASE)):
        files[name] = secrets / f"{name}.pass"
        files[name].write_text(text + "\n", encoding="utf-8")
    hub_dir, notes, pack = root / "hub", root / "notes", root / "partner.ekp"
    person_id = _build_hub(hub_dir, sizes, marker)
    _write_notes(notes, sizes.notes, marker)
    _build_pack(root / "partner-hub", pack, sizes, marker)
    shutil.rmtree(root / "partner-hub")
    return Template(
        root, hub_dir, notes, pack, files["old"], files["new"], files["pack"], person_id, marker
    )


def _build_hub(folder: Path, sizes: Sizes, marker: str) -> str:
    corpus = Corpus(sizes.entries, seed=42)
    rng = random.Random(f"killrun:{marker}")
    with Hub.create(folder, OLD_PASSPHRASE, kdf=KdfParams.floor()) as hub:
        hub.entries.add_many(((r.kind, r.values) for r in corpus.records()), reindex=False)
        people = named_kinds()
        content = [r.values["id"] for r in corpus.records() if r.kind not in people]
        person = hub.entries.add(
            "expert",
            {
                "title": PERSON,
                "role": "Coördinator ketensamenwerking (fictief)",
                "body": f"Aanspreekpunt voor internationale verzoeken. {marker}",
                "expertise": ["internationale samenwerking", "rechtshulpverzoeken"],
                "email": "i.voorbeeldhuis@example.nl",
            },
        )
        hub.attachments.add(person.id, "cv-voorbeeld.txt", data=f"Levensloop {marker}".encode())
        for entry_id in rng.sample(content, sizes.references):
            hub.entries.update(str(entry_id), {"author": person.id})
        for entry_id in rng.sample(content, 3):
            body = hub.entries.get(str(entry_id)).body_md
            hub.entries.update(str(entry_id), {"body": f"{body}\n\nAfgestemd met {PERSON}."})
        for n, entry_id in enumerate(rng.sample(content, sizes.attachments)):
            data = f"Werkinstructie {n} {marker}\n".encode() + rng.randbytes(2048 + 512 * n)
            hub.attachments.add(str(entry_id), f"werkinstructie-{n}.txt", data=data)
        hub.maintenance.reindex()
        return person.id


def _write_notes(folder: Path, count: int, marker: str) -> None:
    folder.mkdir()
    for n in range(count):
        text = (
            "---\n"
            "kind: advice\n"
            f'title: "Importnotitie {n:03d}: afstemming meldingen en opvolging"\n'
            f"summary: Fictieve notitie {n} over het wegen van meldingen.\n"
            "tags: [killrun, import]\n"
            "themes: [grooming]\n"
            "classification: internal\n"
            "language: nl\n"
            "audience: policy\n"
            "---\n\n"
            f"## Vraag\n\nHoe wegen we melding {n} ({IMPORT_PROBE})?\n\n"
            f"## Advies\n\nLeg de afspraken vast in het ketenoverleg. {marker}\n"
        )
        (folder / f"note-{n:03d}.md").write_text(text, encoding="utf-8")


def _build_pack(folder: Path, out: Path, sizes: Sizes, marker: str) -> None:
    corpus = Corpus(sizes.pack, seed=7)
    rng = random.Random(f"killrun-pack:{marker}")
    with Hub.create(folder, PARTNER_PASSPHRASE, kdf=KdfParams.floor()) as partner:
        items = []
        for record in corpus.records():
            values = dict(record.values)
            values["body"] = f"{values['body']}\n\n{PACK_PROBE} {marker}"
            items.append((record.kind, values))
        ids = partner.entries.add_many(items, reindex=False)
        for n, entry_id in enumerate(rng.sample(ids, max(1, sizes.attachments // 2))):
            data = f"Partnerbijlage {n} {marker}\n".encode() + rng.randbytes(4096)
            partner.attachments.add(entry_id, f"partnerbijlage-{n}.txt", data=data)
        partner.maintenance.reindex()
        packs = partner.packs
        packs.set_publisher_name("Partnerbureau Voorbeeld (fictief)")
        packs.export(
            out, PACK_PASSPHRASE, "confidential", with_people=True, kdf=KdfParams.floor()
        )
