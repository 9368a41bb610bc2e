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
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from rich import box
from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tui_reader.models import Article, Block, Heading, Image, Inline, Link, ListBlock, Paragraph, Quote, TableBlock
from tui_reader.render.linebreak import Wrapped
from tui_reader.render.sanitize import clean, clean_line

__all__ = [
    "article_heading",
    "article_renderable",
    "article_text",
    "cuts_text",
    "format_published",
    "format_views",
    "link_entry",
    "link_line",
    "meta_text",
]

Highlights = list[tuple[re.Pattern[str], str]]
LinkTarget = Callable[[str], "str | None"]
"""Decides where a link may point in the terminal (an OSC 8 hyperlink): the
safe target of a page's URL, or None for no hyperlink. The ui passes one;
without it nothing is a hyperlink (the command line's output)."""


class _Marks(NamedTuple):
    """What the body's runs are marked with: field highlights, and the
    hyperlink style of each link number that has a safe target."""

    highlights: Highlights
    links: dict[int, Style]


def _hyperlink(url: str, link_target: LinkTarget | None, style: str) -> Style | str:
    target = link_target(url) if link_target is not None else None
    return Style.parse(style) + Style(link=target) if target else style


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


def meta_text(article: Article, *, photos: bool = False) -> Text:
    """The line under the title: published · views · city › category, and with
    ``photos`` how many the article has ("📷 6", the reader's ``p`` shows them)."""
    parts: list[Text] = []
    if article.published is not None:
        parts.append(Text(format_published(article.published), style="cyan"))
    if article.views is not None:
        parts.append(Text(format_views(article.views), style="green"))
    place = " › ".join(clean_line(p) for p in (article.city, article.category) if p)
    if place:
        parts.append(Text(place, style="magenta"))
    if photos and article.photos:
        parts.append(Text(f"📷 {len(article.photos)}", style="bold"))
    return Text(" · ", style="dim").join(parts)


def cuts_text(article: Article) -> Text | None:
    """A calm line saying what of the page was left out to read it quickly (``Article.cuts``)."""
    if not article.cuts:
        return None
    return Text("Shown in part: " + "; ".join(clean_line(c) for c in article.cuts), style="dim italic")


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


def _inline(text: Inline, marks: _Marks, style: str = "") -> Text:
    """Runs as one Text: links underlined and followed by their number."""
    out = Text(style=style)
    for part, link in text:
        shown = clean(part).replace("\t", " ")
        if not link:
            out.append(shown)
            continue
        out.append(shown, style=marks.links.get(link, _LINK_STYLE))
        # An image label reads "[图片: alt] [3]"; a word "链接[3]", as footnotes go.
        out.append((" " if shown.endswith("]") else "") + f"[{link}]", style=_NUMBER_STYLE)
    for pattern, style in marks.highlights:  # field values where the body says them
        out.highlight_regex(pattern, style=style)
    return out


def _list(block: ListBlock, marks: _Marks) -> list[RenderableType]:
    items: list[RenderableType] = []
    counters: dict[int, int] = {}
    for depth, text in block.items:
        counters[depth] = counters.get(depth, 0) + 1
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]  # a new parent item restarts its children's numbers
        marker = f"{counters[depth]}." if block.ordered else _BULLETS[depth % len(_BULLETS)]
        indent = "  " * depth
        first = Text(f"{indent}{marker} ", style="bold")
        items.append(Wrapped(_inline(text, marks), first, Text(" " * first.cell_len)))
    return items


def _table(block: TableBlock, marks: _Marks) -> Table:
    table = Table(box=box.SQUARE, show_header=block.header, header_style="bold", padding=(0, 1), show_lines=False)
    columns = max(len(row) for row in block.rows)
    for _ in range(columns):
        table.add_column(overflow="fold")
    rows = block.rows[1:] if block.header else block.rows
    if block.header:
        for column, cell in zip(table.columns, block.rows[0], strict=False):
            column.header = Wrapped(_inline(cell, marks))
    for row in rows:
        table.add_row(*(Wrapped(_inline(cell, marks)) for cell in row))
    return table


