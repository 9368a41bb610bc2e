"""Page text in, models out: the kind of the page first, then its content.

The client calls these (and only these) for every page it fetches, a sync
stores, or a user hands over as a saved file, so every page is judged the
same way before anything is read from it:

- a refused page (captcha, login wall, soft 404, script shell) raises
  ``RefusedPage``: it is never read as content, so never cached;
- a page of another kind than asked for raises ``WrongPageKind`` naming what
  it is ("this is a listing page (51 rows): use `list`");
- otherwise the site's profile reads it, and where the profile says ``auto``
  (the ``--site auto`` profile says it everywhere), discovery does.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from tui_reader.errors import ChooserElsewhere, ParseError, ReaderError, RefusedPage, WrongPageKind
from tui_reader.models import Article, Category, City, Listing, Page, utcnow
from tui_reader.sites import parse
from tui_reader.sites.bounds import bounded_article, bounded_html, checkpoint, reading
from tui_reader.sites.discover import discover_listings
from tui_reader.sites.discover_links import FEW_CITIES, discover_categories, discover_cities, site_name_of
from tui_reader.sites.kinds import PageVerdict, classify, refusal
from tui_reader.sites.nodes import without_gc_pauses
from tui_reader.sites.photos import article_photos
from tui_reader.sites.profile import AUTO, SiteProfile

__all__ = ["ChooserElsewhere", "page_kind", "read_article", "read_categories", "read_cities", "read_listings"]


_REFUSED_SAYS = {
    "captcha": "asks for a captcha",
    "login": "shows a login wall in place of the page (login)",
    "not-found": "says this page does not exist (not-found)",
    "js-only": "sent an empty page that needs JavaScript (js-only)",
}


def _host(url: str) -> str:
    """Who answered: the portal's host, or for a saved page its file name."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        return parts.path.rsplit("/", 1)[-1] or "the saved page"
    return parts.hostname or "the portal"


def refused_error(verdict: PageVerdict, url: str) -> RefusedPage:
    return RefusedPage(f"{_host(url)} {_REFUSED_SAYS[verdict.kind]}", kind=verdict.kind, url=url)


def _kind_error(verdict: PageVerdict, url: str, wanted: str) -> ReaderError:
    """The error for a page that is not of the ``wanted`` kind: refused, or what it is."""
    if verdict.refused:
        return refused_error(verdict, url)
    if verdict.kind == "listing":
        rows = len(verdict.rows.rows) if verdict.rows else 0
        hint = ": use `tui-reader list URL`" if wanted == "article" else ""
        return WrongPageKind(f"{url} is a listing page ({rows} rows), not {_an(wanted)}{hint}", kind="listing", url=url)
    if verdict.kind == "index":
        return WrongPageKind(f"{url} is an index page ({verdict.reason}), not {_an(wanted)}", kind="index", url=url)
    return WrongPageKind(
        f"{url} is an article page, not {_an(wanted)}: use `tui-reader read URL`", kind="article", url=url
    )


def _an(kind: str) -> str:
    return {"article": "an article", "listing": "a listing page", "index": "an index page"}.get(kind, kind)


def _check_refusal(tree: LexborHTMLParser, url: str) -> None:
    verdict = refusal(tree)
    if verdict is not None:
        raise refused_error(verdict, url)


@without_gc_pauses
def page_kind(html: str, url: str) -> PageVerdict:
    """What the page is, and why (see :mod:`.kinds`)."""
    with reading():
        return classify(LexborHTMLParser(bounded_html(html)), url)


@without_gc_pauses
def read_cities(html: str, url: str, profile: SiteProfile) -> tuple[City, ...]:
    with reading():
        return _read_cities(bounded_html(html), url, profile)


def _read_cities(html: str, url: str, profile: SiteProfile) -> tuple[City, ...]:
    tree = LexborHTMLParser(html)
    _check_refusal(tree, url)
    if profile.cities.link != AUTO:
        return parse.parse_cities(html, url, profile)
    found = discover_cities(tree, url)
    if found.chooser_url and found.chooser_url != url and len(found.cities) < FEW_CITIES:
        # A few 热门 cities and a "更多城市" link: the whole chooser is one click away.
        raise ChooserElsewhere(f"{url} links to its city chooser", url=found.chooser_url)
    if found.cities:
        return found.cities
    if discover_categories(tree, url, ""):
        # A portal of one city: its home page is the city's page.
        return (City(site_name_of(tree) or _host(url), url),)
    raise _kind_error(classify(tree, url), url, "index")


@without_gc_pauses
def read_categories(html: str, url: str, profile: SiteProfile, city: str) -> tuple[Category, ...]:
    with reading():
        html = bounded_html(html)
        tree = LexborHTMLParser(html)
        return _read_categories(tree, html, url, profile, city)


def _read_categories(
    tree: LexborHTMLParser, html: str, url: str, profile: SiteProfile, city: str
) -> tuple[Category, ...]:
    _check_refusal(tree, url)
    if profile.categories.link != AUTO:
        return parse.parse_categories(html, url, profile, city)
    categories = discover_categories(tree, url, city)
    if not categories:
        raise ParseError(f"found no categories on {url}")
    return categories


@without_gc_pauses
def read_listings(html: str, url: str, profile: SiteProfile, *, now: datetime | None = None) -> Page[Listing]:
    """A list page's rows and pager. ``now``: the fetch time, for relative dates ("3小时前")."""
    with reading():
        return _read_listings(bounded_html(html), url, profile, now)


def _read_listings(html: str, url: str, profile: SiteProfile, now: datetime | None) -> Page[Listing]:
    tree = LexborHTMLParser(html)
    _check_refusal(tree, url)
    if profile.listings.container != AUTO:
        try:
            return parse.parse_listings(html, url, profile)
        except ParseError:
            verdict = classify(tree, url)
            if verdict.kind != "listing":
                raise _kind_error(verdict, url, "listing") from None
            raise
    page = discover_listings(tree, url, now=now or utcnow(), tz=profile.timezone)
    if not page.items:
        verdict = classify(tree, url)
        if verdict.kind != "listing":
            raise _kind_error(verdict, url, "listing")
    return page


@without_gc_pauses
def read_article(html: str, url: str, profile: SiteProfile, *, check_kind: bool = True) -> Article:
    """The article on the page; with ``check_kind``, refuses list and index pages too
    (a sync, whose URLs come from list rows, asks only whether the page is refused).

    The page is read within ``limits.ParseLimits``; what was cut to stay within
    them is said in the article's ``cuts``."""
    with reading() as current:
        html = bounded_html(html)
        tree = LexborHTMLParser(html)
        checkpoint()
        if check_kind:
            verdict = classify(tree, url)
            if verdict.kind != "article":
                raise _kind_error(verdict, url, "article")
        else:
            _check_refusal(tree, url)
        checkpoint()
        if profile.article.title == AUTO:
            article = parse.parse_article_generic(html, url)
        else:
            article = parse.parse_any_article(html, url, profile)
        checkpoint()
        photos = article_photos(tree, url, selector=_photos_selector(profile))
        article = bounded_article(article)
        if photos or current.cuts:
            return replace(article, photos=photos, cuts=tuple(current.cuts))
        return article


def _photos_selector(profile: SiteProfile) -> str | None:
    """The profile's own selector for an article's photos; None where the page's structure decides."""
    selector = profile.article.photos
    return selector if selector and selector != AUTO else None


def read_any_article(html: str, url: str, profile: SiteProfile) -> Article:
    """For a sync: the article, refusing only captcha, login and not-found pages."""
    return read_article(html, url, profile, check_kind=False)
