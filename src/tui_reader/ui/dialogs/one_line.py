"""The frame of the small dialogs that ask for one line (a bookmark's note, a watch's name)."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

__all__ = ["OneLineDialog"]

T = TypeVar("T")


class OneLineDialog(ModalScreen[T]):
    """A centred box (``.dialog``) over the screen it was opened on; subclasses compose it."""

    # Textual matches a type selector against a screen's base classes too: one look for all.
    DEFAULT_CSS = """
    OneLineDialog { align: center middle; }
    OneLineDialog > .dialog {
        width: 72;
        max-width: 95%;
        height: auto;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    OneLineDialog Static { width: 1fr; }
    """
