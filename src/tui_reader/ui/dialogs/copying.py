"""The two copy dialogs: which value to copy, and the text to copy by hand.

``CopyChoiceScreen`` lists what an article offers (``render.copy_entries``:
each phone, price, address…, each fact, the URL, the whole article) and
answers the chosen (label, text). ``CopyTextScreen`` is the last resort of
``ui.clipboard`` when neither a clipboard tool nor the terminal can take the
text: it shows it selected in a read-only box, for the terminal's own
selection (with the mouse; Shift-drag in most terminals while an app runs).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from tui_reader.render import clean_line
from tui_reader.ui import keys
from tui_reader.ui.widgets.pane_option_list import PaneOptionList

_SHOWN_VALUE = 60
"""Cells of a value shown in the chooser (the whole article is long)."""

_CSS = """
{name} {{ align: center middle; }}
{name} > .dialog {{
    width: 80;
    max-width: 95%;
    height: auto;
    max-height: 90%;
    border: thick $accent;
    background: $surface;
    padding: 0 1;
}}
{name} Static {{ width: 1fr; }}
"""


class CopyChoiceScreen(ModalScreen[tuple[str, str] | None]):
    """ "Copy which?" — the chosen (label, text), or None."""

    BINDINGS: ClassVar = keys.COPY_CHOICE
    DEFAULT_CSS = (
        _CSS.format(name="CopyChoiceScreen")
        + """
    CopyChoiceScreen OptionList { height: auto; max-height: 20; border: none; }
    """
    )

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="copy-choice"):
            yield Static(Text("Copy which?", style="bold"))
            yield PaneOptionList(*(Option(_option_text(label, text)) for label, text in self.entries))
            yield Static(Text("Enter copies · Esc cancels", style="dim"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.entries[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


def _option_text(label: str, text: str) -> Text:
    first = clean_line(text.strip().splitlines()[0]) if text.strip() else ""
    shown = first if len(first) <= _SHOWN_VALUE else first[:_SHOWN_VALUE] + "…"
    return Text.assemble((clean_line(label), "bold"), "  ", (shown, "dim" if "\n" in text.strip() else ""))


class CopyTextScreen(ModalScreen[None]):
    """The text, selected, for copying by hand; Esc closes."""

    BINDINGS: ClassVar = keys.COPY_TEXT
    DEFAULT_CSS = (
        _CSS.format(name="CopyTextScreen")
        + """
    CopyTextScreen TextArea { height: auto; max-height: 20; }
    """
    )

    def __init__(self, text: str, what: str) -> None:
        super().__init__()
        self.text = text
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="copy-text"):
            yield Static(Text(f"No clipboard here: select {clean_line(self.what)} to copy it", style="bold"))
            # A TextArea shows text as text (no markup) and keeps it selectable.
            yield TextArea(self.text, read_only=True, soft_wrap=True, show_line_numbers=False)
            yield Static(Text("Esc closes", style="dim"))

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.select_all()
        area.focus()

    def action_close(self) -> None:
        self.dismiss(None)
