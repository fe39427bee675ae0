"""The hostile corpus (tests/hostile_corpus/): inert in the app, in every export and on import.

One file is one case; its name says what is expected:

- `*.md` notes (Markdown and HTML bodies, hostile titles, front matter tricks)
  and `experts*/organisations*.csv` rows are imported with `expertise import`,
  one file at a time. A `refuse-*` file must be refused with one clear line
  naming the file and leave the hub as it was; any other must be imported.
- Every imported note is opened in the real reading pane (EntryView): the title
  shows literally as plain text, only allowlisted markup reaches the browser,
  no link keeps an unsafe scheme, and every resource the document asks for is
  a blank. Then it goes through every export — `expertise export` JSON and
  Markdown, course export HTML, PDF and Markdown — and through a knowledge pack
  into a second hub, and must come out inert (no raw <script>, no remote image,
  no javascript: link) with its data unchanged.
- `manifest-*.json` (hostile pack manifests) are tested in
  tests/core/test_hostile_manifests.py, which xdist can run on another worker.

There is no CSV export, so formulas in CSV cells (`=cmd|...`) are stored as
text and can only leave the hub as JSON, Markdown, HTML or PDF text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.render import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from tests.conftest import PASSPHRASE
from tests.core.hostile_kit import (
    ACCEPTED,
    FILES,
    NOTES,
    Ran,
    assert_one_line_refusal,
    cli,
    ids,
    kek_once_per_hub,
)
from tests.core.packkit import PACK_PASS, export

SAFE_SCHEMES = {"http", "https", "mailto", "entry", ""}


@pytest.fixture(scope="module", autouse=True)
def _kek_once() -> Iterator[None]:
    with kek_once_per_hub():
        yield


# -- one world for the whole module: imports, exports, a pack ------------------------------
@dataclass
class World:
    root: Path
    secret: Path
    hub: Path
    imports: dict[str, Ran] = field(default_factory=dict)
    created: dict[str, list[str]] = field(default_factory=dict)
    total: int = 0  # entries in the hub after every import
    exports: dict[str, Ran] = field(default_factory=dict)
    records: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (title, body)


def _import_each(world: World) -> None:
    for path in NOTES:
        ran = cli(world.hub, world.secret, "import", "--json", str(path))
        world.imports[path.name] = ran
        if ran.code == 0:
            world.created[path.name] = json.loads(ran.out)["created"]


def _export_all(world: World) -> None:
    root = world.root
    world.exports["json"] = cli(
        world.hub, world.secret, "export", "--format", "json", "-o", str(root / "all.json")
    )
    world.exports["md"] = cli(world.hub, world.secret, "export", "--format", "md", str(root / "md"))
    with Hub.open(world.hub, PASSPHRASE) as hub:
        world.total = hub.entries.count()
        for entry in hub.entries.list():
            world.records[entry.id] = (entry.title, hub.entries.get(entry.id).body_md)
        pack = hub.courses.create("Hostile corpus <b>pack</b>", "confidential")
        entry_ids = [i for created in world.created.values() for i in created]
        hub.courses.add_entries(pack.id, entry_ids)
        for position, entry_id in enumerate(entry_ids):
            hub.courses.set_note(pack.id, position, world.records[entry_id][0])
        packs = hub.packs
        packs.set_publisher_name("Corpus publisher")
        export(packs, root / "corpus.ekp", "confidential", with_people=True)
    for fmt, target in (("--html", "course.html"), ("--pdf", "course.pdf"), ("--md", "course")):
        world.exports[fmt] = cli(
            world.hub, world.secret, "course", "export", pack.id, fmt, str(root / target),
            "--with-notes",
        )  # fmt: skip


def _through_copies(world: World) -> None:
    root = world.root
    for name in ("md-copy", "pack-copy"):
        Hub.create(root / name, PASSPHRASE, kdf=KdfParams.floor()).close()
    world.exports["md-reimport"] = cli(root / "md-copy", world.secret, "import", str(root / "md"))
    (root / "pack-secret").write_text(PACK_PASS, encoding="utf-8")
    world.exports["pack-import"] = cli(
        root / "pack-copy", world.secret, "pack", "import", str(root / "corpus.ekp"),
        "--trust", "--pack-passphrase-file", str(root / "pack-secret"),
    )  # fmt: skip


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("corpus")
    secret = root / "secret"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    Hub.create(root / "hub", PASSPHRASE, kdf=KdfParams.floor()).close()
    made = World(root, secret, root / "hub")
    _import_each(made)
    _export_all(made)
    _through_copies(made)
    return made


def test_the_corpus_is_large_and_varied():
    assert len(FILES) >= 40
    kinds = {p.suffix for p in FILES}
    assert kinds == {".md", ".csv", ".json"}
    assert sum(p.name.startswith("title-") for p in FILES) >= 5
    assert sum(p.name.startswith(("fm-", "refuse-fm-")) for p in FILES) >= 5


# -- import ------------------------------------------------------------------------------
@pytest.mark.parametrize("path", NOTES, ids=ids(NOTES))
def test_import_takes_it_or_refuses_it_in_one_line(world, path):
    ran = world.imports[path.name]
    assert "Traceback" not in ran.out + ran.err
    # every entry in the hub came from an accepted file: a refused one left nothing
    assert world.total == sum(len(created) for created in world.created.values())
    if path.name.startswith("refuse-"):
        assert_one_line_refusal(ran, path.name)
        assert path.name not in world.created
    else:
        assert ran.code == 0, ran.err
        assert world.created[path.name]


# -- in the app --------------------------------------------------------------------------
class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def _scheme(url: str) -> str:
    match = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):", url)
    return match.group(1).lower() if match else ""


def assert_allowlisted(html: str) -> None:
    parser = Tags()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs:
            # nh3 keeps its generic, inert `title` and `lang` on any tag
            assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel", "title", "lang"}
            if name in ("href", "src"):
                assert _scheme(value or "") in SAFE_SCHEMES, value
            if tag == "img" and name == "src":
                assert _scheme(value or "") in ("http", "https", ""), value


def _images(document) -> list[str]:
    names: list[str] = []
    block = document.begin()
    while block.isValid():
        for fragment in block:
            fmt = fragment.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(fmt.toImageFormat().name())
        block = block.next()
    return names


@pytest.fixture(scope="module")
def app(world, qapp) -> Iterator[object]:
    from ui.context import AppContext
    from ui.tasks import TaskRunner

    hub = Hub.open(world.hub, PASSPHRASE)
    context = AppContext(hub, TaskRunner(), TaskRunner(), language="en")
    yield context
    context.runner.wait()
    context.search_runner.wait()
    context.detach()
    hub.close()


@pytest.mark.parametrize("path", ACCEPTED, ids=ids(ACCEPTED))
def test_shown_in_the_app_it_loads_and_runs_nothing(world, app, qtbot, path):
    from PySide6.QtCore import Qt, QUrl
    from PySide6.QtGui import QImage, QTextDocument

    from ui.entries.entry_view import EntryView

    view = EntryView(app)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    for entry_id in world.created[path.name]:
        view.show_entry(entry_id)
        qtbot.waitUntil(lambda i=entry_id: view.current_id() == i, timeout=20000)
        title, _body = world.records[entry_id]
        assert view.title.textFormat() == Qt.TextFormat.PlainText
        assert view.title.text() == title
        assert view.detail is not None
        assert_allowlisted(view.detail.html)
        for browser in (view.body, view.details):
            doc = browser.document()
            for name in _images(doc):
                image = doc.resource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
                assert isinstance(image, QImage) and image.size().width() == 1, name
    view.clear()


# -- exports -------------------------------------------------------------------------------
def test_every_export_ran(world):
    for name, ran in world.exports.items():
        assert ran.code == 0, (name, ran.err)


@pytest.mark.parametrize("path", ACCEPTED, ids=ids(ACCEPTED))
def test_the_json_export_keeps_the_data_and_holds_no_markup(world, path):
    raw = (world.root / "all.json").read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw  # escaped as \\u003c: safe to embed anywhere
    exported = {item["id"]: item for item in json.loads(raw)}
    for entry_id in world.created[path.name]:
        title, body = world.records[entry_id]
        assert exported[entry_id]["title"] == title
        assert exported[entry_id].get("body", "") == body


@pytest.fixture(scope="module")
def copies(world) -> dict[str, dict[str, tuple[str, str] | str]]:
    """Each entry of the hub as the two copies (Markdown re-import, pack import) hold it.

    Each copy is opened once, not once per case; a case then compares its own entries,
    as when it opened the copy itself. An entry a copy cannot give keeps the error, which
    fails that case alone.
    """
    read: dict[str, dict[str, tuple[str, str] | str]] = {}
    for name in ("md-copy", "pack-copy"):
        with Hub.open(world.root / name, PASSPHRASE) as copy:
            read[name] = {}
            for entry_id in world.records:
                try:
                    again = copy.entries.get(entry_id)
                except Exception as error:  # reported by the case it belongs to
                    read[name][entry_id] = repr(error)
                else:
                    read[name][entry_id] = (again.title, again.body_md)
    return read


@pytest.mark.parametrize("path", ACCEPTED, ids=ids(ACCEPTED))
def test_the_markdown_export_reads_back_unchanged(world, copies, path):
    for entry_id in world.created[path.name]:
        assert copies["md-copy"][entry_id] == world.records[entry_id]


@pytest.mark.parametrize("path", ACCEPTED, ids=ids(ACCEPTED))
def test_the_course_html_is_inert(world, path):
    page = (world.root / "course.html").read_text(encoding="utf-8")
    parser = Tags()
    parser.feed(page)
    for tag, attrs in parser.found:
        assert tag not in ("script", "img", "iframe", "object", "embed", "link", "form"), tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src"):
                assert _scheme(value or "") in SAFE_SCHEMES - {"entry"}, value
    for entry_id in world.created[path.name]:
        assert f'id="entry-{entry_id}"' in page


@dataclass
class PdfFacts:
    markers: list[bytes]
    uris: list[str]
    image_sizes: set[tuple[int, int]]
    text: str


@pytest.fixture(scope="module")
def pdf(world) -> PdfFacts:
    """The course PDF read once: active markers, link targets, image sizes, text."""
    raw = (world.root / "course.pdf").read_bytes()
    reader = pypdf.PdfReader(world.root / "course.pdf")
    active = (b"/JavaScript", b"/JS ", b"/Launch", b"/EmbeddedFile", b"/SubmitForm")
    uris: list[str] = []
    sizes: set[tuple[int, int]] = set()
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            uris.append(str(action.get("/URI", "")))
        resources = page.get("/Resources") or {}
        for xobject in (resources.get("/XObject") or {}).values():
            obj = xobject.get_object()
            if obj.get("/Subtype") == "/Image":
                sizes.add((int(obj["/Width"]), int(obj["/Height"])))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return PdfFacts([m for m in active if m in raw], uris, sizes, text)


@pytest.mark.parametrize("path", ACCEPTED, ids=ids(ACCEPTED))
def test_the_course_pdf_is_inert(world, pdf, path):
    assert pdf.markers == []
    assert all(_scheme(uri) in SAFE_SCHEMES - {"entry"} for uri in pdf.uris), pdf.uris
    assert pdf.image_sizes <= {(1, 1)}  # a blank stands in for every image
    for entry_id in world.created[path.name]:
        title = _letters(world.records[entry_id][0])
        assert title[:12] in _letters(pdf.text), title


def _letters(text: str) -> str:
    """Text as extracted from a PDF compares: no spaces, no line breaks, no ligatures."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


