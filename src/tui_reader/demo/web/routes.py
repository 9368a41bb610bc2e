"""URL routing of the demo portal: request target in, page text and metadata out.

Kept apart from ``server`` so the HTTP plumbing (encoding, gzip, conditional
requests, faults) stays independent of what the portal contains.

    /                                  home: cities grouped by province
    /robots.txt                        allow all but /post.html
    /post.html                         the "免费发布信息" page (disallowed to robots)
    /{city}/                           categories of a city
    /{city}/{category}/[?page=N]       listing page N (20 rows, newest first)
    /{city}/{category}/{id}.html       one article
    /{city}, /{city}/{category}        301 to the same path with a trailing slash
    /heavy/, /heavy/{shape}.html       heavy article pages (``demo.site.heavy``), in every style
    /upload/…, /media/…, /p/…, …       pictures: photos, thumbnails, logo, ad banners
                                       (each style's own paths; see ``demo.site.photos``)

Style "b" (``pages_b``) serves the same site in another portal's shape; its
listing pages are addressed by path instead of ``?page=N``:

    /{city}/{category}/list/{N}/       listing page N (N >= 2; list/1/ is 301 to the category)

Style "c" has a URL scheme of its own (``…/pn{N}/`` pages, ``{id}x.shtml``
articles, ``/changecity.html``) and pages that answer 200 with a refusal
(login wall, soft 404, js-only shell); ``routes_c`` routes it and lists both.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from types import ModuleType
from urllib.parse import parse_qs, urlsplit

from tui_reader.demo.site import pages, pages_b
from tui_reader.demo.site.content import ANCHOR, PAGE_SIZE, DemoSite
from tui_reader.demo.site.photos import PICTURE_PREFIXES
from tui_reader.demo.web.refusals import PageFaults
from tui_reader.demo.web.reply import Reply

STYLES: dict[str, ModuleType] = {"a": pages, "b": pages_b}
"""Page builders by style; each module offers home, city_page, category_page, article_page, post_page, not_found."""


def resolve(
    site: DemoSite,
    target: str,
    charset: str,
    style: str = "a",
    *,
    now: datetime | None = None,
    page_faults: PageFaults | None = None,
    hostile_photos: bool = False,
) -> Reply:
    """``now`` and ``page_faults`` matter to style "c" only (relative dates, refusals)."""
    if target.startswith("/heavy/"):
        return _heavy(target, charset)
    if target.startswith(PICTURE_PREFIXES):
        # Imported here: pages alone never load the picture routes (nor Pillow).
        from tui_reader.demo.web import routes_photos

        picture = routes_photos.resolve(site, target, style, hostile_photos)
        if picture is not None:
            return picture
    if style == "c":
        # Imported here: styles "a" and "b" never load style "c"'s modules.
        from tui_reader.demo.web import routes_c

        return routes_c.resolve(site, target, charset, now, page_faults)
    shape = STYLES[style]
    parts = urlsplit(target)
    path = parts.path
    if path == "/":
        return Reply(200, shape.home(site, charset), last_modified=ANCHOR)
    if path == "/robots.txt":
        return Reply(200, pages.ROBOTS_TXT, "text/plain", ANCHOR)
    if path == "/post.html":
        return Reply(200, shape.post_page(site, charset), last_modified=ANCHOR)
    segments = path.strip("/").split("/")
    city = site.city(segments[0])
    listing_path = style == "b" and len(segments) == 4 and segments[2] == "list"
    if city is None or (len(segments) > 3 and not listing_path):
        return _not_found(site, charset, shape)
    if len(segments) == 1:
        if not path.endswith("/"):
            return _redirect(f"{path}/", parts.query)
        return Reply(200, shape.city_page(site, charset, city), last_modified=ANCHOR)
    category = site.category(segments[1])
    if category is None:
        return _not_found(site, charset, shape)
    if len(segments) == 2 or listing_path:
        if not path.endswith("/"):
            return _redirect(f"{path}/", parts.query)
        number = _path_page_number(segments) if listing_path else _page_number(parts.query, style)
        if number == 1 and listing_path:
            return _redirect(f"/{city.slug}/{category.slug}/", "")
        if number is None or number > site.page_count(city, category):
            return _not_found(site, charset, shape)
        newest = site.head(city, category, (number - 1) * PAGE_SIZE).published
        return Reply(
            200, shape.category_page(site, charset, city, category, number), last_modified=newest, kind="listing"
        )
    name = segments[2]
    index = None
    if name.endswith(".html") and name[:-5].isdigit():
        index = site.index_of(city, category, int(name[:-5]))
    if index is None:
        return _not_found(site, charset, shape)
    article = site.article(city, category, index)
    return Reply(200, shape.article_page(site, charset, article), last_modified=article.head.published, kind="article")


def _heavy(target: str, charset: str) -> Reply:
    from tui_reader.demo.site import heavy  # imported here: only the heavy-page tests ask

    name = urlsplit(target).path.removeprefix("/heavy/")
    if not name:
        return Reply(200, heavy.heavy_index(charset), last_modified=ANCHOR)
    shape = name.removesuffix(".html")
    if not name.endswith(".html") or shape not in heavy.SHAPES:
        return Reply(404, _NO_SUCH_SHAPE)
    return Reply(200, heavy.heavy_page(shape, charset), last_modified=ANCHOR, kind="article")


_NO_SUCH_SHAPE = "<html><head><title>404</title></head><body><h1>404</h1><p>没有这种页面。</p></body></html>\n"


def _page_number(query: str, style: str) -> int | None:
    """1 when there is no ``page``; None (→ 404) when it is not a positive integer.
    Style "b" numbers pages by path and, like most portals, ignores the query."""
    values = parse_qs(query).get("page") if style == "a" else None
    if not values:
        return 1
    value = values[0]
    return int(value) if value.isdigit() and int(value) >= 1 else None


def _path_page_number(segments: list[str]) -> int | None:
    """``…/list/N/`` → N; None (→ 404) when N is not a positive integer."""
    value = segments[3]
    return int(value) if value.isdigit() and int(value) >= 1 else None


def _redirect(path: str, query: str) -> Reply:
    location = f"{path}?{query}" if query else path
    return Reply(
        301, f'<html><body><a href="{escape(location)}">Moved Permanently</a></body></html>\n', location=location
    )


def _not_found(site: DemoSite, charset: str, shape: ModuleType) -> Reply:
    return Reply(404, shape.not_found(site, charset))
