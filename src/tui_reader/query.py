"""The search language of the TUI's search box and ``tui-reader search``.

``单车 city:连云港 cat:二手`` finds 单车 in the articles of 连云港 in 二手: words
are ANDed; ``city:`` and ``cat:`` (or ``category:``) keep articles whose city or
category contains the value (or whose slug it is, ``city:lianyungang``). A word
with another colon in it (``12:30``, ``http://x``) is just a word. Parsed into
``models.Query``, which the store compiles to SQL; a qualifier without a value
is a ``QueryError`` pointing at it.
"""

from __future__ import annotations

from tui_reader.errors import QueryError
from tui_reader.models import Query

__all__ = ["parse_query"]

_QUALIFIERS = {"city": "city", "cat": "category", "category": "category"}


def parse_query(text: str) -> Query:
    words: list[str] = []
    found = {"city": "", "category": ""}
    at = 0
    for token in text.split():
        at = text.index(token, at)
        name, colon, value = token.partition(":")
        field = _QUALIFIERS.get(name.casefold()) if colon else None
        if field is None:
            words.append(token)
        elif not value:
            example = "city:连云港" if field == "city" else "cat:二手"
            raise QueryError(f"{token!r} at character {at + 1} needs a value, like {example}", at=at)
        else:
            found[field] = value
        at += len(token)
    return Query(tuple(words), found["city"], found["category"])
