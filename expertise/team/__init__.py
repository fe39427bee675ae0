"""A team hub: laptops keep their encrypted hub and sync through PostgreSQL (docs/TEAM.md).

The server holds ciphertext and routing metadata only. team-core: server/ (schema, Alembic
migrations, roles and row-level security), keys.py, membership.py, connect.py; team-sync:
items.py, changes.py, apply.py, sync.py. No module here imports Qt.
"""