def _block(block: Block, marks: _Marks) -> list[RenderableType]:
    if isinstance(block, Heading):
        return [Wrapped(_inline(block.text, marks, _HEADING_STYLES.get(block.level, "bold")))]
    if isinstance(block, Paragraph):
        return [Wrapped(_inline(block.text, marks))]
    if isinstance(block, ListBlock):
        return _list(block, marks)
    if isinstance(block, Quote):
        bar = Text("▌ ", style="dim")
        return [Wrapped(_inline(p, marks, "italic"), bar, bar) for p in block.paragraphs]
    if isinstance(block, TableBlock):
        return [_table(block, marks)]
    if isinstance(block, Image):
        alt = clean_line(block.alt)
        label = f"[图片: {alt}]" if alt else "[图片]"
        return [Wrapped(_inline(((label, block.link),), marks, "italic"))]
    return []


def link_entry(number: int, link: Link, link_target: LinkTarget | None = None) -> Wrapped:
    """ "[3] 链接文字 https://…", continued lines hanging under the text."""
    first = Text(f"[{number}] ", style=_NUMBER_STYLE)
    return Wrapped(link_line(link, link_target), first, Text(" " * first.cell_len))


def link_line(link: Link, link_target: LinkTarget | None = None) -> Text:
    """ "链接文字 https://…" — a refused link says why it cannot be opened."""
    line = Text()
    text = clean_line(link.text)
    if text:
        line.append(text + " ")
    if link.openable:
        line.append(clean_line(link.url), style=_hyperlink(link.url, link_target, "underline"))
    else:
        # A refused target is shown only to say what it was: a data: URI can be
        # megabytes long.
        shown = clean_line(link.url)
        line.append(shown if len(shown) <= _REFUSED_SHOWN else shown[:_REFUSED_SHOWN] + "…", style="dim strike")
        line.append(f" (not openable: {clean_line(link.refused or '')})", style="red")
    return line


def article_heading(article: Article, link_target: LinkTarget | None = None, *, photos: bool = False) -> Group:
    """Title and meta line: what the reader pane shows above the fields panel.

    With ``link_target``, the title is a hyperlink to the article's page; with
    ``photos``, the meta line counts the photos (the reader can show them)."""
    title_style = _hyperlink(article.url, link_target, "bold")
    items: list[RenderableType] = [Wrapped(Text(clean_line(article.title), style=title_style))]
    meta = meta_text(article, photos=photos)
    if meta:
        items.append(Wrapped(meta))
    cuts = cuts_text(article)
    if cuts is not None:
        items.append(Wrapped(cuts))
    return Group(*items)


def article_text(
    article: Article, *, width: int | None = None, link_target: LinkTarget | None = None, highlights: bool = True
) -> Group:
    """A rule, the structured body, the link list, the contact table and the source URL.

    ``width`` is only a hint for the rule; lines are broken at whatever width
    Rich gives each part. With ``link_target``, links and the source URL are
    terminal hyperlinks to the targets it allows. ``highlights=False`` leaves
    the field values (phones, prices…) unmarked, and their readers unloaded
    (the reader's first article is drawn before they load)."""
    rule_width = max(10, min(width or 40, 80))
    items: list[RenderableType] = [Text("─" * rule_width, style="dim", overflow="crop", no_wrap=True)]
    links: dict[int, Style] = {}
    for number, link in enumerate(article.links, start=1):
        style = _hyperlink(link.url, link_target, _LINK_STYLE) if link.openable else _LINK_STYLE
        if isinstance(style, Style):
            links[number] = style
    if highlights:
        from tui_reader.render.fields import highlight_patterns

        marks = _Marks(highlight_patterns(article), links)
    else:
        marks = _Marks([], links)
    for block in article.structure:
        items.extend(_block(block, marks))
        items.append(Text(""))
    if not article.structure:
        items.append(Text("(this article has no body text)", style="dim italic"))
        items.append(Text(""))
    if article.links:
        items.append(Text("Links", style="bold underline"))
        items.extend(link_entry(n, link, link_target) for n, link in enumerate(article.links, start=1))
        items.append(Text(""))
    table = _contact_table(article)
    if table is not None:
        items.append(Text("Contact", style="bold underline"))
        items.append(table)
        items.append(Text(""))
    source = _hyperlink(article.url, link_target, "dim underline")
    items.append(Wrapped(Text.assemble(("Source ", "dim"), (clean_line(article.url), source))))
    return Group(*items)


def article_renderable(article: Article, *, width: int | None = None) -> Group:
    """The whole article: heading, then text (the reader pane puts the fields between)."""
    return Group(article_heading(article), article_text(article, width=width))
