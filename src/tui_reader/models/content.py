"""The data the reader moves around: plain frozen values.

Everything here is a value: no I/O, no Textual, and no parsing beyond the one
value derived on demand (an article's ``fields``, read from its text). Each
model can be turned into a JSON-able dict and back (``to_dict`` /
``from_dict``) so the store can keep it and ``--json`` can print it with one
code path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Generic, Literal, NamedTuple, TypeVar

if TYPE_CHECKING:
    from tui_reader.models.blocks import Block, Link

# The block model (blocks.py) is imported where an article's structure is
# used: the first screen of the reader shows lists only, and the block
# classes cost a noticeable share of start-up to define.
#
# For the same reason the values of the first screen (cities, categories,
# listings, pages and where they came from) are NamedTuples: on Python 3.11 a
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


def _dt_out(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dt_in(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class Photo(NamedTuple):
    """One of a listing's own photos, as its page shows it (a tuple: cheap to define)."""

    url: str
    """Absolute http(s) address of the image (the real one behind a lazy-loading placeholder)."""
    alt: str = ""
    """The page's alt text (or title) for it; empty when it gives none."""

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "alt": self.alt}

    @classmethod
    def from_dict(cls, data: Any) -> Photo | None:
        """The photo in ``data``, or None for an entry without an address."""
        if not isinstance(data, dict) or not isinstance(data.get("url"), str) or not data["url"]:
            return None
        return cls(data["url"], str(data.get("alt") or ""))


def _photos_in(data: Any) -> tuple[Photo, ...]:
    return tuple(p for p in map(Photo.from_dict, data or ()) if p is not None)


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
            "published": _dt_out(self.published),
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
            published=_dt_in(data.get("published")),
            views=data.get("views"),
            price=data.get("price"),
            price_hidden=bool(data.get("price_hidden", False)),
            photo_count=data.get("photo_count"),
            thumb=data.get("thumb"),
        )


@dataclass(frozen=True, slots=True)
class Article:
    url: str
    title: str
    published: datetime | None = None
    views: int | None = None
    city: str | None = None
    category: str | None = None
    body: tuple[str, ...] = ()
    """Paragraphs of plain text, in reading order."""
    contact: tuple[tuple[str, str], ...] = ()
    """Labelled contact lines as the page gives them, e.g. ("联系人", "王先生")."""
    blocks: tuple[Block, ...] = ()
    """The body's structure (headings, lists, quotes, tables, images, links);
    empty for articles cached before it was kept — see ``structure``."""
    links: tuple[Link, ...] = ()
    """Every link and image of the body, numbered from 1 in reading order."""
    facts: tuple[tuple[str, str], ...] = ()
    """Label → value pairs the page shows as such (租金 → 2500元/月, 户型 → 2室1厅),
    in page order, with labels normalised (地　　址 → 地址); not repeated in ``body``."""
    cuts: tuple[str, ...] = ()
    """What of the page was left out to keep reading it bounded (``limits.ParseLimits``),
    one sentence each ("table cut to 500 rows of 2,000"); empty for a page read whole."""
    photos: tuple[Photo, ...] = ()
    """The listing's own photos in page order (not the portal's logos, icons, ads or QR codes)."""
    _fields: dict[str, list[str]] | None = field(default=None, init=False, repr=False, compare=False)
    """``fields`` once worked out (a slot, as the class has no ``__dict__``)."""

    @property
    def fields(self) -> dict[str, list[str]]:
        """Classifieds fields pulled from the text: phones, prices, wechat, …

        Derived, never stored: they are worked out from ``field_text`` the
        first time they are asked for. So an article cached long ago shows
        what today's patterns find in it, and a sync does not spend a tenth
        of its time on fields for articles nobody may open."""
        fields = self._fields
        if fields is None:
            from tui_reader.models.fields import extract_fields

            fields = extract_fields(self.field_text)
            object.__setattr__(self, "_fields", fields)
        return fields

    @property
    def field_text(self) -> str:
        """Title, paragraphs, contact lines ("电话：138…") and facts ("租金：3200元/月"):
        the text ``fields`` come from (facts are no longer in the body)."""
        lines = (f"{label}：{value}" for label, value in (*self.contact, *self.facts))
        return "\n".join([self.title, *self.body, *lines])

    @property
    def structure(self) -> tuple[Block, ...]:
        """The blocks to show: the stored structure, or the plain paragraphs."""
        from tui_reader.models.blocks import Paragraph

        return self.blocks or tuple(Paragraph(((p, 0),)) for p in self.body)

    @property
    def body_text(self) -> str:
        """The body as plain text, paragraphs separated by blank lines."""
        return "\n\n".join(self.body)

    def to_dict(self) -> dict[str, Any]:
        from tui_reader.models.blocks import block_to_dict, link_to_dict

        return {
            "url": self.url,
            "title": self.title,
            "published": _dt_out(self.published),
            "views": self.views,
            "city": self.city,
            "category": self.category,
            "body": list(self.body),
            "contact": [list(pair) for pair in self.contact],
            "blocks": [block_to_dict(b) for b in self.blocks],
            "links": [link_to_dict(link) for link in self.links],
            "facts": dict(self.facts),
            # Only when something was cut: a whole page's payload stays as it always was.
            **({"cuts": list(self.cuts)} if self.cuts else {}),
            **({"photos": [p.to_dict() for p in self.photos]} if self.photos else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        from tui_reader.models.blocks import block_from_dict, link_from_dict

        # A payload stored when fields still were (schema 3 drops them from the
        # cache; bookmarks keep theirs) has a "fields" key: it is left unread.
        return cls(
            url=data["url"],
            title=data["title"],
            published=_dt_in(data.get("published")),
            views=data.get("views"),
            city=data.get("city"),
            category=data.get("category"),
            body=tuple(data.get("body", ())),
            contact=tuple((str(k), str(v)) for k, v in data.get("contact", ())),
            # Rows cached before structure was kept have neither key.
            blocks=tuple(b for b in map(block_from_dict, data.get("blocks", ())) if b is not None),
            links=tuple(link_from_dict(link) for link in data.get("links", ())),
            facts=tuple((str(k), str(v)) for k, v in (data.get("facts") or {}).items()),
            cuts=tuple(str(c) for c in data.get("cuts", ())),
            photos=_photos_in(data.get("photos")),
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
    "Article",
    "Category",
    "City",
    "Listing",
    "Page",
    "PageKind",
    "Photo",
    "REFUSED_KINDS",
    "Source",
    "Sourced",
    "page_of_listings_from_dict",
    "page_of_listings_to_dict",
    "utcnow",
]
