"""Full-text search for Expertise Hub (DESIGN §5), Whoosh behind one seam.

Never imports ``expertise`` or ``ui``: the cipher and plain-dict records are
injected by the caller.
"""

from index.core import SearchIndex
from index.extract import extract_text
from index.types import (
    ERR_SYNTAX,
    ERR_TOO_LONG,
    Cipher,
    ExpertHit,
    Hit,
    IndexCorrupt,
    SearchResults,
    TitleHit,
)

__all__ = [
    "ERR_SYNTAX",
    "ERR_TOO_LONG",
    "Cipher",
    "ExpertHit",
    "Hit",
    "IndexCorrupt",
    "SearchIndex",
    "SearchResults",
    "TitleHit",
    "extract_text",
]
