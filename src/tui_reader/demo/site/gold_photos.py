"""Which photos a reader should find on the demo portal's pages, computed from the content model.

For measuring photo extraction (precision and recall) on every style: the
answers come from ``photos`` (the count and paths the pages are written
from), never from parsing a page, so a page that renders its photos wrongly
fails against them. ``NOT_PHOTOS`` lists the pictures every page also has
that must not be counted: the logo, ad banners, lazy placeholders, stock
pictures of side boxes.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from tui_reader.demo.site.content import DemoSite, Head
from tui_reader.demo.site.pages_c_list import page_rows
from tui_reader.demo.site.photos import (
    AD_BANNERS,
    STOCK_PICTURES,
    ad_path,
    hostile_kind,
    logo_path,
    photo_alt,
    photo_count,
    photo_path,
    placeholder_path,
    thumb_path,
)

__all__ = ["GoldPhoto", "GoldRowPhotos", "gold_article_photos", "gold_listing_photos", "not_photos"]


@dataclass(frozen=True, slots=True)
class GoldPhoto:
    url: str
    """Absolute address of the full-size photo."""
    alt: str
    also: tuple[str, ...]
    """Other absolute addresses of the same photo on the page (a thumbnail, a srcset entry):
    finding one of them in place of ``url`` finds the photo, at a smaller size."""
    hostile: str
    """With hostile photos on, the kind of this one (``photos.HOSTILE_KINDS``); "" for a sound one."""


@dataclass(frozen=True, slots=True)
class GoldRowPhotos:
    url: str
    """The listing's absolute address, as the row links it."""
    title: str
    photo_count: int
    """0 where the row shows no count (style "a" writes none then, "b" and "c" neither)."""
    thumb: str | None
    """Absolute address of the row's thumbnail; None where the row shows none (style "a", no photos)."""


def _origin(base_url: str) -> str:
    return base_url.rstrip("/")


def _article_url(style: str, head: Head) -> str:
    if style == "c":
        return f"/{head.city.slug}/{head.category.slug}/{head.id}x.shtml"
    return head.path


def _head_at(site: DemoSite, url: str) -> Head:
    segments = urlsplit(url).path.strip("/").split("/")
    city = site.city(segments[0]) if segments else None
    board = site.category(segments[1]) if len(segments) == 3 else None
    name = segments[2].removesuffix(".html").removesuffix("x.shtml") if len(segments) == 3 else ""
    index = site.index_of(city, board, int(name)) if city and board and name.isdigit() else None
    if city is None or board is None or index is None:
        raise ValueError(f"not a demo article URL: {url}")
    return site.head(city, board, index)


def gold_article_photos(site: DemoSite, style: str, url: str, *, hostile: bool = False) -> list[GoldPhoto]:
    """The photos of the article at ``url`` (absolute, any style's form), in page order.

    ``hostile``: the portal serves hostile photos (``DemoOptions.hostile_photos``); the
    addresses are the same, ``GoldPhoto.hostile`` says which ones are bad."""
    head = _head_at(site, url)
    origin = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
    photos = []
    for n in range(1, photo_count(head) + 1):
        small = thumb_path(style, head, n) if style == "c" else None
        photos.append(
            GoldPhoto(
                origin + photo_path(style, head, n),
                photo_alt(style, head, n),
                (origin + small,) if small else (),
                hostile_kind(head, n) if hostile else "",
            )
        )
    return photos


def gold_listing_photos(
    site: DemoSite, style: str, city: str, category: str, number: int, base_url: str
) -> list[GoldRowPhotos]:
    """What each row of listing page ``number`` of ``city``/``category`` (slugs) shows of its
    listing's photos, rows in page order (style "c": its 置顶 rows first, as ``gold_c``)."""
    place, board = site.city(city), site.category(category)
    if place is None or board is None or not 1 <= number <= site.page_count(place, board):
        raise ValueError(f"no listing page {number} of {city}/{category}")
    origin = _origin(base_url)
    heads = [h for h, _ in page_rows(site, place, board, number)] if style == "c" else site.page(place, board, number)
    rows = []
    for head in heads:
        count = photo_count(head)
        thumb = thumb_path(style, head, 1) if count else None
        address = origin + _article_url(style, head)
        rows.append(GoldRowPhotos(address, head.title, count, origin + thumb if thumb else None))
    return rows


def not_photos(style: str, base_url: str) -> frozenset[str]:
    """Absolute addresses of every picture of ``style``'s pages that is no listing's photo."""
    origin = _origin(base_url)
    paths = {logo_path(style), *(ad_path(style, k) for k in range(AD_BANNERS[style]))}
    placeholder = placeholder_path(style)
    if placeholder:
        paths.add(placeholder)
    if style == "c":
        paths.update(f"/pic/c/{k}.jpg" for k in range(STOCK_PICTURES))
    return frozenset(origin + path for path in paths)
