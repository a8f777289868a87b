"""The mockroom practice TUI (Textual). `make_app(...)` builds it; `python -m mockroom.tui` runs it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mockroom.tui.app import MockroomApp, make_app

__all__ = ["MockroomApp", "make_app"]


def __getattr__(name: str) -> Any:
    # Textual is imported only when the app is actually wanted.
    if name in __all__:
        from mockroom.tui import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
