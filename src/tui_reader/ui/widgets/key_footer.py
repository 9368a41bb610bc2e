"""The footer of keys: one line of text, drawn by one widget with no children.

Textual's ``Footer`` builds a widget per key and builds them all anew on
every focus change; each new key then restyles itself twice (its ``compact``
value is bound to the footer's). With a dozen keys that cost 20–50 ms in the
first fifth of a second of start-up, and it left watchers of removed keys
behind on the footer. Here a focus change only marks the line stale; the
next frame reads the screen's bindings once and draws the line.

It shows what Textual's footer shows: the screen's active bindings marked
``show``, one per action (the first key bound to it), in order, disabled ones
dimmed, and the command palette key at the right end. Entries that do not fit
are left out whole, from the end; the palette key stays. Clicking an entry
presses its key.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget


# NamedTuples, not dataclasses: made at every start, and a dataclass costs
# about half a millisecond to create.
class FooterEntry(NamedTuple):
    key: str
    """The key as Textual names it ("question_mark"): what a click presses."""
    display: str
    """The key as shown ("?")."""
    description: str
    enabled: bool


class EntrySpan(NamedTuple):
    """Where an entry was drawn on the line: cells ``start`` up to ``end``."""

    start: int
    end: int
    entry: FooterEntry


class KeyFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--edge",
        "key-footer--hover",
    }
    # The same theme variables as Textual's footer, so themes colour it alike.
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyFooter > .key-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyFooter > .key-footer--edge {
        color: $foreground 20%;
    }
    KeyFooter > .key-footer--hover {
        background: $block-hover-background;
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._entries: list[FooterEntry] | None = None
        """The screen's keys, read at the next render when None (the bindings changed)."""
        self._palette: FooterEntry | None = None
        self.spans: list[EntrySpan] = []
        """The entries drawn by the last render, left to right, the palette key last."""
        self._hover_x: int | None = None

    # -- when it changes ---------------------------------------------------------------

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: object) -> None:
        # While the terminal window is in the background Textual takes the focus
        # away (and gives it back after): the keys of that moment are no news.
        if not self.app.app_focus:
            return
        # Several changes in one frame (focus, then a check_action refresh) cost one
        # read of the bindings: the first marks the line stale, the render reads it.
        if self._entries is not None:
            self._entries = None
            self.refresh()

    # -- what it shows -----------------------------------------------------------------

    def _read_bindings(self) -> None:
        app = self.app
        active = self.screen.active_bindings
        by_action: dict[str, FooterEntry] = {}
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in by_action:
                entry = FooterEntry(binding.key, app.get_key_display(binding), binding.description, enabled)
                by_action[binding.action] = entry
        self._entries = list(by_action.values())
        self._palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            self._palette = FooterEntry(binding.key, app.get_key_display(binding), binding.description, enabled)

    def render(self) -> Text:
        if self._entries is None:
            self._read_bindings()
        entries = self._entries or []
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        # Only its background, blended over the footer's (the theme's is translucent).
        hover_style = Style(bgcolor=self.get_component_rich_style("key-footer--hover").bgcolor)

        width = self.size.width
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[EntrySpan] = []

        palette_parts = self._palette_parts(key_style, description_style)
        palette_width = sum(cell_len(text) for text, _ in palette_parts)
        if palette_width > width:
            palette_parts, palette_width = [], 0  # a terminal narrower than the palette key: the keys get it all
        room = width - palette_width

        x = 0
        for entry in entries:
            parts = [(f" {entry.display} ", key_style), (f"{entry.description} ", description_style)]
            cells = sum(cell_len(text) for text, _ in parts)
            if x + cells > room:
                break  # left out whole, and so is every entry after it: the order stays
            self._append(line, parts, entry, hovered=self._hovers(x, x + cells), hover_style=hover_style)
            spans.append(EntrySpan(x, x + cells, entry))
            x += cells

        if palette_parts and self._palette is not None:
            line.append(" " * (width - palette_width - x))
            start = width - palette_width
            hovered = self._hovers(start, width)
            self._append(line, palette_parts, self._palette, hovered=hovered, hover_style=hover_style)
            spans.append(EntrySpan(start, width, self._palette))
        self.spans = spans
        return line

    def _palette_parts(self, key_style: Style, description_style: Style) -> list[tuple[str, Style]]:
        if self._palette is None:
            return []
        # A thin rule sets it apart; compact: the key, a space, its name, a margin.
        return [
            ("▏", self.get_component_rich_style("key-footer--edge")),
            (self._palette.display, key_style),
            (f" {self._palette.description}", description_style),
            (" ", Style()),
        ]

    @staticmethod
    def _append(
        line: Text, parts: list[tuple[str, Style]], entry: FooterEntry, *, hovered: bool, hover_style: Style
    ) -> None:
        for text, style in parts:
            if hovered:
                style = style + hover_style
            if not entry.enabled:
                style = style + Style(dim=True)
            line.append(text, style)

    def _hovers(self, start: int, end: int) -> bool:
        return self._hover_x is not None and start <= self._hover_x < end

    # -- the mouse ---------------------------------------------------------------------

    def entry_at(self, x: int) -> FooterEntry | None:
        """The entry drawn at cell ``x`` of the line by the last render, if any."""
        for span in self.spans:
            if span.start <= x < span.end:
                return span.entry
        return None

    def on_click(self, event: events.Click) -> None:
        entry = self.entry_at(event.x)
        if entry is None:
            return
        event.stop()
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        before = self.entry_at(self._hover_x) if self._hover_x is not None else None
        self._hover_x = event.x
        if self.entry_at(event.x) is not before:
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hover_x is not None:
            self._hover_x = None
            self.refresh()
