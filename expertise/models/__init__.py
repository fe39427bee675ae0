"""The ORM models (SQLAlchemy 2.x typed). Rows never leave the core: see records.py."""

from expertise.models.base import (
    CLASSIFICATIONS,
    KINDS,
    LANGUAGES,
    STATUSES,
    Base,
    classification_rank,
    utcnow,
)
from expertise.models.entries import (
    MODEL_BY_KIND,
    AdviceNote,
    BestPractice,
    Entry,
    Expert,
    InnovationProject,
    Organisation,
    Tag,
    Theme,
    entry_tags,
    entry_themes,
)
from expertise.models.support import (
    Attachment,
    AuditEvent,
    HubMeta,
    Link,
    Revision,
    SavedSearch,
    SynonymGroup,
)
from expertise.models.team import (
    TeamConfig,
    TeamConflict,
    TeamIdentity,
    TeamItem,
    TeamLevelKey,
    TeamMember,
)

__all__ = [
    "CLASSIFICATIONS",
    "KINDS",
    "LANGUAGES",
    "STATUSES",
    "MODEL_BY_KIND",
    "AdviceNote",
    "Attachment",
    "AuditEvent",
    "Base",
    "BestPractice",
    "Entry",
    "Expert",
    "HubMeta",
    "InnovationProject",
    "Link",
    "Organisation",
    "Revision",
    "SavedSearch",
    "SynonymGroup",
    "Tag",
    "TeamConfig",
    "TeamConflict",
    "TeamIdentity",
    "TeamItem",
    "TeamLevelKey",
    "TeamMember",
    "Theme",
    "classification_rank",
    "entry_tags",
    "entry_themes",
    "utcnow",
]
from expertise.models.courses import CourseItem, CoursePack  # noqa: E402,F401
from expertise.models.packs import (  # noqa: E402,F401
    EntryOrigin,
    EntryTombstone,
    TrustedPublisher,
)
