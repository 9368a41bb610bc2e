"""What the reader's copy chooser offers: each field of an article, its facts,
its URL, and the whole article as plain text.

Values go through ``clean_line`` like everything shown; the whole article is
the reader's own rendering printed without colour (what ``tui-reader read``
prints to a pipe), so it reads the same as the screen.
"""

from __future__ import annotations

import io

from tui_reader.models import Article
from tui_reader.render.fields import fact_rows, field_rows
from tui_reader.render.sanitize import clean_line

__all__ = ["article_plain_text", "copy_entries"]

PLAIN_WIDTH = 80
"""Columns of the copied article: as a terminal (or an e-mail) shows it."""


def copy_entries(article: Article) -> list[tuple[str, str]]:
    """(label, text) for every value worth copying on its own, panel order,
    then the URL and the whole article."""
    entries: list[tuple[str, str]] = []
    for _key, label, values in field_rows(article):
        entries.extend((label, value) for value in values)
    entries.extend(fact_rows(article))
    entries.append(("URL", clean_line(article.url)))
    entries.append(("Whole article (text)", article_plain_text(article)))
    return entries


def article_plain_text(article: Article, width: int = PLAIN_WIDTH) -> str:
    """Title, meta line, fields, body, links and contact, as plain text."""
    from rich.console import Console, Group, RenderableType

    from tui_reader.render.article import article_heading, article_text
    from tui_reader.render.fields import fields_table

    parts: list[RenderableType] = [article_heading(article)]
    table = fields_table(article)
    if table is not None:
        parts.append(table)
    parts.append(article_text(article, width=width))
    console = Console(
        width=width, file=io.StringIO(), color_system=None, markup=False, highlight=False, emoji=False, record=True
    )
    console.print(Group(*parts))
    lines = [line.rstrip() for line in console.export_text(styles=False).splitlines()]
    return "\n".join(lines).strip() + "\n"
