"""Running a search: the search flow, hits and facets, snippets, expert ranking."""
