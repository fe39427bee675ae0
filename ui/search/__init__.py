"""Global search: as-you-type results, facets, snippets, did-you-mean, saved searches."""

from ui.search.panel import SearchPanel

__all__ = ["SearchPanel"]
