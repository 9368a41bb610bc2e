"""A ``models.Query`` judged against what a list row shows: its title, its price text, its date.

The article list's ``/`` filter takes the same language as the search box,
but a row of a category page is not an article: it has no body, no area, no
district. What a row can answer is judged here, without the store:

- words, quoted phrases, OR groups and ``-exclusions``: in the title,
  case-insensitive;
- ``price:``: the row's price text read by ``models.money_in``; a price on
  the page as a range matches when it overlaps the asked one, and a unit
  keeps to its family (``元``, ``元/月``, ``元/㎡``), as in the store;
- ``posted:``: the row's date.

A row without the number (no price shown, a price drawn in an obfuscated
font, no date) does not match a range on it, as an article without it does
not in a search. Everything else a row cannot answer (``area:``, ``rooms:``,
``city:``, ``is:gone``, ``sort:`` …) is not applied: rows are kept, and
:func:`unjudged` names those qualifiers so the filter can say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from tui_reader.models import Query, money_in

__all__ = ["JUDGED", "narrows", "row_matches", "unjudged"]

JUDGED = ("price", "posted")
"""The typed ranges a list row can answer."""


class Limit(Protocol):
    """What is read of a ``models.query.Limit`` (named through the models face only)."""

    @property
    def low(self) -> float | None: ...
    @property
    def high(self) -> float | None: ...
    @property
    def low_open(self) -> bool: ...
    @property
    def high_open(self) -> bool: ...
    @property
    def unit(self) -> str | None: ...


def row_matches(query: Query, title: str, *, price: str | None = None, posted: datetime | None = None) -> bool:
    """Whether a row with this ``title``, ``price`` text (as the page shows it) and
    ``posted`` date passes ``query``, on what a row can answer (see the module)."""
    folded = title.casefold()
    if not all(word.casefold() in folded for word in query.words):
        return False
    if not all(_any_in(group, folded) for group in query.any_of):
        return False
    if _any_in(query.without, folded):
        return False
    for limit in query.limits:
        if limit.field == "price" and not _price_within(limit, price):
            return False
        if limit.field == "posted" and (posted is None or not _within(limit, posted.timestamp(), posted.timestamp())):
            return False
    return True


def narrows(query: Query) -> bool:
    """Whether ``query`` can leave a row out at all (``area:>60`` alone cannot: rows do not say)."""
    return bool(query.words or query.any_of or query.without or any(lim.field in JUDGED for lim in query.limits))


def unjudged(query: Query) -> tuple[str, ...]:
    """The qualifiers of ``query`` a row cannot answer, as typed names ("area:", "is:gone"), in order."""
    names = [f"{limit.field}:" for limit in query.limits if limit.field not in JUDGED]
    if query.city:
        names.append("city:")
    if query.category:
        names.append("cat:")
    if query.gone is not None:
        names.append("is:gone")
    if query.sort:
        names.append("sort:")
    return tuple(dict.fromkeys(names))


def _any_in(words: Iterable[str], folded: str) -> bool:
    return any(word.casefold() in folded for word in words)


def _price_within(limit: Limit, price: str | None) -> bool:
    money = money_in(price) if price else None
    if money is None:
        return False
    if limit.unit is not None and money.unit != limit.unit:
        return False
    return _within(limit, money.low, money.high)


def _within(limit: Limit, low: float, high: float) -> bool:
    """Whether the row's ``[low, high]`` overlaps the limit's range (the store's rule)."""
    if limit.high is not None and (low >= limit.high if limit.high_open else low > limit.high):
        return False
    return not (limit.low is not None and (high <= limit.low if limit.low_open else high < limit.low))
