"""Small readings of one HTML element that discovery, kinds and inference share."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from selectolax.lexbor import LexborNode

from .text import clean_whitespace

__all__ = ["MAX_LINKS", "class_words", "link_url", "node_text"]

MAX_LINKS = 5000
"""Links discovery looks at on one page (rows, pager, cities, categories); a real
page has a few hundred, and a hostile one costs no more than this many."""

_WORD_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")


def link_url(node: LexborNode, base: str) -> str | None:
    """The absolute URL a link points to; None for fragments and script links."""
    href = (node.attributes.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    return urljoin(base, href)


def node_text(node: LexborNode) -> str:
    """The element's text, whitespace folded."""
    return clean_whitespace(node.text(deep=True))


def class_words(node: LexborNode) -> list[str]:
    attrs = node.attributes
    raw = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    return [w.lower() for w in _WORD_SPLIT.split(raw) if w]
