"""OS faults in the app: a dialog that says what happened and what to do, never a traceback.

`expertise.oserrors.classify` decides whether an error is an OS fault (disk
full, quota, permission, read-only medium, read/write error, vanished drive,
name too long) and gives its folder and figures; this module words that in
the user's language, as plain text, from fixed sentences, the folder and
numbers only — never the exception's own text, which may name a file after an
entry's title (docs/FAULTS.md). The app keeps running after the dialog.

The open hub's folder is registered here on unlock, so a fault on a worker
with no path in it (SQLite names no file) still names the right disk and
notices a hub folder that is gone.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from expertise import MB, Fault, FaultKind, classify
from ui.plaintext import Icon, message_box

_hub_folder: Path | None = None
_unowned: set[QDialog] = set()


def set_hub_folder(folder: Path | None) -> None:
    """The folder of the unlocked hub (None while locked)."""
    global _hub_folder
    _hub_folder = Path(folder) if folder is not None else None


def fault_of(error: BaseException) -> Fault | None:
    return classify(error, hub=_hub_folder)


def _place(fault: Fault) -> str:
    return (
        str(fault.where)
        if fault.where is not None
        else QCoreApplication.translate("OsFault", "the hub")
    )


def headline(fault: Fault) -> str:
    """What happened, in one sentence."""
    place = _place(fault)
    if fault.kind is FaultKind.DISK_FULL:
        return QCoreApplication.translate("OsFault", "The disk holding {place} is full.").format(
            place=place
        )
    if fault.kind is FaultKind.QUOTA:
        return QCoreApplication.translate(
            "OsFault", "Your disk quota on {place} is used up."
        ).format(place=place)
    if fault.kind is FaultKind.PERMISSION:
        return QCoreApplication.translate("OsFault", "Permission denied on {place}.").format(
            place=place
        )
    if fault.kind is FaultKind.READ_ONLY:
        if fault.where is None:
            return QCoreApplication.translate("OsFault", "This hub is read-only.")
        return QCoreApplication.translate("OsFault", "{place} is read-only.").format(place=place)
    if fault.kind is FaultKind.IO_ERROR:
        return QCoreApplication.translate(
            "OsFault", "The disk holding {place} reported a read/write error."
        ).format(place=place)
    if fault.kind is FaultKind.VANISHED:
        return QCoreApplication.translate(
            "OsFault", "{place} is no longer there (drive removed or network share gone)."
        ).format(place=place)
    return QCoreApplication.translate(
        "OsFault", "A file name under {place} is too long for that file system."
    ).format(place=place)


def advice(fault: Fault) -> str:
    """What to do about it, and whether anything changed."""
    text = _advice(fault)
    if fault.changed:  # the commit went through; only the index update after it failed
        text += " " + QCoreApplication.translate(
            "OsFault",
            "The change itself was saved; the search index catches up on the next open.",
        )
    elif fault.kind is not FaultKind.VANISHED:
        text += " " + QCoreApplication.translate("OsFault", "Nothing was changed.")
    return text


def _advice(fault: Fault) -> str:
    if fault.kind is FaultKind.DISK_FULL:
        short = fault.short_by_mb
        if short is not None:
            need = -(-(fault.needed_bytes or 0) // MB)
            free = (fault.free_bytes or 0) // MB
            return QCoreApplication.translate(
                "OsFault",
                "This needs about {need} MB and {free} MB is free. Free {short} MB and try again.",
            ).format(need=need, free=free, short=short)
        if fault.free_bytes is not None and fault.free_bytes < MB:
            return QCoreApplication.translate(
                "OsFault", "Less than 1 MB is free. Free some space and try again."
            )
        if fault.free_bytes is not None:
            return QCoreApplication.translate(
                "OsFault", "{free} MB is free. Free some space and try again."
            ).format(free=fault.free_bytes // MB)
        return QCoreApplication.translate("OsFault", "Free some space and try again.")
    return {
        FaultKind.QUOTA: QCoreApplication.translate(
            "OsFault", "Delete files or ask for a larger quota, then try again."
        ),
        FaultKind.PERMISSION: QCoreApplication.translate(
            "OsFault", "Check that your account may write there."
        ),
        FaultKind.READ_ONLY: QCoreApplication.translate(
            "OsFault",
            "The hub can be searched and read; copy it to a writable folder to change it.",
        ),
        FaultKind.IO_ERROR: QCoreApplication.translate(
            "OsFault", "Check the drive or its cable, then try again."
        ),
        FaultKind.VANISHED: QCoreApplication.translate(
            "OsFault", "Reconnect it and try again; everything saved is safe."
        ),
        FaultKind.NAME_TOO_LONG: QCoreApplication.translate(
            "OsFault", "Choose a shorter folder path."
        ),
    }[fault.kind]


def fault_text(fault: Fault) -> str:
    return f"{headline(fault)} {advice(fault)}"


def make_dialog(parent: QWidget | None, title: str, fault: Fault, extra: str = "") -> QDialog:
    text = f"{headline(fault)}\n\n{advice(fault)}" + (f"\n\n{extra}" if extra else "")
    box = message_box(parent, Icon.Warning, title, text)  # plain text: a folder is no markup
    box.setObjectName("osFaultDialog")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def show_fault(parent: QWidget | None, title: str, error: BaseException, extra: str = "") -> bool:
    """Show the fault dialog for `error`; False (and nothing shown) if it is no OS fault."""
    fault = fault_of(error)
    if fault is None:
        return False
    box = make_dialog(parent or QApplication.activeWindow(), title, fault, extra)
    if box.parent() is None:  # nothing owns it: keep it alive until it is closed
        _unowned.add(box)
        box.finished.connect(lambda _result: _unowned.discard(box))
    box.open()
    return True


def report_unhandled(error: Exception) -> None:
    """For worker jobs without a failure handler of their own (ui/tasks.py)."""
    if _hub_folder is None:
        return  # locked meanwhile: the jobs of the closed hub have nothing left to say
    show_fault(None, QCoreApplication.translate("OsFault", "Expertise Hub"), error)
