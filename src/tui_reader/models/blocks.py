"""The structure of an article body: headings, paragraphs, lists, quotes, tables, images.

``Article.body`` keeps plain paragraphs (search, ``read`` as text, fields);
``Article.blocks`` keeps what the author laid out, so the reader can show it
as meant. Inline text is a tuple of runs ``(text, link)`` where ``link`` is
the 1-based number of an entry in ``Article.links`` or 0 for plain text — a
number rather than a URL, so the renderer can print "[3]" after a link and
the reader can open "link 3" without searching.

All values are plain strings as the page gave them (whitespace folded), never
markup; the renderer sanitises them. Every class turns into a JSON-able dict
and back, for the cache; an unknown ``kind`` from a newer cache is skipped.

The classes are NamedTuples, read-only like frozen dataclasses but made without
compiling generated methods: the first article loads this module (seven
dataclasses cost it some 3 ms). Tell them apart by type, never by equality alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

__all__ = [
    "Block",
    "Heading",
    "Image",
    "Inline",
    "Link",
    "ListBlock",
    "Paragraph",
    "Quote",
    "TableBlock",
    "block_from_dict",
    "block_inlines",
    "block_to_dict",
    "inline_text",
    "join_runs",
    "plain_paragraphs",
]

Inline = tuple[tuple[str, int], ...]
"""Runs of text; the int is the link number (1-based) or 0."""


class Link(NamedTuple):
    text: str
    """The link's text on the page (or an image's alt text)."""
    url: str
    """The canonical http(s) URL; for a refused link, the href as the page wrote it."""
    refused: str | None = None
    """Why the link cannot be opened (one line), or None when it can."""
    image: bool = False

    @property
    def openable(self) -> bool:
        return self.refused is None


class Heading(NamedTuple):
    level: int
    text: Inline


class Paragraph(NamedTuple):
    text: Inline


class ListBlock(NamedTuple):
    ordered: bool
    items: tuple[tuple[int, Inline], ...]
    """(depth, text) per item; nested lists are flattened with depth 0, 1, …"""


class Quote(NamedTuple):
    paragraphs: tuple[Inline, ...]


class TableBlock(NamedTuple):
    rows: tuple[tuple[Inline, ...], ...]
    header: bool = False
    """True when the first row is a header row (<th> cells)."""


class Image(NamedTuple):
    alt: str
    link: int
    """Number of the image's source in ``Article.links`` (0 when it has none)."""


Block = Heading | Paragraph | ListBlock | Quote | TableBlock | Image


def inline_text(text: Inline) -> str:
    return "".join(part for part, _link in text)


def block_inlines(block: Block) -> list[Inline]:
    """The runs of text in ``block``: one per heading, paragraph, list item, quote
    paragraph and table row (its cells joined by a space); none for an image."""
    if isinstance(block, (Paragraph, Heading)):
        return [block.text]
    if isinstance(block, ListBlock):
        return [text for _depth, text in block.items]
    if isinstance(block, Quote):
        return list(block.paragraphs)
    if isinstance(block, TableBlock):
        return [join_runs([part for cell in row for part in ((" ", 0), *cell)]) for row in block.rows]
    return []


def join_runs(runs: list[tuple[str, int]]) -> Inline:
    """Merge neighbouring runs of the same link, fold spaces across them, trim the ends."""
    merged: list[list[str | int]] = []
    for text, link in runs:
        if merged and str(merged[-1][0]).endswith(" ") and text.startswith(" "):
            text = text.lstrip(" ")
        if not text:
            continue
        if merged and merged[-1][1] == link:
            merged[-1][0] = str(merged[-1][0]) + text
        else:
            merged.append([text, link])
    if merged:
        merged[0][0] = str(merged[0][0]).lstrip(" ")
        merged[-1][0] = str(merged[-1][0]).rstrip(" ")
    return tuple((str(text), int(link)) for text, link in merged if text)


