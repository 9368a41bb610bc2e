"""``b``: bookmark the article on screen, or remove its bookmark — one toggle for every screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget

from tui_reader.errors import ReaderError
from tui_reader.render import clean_line

if TYPE_CHECKING:
    from tui_reader.client import Client


def start_toggle(node: Widget, client: Client, url: str | None, title: str | None = "") -> None:
    """Toggle in a worker: bookmarking may have to fetch the article first."""
    if url is None:
        node.notify("No article to bookmark.", severity="warning")
        return
    node.run_worker(toggle_bookmark(node, client, url, title), group="bookmark", exit_on_error=False)


async def toggle_bookmark(node: Widget, client: Client, url: str, title: str | None = "") -> bool:
    """Remove the bookmark of ``url`` if there is one, else add it; returns whether it is bookmarked now."""
    try:
        if client.user.unbookmark(url):
            node.notify(f"Bookmark removed: {clean_line(title or url)}", markup=False)
            _bookmark_lines_again(node)
            return False
        article = await client.user.bookmark(url)
    except ReaderError as exc:
        node.notify(f"Bookmark not changed: {clean_line(str(exc))}", severity="error", markup=False)
        return False
    node.notify(f"Bookmarked: {clean_line(article.title)}", markup=False)
    _bookmark_lines_again(node)
    return True


def _bookmark_lines_again(node: Widget) -> None:
    """The "★ bookmarked" line under an article's title follows, in the reader and in the pane beside the list."""
    from tui_reader.ui.widgets.article_notes import ArticleNotes

    for notes in node.screen.query(ArticleNotes):
        notes.refresh_library()
