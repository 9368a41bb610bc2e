"""What the browse screen's mixins use of the screen: its panes, as the type checker sees them.

``PaneLayout``, ``ReadingAlong``, ``LibraryActions`` and ``ArticleKeys`` are parts of
``BrowseScreen`` kept in their own modules. To the type checker each is the
screen it is mixed into (``notify``, ``query_one``, the panes); at run time
``BrowseParts`` is a plain class that comes before ``Screen`` in the MRO.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.containers import Horizontal
    from textual.screen import Screen

    from tui_reader.ui.panes.article_list import ArticleList
    from tui_reader.ui.panes.article_view import ArticleView
    from tui_reader.ui.panes.category_list import CategoryList
    from tui_reader.ui.panes.city_list import CityList

    _ScreenBase = Screen[None]
else:
    _ScreenBase = object


class BrowseParts(_ScreenBase):
    if TYPE_CHECKING:  # what BrowseScreen provides
        city_list: CityList
        category_list: CategoryList
        panes: Horizontal
        """The row of panes: cities, categories, and (mounted after the first paint) articles and reader."""

        @property
        def article_list(self) -> ArticleList: ...
        @property
        def article_view(self) -> ArticleView: ...

        all_panes_shown: bool

        @property
        def wide(self) -> bool: ...
