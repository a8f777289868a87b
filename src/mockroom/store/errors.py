"""Errors the store raises: one message a person can act on, never a driver traceback."""

from __future__ import annotations


class StoreError(Exception):
    """The database cannot be opened, migrated, read or written."""


class NotFound(StoreError):
    """A candidate, session or attempt id that the database does not hold."""
