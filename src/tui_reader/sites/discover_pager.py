"""The pager of a list page: which page this is, the next page's address, the last number.

The "next" link is found by its words or class (下一页, ``>``, ``»``, ``next``;
not 下一篇 / 下一条, which lead to the next post), else a ``<link rel=next>``,
else as the number after the current page's in the box of page numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui_reader.sites.nodes import MAX_LINKS, class_words, link_url, node_text

__all__ = ["Pager", "find_pager"]

_NEXT_WORDS = frozenset(
    {"下一页", "下页", "下一頁", "后页", "后一页", "next", "nextpage", ">", "»", ">>", "›", "〉", "＞"}
)
_NOT_NEXT = re.compile(r"篇|条|张|章|组")
_CURRENT_CLASS = re.compile(r"cur|current|active|selected|\bon\b|now|sel", re.I)


@dataclass(frozen=True)
class Pager:
    number: int
    next_url: str | None
    last_number: int | None
    next_link: LexborNode | None = None


def _is_next(link: LexborNode, text: str) -> bool:
    if len(text) > 12:
        return False  # a title, not a pager's word or arrow
    squeezed = re.sub(r"[\s\u00a0]+", "", text).lower()
    if _NOT_NEXT.search(squeezed):
        return False
    if squeezed in _NEXT_WORDS or squeezed.startswith(("下一页", "下页", "next")):
        return True
    if (link.attributes.get("rel") or "").lower() == "next":
        return True
    words = class_words(link)
    return any(w in ("next", "nxt", "pagenext", "nextpage") for w in words) and len(squeezed) <= 6


def _number(text: str) -> int | None:
    squeezed = text.strip().strip("[]")
    return int(squeezed) if squeezed.isdigit() and len(squeezed) <= 5 else None


def find_pager(tree: LexborHTMLParser, url: str) -> Pager:
    """The page's number, the next page's URL (None on the last page) and the last number when shown."""
    page_url = url.split("#")[0]
    next_link: LexborNode | None = None
    next_url: str | None = None
    for link in tree.css("a[href]")[:MAX_LINKS]:
        if _is_next(link, node_text(link)):
            target = link_url(link, url)
            if target and target.split("#")[0] != page_url:
                next_link, next_url = link, target
                break
    if next_url is None:
        head_next = tree.css_first("link[rel=next][href]")
        if head_next is not None:
            next_url = link_url(head_next, url)
    box = _pager_box(tree, next_link)
    numbers: list[int] = []
    current: int | None = None
    if box is not None:
        for node in box.iter():
            value = _number(node_text(node))
            if value is None:
                continue
            if node.tag == "a" and not _CURRENT_CLASS.search(node.attributes.get("class") or ""):
                numbers.append(value)
            elif current is None:
                current = value
        if next_url is None and current is not None:
            for link in box.css("a[href]"):
                if _number(node_text(link)) == current + 1:
                    next_url = link_url(link, url)
                    break
    number = current or 1
    last = max([number, *numbers]) if (numbers or next_url) else number
    return Pager(number, next_url, last if numbers else None, next_link)


def _pager_box(tree: LexborHTMLParser, next_link: LexborNode | None) -> LexborNode | None:
    """The element holding the page numbers: around the next link, else the first run of number links."""
    if next_link is not None:
        box = next_link.parent
        for _ in range(3):
            if box is None:
                break
            if sum(1 for a in box.css("a") if _number(node_text(a)) is not None) >= 1:
                return box
            box = box.parent
        return next_link.parent
    for link in tree.css("a[href]")[:MAX_LINKS]:
        if _number(node_text(link)) is not None:
            parent = link.parent
            if parent is not None and sum(1 for a in parent.css("a") if _number(node_text(a)) is not None) >= 2:
                return parent
    return None
