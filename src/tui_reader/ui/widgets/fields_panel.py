"""The facts and classifieds fields of the article on screen, above its text: the
page's own label → value pairs (户型, 楼层, 朝向…), then phone, WeChat/QQ,
price, area, address and contact — what a reader of an ad looks for first.

Hidden when the article has neither. The field values have the colours they
are highlighted with in the body below, so the eye finds them there too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from tui_reader.models import Article


class FieldsPanel(Static):
    DEFAULT_CSS = """
    FieldsPanel {
        height: auto;
        border: round $secondary;
        border-title-color: $text-muted;
        padding: 0 1;
        margin: 1 0;
    }
    FieldsPanel.-empty { display: none; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Text(""), **kwargs)
        self.border_title = "Fields"
        self.border_subtitle = "c copies the phone · C any field"
        self.add_class("-empty")

    def show_article(self, article: Article | None) -> None:
        table = None
        if article is not None:
            # Imported here: clearing the panel (every start does) needs no table.
            from tui_reader.render import fields_table

            table = fields_table(article)
        self.set_class(table is None, "-empty")
        self.update(table if table is not None else Text(""))
