"""The base of the bookmarks and history screens: a list of saved articles, Enter reads one.

Each row is two lines (the title, then where and when) built from the
library's plain dicts; opening goes through ``ReaderScreen`` and so through
``client.article``, which falls back to a bookmark's own copy offline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui_reader.errors import ReaderError
from tui_reader.render import clean_line, counted
from tui_reader.ui import keys
from tui_reader.ui.screens.reader import ReaderScreen
from tui_reader.ui.widgets.key_footer import KeyFooter
from tui_reader.ui.widgets.pane_option_list import PaneOptionList
from tui_reader.ui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from tui_reader.client import Client


class LibraryListScreen(Screen[None]):
    BINDINGS: ClassVar = keys.LIBRARY_LIST
    AUTO_FOCUS: ClassVar = ".library-rows"

    heading = ""
    noun = "article"
    """What one row is, for the count above the rows ("1 bookmark", "3 articles")."""
    empty_hint = ""

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.entries: list[dict[str, Any]] = []

    # -- what subclasses say ----------------------------------------------------

    def load(self) -> list[dict[str, Any]]:
        raise NotImplementedError

    def describe(self, entry: dict[str, Any]) -> str:
        """The second line of a row: where the article is from and when."""
        raise NotImplementedError

    def describe_line(self, entry: dict[str, Any]) -> Text:
        """The second line as shown (dim); a subclass may put more colour in it."""
        return Text(clean_line(self.describe(entry)), style="dim")

    def count_line(self) -> str:
        """The line above the rows: how many, in words, or the hint when there are none."""
        return counted(len(self.entries), self.noun) if self.entries else self.empty_hint

    # -- the screen ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", classes="library-note")
        yield PaneOptionList(classes="library-rows")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.heading
        self.reload()

    @property
    def rows(self) -> PaneOptionList:
        return self.query_one(PaneOptionList)

    def reload(self) -> None:
        keep = self.rows.highlighted
        try:
            self.entries = self.load()
        except ReaderError as exc:
            self.entries = []
            self._note(f"⚠ {exc}", "bold red")
        else:
            self._note(self.count_line(), "dim")
        self.rows.set_options([Option(self._row(entry), id=str(i)) for i, entry in enumerate(self.entries)])
        if self.entries:
            self.rows.highlighted = min(keep or 0, len(self.entries) - 1)

    def contacts_mask_changed(self) -> None:
        self.reload()  # titles and notes, masked or not

    @property
    def highlighted_entry(self) -> dict[str, Any] | None:
        index = self.rows.highlighted
        return self.entries[index] if index is not None and index < len(self.entries) else None

    def _row(self, entry: dict[str, Any]) -> Text:
        title = clean_line(entry.get("title") or entry["url"])
        if getattr(self.app, "mask_contacts", False):  # a title may well name a phone
            from tui_reader.render import mask_contacts

            title = mask_contacts(title)
        text = Text(title, style="bold")
        text.append("\n")
        text.append_text(self.describe_line(entry))
        return text

    def _note(self, message: str, style: str) -> None:
        self.query_one(".library-note", Static).update(Text(clean_line(message), style=style))

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self.entries[int(event.option.id or 0)]
        self.app.push_screen(ReaderScreen(self.client, entry["url"]))

    def action_back(self) -> None:
        self.dismiss()


def place_of(article: dict[str, Any]) -> str:
    """ "连云港 › 房产" from an ``Article.to_dict()``, or "" when the page did not say."""
    return " › ".join(part for part in (article.get("city"), article.get("category")) if part)
