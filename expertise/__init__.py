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
    ImportCancelled,
    InputError,
    IntegrityError,
    KeyringUnavailable,
    NotAHub,
    UserError,
    WrongPassphrase,
)

# public name → the module that defines it ("module:attr" where the public name differs)
_LAZY = {
    "Hub": "expertise.hub.hub",
    "HubFolder": "expertise.hub.folder",
    "keyring_available": "expertise.hub.folder",
    "KdfParams": "expertise.kdf",
    "write_private_text": "expertise.private",  # e.g. a saved recovery key: 0600
    # sub-facades named in type hints (reach them as hub.courses, hub.packs, ...)
    "AttachmentFacade": "expertise.hub.attachments",
    "BarrierFacade": "expertise.overview.api",
    "UpkeepFacade": "expertise.overview.api",
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

    # what the rest of ui/ needs: registry, overviews, privacy, report, rendering, start-up
    "atomic_write_bytes": "expertise.atomic",
    "DEMO_PASSPHRASE": "expertise.demo",
    "ensure_demo_hub": "expertise.demo",
    "DEFAULTS": "expertise.fieldcheck",
    "BASE_FIELDS": "expertise.fields",
    "CLASSIFICATIONS": "expertise.fields",
    "FieldSpec": "expertise.fields",
    "KINDS": "expertise.fields",
    "KIND_SPECS": "expertise.fields",
    "UPKEEP_FIELDS": "expertise.fields",
    "field_by_name": "expertise.fields",
    "fields_of": "expertise.fields",
    "kind_spec": "expertise.fields",
    "CLASSIFICATION_LEVELS": "expertise.fields",
    "FieldLabel": "expertise.fields:Label",
    "any_spec": "expertise.fields",
    "cycle_kinds": "expertise.fields",
    "named_kinds": "expertise.fields",
    "spec_of": "expertise.fields",
    "type_of": "expertise.fields.types",
    "MB": "expertise.oserrors",
    "classify": "expertise.oserrors",
    "BarrierMatrix": "expertise.overview",
    "Cell": "expertise.overview",
    "DUE_WITHIN_DAYS": "expertise.overview",
    "DueItem": "expertise.overview",
    "Heading": "expertise.overview",
    "REASONS": "expertise.overview",
    "bundled_pack": "expertise.packs.bundled",
    "grouped": "expertise.packs.signing",
    "Allowance": "expertise.privacy",
    "EntryHits": "expertise.privacy",
    "NameMatcher": "expertise.privacy",
    "PersonalDataFound": "expertise.privacy",
    "PrivacyFacade": "expertise.privacy",
    "confirmation_key": "expertise.privacy",
    "is_guarded": "expertise.privacy",
    "scan_text": "expertise.privacy",
    "scan_values": "expertise.privacy.scan",
    "PersonalDataHit": "expertise.privacy:Hit",
    "private_umask": "expertise.private",
    "install_excepthooks": "expertise.redact",
    "stack_only": "expertise.redact",
    "WIKI": "expertise.render",
    "escape_text": "expertise.render",
    "markdown_to_html": "expertise.render",
    "ReportFacade": "expertise.report",
    "ReportResult": "expertise.report",
    "FIRST_YEAR": "expertise.report.period",
    "current_year": "expertise.report.period",
    "load_yaml": "expertise.resources",
    "resources_dir": "expertise.resources",
    "take_env": "expertise.secretenv",
    "slug": "expertise.services.transfer",
    "ensure_space_for_export": "expertise.space:for_export",
    "ref_ids": "expertise.fields.rows",
    "ConflictRecord": "expertise.team.conflicts",
    "ServerRefused": "expertise.team.errors",
    "ServerUnavailable": "expertise.team.errors",
    "SyncReport": "expertise.team.sync",
    # the Team dialog (ui/team/members_dialog.py)
    "MemberInfo": "expertise.team.records",
    "SchemaTooNew": "expertise.team.errors",
    "PasswordNeeded": "expertise.team.errors",
    "TEAM_PASSWORD_MIN": "expertise.team.password:MIN_LENGTH",
    "TeamError": "expertise.team.errors",
    "TeamStatus": "expertise.team.records",
    "recall_team_password": "expertise.team.password:recall",
    "remember_team_password": "expertise.team.password:remember",
    "ValueChange": "expertise.history",
    "value_history": "expertise.history",
}

