"""The reader pane, scrollable: the article's title (``render.article_heading``),
its fields panel, then its text (``render.article_text``)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui_reader.models import Article
from tui_reader.render import clean_line
from tui_reader.ui import keys
from tui_reader.ui.article_actions import link_target
from tui_reader.ui.chords import ChordKeys
from tui_reader.ui.widgets.fields_panel import FieldsPanel

_PLACEHOLDER = Text("Choose an article (Enter) to read it here.", style="dim")


class ArticleView(ChordKeys, VerticalScroll, inherit_bindings=False):
    """Shows an article, or a hint/error line when there is none yet."""

    BINDINGS: ClassVar = keys.MOVE

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.border_title = "Article"
        self.article: Article | None = None

    def compose(self) -> ComposeResult:
        # Hidden until there is an article: the hint below stands alone.
        yield Static(Text(""), classes="article-heading").set_styles("display: none;")
        yield FieldsPanel(classes="article-fields")
        yield Static(_PLACEHOLDER, classes="article-body")

    def clear(self) -> None:
        """Back to the hint: the place changed, and the article shown belongs to the old one."""
        self.article = None
        self.query_one(".article-heading", Static).display = False
        self.query_one(FieldsPanel).show_article(None)
        self.body.update(_PLACEHOLDER)
        self.border_subtitle = ""
        self.scroll_home(animate=False)

    @property
    def body(self) -> Static:
        return self.query_one(".article-body", Static)

    def show_article(self, article: Article) -> None:
        # The renderer (and the block model under it) loads with the first
        # article, not with the first screen.
        from tui_reader.render import article_heading, article_text

        same = self.article is not None and self.article.url == article.url
        self.article = article
        heading = self.query_one(".article-heading", Static)
        heading.update(article_heading(article, link_target))
        heading.display = True
        self.query_one(FieldsPanel).show_article(article)
        self.body.update(article_text(article, width=self.size.width, link_target=link_target))
        if not same:  # a refresh of the same article keeps the reading position
            self.scroll_home(animate=False)

    def on_resize(self) -> None:
        # The title rule follows the width; an article that arrived before the
        # first layout (a cache hit) was drawn for width 0.
        if self.article is not None:
            from tui_reader.render import article_text

            self.body.update(article_text(self.article, width=self.size.width, link_target=link_target))

    def show_error(self, message: str | None) -> None:
        # With an article on screen the error goes to the status bar only:
        # the text already shown is still worth reading.
        if message and self.article is None:
            self.body.update(Text("⚠ " + clean_line(message), style="bold red"))

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
