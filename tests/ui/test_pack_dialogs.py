"""The knowledge-pack dialogs offscreen: export, publisher and trust, the plan, conflicts."""

from __future__ import annotations

from unittest import mock

import pytest
from PySide6.QtWidgets import QWidget

from expertise.hub import Hub
from expertise.kdf import KdfParams
from expertise.packs import BOTH, THEIRS, PackFacade
from expertise.packs import format as container
from tests.conftest import PASSPHRASE
from tests.core.packkit import PACK_PASS, export
from ui.packs import ExportPackDialog, ImportPackDialog
from ui.tasks import TaskRunner


@pytest.fixture(autouse=True)
def floor_kdf():
    # The dialogs export with calibrated Argon2id; the floor keeps the tests quick.
    with mock.patch("expertise.packs.api.calibrate", KdfParams.floor):
        yield


@pytest.fixture
def runner():
    pool = TaskRunner()
    yield pool
    pool.wait()


@pytest.fixture
def source(demo_hub) -> PackFacade:
    packs = demo_hub.packs
    packs.set_publisher_name("Landelijk Expertisecentrum (test)")
    return packs


@pytest.fixture
def target(hub) -> PackFacade:
    return hub.packs


_HOSTS: list[QWidget] = []


def _host(qtbot) -> QWidget:
    host = QWidget()
    qtbot.addWidget(host)
    host.show()
    _HOSTS[:] = [host]  # a Python reference, or the dialog dies with its parent
    return host


def _import_dialog(qtbot, target, runner, path) -> ImportPackDialog:
    dialog = ImportPackDialog(target, runner, "en", _host(qtbot), path=path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.info is not None, timeout=30000)
    return dialog


def _click_and_wait(qtbot, button, signal, message=None) -> object:
    got: list[object] = []
    signal.connect(got.append)
    button.click()
    qtbot.waitUntil(lambda: bool(got) or bool(message and message.text()), timeout=60000)
    assert got, message.text() if message else "no result"
    return got[0]


def _check(qtbot, dialog: ImportPackDialog) -> None:
    dialog.passphrase.setText(PACK_PASS)
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.plan_report is not None, timeout=60000)


def test_export_dialog_writes_a_pack_under_the_ceiling(qtbot, source, runner, tmp_path):
    dialog = ExportPackDialog(source, runner, "en", _host(qtbot))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.fingerprint.text()), timeout=30000)
    assert dialog.publisher.text() == "Landelijk Expertisecentrum (test)"
    assert dialog.theme.count() > 1 and dialog.tag.count() > 1
    out = tmp_path / "uit.ekp"
    dialog.out_path.setText(str(out))
    dialog.ceiling.setCurrentIndex(dialog.ceiling.findData("public"))
    dialog.passphrase.setText(PACK_PASS)
    dialog.repeat.setText("something else")
    dialog.export_button.click()
    assert "differ" in dialog.message.text() and not out.exists()
    dialog.repeat.setText(PACK_PASS)
    report = _click_and_wait(qtbot, dialog.export_button, dialog.sig_exported)
    assert report.entries > 0
    assert container.open_pack(out.read_bytes()).manifest.ceiling == "public"


def test_import_dialog_shows_publisher_asks_for_trust_and_imports(
    qtbot, source, target, runner, tmp_path
):
    pack = export(source, tmp_path / "p.ekp")
    dialog = _import_dialog(qtbot, target, runner, pack)
    assert dialog.publisher.text() == "Landelijk Expertisecentrum (test)"
    assert dialog.fingerprint.text() == dialog.info.grouped_fingerprint
    assert dialog.trust.isVisibleTo(dialog) and not dialog.import_button.isEnabled()

    dialog.passphrase.setText(PACK_PASS)
    dialog.check_button.click()  # not trusted yet: refused, nothing planned
    qtbot.waitUntil(lambda: "does not trust" in dialog.message.text(), timeout=60000)
    assert dialog.plan_report is None
    dialog.trust.setChecked(True)
    _check(qtbot, dialog)
    assert dialog.plan_report.plan.counts()["add"] == dialog.info.entry_count
    assert target._hub.entries.count() == 0

    _click_and_wait(qtbot, dialog.import_button, dialog.sig_imported, dialog.message)
    assert target._hub.entries.count() == dialog.info.entry_count
    assert [p.name for p in target.trusted_publishers()] == ["Landelijk Expertisecentrum (test)"]


def test_conflicts_are_listed_with_a_choice_each(qtbot, source, target, runner, tmp_path):
    target.import_pack(export(source, tmp_path / "1.ekp"), PACK_PASS, trust=True)
    changed = [
        e.id for e in source._hub.entries.list("advice") if e.classification != "confidential"
    ]
    first, second = changed[:2]
    for entry_id in (first, second):
        source._hub.entries.update(entry_id, {"summary": "Versie van het centrum"})
        target._hub.entries.update(entry_id, {"summary": "Versie van de partner"})
    dialog = _import_dialog(qtbot, target, runner, export(source, tmp_path / "2.ekp"))
    _check(qtbot, dialog)

    boxes = {box.property("entry_id"): box for box in dialog.choice_boxes()}
    assert set(boxes) == {first, second} and dialog.conflicts.isVisibleTo(dialog)
    boxes[first].setCurrentIndex(boxes[first].findData(THEIRS))
    boxes[second].setCurrentIndex(boxes[second].findData(BOTH))
    assert dialog.resolutions() == {first: THEIRS, second: BOTH}
    report = _click_and_wait(qtbot, dialog.import_button, dialog.sig_imported)
    assert target._hub.entries.get(first).summary == "Versie van het centrum"
    assert target._hub.entries.get(second).summary == "Versie van de partner"
    assert len(report.copies) == 1


def test_a_name_clash_cannot_be_imported(qtbot, source, target, runner, tmp_path):
    target.import_pack(export(source, tmp_path / "1.ekp"), PACK_PASS, trust=True)
    with Hub.create(tmp_path / "impostor", PASSPHRASE, kdf=KdfParams.floor()) as other:
        other.entries.add("advice", {"title": "Vals advies"})
        fake = other.packs
        fake.set_publisher_name("Landelijk Expertisecentrum (test)")
        pack = export(fake, tmp_path / "fake.ekp")
    dialog = _import_dialog(qtbot, target, runner, pack)
    assert "another key" in dialog.standing.text()
    assert not dialog.check_button.isEnabled() and not dialog.trust.isVisibleTo(dialog)


def test_a_damaged_file_shows_a_clear_message(qtbot, target, runner, tmp_path):
    bad = tmp_path / "kapot.ekp"
    bad.write_bytes(b"not a pack at all")
    dialog = ImportPackDialog(target, runner, "en", _host(qtbot), path=bad)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=30000)
    assert "not a knowledge pack" in dialog.message.text()
    assert not dialog.check_button.isEnabled()


def test_the_bundled_pack_is_offered_until_imported(
    qtbot, source, target, runner, tmp_path, monkeypatch
):
    from ui.packs.first_start import offer_bundled_pack

    monkeypatch.setattr("expertise.packs.bundled.resources_dir", lambda: tmp_path / "resources")
    assert offer_bundled_pack(target, runner, "en") is None
    (tmp_path / "resources" / "bundled").mkdir(parents=True)
    pack = export(source, tmp_path / "resources" / "bundled" / "centrum.ekp")
    dialog = offer_bundled_pack(target, runner, "en", _host(qtbot))
    assert dialog is not None and dialog.path.text() == str(pack)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.info is not None, timeout=30000)
    target.import_pack(pack, PACK_PASS, trust=True)
    assert offer_bundled_pack(target, runner, "en") is None
