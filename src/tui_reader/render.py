"""An article as a Rich renderable, built only from ``Text`` objects.

Page text is never parsed as markup — not even "escaped" markup — because a
title like ``[link=…]`` or ``[/]`` must show as typed and never style or break
the view. Every string goes through ``sanitize`` and into ``Text(...)`` with an
explicit style. Rich wraps CJK text per character cell, so long Chinese lines
need nothing special here.
"""

from __future__ import annotations

from datetime import datetime

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tui_reader.models import Article
from tui_reader.sanitize import clean, clean_line

__all__ = ["article_renderable", "format_published", "format_views", "meta_text"]


def format_published(value: datetime | None) -> str:
    """"2024-02-10 12:21" in the portal's own time zone (the page's wall clock)."""
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


def format_views(value: int | None) -> str:
    return f"{value}次查看" if value is not None else ""


def meta_text(article: Article) -> Text:
    """The line under the title: published · views · city › category."""
    parts: list[Text] = []
    if article.published is not None:
        parts.append(Text(format_published(article.published), style="cyan"))
    if article.views is not None:
        parts.append(Text(format_views(article.views), style="green"))
    place = " › ".join(clean_line(p) for p in (article.city, article.category) if p)
    if place:
        parts.append(Text(place, style="magenta"))
    return Text(" · ", style="dim").join(parts)


def _contact_table(article: Article) -> Table | None:
    if not article.contact:
        return None
    table = Table(
        box=box.SIMPLE_HEAD,
        show_header=False,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
    )
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for label, value in article.contact:
        # Labels arrive as the page wrote them, often with a trailing colon.
        label_text = clean_line(label).rstrip(":：")
        table.add_row(Text(label_text), Text(clean_line(value)))
    return table


def article_renderable(article: Article, *, width: int | None = None) -> Group:
    """Title, meta line, body paragraphs, contact table and source URL.

    ``width`` is only a hint for the title underline; layout is left to Rich.
    """
    items: list[RenderableType] = [Text(clean_line(article.title), style="bold")]
    meta = meta_text(article)
    if meta:
        items.append(meta)
    rule_width = max(10, min(width or 40, 80))
    items.append(Text("─" * rule_width, style="dim"))
    for paragraph in article.body:
        items.append(Text(clean(paragraph).strip()))
        items.append(Text(""))
    if not article.body:
        items.append(Text("(this article has no body text)", style="dim italic"))
        items.append(Text(""))
    table = _contact_table(article)
    if table is not None:
        items.append(Text("Contact", style="bold underline"))
        items.append(table)
        items.append(Text(""))
    items.append(Text.assemble(("Source ", "dim"), (clean_line(article.url), "dim underline")))
    return Group(*items)
