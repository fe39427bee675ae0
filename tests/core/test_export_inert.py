"""Course exports carry nothing active: the PDF loads no resource, the Markdown no HTML or image.

The PDF is laid out by Qt's QTextDocument, which reads local files for an <img>
the sanitiser let through (a path has no scheme, so it is allowed); a picture of
an odd size shows in the PDF's image dictionary if it was embedded. The
Markdown folder is opened in whatever viewer a trainer has; it must hold no raw
HTML, no image and no link that a viewer would follow to a script or a file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from expertise.courses.inert_md import inert, safe_target
from expertise.hub import Hub

WIDTH, HEIGHT = 37, 23  # the local picture's size, unlike anything else in a PDF


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    from PySide6.QtGui import QColor, QImage

    from pdfout import gui_application

    path = tmp_path / "local-picture.png"
    with gui_application():
        image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
        image.fill(QColor("red"))
        assert image.save(str(path))
    return path


def _pack(hub: Hub, title: str, body: str, note: str = "", audience: str = "") -> str:
    entry = hub.entries.add("advice", {"title": title, "body_md": body})
    pack = hub.courses.create(title, "internal", audience, note)
    hub.courses.add_entries(pack.id, [entry.id])
    if note:
        hub.courses.set_note(pack.id, 0, note)
    return pack.id


# -- PDF ---------------------------------------------------------------------------------
def test_the_pdf_document_answers_every_resource_with_a_blank():
    from PySide6.QtCore import QByteArray, QUrl
    from PySide6.QtGui import QImage, QTextDocument

    from pdfout import gui_application
    from pdfout.writer import _InertDocument

    urls = ["file:///etc/passwd", "/etc/passwd", "\\\\host\\share\\x.png", "https://a.example/x"]
    with gui_application():
        doc = _InertDocument()
        for kind in QTextDocument.ResourceType:
            for url in urls:
                answer = doc.loadResource(kind.value, QUrl(url))
                assert answer is not None  # None lets QTextDocument load the file itself
                if isinstance(answer, QImage):
                    assert (answer.width(), answer.height()) == (1, 1)
                else:
                    assert isinstance(answer, QByteArray) and answer.isEmpty()


def test_a_course_pdf_embeds_no_local_file(hub, picture, tmp_path):
    body = f"Method.\n\n![local]({picture})\n\n<img src='{picture}'>\n\n![uri]({picture.as_uri()})"
    pack_id = _pack(hub, "Werkwijze beeldmateriaal", body)
    out = tmp_path / "pack.pdf"
    hub.courses.export_pdf(pack_id, out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert f"/Width {WIDTH}".encode() not in data
    assert f"/Height {HEIGHT}".encode() not in data


# -- Markdown ---------------------------------------------------------------------------
HOSTILE_BODY = """Method for the intake.

<script>alert('x')</script>
<img src="https://tracker.example/pixel.png">
<iframe src="https://tracker.example/"></iframe>
![pixel](https://tracker.example/pixel.png)
![ref image][px]
[click](javascript:alert(1))
[split](
javascript:alert(2))
[entity](java&#115;cript:alert(3))
[data](data:text/html,<b>x</b>)
[unc](\\\\\\\\host\\\\share)
[px]: https://tracker.example/pixel.png
[evil]: vbscript:msgbox
<!-- comment -->
<https://autolink.example/>
Plain [fine link](https://example.org/guide) and [relative](notes/next.md).

```
<b>code stays code</b>
```
"""
ACTIVE = [
    re.compile(r"<\s*(script|img|iframe|style|a|object|embed|svg|link|meta|!--)", re.I),
    re.compile(r"!\["),
    re.compile(r"\]\(\s*(javascript|data|vbscript|file):", re.I),
    re.compile(r"\]:\s*(javascript|data|vbscript|file):", re.I),
    re.compile(r"java&#115;cript", re.I),
    re.compile(r"\]\(\s*[\\/]{2}"),
]


def _active(text: str) -> list[str]:
    outside_code = re.sub(r"```\n.*?\n```", "", text, flags=re.S)
    return [p.pattern for p in ACTIVE if p.search(outside_code)]


def test_the_markdown_export_holds_no_html_images_or_active_links(hub, tmp_path):
    title = "<img src=https://tracker.example/t.png> Intake"
    note = "<script>alert('note')</script> ![n](https://tracker.example/n.png)"
    pack_id = _pack(hub, title, HOSTILE_BODY, note, "<b>trainers</b>")
    out = tmp_path / "md"
    hub.courses.export_markdown(pack_id, out, with_notes=True)
    files = sorted(out.rglob("*.md"))
    assert len(files) == 2
    for path in files:
        text = path.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[-1]  # front matter is data, parsed back by import
        assert _active(body) == [], path.name
    entry = next(p for p in files if p.parent.name == "entries").read_text(encoding="utf-8")
    assert "&lt;script>alert('x')&lt;/script>" in entry  # shown as text, not dropped
    assert "[fine link](https://example.org/guide)" in entry
    assert "[relative](notes/next.md)" in entry
    assert "<b>code stays code</b>" in entry
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "&lt;script>alert('note')" in readme and "&lt;b>trainers" in readme


CASES = [
    ("<b>bold</b>", "&lt;b>bold&lt;/b>"),
    ("![a](https://x.example/p.png)", "[Image: a](https://x.example/p.png)"),
    ("[a](javascript:x)", "[a](#)"),
    ("[a](JaVaScRiPt:x)", "[a](#)"),
    ("[a](<javascript:x>)", "[a](#)"),
    ("[a](java\tscript:x)", "[a](java\tscript:x)"),  # a tab ends the target: not a link
    ("[a](javascript\\:x)", "[a](#)"),
    ("[a](//evil.example/)", "[a](#)"),
    ("[a](file:///etc/passwd)", "[a](#)"),
    ("[r]: data:text/html,x", "[r]: #"),
    ("[a](mailto:team@example.org)", "[a](mailto:team@example.org)"),
    ("[a](../up.md#part)", "[a](../up.md#part)"),
    ("~~~\n<b>\n~~~\n<b>", "~~~\n<b>\n~~~\n&lt;b>"),
    ("```js`\n<b>", "```js`\n&lt;b>"),  # a backtick in the info string: no fence
    ("    ```\n<b>", "    ```\n&lt;b>"),  # indented: code, not a fence
    ("```\n<b> never closed", "```\n&lt;b> never closed"),  # not code in every viewer
    ("```\n<b>\n````\n<i>", "```\n&lt;b>\n````\n&lt;i>"),  # closed only in CommonMark
    ("  ```\n<b>\n  ```", "  ```\n&lt;b>\n  ```"),  # indented fences: not everywhere
    ("```\n<b>\n```", "```\n<b>\n```"),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_inert_markdown(source, expected):
    assert inert(source) == expected


def test_safe_targets():
    assert safe_target("https://example.org/a(b)")
    assert not safe_target("&#x6A;avascript:x")
    assert not safe_target("\\\\host\\share")
    assert not safe_target("c:\\windows\\x.png")
