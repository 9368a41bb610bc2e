"""An article body's structure, read from its HTML: blocks and numbered links.

The profile parser hands us the body element; we walk it once and keep what
the author laid out — headings, paragraphs (split at ``<br>``), lists (nested
ones flattened with a depth), block quotes, data tables, images and links —
as the plain values of ``tui_reader.models.blocks``. No markup leaves this module.

Links are made absolute against the page's URL and canonicalised by
``fetch.canonical_url``; a link it refuses (``javascript:``, ``file:``, an
option-looking string, a malformed host) is kept with the reason, so the
reader can show it as "not openable" instead of silently losing a word.

For the generic extractor, which returns only text, :func:`structure_for_text`
finds each extracted paragraph among the page's own blocks and takes the
structure (and links) from there; a paragraph it cannot place stays plain.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui_reader.errors import Blocked
from tui_reader.models import (
    Block,
    Heading,
    Image,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    TableBlock,
    block_inlines,
    inline_text,
    join_runs,
    relink,
)
from tui_reader.sites.bounds import cut, limits

__all__ = ["Structure", "read_structure", "structure_for_text"]

# Whitespace as sites.text.clean_whitespace sees it (ideographic and no-break
# spaces included), but folded run by run: link boundaries must survive.
_WHITESPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_SKIP = frozenset(
    "script style noscript template iframe head svg math button select input textarea object embed".split()
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_CONTAINERS = frozenset(
    "p div section article main header footer aside nav figure figcaption center form dl dt dd "
    "pre address details summary hr body html fieldset legend".split()
)
# A table holding these is page layout, not data: its cells are read as containers.
_LAYOUT_INSIDE = "ul, ol, h1, h2, h3, h4, h5, h6, blockquote, form, p, div"
_IMAGE_LABEL = "图片"


@dataclass(frozen=True, slots=True)
class Structure:
    blocks: tuple[Block, ...]
    links: tuple[Link, ...]


class _Links:
    """Links in reading order; the same target twice keeps one number."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.entries: list[tuple[str, str, bool]] = []  # (text, absolute href, image)
        self._numbers: dict[str, int] = {}
        self.most = limits().max_article_links
        self.past_most = 0

    def add(self, href: str, text: str = "", image: bool = False) -> int:
        href = href.strip()
        if not href or href.startswith("#"):
            return 0
        # urljoin would resolve "javascript:…" to itself; an unparsable href stays as written.
        try:
            target = urljoin(self.base, href)
        except ValueError:
            target = href
        number = self._numbers.get(target)
        if number is None and len(self.entries) >= self.most:
            self.past_most += 1  # each one is checked and canonicalised: past the limit, text only
            return 0
        if number is None:
            self.entries.append((text, target, image))
            number = self._numbers[target] = len(self.entries)
        return number

    def name(self, number: int, text: str) -> None:
        """Links get their text once it has been read (it follows the <a>)."""
        old_text, target, image = self.entries[number - 1]
        if not old_text and text:
            self.entries[number - 1] = (text, target, image)


