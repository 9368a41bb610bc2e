"""The two small dialogs before anything reaches the browser.

``LinkNumberScreen`` asks which link ("f", then the number shown as "[3]");
``ConfirmOpenScreen`` shows the exact target — the canonical URL, its host
in punycode — and answers True only on an explicit yes. Pages choose link
texts, so the text is shown too but never stands in for the target.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui_reader.render import clean_line
from tui_reader.ui import keys

_DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > .dialog {{
    width: 72;
    max-width: 95%;
    height: auto;
    border: thick $warning;
    background: $surface;
    padding: 0 1;
}}
{name} Static {{ width: 1fr; }}
"""


class LinkNumberScreen(ModalScreen[int | None]):
    """ "Open link number: _" — the number, or None when cancelled."""

    BINDINGS: ClassVar = keys.LINK_NUMBER
    DEFAULT_CSS = _DIALOG_CSS.format(name="LinkNumberScreen")

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="link-number"):
            yield Static(Text(f"Open link number (1–{self.count}):", style="bold"))
            yield Input(placeholder=f"1–{self.count}", restrict=r"\d{0,6}", id="link-number-input")
            yield Static(Text("Enter chooses · Esc cancels", style="dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        self.dismiss(int(value) if value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmOpenScreen(ModalScreen[bool]):
    """Shows where a link goes; True only on Enter/y."""

    BINDINGS: ClassVar = keys.CONFIRM_OPEN
    DEFAULT_CSS = _DIALOG_CSS.format(name="ConfirmOpenScreen")

    def __init__(self, url: str, host: str, what: str) -> None:
        super().__init__()
        self.url = url
        self.host = host
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-open"):
            yield Static(Text("Open in your browser?", style="bold"))
            yield Static(Text(clean_line(self.what), style="italic"), id="confirm-open-what")
            yield Static(Text(self.url, style="underline"), id="confirm-open-url")
            yield Static(Text.assemble(("host ", "dim"), (self.host, "bold yellow")), id="confirm-open-host")
            yield Static(Text("Enter/y opens · Esc/n cancels", style="dim"))

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
