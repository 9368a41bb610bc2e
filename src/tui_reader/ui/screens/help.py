"""``?``: the keys that work right now, read from the bindings themselves.

The table is built from ``Screen.active_bindings`` of the screen underneath
(taken when help opens, so it reflects the focused pane), never from a hand-
written list, so it cannot drift from the code or from a user's keymap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_reader.ui import keys


def bindings_table(active: Mapping[str, ActiveBinding], key_display: Callable[[Binding], str]) -> Table:
    """One row per binding id (or action): all its keys, what it does, its id."""
    rows: dict[str, tuple[list[str], str, str]] = {}
    for active_binding in active.values():
        binding = active_binding.binding
        name = binding.id or binding.action
        key = key_display(binding)
        if name in rows:
            if key not in rows[name][0]:
                rows[name][0].append(key)
        else:
            description = binding.description or binding.action.replace("_", " ")
            rows[name] = ([key], description, binding.id or "")
    table = Table(box=box.SIMPLE_HEAD, expand=False)
    table.add_column(Text("Keys"), style="bold cyan", no_wrap=True)
    table.add_column(Text("Action"))
    table.add_column(Text("Keymap id"), style="dim")
    for key_list, description, binding_id in rows.values():
        table.add_row(Text(", ".join(key_list)), Text(description), Text(binding_id))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar = keys.HELP

    def __init__(self, active: Mapping[str, ActiveBinding]) -> None:
        super().__init__()
        self._active = dict(active)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text("Keys that work here", style="bold"))
            yield Static(bindings_table(self._active, self.app.get_key_display), id="help-table")
            yield Static(Text("Esc, q or ? closes this help.", style="dim"))

    def action_close(self) -> None:
        self.dismiss()
