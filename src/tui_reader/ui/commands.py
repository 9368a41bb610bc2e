"""The reader's own commands in the command palette (ctrl+p), beside Textual's
(theme, keys, screenshot, quit).

Jumps to a city or to a category of the current city are matched like the
panes' filters (characters, pinyin, initials: "lyg" finds 连云港); the other
commands by Textual's fuzzy matcher on their titles. Each command does what a
key or a choice in a pane does, through the same code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from tui_reader.render import clean_line
from tui_reader.ui.name_match import EXACT, PREFIX, rank
from tui_reader.ui.screens.browse import BrowseScreen
from tui_reader.ui.widgets.filtered_list import FilteredList

if TYPE_CHECKING:
    from tui_reader.ui.app import ReaderApp

_SCORE = {EXACT: 1.0, PREFIX: 0.9}
"""Palette scores of a name's match (Textual shows the highest first); inside a name: 0.7."""


class Command(NamedTuple):
    title: str
    help: str
    run: Callable[[], Any]


class ReaderCommands(Provider):
    def _commands(self) -> Iterator[Command]:
        app: ReaderApp = self.app  # type: ignore[assignment]  # the provider only serves ReaderApp
        yield Command("Search", "Search every cached article (works offline)", app.action_search)
        yield Command("Bookmarks", "The articles you bookmarked, readable offline", app.action_bookmarks)
        yield Command(
            "Export the bookmarks",
            "The shortlist to a .md, .csv or .json file (E on the bookmarks)",
            app.action_export_bookmarks,
        )
        yield Command("History", "The articles you read lately", app.action_history)
        yield Command("Watches", "Saved searches and what is new for each, like W", app.action_watches)
        yield Command("Help", "Every key of the screen you are on", app.action_help)
        if app.client.offline:
            yield Command(
                "Go online",
                "Read from the portal again (the cache still serves what is fresh)",
                app.action_toggle_offline,
            )
        else:
            yield Command(
                "Go offline",
                "Read only from the cache: nothing is fetched until you go online",
                app.action_toggle_offline,
            )
        yield Command(
            "Open the config file", "Edit config.toml in $EDITOR (or show where it is)", app.action_open_config
        )
        yield from _hunting_commands(app, self.screen)
        if isinstance(self.screen, BrowseScreen):
            yield Command(
                "Sync", "Download this category (or city) for offline reading, like S", self.screen.action_sync
            )

    def _places(self, query: str) -> Iterator[tuple[float, str, str, Callable[[], Any]]]:
        """Cities, and the current city's categories, that ``query`` names."""
        screen = self.screen
        if not isinstance(screen, BrowseScreen):
            return
        for pane, kind in ((screen.city_list, "city"), (screen.category_list, "category")):
            for item in pane.items:
                found = rank(query, item.name)
                if found is None:
                    continue
                where = f" ({clean_line(item.province)})" if getattr(item, "province", "") else ""
                yield (
                    _SCORE.get(found, 0.7),
                    f"Go to {kind} {clean_line(item.name)}{where}",
                    f"Open {clean_line(item.name)} in the {kind} pane",
                    partial(_choose, pane, item),
                )

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, text=command.title, help=command.help)
        for score, title, help_text, run in self._places(query):
            yield Hit(score, title, run, text=title, help=help_text)


def _hunting_commands(app: ReaderApp, screen: Screen[Any]) -> Iterator[Command]:
    """The mask, and for the article on screen its photos and the killfile."""
    if app.mask_contacts:
        yield Command(
            "Show contacts", "Show phones, WeChat/QQ ids and names again (M)", app.action_toggle_mask_contacts
        )
    else:
        yield Command(
            "Mask contacts",
            "Mask phones, WeChat/QQ ids and names on screen, for screenshots (M)",
            app.action_toggle_mask_contacts,
        )
    from tui_reader.ui.panes.article_view import ArticleView

    view = next((v for v in screen.query(ArticleView) if v.article is not None and v.display), None)
    if view is None:
        return
    if view.article is not None and view.article.photos:
        from tui_reader.ui.photos import open_gallery

        yield Command(
            f"Photos ({len(view.article.photos)})",
            "This article's photos, one at a time: ←/→, o opens one in your viewer (p)",
            partial(open_gallery, screen, view.article),
        )
    help_text = "Leave its listings out of search and watches (X; undo: tui-reader kill remove)"
    if view.article is not None and view.article.fields.get("phones"):
        yield Command("Hide posts from this phone", help_text, partial(view.action_hide_poster, "phone"))
    if view.article is not None and view.article.fields.get("contact"):
        yield Command("Hide posts from this poster", help_text, partial(view.action_hide_poster, "poster"))


def _choose(pane: FilteredList, item: Any) -> None:
    # As if chosen in the pane: the screen loads it and moves the focus on.
    pane.post_message(FilteredList.Chosen(pane, item))