MARKDOWN_TAGS = {"p", "a", "code", "pre", "em", "strong", "ul", "ol", "li", "blockquote", "hr"}
MARKDOWN_TAGS |= {"br", "table", "thead", "tbody", "tr", "th", "td", "h1", "h2", "h3", "h4"}
MARKDOWN_TAGS |= {"h5", "h6", "dl", "dt", "dd"}


@pytest.fixture(scope="module")
def course_markdown(world) -> dict[str, list[tuple[str, list[tuple[str, str | None]]]]]:
    """Each exported Markdown file as a viewer renders it (Python-Markdown): its tags."""
    import markdown

    folder = world.root / "course"
    rendered = {}
    for file in [folder / "README.md", *sorted((folder / "entries").glob("*.md"))]:
        text = file.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[-1] if file.name != "README.md" else text
        parser = Tags()
        parser.feed(markdown.markdown(body, extensions=["fenced_code", "tables", "def_list"]))
        rendered[file.name] = parser.found
    return rendered


@pytest.mark.parametrize("path", ACCEPTED, ids=ids(ACCEPTED))
def test_the_course_markdown_is_inert(world, course_markdown, path):
    assert len(course_markdown) == 1 + sum(map(len, world.created.values()))
    for name, tags in course_markdown.items():
        for tag, attrs in tags:
            assert tag in MARKDOWN_TAGS, (name, tag)  # no raw HTML got through, no image
            for attr, value in attrs:
                assert attr in ("href", "title", "class", "id", "align", "style"), (name, attr)
                if attr == "href":
                    assert _scheme(value or "") in SAFE_SCHEMES - {"entry"}, (name, value)
                    assert not (value or "").lstrip().startswith(("//", "\\\\")), value
    assert path.name in world.created


# -- through a knowledge pack ------------------------------------------------------------
@pytest.mark.parametrize("path", ACCEPTED, ids=ids(ACCEPTED))
def test_a_pack_carries_it_unchanged(world, copies, path):
    for entry_id in world.created[path.name]:
        assert copies["pack-copy"][entry_id] == world.records[entry_id]
