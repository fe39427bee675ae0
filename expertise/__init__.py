"""Expertise Hub core library. Never imports Qt (tests/test_layering.py checks).

The public names below are what the UI may use: the `Hub` facade and its
sub-facades' types, `HubFolder` (before unlocking), the records and results the
facade returns, and the errors it raises (docs/ARCHITECTURE.md §11.2). They load
on first use, so that light modules (errors, vault) import without Whoosh and
SQLAlchemy.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from expertise.errors import (
    HubError,
    HubInUse,
    HubLocked,
    InputError,
    IntegrityError,
    KeyringUnavailable,
    NotAHub,
    UserError,
    WrongPassphrase,
)

# public name → the module that defines it
_LAZY = {
    "Hub": "expertise.hub.hub",
    "HubFolder": "expertise.hub.folder",
    "keyring_available": "expertise.hub.folder",
    "KdfParams": "expertise.kdf",
    "write_private_text": "expertise.private",  # e.g. a saved recovery key: 0600
    # sub-facades named in type hints (reach them as hub.courses, hub.packs, ...)
    "AttachmentFacade": "expertise.hub.attachments",
    "CourseFacade": "expertise.courses.api",
    "EntryFacade": "expertise.hub.entries",
    "KeyFacade": "expertise.hub.keys",
    "MaintenanceFacade": "expertise.hub.maintenance",
    "PackFacade": "expertise.packs.api",
    "SearchFacade": "expertise.hub.search",
    "TransferFacade": "expertise.hub.transfer",
    "VocabularyFacade": "expertise.hub.vocabulary",
    # records and results
    "AttachmentRecord": "expertise.records",
    "AuditRecord": "expertise.records",
    "Change": "expertise.records",
    "CheckReport": "expertise.records",
    "EntryRecord": "expertise.records",
    "EntrySummary": "expertise.records",
    "EraseReport": "expertise.records",
    "ImportReport": "expertise.records",
    "Label": "expertise.records",
    "LinkRecord": "expertise.records",
    "RevisionRecord": "expertise.records",
    "VaultHeader": "expertise.vault_header",
    "CourseItemRecord": "expertise.courses.records",
    "CoursePackRecord": "expertise.courses.records",
    "ExportResult": "expertise.courses.records",
    "ExportReport": "expertise.packs.records",
    "PackChoices": "expertise.packs.records",
    "PackHeader": "expertise.packs.records",
    "PackImportReport": "expertise.packs.records",
    "PackInfo": "expertise.packs.records",
    "PublisherRecord": "expertise.packs.records",
    "MergePlan": "expertise.packs.merge",
    "PlanItem": "expertise.packs.merge",
    "BOTH": "expertise.packs.merge",
    "MINE": "expertise.packs.merge",
    "THEIRS": "expertise.packs.merge",
    "ExpertHit": "index",
    "Hit": "index",
    "SearchResults": "index",
    "TitleHit": "index",
    # errors that need heavier modules
    "AboveCeiling": "expertise.courses.records",
    "BadPack": "expertise.packs.errors",
    "Fault": "expertise.oserrors",
    "FaultKind": "expertise.oserrors",
    "HubFault": "expertise.oserrors",
    "HubReadOnly": "expertise.oserrors",
    "NewerPackFormat": "expertise.packs.errors",
    "NotEnoughSpace": "expertise.rekey",
    "PublisherKeyChanged": "expertise.packs.errors",
    "RekeyCancelled": "expertise.rekey",
    "UntrustedPublisher": "expertise.packs.errors",
}

__all__ = [
    "BOTH",
    "MINE",
    "THEIRS",
    "AboveCeiling",
    "AttachmentFacade",
    "AttachmentRecord",
    "AuditRecord",
    "BadPack",
    "Change",
    "CheckReport",
    "CourseFacade",
    "CourseItemRecord",
    "CoursePackRecord",
    "EntryFacade",
    "EntryRecord",
    "EntrySummary",
    "EraseReport",
    "ExpertHit",
    "ExportReport",
    "ExportResult",
    "Fault",
    "FaultKind",
    "Hit",
    "Hub",
    "HubError",
    "HubFault",
    "HubFolder",
    "HubInUse",
    "HubLocked",
    "HubReadOnly",
    "ImportReport",
    "InputError",
    "IntegrityError",
    "KdfParams",
    "KeyFacade",
    "KeyringUnavailable",
    "Label",
    "LinkRecord",
    "MaintenanceFacade",
    "MergePlan",
    "NewerPackFormat",
    "NotAHub",
    "NotEnoughSpace",
    "PackChoices",
    "PackFacade",
    "PackHeader",
    "PackImportReport",
    "PackInfo",
    "PlanItem",
    "PublisherKeyChanged",
    "PublisherRecord",
    "RekeyCancelled",
    "RevisionRecord",
    "SearchFacade",
    "SearchResults",
    "TitleHit",
    "TransferFacade",
    "UntrustedPublisher",
    "UserError",
    "VaultHeader",
    "VocabularyFacade",
    "WrongPassphrase",
    "keyring_available",
    "write_private_text",
]

if TYPE_CHECKING:
    from expertise.courses.api import CourseFacade
    from expertise.courses.records import (
        AboveCeiling,
        CourseItemRecord,
        CoursePackRecord,
        ExportResult,
    )
    from expertise.hub.attachments import AttachmentFacade
    from expertise.hub.entries import EntryFacade
    from expertise.hub.folder import HubFolder, keyring_available
    from expertise.hub.hub import Hub
    from expertise.hub.keys import KeyFacade
    from expertise.hub.maintenance import MaintenanceFacade
    from expertise.hub.search import SearchFacade
    from expertise.hub.transfer import TransferFacade
    from expertise.hub.vocabulary import VocabularyFacade
    from expertise.kdf import KdfParams
    from expertise.oserrors import Fault, FaultKind, HubFault, HubReadOnly
    from expertise.packs.api import PackFacade
    from expertise.packs.errors import (
        BadPack,
        NewerPackFormat,
        PublisherKeyChanged,
        UntrustedPublisher,
    )
    from expertise.packs.merge import BOTH, MINE, THEIRS, MergePlan, PlanItem
    from expertise.packs.records import (
        ExportReport,
        PackChoices,
        PackHeader,
        PackImportReport,
        PackInfo,
        PublisherRecord,
    )
    from expertise.private import write_private_text
    from expertise.records import (
        AttachmentRecord,
        AuditRecord,
        Change,
        CheckReport,
        EntryRecord,
        EntrySummary,
        EraseReport,
        ImportReport,
        Label,
        LinkRecord,
        RevisionRecord,
    )
    from expertise.rekey import NotEnoughSpace, RekeyCancelled
    from expertise.vault_header import VaultHeader
    from index import ExpertHit, Hit, SearchResults, TitleHit


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'expertise' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # once loaded, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
