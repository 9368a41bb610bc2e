"""Listing page N of a category: its address, and the number of the page at an address.

Portals number their listing pages in one of two ways: a query parameter
(``/fangchan/?page=2``, the profile's ``page_param``) or a path
(``/fangchan/list/2/``, the profile's ``page_path`` template, relative to the
category's address). Both the client (``list --page N``) and the parser (which
page is this?) need the same answer, so it is worked out here only.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol
from urllib.parse import parse_qs, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit


class PageRules(Protocol):
    """How a profile numbers its list pages (``ListingSelectors`` is one)."""

    @property
    def page_param(self) -> str | None: ...

    @property
    def page_path(self) -> str | None: ...


__all__ = ["PAGE_FIELD", "page_number_from_url", "page_url", "path_pattern"]

PAGE_FIELD = "{page}"
"""Where the page number goes in a ``page_path`` template."""


@lru_cache(maxsize=32)
def path_pattern(template: str) -> re.Pattern[str]:
    """``"list/{page}/"`` → a pattern that finds the number at the end of a URL path."""
    head, _, tail = template.partition(PAGE_FIELD)
    return re.compile(rf"(?:^|/){re.escape(head)}(\d+){re.escape(tail)}$")


def page_url(rules: PageRules, category_url: str, number: int) -> str | None:
    """The address of page ``number`` (1-based) of the category at ``category_url``.

    Page 1 is the category's own address. None when the profile names no way
    to address a page directly: the caller then follows the pager's "next" links."""
    if number <= 1:
        return category_url
    parts = urlsplit(category_url)
    if rules.page_path:
        # Relative to the category as a folder: "/fangchan" and "/fangchan/" both
        # give "/fangchan/list/2/", and the category's own query does not carry over.
        folder = parts._replace(
            path=parts.path if parts.path.endswith("/") else parts.path + "/", query="", fragment=""
        )
        return urljoin(urlunsplit(folder), rules.page_path.replace(PAGE_FIELD, str(number)))
    if rules.page_param:
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != rules.page_param]
        query.append((rules.page_param, str(number)))
        return urlunsplit(parts._replace(query=urlencode(query), fragment=""))
    return None


def page_number_from_url(rules: PageRules, url: str) -> int | None:
    """The page number the address names, or None when it names none (page 1, usually)."""
    parts = urlsplit(url)
    if rules.page_path:
        match = path_pattern(rules.page_path).search(parts.path)
        return int(match.group(1)) if match else None
    if rules.page_param:
        values = parse_qs(parts.query).get(rules.page_param)
        if values and values[0].strip().isdigit():
            return int(values[0])
    return None
