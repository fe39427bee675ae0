"""The team server: its schema (schema.py), Alembic migrations (migrate.py, migrations/) and
the database roles and row-level security that enforce clearance (roles.py; docs/TEAM.md)."""