__all__ = [
    "ConflictRecord",
    "MemberInfo",
    "PasswordNeeded",
    "SchemaTooNew",
    "ServerRefused",
    "ServerUnavailable",
    "SyncReport",
    "TEAM_PASSWORD_MIN",
    "TeamError",
    "TeamStatus",
    "recall_team_password",
    "remember_team_password",
    "spec_of",
    "named_kinds",
    "cycle_kinds",
    "any_spec",
    "FieldLabel",
    "CLASSIFICATION_LEVELS",
    "AboveCeiling",
    "Allowance",
    "AttachmentFacade",
    "AttachmentRecord",
    "AuditRecord",
    "BASE_FIELDS",
    "BOTH",
    "BadPack",
    "BarrierFacade",
    "BarrierMatrix",
    "CLASSIFICATIONS",
    "Cell",
    "Change",
    "CheckReport",
    "CourseFacade",
    "CourseItemRecord",
    "CoursePackRecord",
    "DEFAULTS",
    "DEMO_PASSPHRASE",
    "DUE_WITHIN_DAYS",
    "DueItem",
    "EntryFacade",
    "EntryHits",
    "EntryRecord",
    "EntrySummary",
    "EraseReport",
    "ExpertHit",
    "ExportReport",
    "ExportResult",
    "FIRST_YEAR",
    "Fault",
    "FaultKind",
    "FieldSpec",
    "Heading",
    "Hit",
    "Hub",
    "HubError",
    "HubFault",
    "HubFolder",
    "HubInUse",
    "HubLocked",
    "HubReadOnly",
    "ImportCancelled",
    "ImportReport",
    "InputError",
    "IntegrityError",
    "KINDS",
    "KIND_SPECS",
    "KdfParams",
    "KeyFacade",
    "KeyringUnavailable",
    "Label",
    "LinkRecord",
    "MB",
    "MINE",
    "MaintenanceFacade",
    "MergePlan",
    "NameMatcher",
    "NewerPackFormat",
    "NotAHub",
    "NotEnoughSpace",
    "PackChoices",
    "PackFacade",
    "PackHeader",
    "PackImportReport",
    "PackInfo",
    "PersonalDataFound",
    "PersonalDataHit",
    "PlanItem",
    "PrivacyFacade",
    "PublisherKeyChanged",
    "PublisherRecord",
    "REASONS",
    "RekeyCancelled",
    "ReportFacade",
    "ReportResult",
    "RevisionRecord",
    "SearchFacade",
    "SearchResults",
    "THEIRS",
    "TitleHit",
    "TransferFacade",
    "UPKEEP_FIELDS",
    "UntrustedPublisher",
    "UpkeepFacade",
    "UserError",
    "ValueChange",
    "VaultHeader",
    "VocabularyFacade",
    "WIKI",
    "WrongPassphrase",
    "atomic_write_bytes",
    "bundled_pack",
    "classify",
    "confirmation_key",
    "current_year",
    "ensure_demo_hub",
    "ensure_space_for_export",
    "escape_text",
    "field_by_name",
    "fields_of",
    "grouped",
    "install_excepthooks",
    "is_guarded",
    "keyring_available",
    "kind_spec",
    "load_yaml",
    "markdown_to_html",
    "private_umask",
    "ref_ids",
    "resources_dir",
    "scan_text",
    "scan_values",
    "slug",
    "stack_only",
    "take_env",
    "type_of",
    "value_history",
    "write_private_text",
]

if TYPE_CHECKING:
    from expertise.atomic import atomic_write_bytes
    from expertise.courses.api import CourseFacade
    from expertise.courses.records import (
        AboveCeiling,
        CourseItemRecord,
        CoursePackRecord,
        ExportResult,
    )
    from expertise.demo import DEMO_PASSPHRASE, ensure_demo_hub
    from expertise.fieldcheck import DEFAULTS
    from expertise.fields import (
        BASE_FIELDS,
        CLASSIFICATION_LEVELS,
        CLASSIFICATIONS,
        KIND_SPECS,
        KINDS,
        UPKEEP_FIELDS,
        FieldSpec,
        any_spec,
        cycle_kinds,
        field_by_name,
        fields_of,
        kind_spec,
        named_kinds,
        spec_of,
    )
    from expertise.fields import Label as FieldLabel
    from expertise.fields.rows import ref_ids
    from expertise.fields.types import type_of
    from expertise.history import ValueChange, value_history
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
    from expertise.oserrors import MB, Fault, FaultKind, HubFault, HubReadOnly, classify
    from expertise.overview import DUE_WITHIN_DAYS, REASONS, BarrierMatrix, Cell, DueItem, Heading
    from expertise.overview.api import BarrierFacade, UpkeepFacade
    from expertise.packs.api import PackFacade
    from expertise.packs.bundled import bundled_pack
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
    from expertise.packs.signing import grouped
    from expertise.privacy import (
        Allowance,
        EntryHits,
        NameMatcher,
        PersonalDataFound,
        PrivacyFacade,
        confirmation_key,
        is_guarded,
        scan_text,
    )
    from expertise.privacy import Hit as PersonalDataHit
    from expertise.privacy.scan import scan_values
    from expertise.private import private_umask, write_private_text
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
    from expertise.redact import install_excepthooks, stack_only
    from expertise.rekey import NotEnoughSpace, RekeyCancelled
    from expertise.render import WIKI, escape_text, markdown_to_html
    from expertise.report import ReportFacade, ReportResult
    from expertise.report.period import FIRST_YEAR, current_year
    from expertise.resources import load_yaml, resources_dir
    from expertise.secretenv import take_env
    from expertise.services.transfer import slug
    from expertise.space import for_export as ensure_space_for_export
    from expertise.vault_header import VaultHeader
    from index import ExpertHit, Hit, SearchResults, TitleHit


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'expertise' has no attribute {name!r}")
    module, _, attr = target.partition(":")  # "module:attr" where the public name differs
    value = getattr(import_module(module), attr or name)
    globals()[name] = value  # once loaded, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
