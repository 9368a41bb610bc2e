"""A full-screen reader: for narrow terminals and for ``tui-reader open URL``.

``open_in_browser`` and ``copy_url`` are the browse screen's too (re-exported
from ``ui.article_actions``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget

from tui_reader.render import clean_line
from tui_reader.ui import keys
from tui_reader.ui.article_actions import choose_and_copy, confirm_and_open, copy_phone, copy_url, follow_link
from tui_reader.ui.bookmarking import start_toggle
from tui_reader.ui.focus import focus_now
from tui_reader.ui.loading import load_fresh
from tui_reader.ui.panes.article_view import ArticleView
from tui_reader.ui.photos import open_gallery
from tui_reader.ui.widgets.key_footer import KeyFooter
from tui_reader.ui.widgets.status_bar import StatusBar
from tui_reader.ui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from tui_reader.client import Client
    from tui_reader.models import Article, Sourced

__all__ = ["ReaderScreen", "copy_url", "no_neighbour", "open_in_browser"]


def open_in_browser(node: Widget, url: str | None) -> None:
    """``o``: the article's own page, through the same confirmation as any link."""
    if url is None:
        node.notify("No article to open.", severity="warning")
        return
    confirm_and_open(node, url, "this article's page")


def no_neighbour(step: int) -> str:
    """What J (K) says at the end (start) of the list."""
    return "No next article in the loaded list." if step > 0 else "This is the first article of the list."


class ReaderScreen(Screen[None]):
    BINDINGS: ClassVar = [*keys.READER, *keys.ARTICLE]

    def __init__(self, client: Client, url: str, *, neighbour: Callable[[str, int], str | None] | None = None) -> None:
        """``neighbour(url, step)`` is the list this article was opened from:
        the URL ``step`` rows away (its row highlighted there), or None."""
        super().__init__()
        self.client = client
        self.url = url
        self._neighbour = neighbour

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield ArticleView(id="full-reader")
        yield StatusBar(id="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load_article()

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @work(group="article", exclusive=True)
    async def load_article(self, refresh: bool = False) -> None:
        # The cached copy at once; an out-of-date one is then refreshed in place.
        result = await load_fresh(
            client=self.client,
            kind="article",
            pane=self.view,
            status=self.query_one(StatusBar),
            task="article",
            label="loading the article…",
            call=lambda refresh, cache_only: self.client.article(self.url, refresh=refresh, cache_only=cache_only),
            show=self._show,
            describe=lambda _article: "article",
            refresh=refresh,
        )
        if result is not None and not refresh:  # r re-reads; it is not another visit
            self.client.user.opened(result.value, self.url)  # history and read mark
        # Focus after loading: a pane showing its loading spinner cannot take focus.
        focus_now(self.view)

    def _show(self, result: Sourced[Article]) -> None:
        self.view.show_article(result.value, gone_at=result.gone_at)
        self.contacts_mask_changed()

    def contacts_mask_changed(self) -> None:
        """The header's title as the pane shows it (masked or not)."""
        shown = self.view.shown
        if shown is not None:
            self.sub_title = clean_line(shown.title)

    class Left(Message):
        """Esc on the first screen (``open URL``): there is no screen beneath to go back to."""

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss()
        else:
            self.post_message(self.Left())

    def action_next_article(self) -> None:
        self._open_neighbour(+1)

    def action_previous_article(self) -> None:
        self._open_neighbour(-1)

    def _open_neighbour(self, step: int) -> None:
        if self._neighbour is None:
            self.notify("This article was not opened from a list.", severity="information")
            return
        url = self._neighbour(self.url, step)
        if url is None:
            self.notify(no_neighbour(step), severity="information")
            return
        self.url = url
        self.load_article()  # exclusive: a load still running for the last one is cancelled

    def action_refresh(self) -> None:
        self.load_article(refresh=True)

    def action_open_browser(self) -> None:
        open_in_browser(self, self.url)

    def action_copy_url(self) -> None:
        copy_url(self, self.url)

    def action_toggle_bookmark(self) -> None:
        start_toggle(self, self.client, self.url, self.sub_title)

    def on_screen_resume(self) -> None:
        # Back from the bookmarks (a status or note changed there), say.
        if self.view.article is not None:
            self.view.notes.refresh_library()

    def action_copy_phone(self) -> None:
        copy_phone(self, self.view.article)

    def action_follow_link(self) -> None:
        follow_link(self, self.view.article)

    def action_copy_choice(self) -> None:
        choose_and_copy(self, self.view.article)

    def action_photos(self) -> None:
        open_gallery(self, self.view.article)
