"""An article: what the reader shows of one listing's page, and its photos.

Kept apart from the lists' values (``content``) because the first screen shows
lists only: ``Article`` is a frozen dataclass (it keeps its derived ``fields``
in a slot), which costs about a millisecond to define on Python 3.11.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from tui_reader.models.content import dt_in, dt_out

if TYPE_CHECKING:
    from tui_reader.models.blocks import Block, Link


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
            "published": dt_out(self.published),
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
            published=dt_in(data.get("published")),
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


__all__ = ["Article", "Photo"]
