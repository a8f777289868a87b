"""The one error the transfer code raises: a one-line message naming the file and the problem."""

from __future__ import annotations


class TransferError(Exception):
    """A file that cannot be exported to or imported from; nothing was changed."""
