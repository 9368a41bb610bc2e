"""Keeping the reading of any page bounded (``limits.ParseLimits``), with a note on each cut.

The HTML parser is fast, but not on everything: its work grows with the
square of block nesting (200,000 nested ``<div>``: minutes) and of one
element's attributes, and everything after it walks the tree in Python. So
the page *text* is bounded before it is parsed, by a scan that costs a few
milliseconds on a real page:

- past ``max_tags`` tags the page is cut off, as if it ended there;
- an element with more than ``max_attributes`` attributes keeps the first ones;
- elements nested deeper than ``max_depth``, and those past the first
  ``max_children`` of one parent, are unwrapped (their tags dropped, their
  text kept): the page reads flattened.

What the walks after parsing cut (table rows, links, text) they report to
the same collector. ``reading()`` opens one per page read; ``cut(note)``
adds to it; ``checkpoint()`` lets a reader that moved on stop the work for
the page it left (``Cancelled``) between stages.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from tui_reader.limits import PARSE_LIMITS, ParseLimits
from tui_reader.models import (
    Article,
    Block,
    Inline,
    Paragraph,
    block_inlines,
    inline_text,
    relink,
)

__all__ = ["Cancelled", "Reading", "bounded_article", "bounded_html", "checkpoint", "cut", "cuts_so_far", "reading"]


class Cancelled(Exception):
    """The reading of a page was given up by whoever asked for it (the user moved on)."""


@dataclass
class Reading:
    """One page being read: the notes on what was cut, and whether to stop."""

    limits: ParseLimits = PARSE_LIMITS
    cuts: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)


_current: ContextVar[Reading | None] = ContextVar("tui_reader_reading", default=None)


@contextmanager
def reading(current: Reading | None = None) -> Iterator[Reading]:
    """Collect the cuts of one page read (a nested call shares the outer one's)."""
    outer = _current.get()
    if outer is not None and current is None:
        yield outer
        return
    mine = current or Reading()
    token = _current.set(mine)
    try:
        yield mine
    finally:
        _current.reset(token)


def limits() -> ParseLimits:
    current = _current.get()
    return current.limits if current is not None else PARSE_LIMITS


def cut(note: str) -> None:
    """Say what was left out; the same note twice is said once."""
    current = _current.get()
    if current is not None and note not in current.cuts:
        current.cuts.append(note)


def cuts_so_far() -> tuple[str, ...]:
    current = _current.get()
    return tuple(current.cuts) if current is not None else ()


def checkpoint() -> None:
    """Between stages: stop here when the reader asked to (``Cancelled``)."""
    current = _current.get()
    if current is not None and current.stop.is_set():
        raise Cancelled("the reading of this page was cancelled")


# --- before parsing: the page text ------------------------------------------------

# Elements that never hold others (void), or hold only text and inline
# elements and are closed by the parser itself (p): they add no nesting.
_FLAT = frozenset(
    "area base br col embed hr img input link meta source track wbr param keygen frame basefont bgsound "
    "p caption colgroup option optgroup rt rp".split()
)
_RAW = "script style textarea title xmp iframe noembed noframes noscript plaintext"
_ANY_TAG = re.compile(r"<!--|<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])")
_RAW_NAMES = frozenset(_RAW.split())
_DOCUMENT = frozenset(("html", "head", "body"))
"""The document's own frame: one of each, whatever the page says; never counted, never dropped."""
_CELLS = ("td", "th")
_CLOSES = {
    # What a start tag closes when it is open on top (an end tag the page left out).
    "li": ("li",),
    "dd": ("dd", "dt"),
    "dt": ("dd", "dt"),
    "td": _CELLS,
    "th": _CELLS,
    "tr": (*_CELLS, "tr"),
    "tbody": (*_CELLS, "tr", "tbody", "thead", "tfoot"),
    "thead": (*_CELLS, "tr", "tbody", "thead", "tfoot"),
    "tfoot": (*_CELLS, "tr", "tbody", "thead", "tfoot"),
}
_FIND_END_WITHIN = 64
"""How far down the stack an end tag is looked for; an end tag for nothing open nearby is ignored."""
_LT = re.compile("<")
_ATTRIBUTE = re.compile(r"""[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")


def bounded_html(html: str) -> str:
    """The page text within the limits of the current ``reading()`` (see the module)."""
    bounds = limits()
    html = _cut_tags(html, bounds.max_tags)
    html = _cut_text(html, bounds.max_run_text, bounds.max_page_text)
    html = _fewer_attributes(html, bounds.max_attributes)
    return _flattened(html, bounds.max_depth, bounds.max_children)


def _cut_tags(html: str, max_tags: int) -> str:
    total = html.count("<")
    if total <= max_tags:
        return html
    # Where the tag after the last one read starts (a C-speed scan).
    first = re.compile(rf"(?:[^<]*<){{{max_tags}}}[^<]*").match(html)
    if first is None:
        return html
    cut(f"page too long: read its first {max_tags:,} tags of {total:,}")
    return html[: first.end()]


def _cut_text(html: str, max_run: int, max_total: int) -> str:
    """Runs of text (between two tags) cut to ``max_run`` characters, the page cut off
    once its runs hold ``max_total``. Found from where the tags start: a regex for
    long runs would rescan each one from every position inside it."""
    if len(html) <= max_run:
        return html
    starts = [match.start() for match in _LT.finditer(html)]
    starts.append(len(html))
    pieces: list[str] = []
    end = total = longest = 0
    for here, after in zip(starts, starts[1:], strict=False):
        close = html.find(">", here, after)
        text_from = here if close < 0 else close + 1  # a bare "<" in text: the run starts there
        run = after - text_from
        total += min(run, max_run)
        if run > max_run:
            longest = max(longest, run)
            pieces += [html[end : text_from + max_run], "…"]
            end = after
        if total >= max_total:
            pieces.append(html[end:after])
            cut(f"page too long: read its first {max_total:,} characters of text")
            end = len(html)
            break
    if not pieces:
        return html
    if longest:
        cut(f"text cut at {max_run:,} characters of {longest:,} in one run")
    pieces.append(html[end:])
    return "".join(pieces)


def _fewer_attributes(html: str, max_attributes: int) -> str:
    # Only a tag long enough to hold that many attributes is looked at closely.
    long_tag = re.compile(rf"<([A-Za-z][^\s/>]*)([^<>]{{{max_attributes * 4},}})>")
    pieces: list[str] = []
    end = 0
    most = 0
    for match in long_tag.finditer(html):
        attributes = _ATTRIBUTE.findall(match.group(2))
        if len(attributes) <= max_attributes:
            continue
        most = max(most, len(attributes))
        pieces += [html[end : match.start()], f"<{match.group(1)} ", " ".join(attributes[:max_attributes]), ">"]
        end = match.end()
    if not pieces:
        return html
    cut(f"an element with {most:,} attributes: kept its first {max_attributes}")
    return "".join([*pieces, html[end:]])


def _flattened(html: str, max_depth: int, max_children: int) -> str:
    """``html`` with elements deeper than ``max_depth``, and those past the first
    ``max_children`` of one parent, unwrapped: their tags dropped, their text kept."""
    stack: list[tuple[str, bool]] = []  # open elements: (name, dropped)
    kept: list[int] = []  # where in ``stack`` the elements not dropped are: the depth is its length
    children: list[int] = [0]  # elements so far in the root, then in each kept element
    drops: list[tuple[int, int]] = []
    too_deep = too_many = 0
    skip_to = 0
    for match in _ANY_TAG.finditer(html):
        start = match.start()
        if start < skip_to:
            continue
        if match.group(0) == "<!--":
            close = html.find("-->", start + 4)
            skip_to = len(html) if close < 0 else close + 3
            continue
        name = match.group(2).lower()
        closing = bool(match.group(1))
        if name in _DOCUMENT:
            continue
        if name in _RAW_NAMES:
            # Its content is not markup (and unwrapped it would show as text): skipped whole.
            if not closing:
                raw_end = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(html, match.end())
                skip_to = len(html) if raw_end is None else raw_end.end()
            continue
        tag_end = html.find(">", match.end())
        tag_end = len(html) if tag_end < 0 else tag_end + 1
        if name in _FLAT or html[tag_end - 2 : tag_end] == "/>":  # <path … />: an svg's, closed at once
            # Not nesting, but a child all the same: past the parent's limit it goes,
            # end tag too (a stray </p> would make an empty paragraph of its own).
            if closing:
                if children[-1] > max_children:
                    drops.append((start, tag_end))
            else:
                children[-1] += 1
                if children[-1] > max_children:
                    too_many = max(too_many, children[-1])
                    drops.append((start, tag_end))
            continue
        if closing:
            for index in range(len(stack) - 1, max(-1, len(stack) - 1 - _FIND_END_WITHIN), -1):
                if stack[index][0] == name:
                    if stack[index][1]:
                        drops.append((start, tag_end))
                    del stack[index:]
                    while kept and kept[-1] >= index:
                        kept.pop()
                        children.pop()
                    break
            continue
        closes = _CLOSES.get(name, ())
        while stack and stack[-1][0] in closes:
            if not stack.pop()[1]:
                kept.pop()
                children.pop()
        children[-1] += 1
        dropped = len(kept) >= max_depth or children[-1] > max_children
        if dropped:
            too_deep += len(kept) >= max_depth
            too_many = max(too_many, children[-1]) if children[-1] > max_children else too_many
            drops.append((start, tag_end))
        else:
            kept.append(len(stack))
            children.append(0)
        stack.append((name, dropped))
    if not drops:
        return html
    if too_deep:
        cut(f"page too deeply nested: shown flattened below {max_depth} levels")
    if too_many:
        cut(f"{too_many:,} elements side by side: past the first {max_children:,}, read as plain text")
    pieces: list[str] = []
    end = 0
    for start, stop in drops:
        pieces.append(html[end:start])
        end = stop
    pieces.append(html[end:])
    return "".join(pieces)


# --- after reading: the article ----------------------------------------------------


def bounded_article(article: Article) -> Article:
    """``article`` within the text, block, link and title limits (a note for each cut)."""
    bounds = limits()
    title = article.title
    if len(title) > bounds.max_title:
        cut(f"title cut to {bounds.max_title:,} characters of {len(title):,}")
        title = title[: bounds.max_title].rstrip() + "…"
    body = _cut_paragraphs(article.body, bounds)
    blocks = _cut_blocks(article.blocks, bounds)
    links = article.links
    if len(links) > bounds.max_links:
        cut(f"links cut to {bounds.max_links:,} of {len(links):,}")
        keep = bounds.max_links
        blocks = relink(blocks, lambda n: n if n <= keep else 0)
        links = links[:keep]
    if (title, body, blocks, links) == (article.title, article.body, article.blocks, article.links):
        return article
    return replace(article, title=title, body=body, blocks=blocks, links=links)


def _cut_paragraphs(paragraphs: tuple[str, ...], bounds: ParseLimits) -> tuple[str, ...]:
    total = sum(map(len, paragraphs))
    if total <= bounds.max_text and len(paragraphs) <= bounds.max_paragraphs:
        return paragraphs
    kept: list[str] = []
    room = bounds.max_text
    for paragraph in paragraphs[: bounds.max_paragraphs]:
        if room <= 0:
            break
        kept.append(paragraph[:room])
        room -= len(paragraph)
    if total > bounds.max_text:
        cut(f"text cut at {bounds.max_text:,} characters of {total:,}")
    if len(paragraphs) > bounds.max_paragraphs:
        cut(f"text cut to {bounds.max_paragraphs:,} paragraphs of {len(paragraphs):,}")
    return tuple(kept)


def _cut_blocks(blocks: tuple[Block, ...], bounds: ParseLimits) -> tuple[Block, ...]:
    sizes = [sum(len(inline_text(text)) for text in block_inlines(block)) for block in blocks]
    if sum(sizes) <= bounds.max_text and len(blocks) <= bounds.max_paragraphs:
        return blocks
    kept: list[Block] = []
    room = bounds.max_text
    for block, size in zip(blocks[: bounds.max_paragraphs], sizes, strict=False):
        if size > room:
            if isinstance(block, Paragraph) and room > 0:
                kept.append(Paragraph(_cut_runs(block.text, room)))
            break
        kept.append(block)
        room -= size
    return tuple(kept)


def _cut_runs(text: Inline, room: int) -> Inline:
    out: list[tuple[str, int]] = []
    for part, link in text:
        if room <= 0:
            break
        out.append((part[:room], link))
        room -= len(part)
    return tuple(out)
