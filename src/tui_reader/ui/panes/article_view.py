"""The reader pane, scrollable: the article's title (``render.article_heading``),
the hunting lines under it (``ArticleNotes``: numbers, gone, price change,
bookmark), its fields panel, then its text (``render.article_text``).

With contacts masked (the app's ``mask_contacts``, for screenshots) the pane
shows the article through ``render.mask_article_dict``: ``article`` stays the
page's own, ``shown`` is what is on screen.

A long article's text (a heavy page read in part can still hold 200,000
characters) is laid out in a worker thread: breaking it into lines took the
event loop most of a second, during which no key was answered. Until the
lines are ready the pane says it is laying them out; another article, or
another width, drops the layout under way.
"""

from __future__ import annotations

import asyncio
import io
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static
from textual.worker import get_current_worker

from tui_reader.render import clean_line
from tui_reader.ui import keys
from tui_reader.ui.article_actions import hide_poster, link_checks_loaded, link_target, load_link_checks
from tui_reader.ui.chords import ChordKeys
from tui_reader.ui.widgets.article_notes import ArticleNotes
from tui_reader.ui.widgets.fields_panel import FieldsPanel
from tui_reader.ui.widgets.text_lines import TextLines

if TYPE_CHECKING:
    from rich.console import RenderableType

    from tui_reader.models import Article

_PLACEHOLDER = Text("Choose an article (Enter) to read it here.", style="dim")
LAID_OUT_ASIDE = 20_000
"""Characters of text (paragraphs, table rows, list items and links count as a line each)
from which an article's text is laid out in a worker thread; below it, at once (a few ms)."""


_field_readers_loaded = False


def _load_field_readers(article: Article) -> None:
    """Import what the notes and the fields panel draw with, and find ``article``'s fields."""
    global _field_readers_loaded
    from tui_reader.render import fields_table, numbers_line  # noqa: F401  (loaded, not used here)

    article.fields  # noqa: B018  (worked out once, kept by the article)
    _field_readers_loaded = True


def _size(article: Article) -> int:
    return sum(map(len, article.body)) + 80 * (len(article.body) + len(article.links) + len(article.blocks))


def _text(article: Article, width: int, *, highlights: bool = True) -> RenderableType:
    from tui_reader.render import article_text

    return article_text(article, width=width, link_target=link_target, highlights=highlights)


def _lay_out(article: Article, rule: int, width: int) -> list[list[Segment]]:
    """The article's text broken into lines ``width`` cells wide, on a console of its
    own (any thread: nothing shared with the app's)."""
    console = Console(
        width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor", legacy_windows=False
    )
    return console.render_lines(_text(article, rule), console.options, pad=False)


