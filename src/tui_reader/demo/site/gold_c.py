"""What a reader should find on style "c" pages, computed from the content model.

Discovery reads style "c" with no profile; benchmarks and golden tests
compare what it found with these answers. Nothing here parses HTML: rows,
URLs and times come from ``DemoSite`` and the same selection rules the pages
use (``pages_c_list.page_rows``: 置顶 rows on page 1, then the page's posts),
so a page that renders them wrongly fails against the gold.

Times depend on the clock (``reltime``): pass the ``now`` the server wrote
the page against (``DemoOptions.now`` when frozen; with the real clock, the
fetch time — absolute times only move on ten-minute steps). Each row also
carries the text the page shows and the window of times that text allows,
since a reader resolving "3小时前" against its own fetch time can only be
right to the text's precision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from tui_reader.demo.site.content import DemoSite
from tui_reader.demo.site.pages_c import CATEGORY_GROUPS, article_path, cities_by_letter, city_path, list_path
from tui_reader.demo.site.pages_c_list import page_rows
from tui_reader.demo.site.reltime import posted_at, shown
from tui_reader.demo.web.refusals import JS_ONLY_CATEGORY, PageFaults, is_deleted, is_login_walled

__all__ = [
    "GoldListing",
    "GoldRow",
    "gold_article_kind",
    "gold_categories",
    "gold_cities",
    "gold_listing",
    "gold_listing_at",
]


@dataclass(frozen=True, slots=True)
class GoldRow:
    title: str
    url: str
    """Absolute: ``base_url`` + the row's link."""
    posted: datetime
    """The exact shifted time, in +08:00."""
    shown: str
    """The date as the row writes it: 刚刚, 3小时前, 昨天 18:20, 11-28, 2025-03-05 …"""
    earliest: datetime
    latest: datetime
    """The closed window of times ``shown`` can stand for at ``now``."""
    price: str | None
    views: int
    badge: str
    """"置顶" or "精选" for promoted rows (rows of the list all the same), "" otherwise."""


@dataclass(frozen=True, slots=True)
class GoldListing:
    url: str
    kind: str
    """"listing", or "js-only" for the boards served as an empty shell (then no rows, no next)."""
    rows: tuple[GoldRow, ...]
    next_url: str | None


def _origin(base_url: str) -> str:
    return base_url.rstrip("/")


def gold_listing(
    site: DemoSite,
    city: str,
    category: str,
    number: int,
    base_url: str,
    now: datetime,
    *,
    faults: PageFaults = PageFaults(),
) -> GoldListing:
    """The rows of listing page ``number`` of ``city``/``category`` (slugs), in page order, and its next page."""
    place, board = site.city(city), site.category(category)
    if place is None or board is None or not 1 <= number <= site.page_count(place, board):
        raise ValueError(f"no listing page {number} of {city}/{category}")
    origin = _origin(base_url)
    url = origin + list_path(place, board, number)
    if faults.js_only and board.slug == JS_ONLY_CATEGORY:
        return GoldListing(url, "js-only", (), None)
    rows = []
    for head, badge in page_rows(site, place, board, number):
        posted = posted_at(head.published, now)
        words = shown(posted, now)
        rows.append(
            GoldRow(
                head.title,
                origin + article_path(head),
                posted,
                words.text,
                words.earliest,
                words.latest,
                head.price,
                head.views,
                badge,
            )
        )
    last = site.page_count(place, board)
    next_url = origin + list_path(place, board, number + 1) if number < last else None
    return GoldListing(url, "listing", tuple(rows), next_url)


def gold_listing_at(site: DemoSite, url: str, now: datetime, *, faults: PageFaults = PageFaults()) -> GoldListing:
    """``gold_listing`` for a listing page's absolute URL (``http://host:port/{city}/{category}/[pn{N}/]``)."""
    parts = urlsplit(url)
    segments = parts.path.strip("/").split("/")
    if len(segments) not in (2, 3) or (len(segments) == 3 and not segments[2].startswith("pn")):
        raise ValueError(f"not a style-c listing URL: {url}")
    number = int(segments[2][2:]) if len(segments) == 3 else 1
    return gold_listing(site, segments[0], segments[1], number, f"{parts.scheme}://{parts.netloc}", now, faults=faults)


def gold_cities(site: DemoSite, base_url: str) -> list[tuple[str, str]]:
    """Every city as (name, absolute URL), in the chooser's order (by pinyin letter).

    The home page shows only the 热门城市; the full list is on /changecity.html."""
    origin = _origin(base_url)
    return [(c.name, origin + city_path(c)) for _, cities in cities_by_letter(site) for c in cities]


def gold_categories(site: DemoSite, city: str, base_url: str) -> list[tuple[str, str]]:
    """The categories of ``city`` (slug) as (name, absolute URL), in the order of the page's 大类 blocks."""
    place = site.city(city)
    if place is None:
        raise ValueError(f"no city {city}")
    origin = _origin(base_url)
    boards = (site.category(slug) for _, slugs in CATEGORY_GROUPS for slug in slugs)
    return [(b.name, origin + list_path(place, b)) for b in boards if b is not None]


def gold_article_kind(site: DemoSite, url: str, *, faults: PageFaults = PageFaults()) -> str:
    """What a style-"c" article URL answers: "article", "login" or "not-found" (all with status 200,
    except an unknown id with ``soft_404`` off, which is a real 404 and still "not-found")."""
    segments = urlsplit(url).path.strip("/").split("/")
    place = site.city(segments[0]) if segments else None
    board = site.category(segments[1]) if len(segments) == 3 else None
    name = segments[2] if len(segments) == 3 else ""
    if place is None or board is None or not name.endswith("x.shtml") or not name[:-7].isdigit():
        return "not-found"
    article_id = int(name[:-7])
    if site.index_of(place, board, article_id) is None or (faults.soft_404 and is_deleted(article_id)):
        return "not-found"
    return "login" if faults.login_wall and is_login_walled(article_id) else "article"
