"""Course packs for trainers: an ordered, annotated selection of entries under a
classification ceiling, exported to PDF, one self-contained HTML file or a
Markdown folder (ARCHITECTURE §8). `CourseFacade` is the face; `Hub.courses` returns one.
"""

from expertise.courses.api import CourseFacade
from expertise.courses.records import (
    AboveCeiling,
    CourseItemRecord,
    CoursePackRecord,
    ExportResult,
)

__all__ = [
    "AboveCeiling",
    "CourseFacade",
    "CourseItemRecord",
    "CoursePackRecord",
    "ExportResult",
]
