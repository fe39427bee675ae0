"""`VocabularyFacade` (``hub.vocabulary``): the tags and themes in use and the
thesaurus of synonyms that search expands queries with."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.hub.core import HubCore
from expertise.models import SynonymGroup
from expertise.records import Change, Label
from expertise.services import queries


class VocabularyFacade:
    def __init__(self, hub: HubCore) -> None:
        self._hub = hub
        self._work = hub.session

    def tags(self) -> list[Label]:
        return self._work.read(queries.tags_with_counts)

    def themes(self) -> list[Label]:
        return self._work.read(queries.themes_with_counts)

    def thesaurus(self) -> list[list[str]]:
        return self._work.read(lambda s: [list(t) for t in s.scalars(select(SynonymGroup.terms))])

    def set_thesaurus(self, groups: Iterable[Iterable[str]]) -> None:
        """Replace every synonym group; a group needs at least two terms."""
        cleaned = [[t.strip() for t in g if t.strip()] for g in groups]

        def action(session: Session) -> None:
            for row in session.scalars(select(SynonymGroup)):
                session.delete(row)
            for terms in cleaned:
                if len(terms) > 1:
                    session.add(SynonymGroup(terms=terms))

        self._work.write(action, lambda _: Change(reason="thesaurus"))
        self._hub.index_service.refresh_synonyms()
