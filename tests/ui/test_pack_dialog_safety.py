"""Pack dialogs with hostile content: text shows literally, and downgrades are asked for."""

from __future__ import annotations

from unittest import mock

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QLabel, QWidget

from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.packs import THEIRS, PackFacade
from tests.conftest import PASSPHRASE
from tests.core.packkit import PACK_PASS, export
from ui.packs import ExportPackDialog, ImportPackDialog
from ui.tasks import TaskRunner

HOSTILE_NAME = '<img src="file:///etc/hostname"><b>Centrum</b> &amp; <a href="x:y">z</a>'
HOSTILE_TITLE = '<img src="\\\\host\\share\\x.png"><style>*{color:red}</style>Advies'


@pytest.fixture(autouse=True)
def floor_kdf():
    with mock.patch("expertise.packs.api.calibrate", KdfParams.floor):
        yield


@pytest.fixture
def runner():
    pool = TaskRunner()
    yield pool
    pool.wait()


_HOSTS: list[QWidget] = []


def _host(qtbot) -> QWidget:
    host = QWidget()
    qtbot.addWidget(host)
    host.show()
    _HOSTS.append(host)  # a Python reference, or the dialog dies with its parent
    return host


def _rich_labels(dialog: QWidget) -> list[str]:
    """Labels that Qt would render as rich text: none may show content."""
    return [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.textFormat() != Qt.TextFormat.PlainText and QtGui.mightBeRichText(label.text())
    ]


def _open(qtbot, packs: PackFacade, runner, path) -> ImportPackDialog:
    dialog = ImportPackDialog(packs, runner, "en", _host(qtbot), path=path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.info is not None, timeout=30000)
    return dialog


def test_import_dialog_shows_a_hostile_publisher_name_as_plain_text(qtbot, hub, runner, tmp_path):
    with Hub.create(tmp_path / "partner", PASSPHRASE, kdf=KdfParams.floor()) as other:
        other.entries.add("advice", {"title": HOSTILE_TITLE})
        partner = other.packs
        partner.set_publisher_name(HOSTILE_NAME)
        pack = export(partner, tmp_path / "p.ekp")
    dialog = _open(qtbot, hub.packs, runner, pack)
    assert dialog.publisher.text() == HOSTILE_NAME
    assert dialog.publisher.textFormat() == Qt.TextFormat.PlainText
    dialog.passphrase.setText(PACK_PASS)
    dialog.check_button.click()  # untrusted: the refusal names the publisher
    qtbot.waitUntil(lambda: "does not trust" in dialog.message.text(), timeout=60000)
    assert _rich_labels(dialog) == []


def test_conflict_titles_and_summary_stay_plain(qtbot, demo_hub, hub, runner, tmp_path):
    source, target = demo_hub.packs, hub.packs
    source.set_publisher_name(HOSTILE_NAME)
    target.import_pack(export(source, tmp_path / "1.ekp"), PACK_PASS, trust=True)
    entry_id = next(e.id for e in demo_hub.entries.list("advice") if e.classification == "public")
    demo_hub.entries.update(entry_id, {"title": HOSTILE_TITLE})
    hub.entries.update(entry_id, {"summary": "Eigen aanvulling"})
    dialog = _open(qtbot, target, runner, export(source, tmp_path / "2.ekp"))
    dialog.passphrase.setText(PACK_PASS)
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.plan_report is not None, timeout=60000)
    cell = dialog.conflicts.item(0, 0)
    assert cell is not None and cell.text().startswith(HOSTILE_TITLE)
    assert [box.property("entry_id") for box in dialog.choice_boxes()] == [entry_id]
    assert _rich_labels(dialog) == []
    dialog.choice_boxes()[0].setCurrentIndex(dialog.choice_boxes()[0].findData(THEIRS))


def test_export_dialog_labels_are_plain(qtbot, demo_hub, runner, tmp_path):
    packs = demo_hub.packs
    packs.set_publisher_name(HOSTILE_NAME)
    dialog = ExportPackDialog(packs, runner, "en", _host(qtbot))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.fingerprint.text()), timeout=30000)
    assert dialog.publisher.text() == HOSTILE_NAME
    dialog.out_path.setText(str(tmp_path / "x.ekp"))
    dialog.passphrase.setText(PACK_PASS)
    dialog.repeat.setText(PACK_PASS)
    dialog.saved_search.addItem(HOSTILE_TITLE, HOSTILE_TITLE)
    dialog.saved_search.setCurrentIndex(dialog.saved_search.count() - 1)
    dialog.export_button.click()  # no such saved search: the message quotes its name
    qtbot.waitUntil(lambda: "no saved search" in dialog.message.text(), timeout=60000)
    assert _rich_labels(dialog) == []


ENTRY = "5d0c7a1e-2b8f-4c7e-8f1a-3e9b6c2d4a10"
DELETED = "5d0c7a1e-2b8f-4c7e-8f1a-3e9b6c2d4a11"


def _plan(qtbot, packs: PackFacade, runner, pack) -> ImportPackDialog:
    dialog = _open(qtbot, packs, runner, pack)
    dialog.passphrase.setText(PACK_PASS)
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.plan_report is not None, timeout=60000)
    return dialog


def _import(qtbot, dialog: ImportPackDialog):
    got: list[object] = []
    dialog.sig_imported.connect(got.append)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: bool(got) or bool(dialog.message.text()), timeout=60000)
    assert got, dialog.message.text()
    return got[0]


def test_import_dialog_asks_per_entry_before_lowering_a_classification(
    qtbot, hub, runner, tmp_path
):
    from tests.core.packkit import craft
    from tests.core.packmerge import advice, partner

    packs = hub.packs
    key = partner(packs, "Partnerorganisatie Oost")
    first = [advice(ENTRY, 1, classification="confidential"), advice(DELETED, 1)]
    packs.import_pack(craft(tmp_path / "1.ekp", key, "Oost", first), PACK_PASS)
    hub.entries.delete(DELETED)
    second = [advice(ENTRY, 2, classification="public", title="Openbaar"), advice(DELETED, 2)]
    pack = craft(tmp_path / "2.ekp", key, "Oost", second)

    dialog = _plan(qtbot, packs, runner, pack)
    assert dialog.downgrades.isVisibleTo(dialog) and dialog.downgrades.rowCount() == 1
    assert dialog.downgrades.item(0, 1).text() != dialog.downgrades.item(0, 2).text()
    assert [box.property("entry_id") for box in dialog.downgrades.boxes()] == [ENTRY]
    assert [box.property("entry_id") for box in dialog.deleted.boxes()] == [DELETED]
    report = _import(qtbot, dialog)  # the defaults: keep the classification, leave deleted
    assert report.refused_downgrades == [ENTRY] and report.deleted_skipped == [DELETED]
    assert hub.entries.get(ENTRY).classification == "confidential"

    dialog = _plan(qtbot, packs, runner, pack)
    for box in dialog.downgrades.boxes() + dialog.deleted.boxes():
        box.setCurrentIndex(box.findData("accept"))
    report = _import(qtbot, dialog)
    assert report.updated == [ENTRY] and hub.entries.get(ENTRY).classification == "public"
    assert report.restored == [DELETED] and hub.entries.count() == 2
