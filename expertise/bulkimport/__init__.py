"""Bulk import of Markdown and CSV files (ARCHITECTURE §6, "Import"): one pipeline for
`expertise import`, the app's File → Import and `hub.entries.add_many`.

`sources` reads and checks files (front matter, CSV; leniently, labels too),
`lookup` holds ids, titles, tags and themes in memory, `rows` turns values into
table rows and revision snapshots, `current` loads what an update replaces,
`store` writes a batch with SQLAlchemy Core, `plan` places, resolves and stages
items, `pipeline` runs it all in one transaction, and `searchable` brings the
search index up to date once at the end.
"""
