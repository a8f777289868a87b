"""Plain file handling shared by every layer: atomic writes and the cache folder.

Imports nothing else of mockroom's, so any layer may use it.
"""
