"""First-run content of a new hub: the taxonomy and the seed thesaurus."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.fields.taxonomy import taxonomy_labels
from expertise.models import SynonymGroup, Theme
from expertise.resources import default_synonyms


def seed_vocabulary(session: Session) -> None:
    known = set(session.scalars(select(Theme.key)))
    for key, label_nl, label_en, group in taxonomy_labels():
        if key not in known:
            session.add(Theme(key=key, label_nl=label_nl, label_en=label_en, group=group))
    if session.scalar(select(SynonymGroup.id).limit(1)) is None:
        for terms in default_synonyms():
            session.add(SynonymGroup(terms=terms))
