"""`SearchFacade` (``hub.search``): full-text search, title suggestions, experts and
saved searches. It is callable, so ``hub.search("phishing")`` searches.

On a read-only hub whose index cannot be used the search falls back to a plain
scan of the database (expertise/readonly.py); `notice` then says why.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise import readonly
from expertise.errors import UserError
from expertise.hub.core import HubCore
from expertise.models import SavedSearch
from expertise.records import Change
from index import ExpertHit, IndexCorrupt, SearchResults, TitleHit

PAGE = 500  # hits per page when every match is wanted


class SearchFacade:
    def __init__(self, hub: HubCore) -> None:
        self._hub = hub
        self._work = hub.session

    def __call__(
        self,
        query: str,
        kind: str | None = None,
        limit: int = 20,
        *,
        page: int = 1,
        sort: str = "relevance",
        filters: Mapping[str, str] | None = None,
        max_classification: str | None = None,
    ) -> SearchResults:
        service = self._hub.index_service
        if service.limited:
            return self._work.read(lambda s: readonly.scan_search(s, query, kind, limit, page))
        results = service.index.search(
            query,
            kind=kind,
            filters=filters,
            limit=limit,
            page=page,
            sort=sort,
            max_classification=max_classification,
        )
        service.repair_if_damaged()
        return results

    @property
    def notice(self) -> str | None:
        """Why search is limited right now (read-only hub, index not usable), else None."""
        return readonly.LIMITED_SEARCH if self._hub.index_service.limited else None

    def titles(self, prefix: str, limit: int = 10) -> list[TitleHit]:
        """Entries whose title starts with `prefix`, for completion while typing."""
        service = self._hub.index_service
        if service.limited:
            return self._work.read(lambda s: readonly.scan_titles(s, prefix, limit))
        try:
            titles = service.index.suggest_titles(prefix, limit)
        except IndexCorrupt:  # a file damaged after opening: recorded, repaired below
            titles = []
        service.repair_if_damaged()
        return titles

    def experts(self, topic: str, limit: int = 10) -> list[ExpertHit]:
        service = self._hub.index_service
        if service.limited:
            return []  # expert matching needs the index; `notice` says it is limited
        try:
            experts = service.index.find_experts(topic, limit)
        except IndexCorrupt:  # a file damaged after opening: recorded, repaired below
            experts = []
        service.repair_if_damaged()
        return experts

    def all_ids(
        self,
        query: str,
        kind: str | None = None,
        *,
        filters: Mapping[str, str] | None = None,
        max_classification: str | None = None,
    ) -> frozenset[str]:
        """The ids of every match, page by page, once pending index updates are in."""
        if self._hub.index_service.limited:
            raise UserError(f"{readonly.LIMITED_SEARCH}; so a search cannot select entries now")
        self._hub.wait_for_index()
        ids: set[str] = set()
        page = 1
        while True:
            results = self(
                query,
                kind,
                PAGE,
                page=page,
                filters=filters,
                max_classification=max_classification,
            )
            ids.update(hit.id for hit in results.hits)
            if len(results.hits) < PAGE or len(ids) >= results.total:
                return frozenset(ids)
            page += 1

    # -- saved searches --------------------------------------------------------
    def saved(self) -> list[tuple[str, str, str | None]]:
        """(name, query, kind) of every saved search, by name."""
        rows = self._work.read(
            lambda s: list(s.scalars(select(SavedSearch).order_by(SavedSearch.name)))
        )
        return [(row.name, row.query, row.kind) for row in rows]

    def save(self, name: str, query: str, kind: str | None = None) -> None:
        def action(session: Session) -> None:
            existing = session.scalars(select(SavedSearch).where(SavedSearch.name == name)).first()
            row = existing or SavedSearch(name=name, query=query, kind=kind)
            row.query, row.kind = query, kind
            session.add(row)

        self._work.write(action, lambda _: Change(reason="saved-search"))

    def delete_saved(self, name: str) -> None:
        def action(session: Session) -> None:
            for row in session.scalars(select(SavedSearch).where(SavedSearch.name == name)):
                session.delete(row)

        self._work.write(action, lambda _: Change(reason="saved-search"))
