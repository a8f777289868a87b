"""Alembic revisions, oldest first: 0001_initial.py, 0002_..., each with a down_revision."""
