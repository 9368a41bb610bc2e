"""The browse screen's layout: which panes stand on screen at this width, and ``z``.

A mixin of ``BrowseScreen`` (like ``LibraryActions``). The width picks a
layout through the App's breakpoints (see ``app.tcss``): ``-narrow`` shows
the lists and opens articles full screen; ``-medium`` puts the reader beside
the list and starts with the city and category panes collapsed, so a title
has room to be read; ``-wide`` shows everything.

Tab, Shift-Tab and Esc move between the panes that stand on screen.

``z`` shows or hides the two sidebars at any width, and that choice then
holds whatever the width. Going back (Esc/h) from the articles into a hidden
sidebar shows the sidebars for that visit only: they fold away again when the
focus returns to the articles or the reader. Focus never stays on a hidden
pane: it moves to the article list.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from textual import events

from tui_reader.ui.focus import focus_now
from tui_reader.ui.screens.browse_parts import BrowseParts
from tui_reader.ui.widgets.filtered_list import FilteredList

if TYPE_CHECKING:
    from textual.widget import AwaitMount, Widget

    from tui_reader.ui.panes.article_list import ArticleList
    from tui_reader.ui.panes.article_view import ArticleView

ROWS_LINES_AROUND = 6
"""The lines a pane's rows do not get: the title, status and key bars, the pane's
border (two) and the line over its rows (the filter hint, the column heads)."""


class PaneLayout(BrowseParts):
    _sidebars_choice: bool | None = None
    """What ``z`` last asked for; None: what the width suggests."""
    _sidebars_visit = False
    """Shown by "back" for one visit; folded away when the focus leaves them."""
    all_panes_shown = False
    """The article and reader panes are mounted once the cities are painted (``show_all_panes``)."""

    # -- the panes that come after the first paint --------------------------------------

    # The article and reader panes are made the first time they are asked for (their
    # modules load then), and mounted once the cities are painted: eleven widgets
    # fewer to compose, style and lay out before the first paint. Made once and
    # kept: a worker that wakes while the screen is taken down still finds them.

    @cached_property
    def article_list(self) -> ArticleList:
        from tui_reader.ui.panes.article_list import ArticleList

        pane = ArticleList(id="articles")
        pane.table.lines_around = ROWS_LINES_AROUND
        return pane

    @cached_property
    def article_view(self) -> ArticleView:
        from tui_reader.ui.panes.article_view import ArticleView

        return ArticleView(id="reader")

    def expect_rows_to_fit(self) -> None:
        """Tell the side panes' rows how much of the terminal they get (``LineList.lines_around``)."""
        for rows in (self.city_list.rows, self.category_list.rows):
            rows.lines_around = ROWS_LINES_AROUND

    def show_all_panes(self) -> AwaitMount | None:
        """Mount the article and reader panes, the first time; await the answer to use them composed."""
        if self.all_panes_shown:
            return None
        self.all_panes_shown = True
        mounting = self.panes.mount(self.article_list, self.article_view)
        self.call_later(self._keep_focus_when_mounted, mounting)
        return mounting

    async def _keep_focus_when_mounted(self, mounting: AwaitMount) -> None:
        await mounting
        if self.focused is None:  # (medium width) the first focus found its pane folded away
            self.article_list.focus_rows()
        else:
            self._keep_focus_on_screen()

    @property
    def wide(self) -> bool:
        """The reader pane stands beside the list (otherwise articles open full screen)."""
        return not self.has_class("-narrow")

    @property
    def sidebars_shown(self) -> bool:
        if self._sidebars_visit:
            return True
        if self._sidebars_choice is not None:
            return self._sidebars_choice
        return not self.has_class("-medium")

    def visible_panes(self) -> list[Widget]:
        """The panes on screen, left to right: what Tab and Esc move between."""
        panes: list[Widget] = []
        if self.sidebars_shown:
            panes += [self.city_list, self.category_list]
        panes.append(self.article_list)
        if self.wide:
            panes.append(self.article_view)
        return panes

    def apply_layout(self) -> None:
        self.panes.set_class(not self.sidebars_shown, "-sidebars-hidden")
        self._keep_focus_on_screen()

    def action_toggle_sidebars(self) -> None:
        self._sidebars_choice = not self.sidebars_shown
        self._sidebars_visit = False
        self.apply_layout()

    def visit_sidebars(self) -> None:
        """Show the hidden sidebars until the focus goes back to the articles."""
        if not self.sidebars_shown:
            self._sidebars_visit = True
            self.apply_layout()

    def on_resize(self, _event: events.Resize) -> None:
        # The breakpoint class has just changed with the width (Screen's own
        # resize handler runs first); the sidebars follow it.
        self.apply_layout()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self._sidebars_visit:
            return
        widget = event.widget
        if any(widget is pane or pane in widget.ancestors for pane in (self.article_list, self.article_view)):
            self._sidebars_visit = False
            self.apply_layout()

    def _keep_focus_on_screen(self) -> None:
        focused = self.focused
        if focused is None:
            return
        hidden: list[Widget] = [] if self.sidebars_shown else [self.city_list, self.category_list]
        # The reader pane is mounted with the article list (``all_panes_shown``): the focus
        # cannot be in it before, and asking for it would make it before the first paint.
        if not self.wide and self.all_panes_shown:
            hidden.append(self.article_view)
        if any(focused is pane or pane in focused.ancestors for pane in hidden):
            self.article_list.focus_rows()

    # -- moving between the panes on screen (Tab, Shift-Tab, Esc) -----------------------

    def _focused_pane(self) -> Widget | None:
        focused = self.focused
        for pane in self.visible_panes():
            if focused is not None and (focused is pane or pane in focused.ancestors):
                return pane
        return None

    def _focus_pane(self, pane: Widget) -> None:
        if isinstance(pane, FilteredList) or pane is self.article_list:
            pane.focus_rows()
        else:
            focus_now(pane)

    def action_pane_next(self) -> None:
        self._cycle(+1)

    def action_pane_previous(self) -> None:
        self._cycle(-1)

    def _cycle(self, step: int) -> None:
        panes = self.visible_panes()
        current = self._focused_pane()
        index = panes.index(current) if current in panes else 0
        self._focus_pane(panes[(index + step) % len(panes)])

    def action_back(self) -> None:
        panes = self.visible_panes()
        current = self._focused_pane()
        if current is None:  # e.g. the filter input: back to its rows
            current = panes[0]
        index = panes.index(current)
        if index == 0 and current is self.article_list:  # the sidebars are folded away
            self.visit_sidebars()
            self.category_list.focus_rows()
            return
        self._focus_pane(panes[max(0, index - 1)])
