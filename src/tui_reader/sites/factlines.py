"""Body text that only repeats the page's facts, taken out of the body.

A page's facts block often sits inside what the extractor (or a profile's
body selector) calls the body, so "租金" / "3200元/月" / "朝向: 南" would be
read twice: once as facts, once as paragraphs. A paragraph, list item or
table row whose text is nothing but facts or contact details — the exact
texts :func:`.facts.page_facts` read them from, compared by
:func:`.labels.line_key` — is dropped; a sentence that merely mentions a
value stays, and so does a line the body repeats.

The body is never emptied this way: when every line of it is a fact (a
profile pointed its body at the contact block on purpose), it is kept whole.
"""

from __future__ import annotations

from tui_reader.models import (
    Block,
    Image,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    TableBlock,
    inline_text,
    plain_paragraphs,
    relink,
)
from tui_reader.sites.labels import line_key
from tui_reader.sites.structure import Structure

__all__ = ["drop_fact_blocks", "drop_fact_paragraphs"]


def _once(texts: list[str], lines: frozenset[str]) -> frozenset[str]:
    """The fact keys that stand once among ``texts``: a line the body repeats
    ("See it now: Amazon" under every item of a list) is part of the
    content's own pattern, not the page's one facts block."""
    seen: dict[str, int] = {}
    for text in texts:
        key = line_key(text)
        if key in lines:
            seen[key] = seen.get(key, 0) + 1
    return frozenset(key for key, count in seen.items() if count == 1)


def drop_fact_paragraphs(paragraphs: tuple[str, ...], lines: frozenset[str]) -> tuple[str, ...]:
    """The paragraphs that are not only facts, in order."""
    lines = _once(list(paragraphs), lines)
    kept = tuple(p for p in paragraphs if line_key(p) not in lines)
    return kept if kept or not paragraphs else paragraphs


def _is_fact(text: Inline, lines: frozenset[str]) -> bool:
    return line_key(inline_text(text)) in lines


def _without(block: Block, lines: frozenset[str]) -> Block | None:
    if isinstance(block, Paragraph):
        return None if _is_fact(block.text, lines) else block
    if isinstance(block, ListBlock):
        items = tuple(item for item in block.items if not _is_fact(item[1], lines))
        return ListBlock(block.ordered, items) if items else None
    if isinstance(block, Quote):
        kept = tuple(p for p in block.paragraphs if not _is_fact(p, lines))
        return Quote(kept) if kept else None
    if isinstance(block, TableBlock):
        rows = tuple(row for row in block.rows if line_key("".join(inline_text(c) for c in row)) not in lines)
        header = block.header and bool(rows) and rows[0] is block.rows[0]
        return TableBlock(rows, header) if rows else None
    return block


def drop_fact_blocks(structure: Structure, lines: frozenset[str]) -> Structure:
    """``structure`` without the blocks (or list items, table rows) that are only facts."""
    if not lines or not structure.blocks:
        return structure
    lines = _once(list(plain_paragraphs(structure.blocks)), lines)
    kept = [b for b in (_without(block, lines) for block in structure.blocks) if b is not None]
    if len(kept) == len(structure.blocks) and all(a is b for a, b in zip(kept, structure.blocks, strict=False)):
        return structure
    if not any(not isinstance(b, Image) for b in kept):
        return structure  # nothing but facts: the body stays as it was
    return _renumbered(kept, structure.links)


def _renumbered(blocks: list[Block], links: tuple[Link, ...]) -> Structure:
    """Links numbered 1… again over the blocks kept (a dropped fact took its links along)."""
    numbers: dict[int, int] = {}
    kept_links: list[Link] = []

    def new(old: int) -> int:
        if old == 0 or old > len(links):
            return 0
        if old not in numbers:
            kept_links.append(links[old - 1])
            numbers[old] = len(kept_links)
        return numbers[old]

    return Structure(relink(blocks, new), tuple(kept_links))
