"""An article as a Rich renderable, built only from ``Text`` objects.

Page text is never parsed as markup — not even "escaped" markup — because a
title like ``[link=…]`` or ``[/]`` must show as typed and never style or break
the view. Every string goes through ``sanitize`` and into ``Text(...)`` with an
explicit style.

The body follows ``Article.structure``: headings, paragraphs, bullet and
numbered lists, quotes, tables (as Rich tables) and images (as "[图片: alt]").
Every link's text is followed by its number, "[3]", and a numbered list of
the targets ends the article (the reader opens link N by that number).
Prose is broken into lines by ``linebreak.Wrapped``: Chinese line-breaking
rules (no line starts with "，" or "。"), and never wider than the pane.
Field values (phones, prices, …) are highlighted where the body says them.
"""

from __future__ import annotations

import re
from datetime import datetime

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tui_reader.models import Article, Block, Heading, Image, Inline, Link, ListBlock, Paragraph, Quote, TableBlock
from tui_reader.render.fields import highlight_fields, highlight_patterns
from tui_reader.render.linebreak import Wrapped
from tui_reader.render.sanitize import clean, clean_line

__all__ = [
    "article_heading",
    "article_renderable",
    "article_text",
    "format_published",
    "format_views",
    "link_entry",
    "link_line",
    "meta_text",
]

Highlights = list[tuple[re.Pattern[str], str]]

_LINK_STYLE = "underline"
_NUMBER_STYLE = "bold cyan"
_HEADING_STYLES = {1: "bold underline", 2: "bold underline", 3: "bold"}
_BULLETS = ("•", "◦", "▪")
_REFUSED_SHOWN = 80


def format_published(value: datetime | None) -> str:
    """ "2024-02-10 12:21" in the portal's own time zone (the page's wall clock)."""
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
        table.add_row(Text(label_text), Wrapped(Text(clean_line(value))))
    return table


def _inline(text: Inline, highlights: Highlights, style: str = "") -> Text:
    """Runs as one Text: links underlined and followed by their number."""
    out = Text(style=style)
    for part, link in text:
        shown = clean(part).replace("\t", " ")
        if not link:
            out.append(shown)
            continue
        out.append(shown, style=_LINK_STYLE)
        # An image label reads "[图片: alt] [3]"; a word "链接[3]", as footnotes go.
        out.append((" " if shown.endswith("]") else "") + f"[{link}]", style=_NUMBER_STYLE)
    highlight_fields(out, highlights)
    return out


def _list(block: ListBlock, highlights: Highlights) -> list[RenderableType]:
    items: list[RenderableType] = []
    counters: dict[int, int] = {}
    for depth, text in block.items:
        counters[depth] = counters.get(depth, 0) + 1
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]  # a new parent item restarts its children's numbers
        marker = f"{counters[depth]}." if block.ordered else _BULLETS[depth % len(_BULLETS)]
        indent = "  " * depth
        first = Text(f"{indent}{marker} ", style="bold")
        items.append(Wrapped(_inline(text, highlights), first, Text(" " * first.cell_len)))
    return items


def _table(block: TableBlock, highlights: Highlights) -> Table:
    table = Table(box=box.SQUARE, show_header=block.header, header_style="bold", padding=(0, 1), show_lines=False)
    columns = max(len(row) for row in block.rows)
    for _ in range(columns):
        table.add_column(overflow="fold")
    rows = block.rows[1:] if block.header else block.rows
    if block.header:
        for column, cell in zip(table.columns, block.rows[0], strict=False):
            column.header = Wrapped(_inline(cell, highlights))
    for row in rows:
        table.add_row(*(Wrapped(_inline(cell, highlights)) for cell in row))
    return table


def _block(block: Block, highlights: Highlights) -> list[RenderableType]:
    if isinstance(block, Heading):
        return [Wrapped(_inline(block.text, highlights, _HEADING_STYLES.get(block.level, "bold")))]
    if isinstance(block, Paragraph):
        return [Wrapped(_inline(block.text, highlights))]
    if isinstance(block, ListBlock):
        return _list(block, highlights)
    if isinstance(block, Quote):
        bar = Text("▌ ", style="dim")
        return [Wrapped(_inline(p, highlights, "italic"), bar, bar) for p in block.paragraphs]
    if isinstance(block, TableBlock):
        return [_table(block, highlights)]
    if isinstance(block, Image):
        alt = clean_line(block.alt)
        label = f"[图片: {alt}]" if alt else "[图片]"
        return [Wrapped(_inline(((label, block.link),), highlights, "italic"))]
    return []


def link_entry(number: int, link: Link) -> Wrapped:
    """ "[3] 链接文字 https://…", continued lines hanging under the text."""
    first = Text(f"[{number}] ", style=_NUMBER_STYLE)
    return Wrapped(link_line(link), first, Text(" " * first.cell_len))


def link_line(link: Link) -> Text:
    """ "链接文字 https://…" — a refused link says why it cannot be opened."""
    line = Text()
    text = clean_line(link.text)
    if text:
        line.append(text + " ")
    if link.openable:
        line.append(clean_line(link.url), style="underline")
    else:
        # A refused target is shown only to say what it was: a data: URI can be
        # megabytes long.
        shown = clean_line(link.url)
        line.append(shown if len(shown) <= _REFUSED_SHOWN else shown[:_REFUSED_SHOWN] + "…", style="dim strike")
        line.append(f" (not openable: {clean_line(link.refused or '')})", style="red")
    return line


def article_heading(article: Article) -> Group:
    """Title and meta line: what the reader pane shows above the fields panel."""
    items: list[RenderableType] = [Wrapped(Text(clean_line(article.title), style="bold"))]
    meta = meta_text(article)
    if meta:
        items.append(Wrapped(meta))
    return Group(*items)


def article_text(article: Article, *, width: int | None = None) -> Group:
    """A rule, the structured body, the link list, the contact table and the source URL.

    ``width`` is only a hint for the rule; lines are broken at whatever width
    Rich gives each part."""
    rule_width = max(10, min(width or 40, 80))
    items: list[RenderableType] = [Text("─" * rule_width, style="dim", overflow="crop", no_wrap=True)]
    highlights = highlight_patterns(article)
    for block in article.structure:
        items.extend(_block(block, highlights))
        items.append(Text(""))
    if not article.structure:
        items.append(Text("(this article has no body text)", style="dim italic"))
        items.append(Text(""))
    if article.links:
        items.append(Text("Links", style="bold underline"))
        items.extend(link_entry(n, link) for n, link in enumerate(article.links, start=1))
        items.append(Text(""))
    table = _contact_table(article)
    if table is not None:
        items.append(Text("Contact", style="bold underline"))
        items.append(table)
        items.append(Text(""))
    items.append(Wrapped(Text.assemble(("Source ", "dim"), (clean_line(article.url), "dim underline"))))
    return Group(*items)


def article_renderable(article: Article, *, width: int | None = None) -> Group:
    """The whole article: heading, then text (the reader pane puts the fields between)."""
    return Group(article_heading(article), article_text(article, width=width))
