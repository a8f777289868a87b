"""Screens of the mockroom TUI, one per module."""