def plain_paragraphs(blocks: tuple[Block, ...]) -> tuple[str, ...]:
    """The blocks as plain paragraphs: what search and ``read`` (text) use.

    One paragraph per heading, paragraph, list item, quote paragraph and
    table row (cells joined by " | "); images are left out (an alt text is
    no sentence of the article)."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, (Heading, Paragraph)):
            out.append(inline_text(block.text))
        elif isinstance(block, ListBlock):
            out.extend(inline_text(item) for _depth, item in block.items)
        elif isinstance(block, Quote):
            out.extend(inline_text(p) for p in block.paragraphs)
        elif isinstance(block, TableBlock):
            out.extend(" | ".join(inline_text(cell) for cell in row) for row in block.rows)
    return tuple(p for p in (p.strip() for p in out) if p)


# --- to and from JSON ------------------------------------------------------------


def relink(blocks: Iterable[Block], new: Callable[[int], int]) -> tuple[Block, ...]:
    """The blocks with every link number ``n`` in them replaced by ``new(n)``
    (0 for "no link"): how a structure is renumbered after blocks are dropped."""

    def runs(text: Inline) -> Inline:
        return tuple((part, new(link)) for part, link in text)

    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(Heading(block.level, runs(block.text)))
        elif isinstance(block, Paragraph):
            out.append(Paragraph(runs(block.text)))
        elif isinstance(block, ListBlock):
            out.append(ListBlock(block.ordered, tuple((depth, runs(text)) for depth, text in block.items)))
        elif isinstance(block, Quote):
            out.append(Quote(tuple(runs(p) for p in block.paragraphs)))
        elif isinstance(block, TableBlock):
            out.append(TableBlock(tuple(tuple(runs(c) for c in row) for row in block.rows), block.header))
        elif isinstance(block, Image):
            out.append(Image(block.alt, new(block.link)))
    return tuple(out)


def _inline_out(text: Inline) -> list[list[Any]]:
    return [[part, link] for part, link in text]


def _inline_in(data: Any) -> Inline:
    return tuple((str(part), int(link)) for part, link in data)


def block_to_dict(block: Block) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"kind": "heading", "level": block.level, "text": _inline_out(block.text)}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": _inline_out(block.text)}
    if isinstance(block, ListBlock):
        items = [[depth, _inline_out(item)] for depth, item in block.items]
        return {"kind": "list", "ordered": block.ordered, "items": items}
    if isinstance(block, Quote):
        return {"kind": "quote", "paragraphs": [_inline_out(p) for p in block.paragraphs]}
    if isinstance(block, TableBlock):
        rows = [[_inline_out(cell) for cell in row] for row in block.rows]
        return {"kind": "table", "header": block.header, "rows": rows}
    return {"kind": "image", "alt": block.alt, "link": block.link}


def block_from_dict(data: dict[str, Any]) -> Block | None:
    kind = data.get("kind")
    if kind == "heading":
        return Heading(int(data["level"]), _inline_in(data["text"]))
    if kind == "paragraph":
        return Paragraph(_inline_in(data["text"]))
    if kind == "list":
        items = tuple((int(depth), _inline_in(item)) for depth, item in data["items"])
        return ListBlock(bool(data["ordered"]), items)
    if kind == "quote":
        return Quote(tuple(_inline_in(p) for p in data["paragraphs"]))
    if kind == "table":
        rows = tuple(tuple(_inline_in(cell) for cell in row) for row in data["rows"])
        return TableBlock(rows, bool(data.get("header", False)))
    if kind == "image":
        return Image(str(data.get("alt", "")), int(data.get("link", 0)))
    return None


def link_to_dict(link: Link) -> dict[str, Any]:
    return {"text": link.text, "url": link.url, "refused": link.refused, "image": link.image}


def link_from_dict(data: dict[str, Any]) -> Link:
    return Link(str(data["text"]), str(data["url"]), data.get("refused"), bool(data.get("image", False)))
