"""Small readings of one HTML element that discovery, kinds and inference share."""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar
from urllib.parse import urljoin

from selectolax.lexbor import LexborNode

from tui_reader.limits import PARSE_LIMITS
from tui_reader.sites.text import clean_whitespace

__all__ = ["MAX_LINKS", "class_words", "link_url", "node_text", "without_gc_pauses"]

MAX_LINKS = PARSE_LIMITS.max_links
"""Links discovery looks at on one page (rows, pager, cities, categories); a real
page has a few hundred, and a hostile one costs no more than this many."""

_WORD_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")


def link_url(node: LexborNode, base: str) -> str | None:
    """The absolute URL a link points to; None for fragments and script links, and
    for an href no address can be made of (a malformed bracketed host)."""
    href = (node.attributes.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    try:
        return urljoin(base, href)
    except ValueError:
        return None


def node_text(node: LexborNode) -> str:
    """The element's text, whitespace folded."""
    return clean_whitespace(node.text(deep=True))


def class_words(node: LexborNode) -> list[str]:
    attrs = node.attributes
    raw = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    return [w.lower() for w in _WORD_SPLIT.split(raw) if w]


def line_text(segments: list[LexborNode]) -> str:
    """A row of inline parts as one line: two elements side by side are two words."""
    parts: list[str] = []
    previous_element = False
    for segment in segments:
        is_element = segment.is_element_node
        if is_element and previous_element:
            parts.append(" ")
        parts.append(segment.text(deep=True) if is_element else (segment.text(deep=False) or ""))
        previous_element = is_element
    return clean_whitespace("".join(parts))


def has_image(segments: list[LexborNode]) -> bool:
    return any(s.is_element_node and (s.tag == "img" or s.css_first("img") is not None) for s in segments)


def contains_match(node: LexborNode, selector: str) -> bool:
    """Whether an element *inside* ``node`` matches (``css`` counts the node itself)."""
    child = node.child
    while child is not None:
        if child.is_element_node and child.css_first(selector) is not None:
            return True
        child = child.next
    return False


_P = ParamSpec("_P")
_R = TypeVar("_R")
_gc_lock = threading.Lock()
_gc_holders = 0
_gc_was_enabled = False


@contextmanager
def _gc_paused() -> Iterator[None]:
    global _gc_holders, _gc_was_enabled
    with _gc_lock:
        if _gc_holders == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_holders += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_holders -= 1
            if _gc_holders == 0 and _gc_was_enabled:
                gc.enable()


def without_gc_pauses(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``function`` with the cyclic garbage collector held off.

    Reading a large page makes thousands of short-lived node wrappers; they
    are freed by reference counting as soon as the reading ends, but while
    they live they trip full collections that scan every object the process
    has: on a 300 KB list page that was a third of the worst case (p95 21 ms
    against a median of 12). Nothing here makes reference cycles. Callers on
    several threads share one count, so the collector is back on only when
    the last of them is done, and only if it was on before the first."""

    @wraps(function)
    def held(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with _gc_paused():
            return function(*args, **kwargs)

    return held
