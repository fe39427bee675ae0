"""`Hub`: an unlocked hub, and the door the CLI and the UI use (ARCHITECTURE §11.2).

Each concern is a sub-facade: ``hub.entries``, ``hub.attachments``, ``hub.search``
(callable), ``hub.vocabulary``, ``hub.transfer``, ``hub.maintenance``, ``hub.keys``,
``hub.courses``, ``hub.packs``, ``hub.barrier``, ``hub.upkeep``, ``hub.report`` and
``hub.team``.
They work through the public units of work of `HubCore` (``hub.session``,
``hub.blobs``, ``hub.index_service``).
"""

from __future__ import annotations

from functools import cached_property

from expertise.courses.api import CourseFacade
from expertise.hub.attachments import AttachmentFacade
from expertise.hub.core import HubCore
from expertise.hub.entries import EntryFacade
from expertise.hub.keys import KeyFacade
from expertise.hub.maintenance import MaintenanceFacade
from expertise.hub.search import SearchFacade
from expertise.hub.team import TeamFacade
from expertise.hub.transfer import TransferFacade
from expertise.hub.vocabulary import VocabularyFacade
from expertise.overview.api import BarrierFacade, UpkeepFacade
from expertise.packs.api import PackFacade
from expertise.report.api import ReportFacade


class Hub(HubCore):
    @cached_property
    def entries(self) -> EntryFacade:
        """Entries, their revisions and links."""
        return EntryFacade(self)

    @cached_property
    def attachments(self) -> AttachmentFacade:
        """Encrypted files attached to entries."""
        return AttachmentFacade(self)

    @cached_property
    def search(self) -> SearchFacade:
        """Full-text search (call it), title suggestions, experts, saved searches."""
        return SearchFacade(self)

    @cached_property
    def vocabulary(self) -> VocabularyFacade:
        """Tags, themes and the thesaurus."""
        return VocabularyFacade(self)

    @cached_property
    def transfer(self) -> TransferFacade:
        """Import files, export Markdown or JSON."""
        return TransferFacade(self)

    @cached_property
    def maintenance(self) -> MaintenanceFacade:
        """Index upkeep, integrity check, backups, audit log, erasing a person."""
        return MaintenanceFacade(self)

    @cached_property
    def keys(self) -> KeyFacade:
        """Passphrase, re-key, recovery key, the key kept on this device."""
        return KeyFacade(self, lambda: self._vault, self._rekey)

    @cached_property
    def courses(self) -> CourseFacade:
        """Course packs for trainers (ARCHITECTURE §8)."""
        return CourseFacade(self)

    @cached_property
    def packs(self) -> PackFacade:
        """Signed, encrypted knowledge packs for partner organisations (ARCHITECTURE §8)."""
        return PackFacade(self)

    @cached_property
    def barrier(self) -> BarrierFacade:
        """The barrier-model matrix of measures and open bottlenecks (ARCHITECTURE §3)."""
        return BarrierFacade(self)

    @cached_property
    def upkeep(self) -> UpkeepFacade:
        """What is due: reviews, expert consent, quiet bottlenecks and cases."""
        return UpkeepFacade(self)

    @cached_property
    def report(self) -> ReportFacade:
        """The yearly progress report to the minister (ARCHITECTURE §8)."""
        return ReportFacade(self)

    @cached_property
    def team(self) -> TeamFacade:
        """This hub as a member of a team hub on PostgreSQL (docs/TEAM.md)."""
        return TeamFacade(self)
