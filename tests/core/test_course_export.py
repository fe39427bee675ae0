"""A pack holding every kind, exported to PDF, HTML and Markdown; content and ceiling checked.

The pack's ceiling is `internal`. A confidential entry cannot be added, an
entry raised to confidential after it was added is left out, and an entry
referenced from an exported one is not named when it is above the ceiling.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

from expertise.courses import AboveCeiling
from expertise.frontmatter import parse_document
from expertise.hub import Hub
from expertise.kdf import KdfParams
from tests.conftest import PASSPHRASE, files_containing

NOTE = "NOTE-MARK-3c1e: laat de groep eerst zelf de knelpunten noemen."
SECRET = ("CONF-MARK-7f3a", "RAISED-MARK-91b2", "Geheim Expert Quirijn")
KIND_NAMES = {
    "advice": "Advice note",
    "innovation": "Innovation project",
    "practice": "Best practice",
    "expert": "Expert",
    "organisation": "Organisation",
}


def _add(hub: Hub, kind: str, title: str, level: str, **values: object) -> str:
    return hub.entries.add(kind, {"title": title, "classification": level, **values}).id


def _fill(hub: Hub) -> dict[str, str]:
    ids: dict[str, str] = {}
    ids["org"] = _add(
        hub,
        "organisation",
        "Stichting Testlicht",
        "public",
        org_type="ngo",
        country="NL",
        contact="Postbus 1 (fictief)",
        body="ORG-BODY-MARK",
    )
    ids["secret_expert"] = _add(hub, "expert", SECRET[2], "confidential", body="x")
    ids["expert"] = _add(
        hub,
        "expert",
        "Rechercheur Ilse Dommel",
        "internal",
        organisation=ids["org"],
        role="Zedenrechercheur",
        body="EXPERT-BODY",
    )
    ids["practice"] = _add(
        hub,
        "practice",
        "Vaste contactpersoon",
        "internal",
        context="PRACTICE-CONTEXT-MARK",
        summary=f"Vergelijk met [[{SECRET[0]}]].",
        lessons="Korte lijnen werken.",
        body="Een werkwijze.",
    )
    ids["innovation"] = _add(
        hub,
        "innovation",
        "Sporenkaart",
        "internal",
        stage="pilot",
        lead=ids["secret_expert"],
        partners=[ids["org"]],
        bottleneck="Gemiste gegevensdragers.",
        body="INNOVATION-BODY",
    )
    ids["advice"] = _add(
        hub,
        "advice",
        "Advies over meldketens",
        "public",
        audience="policy",
        body=(
            "# Advies over meldketens\n\nZie [[Vaste contactpersoon]] en [[" + SECRET[0] + "]].\n\n"
            "![beeld](https://example.org/x.png) [extern](https://example.org/a) "
            "<script>alert(1)</script><img src=x onerror=alert(2)>"
        ),
    )
    ids["confidential"] = _add(hub, "advice", SECRET[0], "confidential", body=SECRET[0])
    ids["raised"] = _add(hub, "practice", "Later geheim", "internal", body=SECRET[1])
    hub.attachments.add(ids["practice"], "lesplan.txt", data=b"lesplan inhoud")
    hub.attachments.add(ids["raised"], "geheim.txt", data=SECRET[1].encode())
    return ids


ORDER = ("advice", "innovation", "practice", "expert", "org", "raised")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("course-export")
    with Hub.create(root / "hub", PASSPHRASE, kdf=KdfParams.floor()) as hub:
        ids = _fill(hub)
        courses = hub.courses
        pack = courses.create(
            "Basistraining meldketens",
            "internal",
            audience="Nieuwe collega's",
            description="Een **introductie** voor trainers.",
        )
        courses.add_entries(pack.id, [ids[key] for key in ORDER])
        with pytest.raises(AboveCeiling):
            courses.add_entries(pack.id, [ids["confidential"]])
        courses.set_note(pack.id, 0, NOTE)
        hub.entries.update(ids["raised"], {"classification": "confidential"})
        out = root / "out"
        out.mkdir()
        results = {
            "pdf": courses.export_pdf(pack.id, out / "pack.pdf"),
            "pdf_notes": courses.export_pdf(pack.id, out / "notes.pdf", with_notes=True),
            "html": courses.export_html(pack.id, out / "pack.html"),
            "html_notes": courses.export_html(pack.id, out / "notes.html", with_notes=True),
            "md": courses.export_markdown(pack.id, out / "md"),
            "md_notes": courses.export_markdown(pack.id, out / "md-notes", with_notes=True),
        }
        titles = [hub.entries.get(ids[key]).title for key in ORDER[:-1]]
        kinds = [hub.entries.get(ids[key]).kind for key in ORDER[:-1]]
    return {"out": out, "results": results, "titles": titles, "kinds": kinds, "root": root}


def _pages(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


# -- PDF ---------------------------------------------------------------------------
def test_pdf_has_cover_contents_and_every_entry(exported):
    pages = _pages(exported["out"] / "pack.pdf")
    result = exported["results"]["pdf"]
    assert result.pages == len(pages) >= 2 + len(exported["titles"])
    assert (result.entries, result.skipped) == (5, 1)
    assert "COURSE PACK" in pages[0] and "Basistraining meldketens" in pages[0]
    assert "Nieuwe collega's" in pages[0] and "introductie" in pages[0]
    assert pages[1].startswith("Contents")
    listed = zip(exported["titles"], exported["kinds"], strict=True)
    for number, (title, kind) in enumerate(listed, start=1):
        page = next(i for i, text in enumerate(pages[2:], start=3) if text.startswith(title))
        assert f"{number}. {title} ({KIND_NAMES[kind]}) {page}" in pages[1]
    assert "PRACTICE-CONTEXT-MARK" in " ".join(pages)
    assert "Stichting Testlicht" in pages[1] and "Rechercheur Ilse Dommel" in pages[1]


def test_pdf_banner_and_footer_on_every_page(exported):
    pages = _pages(exported["out"] / "pack.pdf")
    for number, text in enumerate(pages, start=1):
        assert "INTERNAL" in text
        assert f"page {number} / {len(pages)}" in text
        assert "Exported " in text and "Hub: hub" in text


def test_pdf_leaves_out_what_is_above_the_ceiling(exported):
    for name in ("pack.pdf", "notes.pdf"):
        text = " ".join(_pages(exported["out"] / name))
        for secret in SECRET:
            assert secret not in text


def test_pdf_notes_only_when_asked(exported):
    assert "NOTE-MARK-3c1e" not in " ".join(_pages(exported["out"] / "pack.pdf"))
    assert "NOTE-MARK-3c1e" in " ".join(_pages(exported["out"] / "notes.pdf"))


# -- HTML --------------------------------------------------------------------------
class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_style = tag == "style"
        self.attrs += [(tag, name, value or "") for name, value in attrs]

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
        else:
            self.text.append(data)


def _parse(path: Path) -> _Collect:
    parser = _Collect()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_html_is_self_contained_and_inert(exported):
    page = _parse(exported["out"] / "pack.html")
    assert not {"script", "iframe", "img", "link", "object", "embed", "form", "base"} & set(
        page.tags
    )
    assert "background-color" in page.style and "@import" not in page.style
    assert "url(" not in page.style
    assert not [a for a in page.attrs if a[1] in ("src", "srcset", "action", "background")]
    assert not [a for a in page.attrs if a[1].startswith("on")]
    hrefs = [value for _tag, name, value in page.attrs if name == "href"]
    targets = {value for _tag, name, value in page.attrs if name in ("id", "name")}
    assert hrefs and all(h.startswith("#") and h[1:] in targets for h in hrefs)
    csp = [v for _t, n, v in page.attrs if n == "content" and "default-src" in v]
    assert csp == [
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
    ]
    assert "alert(" not in (exported["out"] / "pack.html").read_text(encoding="utf-8")


def test_html_holds_every_entry_and_nothing_above_the_ceiling(exported):
    text = " ".join(_parse(exported["out"] / "notes.html").text)
    for title in exported["titles"]:
        assert title in text
    assert "INTERNAL" in text and "ORG-BODY-MARK" in text
    for secret in SECRET:
        assert secret not in (exported["out"] / "notes.html").read_text(encoding="utf-8")


def test_html_notes_toggle(exported):
    assert NOTE not in " ".join(_parse(exported["out"] / "pack.html").text)
    assert "NOTE-MARK-3c1e" in " ".join(_parse(exported["out"] / "notes.html").text)


def test_html_wiki_links_point_inside_the_pack_or_are_withheld(exported):
    raw = (exported["out"] / "pack.html").read_text(encoding="utf-8")
    assert 'Zie <a href="#entry-' in raw and ">Vaste contactpersoon</a>" in raw
    assert "[an entry above the classification ceiling]" in raw
    assert "example.org" not in raw


# -- Markdown folder -------------------------------------------------------------------
def test_markdown_entries_parse_back_with_their_front_matter(exported):
    folder = exported["out"] / "md"
    files = sorted((folder / "entries").glob("*.md"))
    parsed = [parse_document(p.read_text(encoding="utf-8"), p.name) for p in files]
    assert [doc.title for doc in parsed] == exported["titles"]
    assert {str(doc.meta["kind"]) for doc in parsed} == set(KIND_NAMES)
    innovation = next(doc for doc in parsed if doc.meta["kind"] == "innovation")
    assert "lead" not in innovation.meta and innovation.meta.get("partners")
    assert all(str(doc.meta["classification"]) in ("public", "internal") for doc in parsed)


def test_markdown_copies_only_allowed_attachments(exported):
    folder = exported["out"] / "md"
    copied = list((folder / "attachments").rglob("*"))
    names = [p.name for p in copied if p.is_file()]
    assert names == ["lesplan.txt"]
    assert exported["results"]["md"].attachments == 1
    lesplan = next(p for p in copied if p.name == "lesplan.txt")
    assert lesplan.read_bytes() == b"lesplan inhoud"


def test_markdown_overview_and_notes(exported):
    plain = (exported["out"] / "md" / "README.md").read_text(encoding="utf-8")
    noted = (exported["out"] / "md-notes" / "README.md").read_text(encoding="utf-8")
    positions = [plain.index(title) for title in exported["titles"]]
    assert positions == sorted(positions)
    assert "NOTE-MARK-3c1e" not in plain and "NOTE-MARK-3c1e" in noted


def test_no_export_holds_anything_above_the_ceiling(exported):
    for secret in SECRET:
        assert files_containing(exported["out"], secret) == []
