"""The lines under an article's title for someone hunting: its numbers the fields
panel does not show, that it is gone from the site, how its price changed
across syncs, and the user's bookmark status and note.

The numbers and the gone line come with the article; the price history and
the bookmark are read from SQLite in a thread (``refresh_library``), so the
article shows at once and these lines join it a moment later.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import Static
from textual.worker import get_current_worker

from tui_reader.errors import ReaderError

if TYPE_CHECKING:
    from tui_reader.models import Article


class ArticleNotes(Static):
    DEFAULT_CSS = """
    ArticleNotes { height: auto; }
    ArticleNotes.-empty { display: none; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Text(""), **kwargs)
        self.add_class("-empty")
        self.url: str | None = None
        self.numbers: Text | None = None
        self.gone_at: datetime | None = None
        self.price: Text | None = None
        self.bookmark: tuple[str, str] | None = None
        """(status, note) when the article is bookmarked."""
        self.masked = False
        self.text = ""
        """What the lines say, as plain text."""

    def show_article(self, article: Article | None, gone_at: datetime | None = None, *, masked: bool = False) -> None:
        """The article shown above (None: nothing); the library's lines follow from a thread."""
        if article is None or article.url != self.url:
            self.price, self.bookmark = None, None  # another article's: not shown meanwhile
        self.url = article.url if article is not None else None
        self.numbers = None
        if article is not None:
            # Imported here: clearing the pane (every start does) needs none of the hunting parts.
            from tui_reader.render import numbers_line

            self.numbers = numbers_line(article)
        self.gone_at = gone_at
        self.masked = masked
        self._redraw()
        if article is not None:
            self.refresh_library()

    def refresh_library(self) -> None:
        """Read the price history and the bookmark of the article again (after ``b``, say)."""
        client = getattr(self.app, "client", None)
        if client is None or self.url is None:
            return
        url = self.url

        def read() -> None:
            price, bookmark = _library_lines(client, url)
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._learned, url, price, bookmark)

        self.run_worker(read, thread=True, group="article-notes", exclusive=True, exit_on_error=False)

    def _learned(self, url: str, price: Text | None, bookmark: tuple[str, str] | None) -> None:
        if url == self.url:
            self.price, self.bookmark = price, bookmark
            self._redraw()

    def _redraw(self) -> None:
        lines: list[Text] = []
        if self.gone_at is not None:
            from tui_reader.render import gone_line

            lines.append(gone_line(self.gone_at))
        if self.numbers is not None:
            lines.append(self.numbers)
        if self.price is not None:
            lines.append(self.price)
        if self.bookmark is not None:
            from tui_reader.render import bookmark_line, mask_contacts

            status, note = self.bookmark
            lines.append(bookmark_line(status, mask_contacts(note) if self.masked else note))
        shown = Text("\n").join(lines)
        self.text = shown.plain
        self.set_class(not lines, "-empty")
        self.update(shown)


def _library_lines(client: Any, url: str) -> tuple[Text | None, tuple[str, str] | None]:
    """(price change line, (status, note)) of ``url``; either None when unknown. Runs in a thread."""
    from tui_reader.render import price_line

    try:
        price = price_line(client.price_history(url))
    except ReaderError:
        price = None
    try:
        row = next((b for b in client.user.bookmarks() if b["url"] == url), None)
    except ReaderError:
        row = None  # no library in this session: nothing is bookmarked
    bookmark = (str(row.get("status") or ""), str(row.get("note") or "")) if row is not None else None
    return price, bookmark
