"""The interface language of whatever app a widget or screen is mounted in."""

from __future__ import annotations

from textual.dom import DOMNode


def lang_of(node: DOMNode) -> str:
    """`zh` or `en`; screens call it while composing so a language switch can recompose them."""
    return str(getattr(node.app, "lang", "en"))
