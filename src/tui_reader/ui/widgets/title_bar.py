"""The title bar: one line at the top, drawn by one widget with no children.

Textual's ``Header`` is four widgets (itself, an icon, the title, the space
of a clock we never show), each composed, styled, laid out and drawn before
the first screen: 3–5 ms of start-up. This bar draws the same line alone.

It shows what that header shows: the icon at the left (a click opens the
command palette), and centred between the icon and the right margin the
screen's title (else the app's), then " — " and the screen's sub-title (else
the app's) when there is one, dimmed. A title too long for the line is cut
with an ellipsis, never inside a wide character. A change of title or
sub-title only redraws the line.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.strip import Strip
from textual.widget import Widget

ICON = "⭘"
ICON_CELLS = 8
"""The icon's part of the line: a margin, the icon, room up to the title."""
RIGHT_CELLS = 10
"""Left blank at the right end, where Textual's header keeps its clock: the title centres as it did."""
SEPARATOR = " — "
ELLIPSIS = "…"
PALETTE_TIP = "Open the command palette"


def cut_to(parts: list[tuple[str, Style]], width: int) -> list[tuple[str, Style]]:
    """``parts`` in at most ``width`` cells: whole if they fit, else cut and ended with an ellipsis.

    A wide character that would straddle the cut is left out and its first
    cell left blank, so the ellipsis sits in the last cell, as in Textual's header.
    """
    if sum(cell_len(text) for text, _ in parts) <= width:
        return parts
    if width <= 0:
        return []
    room = width - 1  # the ellipsis takes the last cell
    kept: list[tuple[str, Style]] = []
    used = 0
    for text, style in parts:
        taken = ""
        for character in text:
            cells = cell_len(character)
            if used + cells > room:
                # The rest of the line goes: a blank for the half that no longer fits, then "…".
                kept.append((taken + " " * (room - used) + ELLIPSIS, style))
                return [(piece, piece_style) for piece, piece_style in kept if piece]
            taken += character
            used += cells
        kept.append((taken, style))
    return kept  # not reached: the parts were wider than the line


class TitleBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"title-bar--icon-hover"}
    # The same theme variables as Textual's header, so themes colour it alike.
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        width: 100%;
        color: $foreground;
        background: $panel;
    }
    TitleBar > .title-bar--icon-hover {
        background: $foreground 10%;
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._icon_hovered = False

    # -- when it changes ---------------------------------------------------------------

    def on_mount(self) -> None:
        # Only a redraw: the line is read from the titles when it is drawn.
        self.watch(self.app, "title", self._title_changed, init=False)
        self.watch(self.app, "sub_title", self._title_changed, init=False)
        self.watch(self.screen, "title", self._title_changed, init=False)
        self.watch(self.screen, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    # -- what it shows -----------------------------------------------------------------

    @property
    def screen_title(self) -> str:
        """The screen's title, else the app's."""
        title = self.screen.title
        return title if title is not None else self.app.title

    @property
    def screen_sub_title(self) -> str:
        """The screen's sub-title, else the app's."""
        sub_title = self.screen.sub_title
        return sub_title if sub_title is not None else self.app.sub_title

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y != 0 or width <= 0:
            return Strip.blank(width, self.rich_style)
        text_style = self.rich_style
        # The margins are drawn in the background alone, as Textual draws padding.
        blank = Style(bgcolor=text_style.bgcolor)
        icon_style, icon_blank = text_style, blank
        if self._icon_hovered:
            hover = Style(bgcolor=self.get_component_rich_style("title-bar--icon-hover").bgcolor)
            icon_style, icon_blank = text_style + hover, blank + hover

        # The same pieces as Textual's header: a picture of either reads the same.
        icon_cells = min(ICON_CELLS, width)
        segments = [
            Segment(" ", icon_blank),
            Segment(ICON, icon_style),
            Segment(" " * (ICON_CELLS - 3), icon_style),
            Segment(" ", icon_blank),
        ]
        line = Strip(segments, ICON_CELLS).crop(0, icon_cells)
        right_cells = min(RIGHT_CELLS, width - icon_cells)
        room = width - icon_cells - right_cells

        dim = text_style + Style(dim=True)
        sub_title = self.screen_sub_title
        parts = [(self.screen_title, text_style)]
        if sub_title:
            parts += [(SEPARATOR, dim), (sub_title, dim)]
        parts = cut_to(parts, room)
        spare = room - sum(cell_len(text) for text, _ in parts)
        left = spare // 2
        title = [
            Segment(" " * left, text_style),
            *(Segment(text, style) for text, style in parts),
            Segment(" " * (spare - left), text_style),
        ]
        right = [Segment(" ", blank), Segment(" " * (RIGHT_CELLS - 2), blank), Segment(" ", blank)]
        pieces = [*line, *(segment for segment in title if segment.text)]
        pieces += Strip(right, RIGHT_CELLS).crop(0, right_cells)
        return Strip(pieces, width)

    # -- the mouse ---------------------------------------------------------------------

    def _on_icon(self, x: int) -> bool:
        return self.app.ENABLE_COMMAND_PALETTE and 0 <= x < ICON_CELLS

    async def on_click(self, event: events.Click) -> None:
        if self._on_icon(event.x):
            event.stop()
            await self.run_action("app.command_palette")

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._on_icon(event.x))

    def on_leave(self, _event: events.Leave) -> None:
        self._hover(False)

    def _hover(self, on_icon: bool) -> None:
        if on_icon != self._icon_hovered:
            self._icon_hovered = on_icon
            self.tooltip = PALETTE_TIP if on_icon else None
            self.refresh()
