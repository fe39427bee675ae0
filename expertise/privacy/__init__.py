"""The personal-data guard: patterns, scanning, and the export check (docs/ARCHITECTURE.md §8)."""

from expertise.privacy.api import PrivacyFacade
from expertise.privacy.guard import (
    AUDIT_ACTION,
    Allowance,
    EntryHits,
    PersonalDataFound,
    confirmation_key,
)
from expertise.privacy.names import NameMatcher
from expertise.privacy.scan import GUARDED_KINDS, PATTERN_KINDS, Hit, is_guarded, scan_text

__all__ = [
    "AUDIT_ACTION",
    "GUARDED_KINDS",
    "PATTERN_KINDS",
    "Allowance",
    "EntryHits",
    "Hit",
    "NameMatcher",
    "PersonalDataFound",
    "PrivacyFacade",
    "confirmation_key",
    "is_guarded",
    "scan_text",
]
