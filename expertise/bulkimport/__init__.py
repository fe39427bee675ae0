"""Bulk import of Markdown and CSV files (ARCHITECTURE §6, "Import"): one pipeline for
`expertise import`, the app's File → Import and `hub.entries.add_many`.

`sources` reads and checks files (front matter, CSV; leniently, labels too),
`lookup` holds ids, titles, tags and themes in memory, `rows` turns values into
table rows and revision snapshots, `current` loads what an update replaces,
`store` writes a batch with SQLAlchemy Core, `plan` places, resolves and stages
items, `pipeline` runs it all in one transaction. `documents` makes each written
entry's search document from its rows and `feed` hands them to the index while
the store goes on, committed or discarded with the import; `searchable` brings
the index up to date after the commit when the feed could not.
"""