class _Walker:
    def __init__(self, links: _Links, paragraph_ids: frozenset[int] = frozenset()) -> None:
        self.links = links
        self.max_depth = limits().max_depth
        self.blocks: list[Block] = []
        self.runs: list[tuple[str, int]] = []
        # With a profile's paragraph selector matching, only text inside those
        # paragraphs is body text (the rest of the body element is furniture);
        # structural blocks are always kept.
        self.paragraph_ids = paragraph_ids
        self.inside_paragraph = 0 if paragraph_ids else 1
        self.without_lists = False
        """Set for a list item's own text: its nested lists are read as deeper items."""

    # -- inline text ----------------------------------------------------------------

    def text(self, value: str | None, link: int) -> None:
        if value and self.inside_paragraph:
            self.runs.append((_WHITESPACE.sub(" ", value), link))

    def flush(self) -> None:
        text = join_runs(self.runs)
        self.runs = []
        if text:
            self.blocks.append(Paragraph(text))

    def inline(self, node: LexborNode, depth: int, *, without_lists: bool = False) -> Inline:
        """A node's content as one line of runs (its inner blocks joined by spaces)."""
        sub = _Walker(self.links)
        sub.without_lists = without_lists
        sub.walk(node, depth, 0)
        sub.flush()
        parts: list[tuple[str, int]] = []
        for block in sub.blocks:
            for text in block_inlines(block):
                parts.extend(((" ", 0), *text))
        return join_runs(parts)

    # -- the walk ---------------------------------------------------------------------

    def walk(self, node: LexborNode, depth: int, link: int) -> None:
        for child in node.iter(include_text=True):
            self.visit(child, depth + 1, link)

    def visit(self, node: LexborNode, depth: int, link: int) -> None:
        tag = node.tag or ""
        if tag == "-text":
            self.text(node.text_content, link)
            return
        if tag.startswith("-") or tag in _SKIP:
            return
        if depth > self.max_depth:  # hostile pages nest thousands deep: read the rest flat
            self.text(node.text(deep=True, separator=" "), link)
            return
        if self.paragraph_ids and node.mem_id in self.paragraph_ids:
            self.container(node, depth, link)  # whatever its tag, the profile calls it a paragraph
        elif tag == "br":
            self.flush()
        elif tag == "a":
            number = self.links.add(node.attributes.get("href") or "") or link
            before = len(self.runs)
            self.walk(node, depth, number)
            if number and number != link:
                self.links.name(number, _WHITESPACE.sub(" ", "".join(t for t, _ in self.runs[before:])).strip())
        elif tag == "img":
            self.image(node, link)
        elif tag in _HEADINGS:
            self.special(Heading(_HEADINGS[tag], self.inline(node, depth)))
        elif tag in ("ul", "ol"):
            if self.without_lists:
                return
            items = self.list_items(node, depth, 0)
            self.special(ListBlock(tag == "ol", tuple(items)) if items else None)
        elif tag == "blockquote":
            sub = _Walker(self.links)
            sub.walk(node, depth, 0)
            sub.flush()
            quoted = tuple(text for block in sub.blocks for text in block_inlines(block))
            self.special(Quote(quoted) if quoted else None)
        elif tag == "table" and _is_data_table(node):
            self.special(self.table(node, depth))
        elif tag in _CONTAINERS or tag in ("table", "tr", "td", "th", "tbody", "thead", "tfoot", "li"):
            self.container(node, depth, link)
        else:  # inline elements: span, b, font, em, …
            self.walk(node, depth, link)

    def container(self, node: LexborNode, depth: int, link: int) -> None:
        self.flush()
        matched = node.mem_id in self.paragraph_ids
        self.inside_paragraph += matched
        self.walk(node, depth, link)
        self.flush()
        self.inside_paragraph -= matched

    def special(self, block: Block | None) -> None:
        self.flush()
        if block is not None:
            self.blocks.append(block)

    def image(self, node: LexborNode, link: int) -> None:
        alt = _WHITESPACE.sub(" ", node.attributes.get("alt") or node.attributes.get("title") or "").strip()
        src = node.attributes.get("src") or node.attributes.get("data-src") or ""
        # A linked image opens the link; a bare one opens the picture itself.
        number = link or self.links.add(src, alt, image=True)
        if self.runs and any(text.strip() for text, _ in self.runs) and self.inside_paragraph:
            self.runs.append((f"[{_IMAGE_LABEL}: {alt}]" if alt else f"[{_IMAGE_LABEL}]", number))
        elif number or alt:
            self.special(Image(alt, number))

    def list_items(self, node: LexborNode, depth: int, level: int) -> list[tuple[int, Inline]]:
        items: list[tuple[int, Inline]] = []
        for child in node.iter(include_text=False):
            if child.tag != "li":
                continue
            # Nested lists directly in the item become deeper items after it.
            nested = [n for n in child.iter(include_text=False) if n.tag in ("ul", "ol")]
            text = self.inline(child, depth + 1, without_lists=True)
            if text:
                items.append((level, text))
            for n in nested:
                items.extend(self.list_items(n, depth + 1, level + 1))
        return items

    def table(self, node: LexborNode, depth: int) -> TableBlock | None:
        rows: list[tuple[Inline, ...]] = []
        header = False
        bounds = limits()
        all_rows = node.css("tr")
        if len(all_rows) > bounds.max_table_rows:
            cut(f"table cut to {bounds.max_table_rows:,} rows of {len(all_rows):,}")
        for row in all_rows[: bounds.max_table_rows]:
            cells = [c for c in row.iter(include_text=False) if c.tag in ("td", "th")]
            if len(cells) > bounds.max_table_cells:
                cut(f"table cut to {bounds.max_table_cells} columns of {len(cells)}")
                cells = cells[: bounds.max_table_cells]
            if not rows:
                header = bool(cells) and all(c.tag == "th" for c in cells)
            texts = tuple(self.inline(cell, depth + 1) for cell in cells)
            if any(texts):
                rows.append(texts)
        if not rows:
            return None
        width = max(len(r) for r in rows)
        padded = tuple(r + ((),) * (width - len(r)) for r in rows)
        return TableBlock(padded, header and len(rows) > 1)


