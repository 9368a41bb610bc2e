"""A search's answer: one cached article as the search list shows it.

Apart from the other values: the first screen never searches, and each
dataclass costs about half a millisecond to create at start.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SearchHit"]


@dataclass(frozen=True, slots=True)
class SearchHit:
    url: str
    title: str
    city: str | None
    category: str | None
    published: str | None
    snippet: str
    """Some text around the first match in the body (or its start)."""
    price: str | None = None
    """The price as the page shows it."""
    price_value: float | None = None
    price_unit: str | None = None
    area: float | None = None
    rooms: int | None = None
    district: str | None = None
    phones: tuple[str, ...] = ()
    """Normalised phone numbers of the article: reposts share them."""
    likeness: int | None = None
    """The text fingerprint (``models.likeness``): near-duplicates are a few bits apart."""
    gone_at: str | None = None
    """When the portal started saying the article is not found (its copy is kept); None while it is there."""

    @property
    def posted(self) -> str | None:
        return self.published
