"""The data the reader moves around: plain frozen values (the article is in ``article``).

Everything here is a value: no I/O, no Textual, no parsing. Each model can be
turned into a JSON-able dict and back (``to_dict`` / ``from_dict``) so the
store can keep it and ``--json`` can print it with one code path.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Generic, Literal, NamedTuple, TypeVar

# The first screen of the reader shows lists only, and what it imports is a
# start-up budget: the article (article.py) and its block model (blocks.py) are
# imported where an article is read. The values of the first screen (cities,
# categories, listings, pages and where they came from) are NamedTuples: on Python 3.11 a
# frozen dataclass costs about half a millisecond to define, as it compiles six
# methods; a NamedTuple a tenth of that. Being tuples, they are never compared
# with one another across kinds, nor serialised but through ``to_dict``.

PageKind = Literal["article", "listing", "index", "captcha", "login", "not-found", "js-only"]
"""What a page is, decided before anything is extracted from it. The last four
are refused pages: never read as an article, never cached, never shown in place
of good cached content."""

REFUSED_KINDS: frozenset[str] = frozenset({"captcha", "login", "not-found", "js-only"})

Source = Literal["network", "cache", "stale-cache", "file"]
"""Where a value came from: fresh from the portal, from a fresh cache entry,
from an out-of-date cache entry (the portal could not be asked), or a saved file."""


def dt_out(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def dt_in(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class City(NamedTuple):
    name: str
    """Display name, e.g. "连云港"."""
    url: str
    """Absolute URL of the city's page (lists its categories)."""
    province: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url, "province": self.province}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> City:
        return cls(**data)


class Category(NamedTuple):
    name: str
    """Display name, e.g. "房产"."""
    url: str
    """Absolute URL of the category's first listing page."""
    city: str = ""
    """Name of the city the category belongs to."""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url, "city": self.city}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Category:
        return cls(**data)


class Listing(NamedTuple):
    """One row of a category page: enough to show and to open the article."""

    title: str
    url: str
    published: datetime | None = None
    views: int | None = None
    price: str | None = None
    """The price as the page shows it ("2500元/月"); None when it shows none or hides it."""
    price_hidden: bool = False
    """The page draws the price as an image or in an obfuscated web font, so its
    digits cannot be read: said so rather than shown as garbage."""
    photo_count: int | None = None
    """How many photos the row says the listing has ("6图", "共8张"); None when it does not say."""
    thumb: str | None = None
    """Absolute address of the row's thumbnail; None when it shows none."""

    def to_dict(self) -> dict[str, Any]:
        # Spelled out, as in every model here: a generic conversion (dataclasses.asdict)
        # deep-copies each field: about 4% of a sync's busiest thread in a profile.
        return {
            "title": self.title,
            "url": self.url,
            "published": dt_out(self.published),
            "views": self.views,
            "price": self.price,
            "price_hidden": self.price_hidden,
            # Only when known: a row's stored payload stays as it always was.
            **({"photo_count": self.photo_count} if self.photo_count is not None else {}),
            **({"thumb": self.thumb} if self.thumb else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Listing:
        return cls(
            title=data["title"],
            url=data["url"],
            published=dt_in(data.get("published")),
            views=data.get("views"),
            price=data.get("price"),
            price_hidden=bool(data.get("price_hidden", False)),
            photo_count=data.get("photo_count"),
            thumb=data.get("thumb"),
        )


T = TypeVar("T")


class Page(NamedTuple, Generic[T]):
    """One page of a paged list (a category's listings)."""

    items: tuple[T, ...]
    number: int = 1
    next_url: str | None = None
    """Absolute URL of the next page, or None on the last page."""
    last_number: int | None = None
    """Number of the last page when the pager says it."""

    @property
    def has_next(self) -> bool:
        return self.next_url is not None


def page_of_listings_to_dict(page: Page[Listing]) -> dict[str, Any]:
    return {
        "items": [item.to_dict() for item in page.items],
        "number": page.number,
        "next_url": page.next_url,
        "last_number": page.last_number,
    }


def page_of_listings_from_dict(data: dict[str, Any]) -> Page[Listing]:
    return Page(
        items=tuple(Listing.from_dict(item) for item in data["items"]),
        number=data["number"],
        next_url=data.get("next_url"),
        last_number=data.get("last_number"),
    )


class Sourced(NamedTuple, Generic[T]):
    """A value together with where it came from and when it was fetched."""

    value: T
    source: Source
    fetched_at: datetime
    """When the portal last gave us this value (UTC)."""
    note: str | None = None
    """Why the value is not fresh, when it isn't (e.g. the fetch error), one line."""
    gone_at: datetime | None = None
    """An article the portal no longer has (it answered "not found"): when that was
    first seen (UTC). The value is the copy cached before."""

    @property
    def age_seconds(self) -> float:
        return max(0.0, (utcnow() - self.fetched_at).total_seconds())


def utcnow() -> datetime:
    return datetime.now(UTC)


__all__ = [
    "Category",
    "City",
    "Listing",
    "Page",
    "PageKind",
    "REFUSED_KINDS",
    "Source",
    "Sourced",
    "dt_in",
    "dt_out",
    "page_of_listings_from_dict",
    "page_of_listings_to_dict",
    "utcnow",
]
