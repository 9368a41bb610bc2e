"""A search as the store runs it: words, OR groups, exclusions, places, typed
ranges (price, area, rooms …) and an order.

``query`` makes one from what the user typed; ``store`` compiles it to SQL.
Values only: relative times (``posted:<7d``) are already resolved to epoch
seconds here, against the moment the text was parsed.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MEASURED", "SORTS", "Limit", "Query"]

MEASURED = ("price", "area", "rooms", "floor", "year", "mileage", "salary", "posted")
"""The typed numbers a ``Limit`` can keep to (``articles`` columns of the same name, or
``price_value``/``price_high``, ``salary_low``/``salary_high``, ``posted_at``)."""

SORTS = ("price", "area", "rooms", "floor", "year", "mileage", "salary", "posted")
"""What ``sort:`` takes (``-`` before it reverses): smallest first, except ``posted``, newest first."""


@dataclass(frozen=True, slots=True)
class Limit:
    """A range one typed number must fall in: ``low``/``high`` are inclusive
    unless ``*_open`` (``price:<5万`` is ``high=50000, high_open=True``)."""

    field: str
    """One of ``MEASURED``."""
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    unit: str | None = None
    """``price`` only: the family compared within ("元", "元/月", "元/㎡" …); None: any family."""


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...] = ()
    """Every word (or quoted phrase) must be in the title or the body (case-insensitive)."""
    city: str = ""
    """Kept to articles whose city or district contains one of these comma-separated
    names, or whose city's slug is one; empty: any."""
    category: str = ""
    """Kept to a category by name (contains) or slug, comma = any of; empty: any."""
    any_of: tuple[tuple[str, ...], ...] = ()
    """OR groups: at least one word of each group must be there."""
    without: tuple[str, ...] = ()
    """Words none of which may be there (``-中介``)."""
    limits: tuple[Limit, ...] = ()
    """Typed ranges, all of which must hold (an article without the number does not match)."""
    sort: str = ""
    """``price``, ``-price``, ``posted`` (newest first), ``-posted`` …; empty: by relevance
    when there are words, else newest first."""
    gone: bool | None = None
    """``is:gone``: True keeps only articles the portal no longer has, False only
    those it still has; None (default): both."""

    @property
    def text(self) -> str:
        """The required words, as typed (a phrase in its quotes)."""
        return " ".join(f'"{w}"' if " " in w or len(w) < 2 else w for w in self.words)

    @property
    def filtered(self) -> bool:
        """Anything besides the required words: then a query without words still lists."""
        return bool(self.city or self.category or self.any_of or self.without or self.limits or self.gone is not None)

    @property
    def empty(self) -> bool:
        """Nothing asked (a sort alone asks nothing)."""
        return not self.words and not self.filtered

    @property
    def cities(self) -> tuple[str, ...]:
        return _names(self.city)

    @property
    def categories(self) -> tuple[str, ...]:
        return _names(self.category)

    @property
    def highlights(self) -> tuple[str, ...]:
        """The words a hit shows because of: required and OR-group words, not exclusions."""
        seen = dict.fromkeys((*self.words, *(w for group in self.any_of for w in group)))
        return tuple(seen)

    def limit(self, field: str) -> Limit | None:
        return next((lim for lim in self.limits if lim.field == field), None)


def _names(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())