class ArticleView(ChordKeys, VerticalScroll, inherit_bindings=False):
    """Shows an article, or a hint/error line when there is none yet."""

    BINDINGS: ClassVar = [*keys.MOVE, *keys.ARTICLE_VIEW]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.border_title = "Article"
        self.article: Article | None = None
        """The article as the page gave it."""
        self.shown: Article | None = None
        """What is on screen: ``article``, or its copy with the contacts masked."""
        self.gone_at: datetime | None = None
        # The parts, made here and kept: the browse screen mounts this pane after
        # its first paint, and an article (or a clear) may come before the parts
        # are composed, where a query would find nothing.
        self.heading = Static(Text(""), classes="article-heading")
        self.heading.display = False  # until there is an article: the hint below stands alone
        self.notes = ArticleNotes(classes="article-notes")
        self.fields_panel = FieldsPanel(classes="article-fields")
        self.body = Static(_PLACEHOLDER, classes="article-body")
        self.lines = TextLines(classes="article-lines")
        self.lines.display = False

    def compose(self) -> ComposeResult:
        yield from (self.heading, self.notes, self.fields_panel, self.body, self.lines)

    def clear(self) -> None:
        """Back to the hint: the place changed, and the article shown belongs to the old one."""
        self.article = self.shown = self.gone_at = None
        self.heading.display = False
        self.notes.show_article(None)
        self.fields_panel.show_article(None)
        self._show_body(_PLACEHOLDER)
        self.border_subtitle = ""
        self.scroll_home(animate=False)

    def _show_body(self, renderable: RenderableType) -> None:
        """The body ``Static`` back in place of a long text's lines (dropping the layout under way)."""
        self.workers.cancel_group(self, "layout")
        self.lines.display = False
        self.lines.show([], 0)
        self.body.display = True
        self.body.update(renderable)

    @property
    def masked(self) -> bool:
        return bool(getattr(self.app, "mask_contacts", False))

    def show_article(self, article: Article, *, gone_at: datetime | None = None) -> None:
        """``gone_at``: when the portal was found not to have it any more (this is the cached copy)."""
        same = self.article is not None and self.article.url == article.url
        self.article = article
        self.gone_at = gone_at
        self._draw()
        if not same:  # a refresh of the same article keeps the reading position
            self.scroll_home(animate=False)

    def redraw(self) -> None:
        """Draw the article again, as the mask now says (the reading position stays)."""
        if self.article is not None:
            self._draw()

    def _draw(self) -> None:
        # The renderer (and the block model under it) loads with the first
        # article, not with the first screen.
        from tui_reader.render import article_heading

        assert self.article is not None
        masked = self.masked
        self.shown = self.article
        if masked:
            from tui_reader.render import masked_article  # it loads the contact readers

            self.shown = masked_article(self.article)
        self.border_title = "Article · contacts masked" if masked else "Article"
        self.heading.update(article_heading(self.shown, link_target, photos=True))
        self.heading.display = True
        ready = link_checks_loaded() and _field_readers_loaded
        if not ready:
            self._draw_again_when_ready(self.shown)
        if _size(self.shown) < LAID_OUT_ASIDE:
            if ready:
                self._draw_fields()
            self._show_body(_text(self.shown, self.size.width, highlights=ready))
            return
        self._show_body(Text("laying out a long text…", style="dim italic"))
        self._draw_aside(self.shown)

    @work(group="readers", exclusive=True, thread=True, exit_on_error=False)
    def _draw_again_when_ready(self, shown: Article) -> None:
        """The first article is drawn before what checks its links (httpx, ~30 ms of
        imports) and what reads its numbers and contacts (~15 ms) have loaded: as
        long as the rest of the drawing. They load in this thread; then the article
        is drawn again, with hyperlinks, highlighted values, notes and fields."""
        load_link_checks()
        _load_field_readers(shown)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.redraw)

    def _draw_fields(self) -> None:
        assert self.shown is not None
        self.notes.show_article(self.shown, self.gone_at, masked=self.masked)
        self.fields_panel.show_article(self.shown)

    @work(group="layout", exclusive=True)
    async def _draw_aside(self, shown: Article, *, fields: bool = True) -> None:
        """A long article's fields (found in its whole text) and lines, worked out in a thread."""
        if fields:
            await asyncio.to_thread(lambda: shown.fields)
            if self.shown is not shown:  # another article (or the mask) on screen by now
                return
            self._draw_fields()
        # The text's own width: the pane's, less the scrollbar a long text will bring.
        width = max(20, self.scrollable_content_region.width - (0 if self.show_vertical_scrollbar else 1))
        lines = await asyncio.to_thread(_lay_out, shown, self.size.width, width)
        if self.shown is not shown:
            return
        self.body.display = False
        self.lines.show(lines, width)
        self.lines.display = True

    def on_resize(self) -> None:
        # The title rule follows the width; an article that arrived before the
        # first layout (a cache hit) was drawn for width 0.
        if self.shown is None:
            return
        if _size(self.shown) < LAID_OUT_ASIDE:
            self._show_body(_text(self.shown, self.size.width))
        else:  # the old lines stay until the new ones are ready
            self._draw_aside(self.shown, fields=not self.lines.display)

    def show_error(self, message: str | None) -> None:
        # With an article on screen the error goes to the status bar only:
        # the text already shown is still worth reading.
        if message and self.article is None:
            self._show_body(Text("⚠ " + clean_line(message), style="bold red"))

    def action_hide_poster(self, kind: str | None = None) -> None:
        """``X``: hide this poster's listings (by phone, else by contact name) from search and watches."""
        hide_poster(self, self.article, kind)

    # The shared list actions, as scrolling.
    def action_cursor_down(self) -> None:
        self.scroll_down()

    def action_cursor_up(self) -> None:
        self.scroll_up()

    def action_first(self) -> None:
        self.scroll_home()

    def action_last(self) -> None:
        self.scroll_end()

    def action_page_down(self) -> None:
        self.scroll_page_down()

    def action_page_up(self) -> None:
        self.scroll_page_up()