def _is_data_table(node: LexborNode) -> bool:
    # css() also matches the node itself, hence "more than one table".
    return node.css_first(_LAYOUT_INSIDE) is None and len(node.css("table")) == 1


# --- numbering and canonical links -----------------------------------------------


def _renumber(blocks: list[Block], links: _Links) -> Structure:
    """Number the links the kept blocks use, 1… in reading order, and canonicalise them."""
    from tui_reader.urls import canonical_url

    if links.past_most:
        total = len(links.entries) + links.past_most
        cut(f"links cut to {links.most:,} of {total:,}: the rest read as plain text")
    numbers: dict[int, int] = {}
    kept: list[Link] = []

    def new(old: int) -> int:
        if old == 0:
            return 0
        if old not in numbers:
            text, target, image = links.entries[old - 1]
            try:
                link = Link(text, canonical_url(target), None, image)
            except Blocked as refused:
                link = Link(text, target, _why(str(refused)), image)
            kept.append(link)
            numbers[old] = len(kept)
        return numbers[old]

    return Structure(relink(blocks, new), tuple(kept))


def _why(message: str) -> str:
    """ "refused 'x': it is not a valid web address" → "it is not a valid web address"."""
    return message.rsplit(": ", 1)[-1] if ": " in message else message


def _ids(scope: LexborNode, selector: str | None) -> frozenset[int]:
    return frozenset(node.mem_id for node in scope.css(selector)) if selector else frozenset()


def read_structure(body: LexborNode, url: str, paragraph: str | None = None) -> Structure:
    """The structure of a body element. ``paragraph`` is the profile's paragraph
    selector: when it matches, loose text outside those paragraphs is left out."""
    walker = _Walker(_Links(url), _ids(body, paragraph))
    walker.container(body, 0, 0)
    return _renumber(walker.blocks, walker.links)


# --- the generic extractor's text, given back its structure -----------------------

_KEY_DROP = re.compile(r"[\s|｜\u3000\u00a0\u200b\ufeff]+")
_BULLET = re.compile(r"^(?:[-*•·]|\d+[.、)])\s+")


# A picture inside a paragraph shows as "[图片: alt]" in the page's text; the
# extractor drops it. Keys leave it out on both sides.
_IMAGE_RUN = re.compile(rf"\[{_IMAGE_LABEL}(?::[^\]]*)?\]")


def _key(text: str) -> str:
    return _KEY_DROP.sub("", _IMAGE_RUN.sub("", _BULLET.sub("", text.strip())))


def structure_for_text(tree: LexborHTMLParser, paragraphs: tuple[str, ...], url: str) -> Structure:
    """Blocks for the extractor's paragraphs, taken from the page where they are found.

    The extractor decides *what* the article is; the page says how it was laid
    out. A list, quote or table is taken whole at its first extracted line."""
    root = tree.body
    if root is None or not paragraphs:
        return _renumber([Paragraph(((p, 0),)) for p in paragraphs], _Links(url))
    walker = _Walker(_Links(url))
    walker.container(root, 0, 0)
    where: dict[str, list[int]] = {}
    for position, block in enumerate(walker.blocks):
        lines = block_inlines(block)
        if isinstance(block, TableBlock):
            lines += [cell for row in block.rows for cell in row]
        for line in lines:
            where.setdefault(_key(inline_text(line)), []).append(position)
    chosen: list[tuple[int | None, Block]] = []
    used: set[int] = set()
    last = -1
    for text in paragraphs:
        places = where.get(_key(text), [])
        # The first place after the previous match: the same words in a
        # sidebar earlier on the page are not the article's. (Found by
        # bisection: a page of thousands of equal paragraphs made this quadratic.)
        after = bisect_right(places, last)
        index = places[after] if after < len(places) else places[0] if places else None
        if index is None:
            chosen.append((None, Paragraph(((text, 0),))))
            continue
        last = max(last, index)
        if index not in used:
            used.add(index)
            chosen.append((index, walker.blocks[index]))
    return _renumber(_with_images(chosen, walker.blocks), walker.links)


def _with_images(chosen: list[tuple[int | None, Block]], page: list[Block]) -> list[Block]:
    """Extractors keep text only; the pictures between two of the article's
    blocks on the page are the article's pictures, so they come back there."""
    out: list[Block] = []
    previous: int | None = None
    for index, block in chosen:
        if index is not None and previous is not None and index > previous:
            out.extend(b for b in page[previous + 1 : index] if isinstance(b, Image))
        out.append(block)
        previous = index if index is not None else previous
    return out
