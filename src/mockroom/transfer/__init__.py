"""Transcripts that travel: export a session as Markdown, HTML or JSON, and import JSON back.

No textual here; the JSON import needs the store (SQLModel), the exports only records.
"""
