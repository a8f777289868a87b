"""Alembic migrations of the store; db.migrate() runs them, no alembic.ini needed."""
