"""Signed, encrypted knowledge packs (`.ekp`) for partner organisations (ARCHITECTURE §8).

`api.PackFacade` is the face; `format` is the container, `signing` the
publisher key, `merge` the plan, `importing` and `exporting` the work.
"""

from expertise.packs.api import PackFacade
from expertise.packs.errors import BadPack, NewerPackFormat, PublisherKeyChanged, UntrustedPublisher
from expertise.packs.merge import BOTH, MINE, THEIRS, MergePlan, PlanItem
from expertise.packs.records import ExportReport, PackImportReport, PackInfo, PublisherRecord

__all__ = [
    "BOTH",
    "MINE",
    "THEIRS",
    "BadPack",
    "ExportReport",
    "MergePlan",
    "NewerPackFormat",
    "PackFacade",
    "PackImportReport",
    "PackInfo",
    "PlanItem",
    "PublisherKeyChanged",
    "PublisherRecord",
    "UntrustedPublisher",
]
