"""What a site profile finds on one page: the tool for writing a profile.

For every selector of the profile, :func:`check_page` counts what it matches
on the page (inside its own scope: a row's ``title`` inside each row, a
``paragraph`` inside the body) and keeps the first few texts. It then reads
the page the way the reader would: as a listing page, a city list, a category
list or an article, whichever the profile recognises first, and says which
parts of an article the generic extractor had to supply because the profile's
selectors found nothing. When the caller passes how the page was decoded, the
report carries that too: a selector that finds nothing on mojibake says more
about the charset than about the selector. Pure: HTML and URL in, a report
out; texts are raw page text, to be sanitised by whoever prints them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui_reader.errors import ParseError, ReaderError
from tui_reader.models import REFUSED_KINDS, Article, Decoded, Listing, Page
from tui_reader.sites import pages, parse
from tui_reader.sites.bounds import bounded_html, reading
from tui_reader.sites.discover import RowGroup, find_rows
from tui_reader.sites.discover_links import discover_categories, discover_cities
from tui_reader.sites.jsonld import json_ld_published, json_ld_views
from tui_reader.sites.kinds import classify
from tui_reader.sites.profile import AUTO, SiteProfile
from tui_reader.sites.text import clean_whitespace

__all__ = ["PageCheck", "SelectorCheck", "check_page"]

_SAMPLES = 3
_SAMPLE_CHARS = 40
_JSON_LD = 'script[type="application/ld+json"]'

Scope = Sequence[LexborHTMLParser | LexborNode]


@dataclass(frozen=True, slots=True)
class SelectorCheck:
    section: str
    key: str
    selector: str
    scope: str
    """Where the selector was tried: "page", or inside what ("each row", "the body")."""
    count: int
    values: tuple[str, ...] = ()
    """The first few non-empty texts it matched, shortened."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "key": self.key,
            "selector": self.selector,
            "scope": self.scope,
            "count": self.count,
            "values": list(self.values),
        }


@dataclass(frozen=True, slots=True)
class PageCheck:
    url: str
    profile: str
    profile_file: str | None
    page: str
    """What the profile reads the page as: "listings", "cities", "categories", "article" or "nothing"."""
    selectors: tuple[SelectorCheck, ...]
    generic: tuple[str, ...] = ()
    """Parts of the article the generic extractor supplied ("body", "published", …)."""
    result: dict[str, Any] = field(default_factory=dict)
    """A summary of what the page parsed to."""
    notes: tuple[str, ...] = ()
    """When the profile could not read the page: why, for each kind of page (one line each)."""
    charset: Decoded | None = None
    """How the page's bytes were decoded, when the caller said."""
    kind: str = ""
    """What the page is (see ``sites.kinds``): article, listing, index or a refused kind."""
    kind_reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "profile": self.profile,
            "profile_file": self.profile_file,
            "page": self.page,
            "kind": {"kind": self.kind, "reason": self.kind_reason},
            "charset": self.charset.summary() if self.charset else None,
            "selectors": [s.to_dict() for s in self.selectors],
            "generic": list(self.generic),
            "result": self.result,
            "notes": list(self.notes),
        }


def _short(text: str) -> str:
    text = clean_whitespace(text)
    return text if len(text) <= _SAMPLE_CHARS else text[: _SAMPLE_CHARS - 1] + "…"


def _matches(scopes: Iterable[LexborHTMLParser | LexborNode], selector: str) -> list[LexborNode]:
    return [node for scope in scopes for node in scope.css(selector)]


class _Recorder:
    """Collects one SelectorCheck per selector, in the profile's order; a rule that says
    "auto" shows what discovery found in its place."""

    def __init__(self, discovered: _Discovered) -> None:
        self.rows: list[SelectorCheck] = []
        self.discovered = discovered

    def run(self, section: str, key: str, selector: str | None, scopes: Scope, scope: str) -> list[LexborNode]:
        if not selector:
            return []
        if selector == AUTO:
            count, values, nodes = self.discovered.part(section, key)
            self.add(SelectorCheck(section, key, AUTO, "the page's structure", count, values))
            return nodes
        nodes = _matches(scopes, selector)
        samples = [t for t in (_short(n.text(deep=True, separator=" ")) for n in nodes[: _SAMPLES * 4]) if t]
        self.add(SelectorCheck(section, key, selector, scope, len(nodes), tuple(samples[:_SAMPLES])))
        return nodes

    def add(self, row: SelectorCheck) -> None:
        self.rows.append(row)


class _Discovered:
    """What discovery finds on the page, worked out once and only if a rule says "auto"."""

    def __init__(self, tree: LexborHTMLParser, url: str) -> None:
        self.tree, self.url = tree, url
        self._rows: RowGroup | None = None
        self._rows_found = False

    def rows(self) -> RowGroup | None:
        if not self._rows_found:
            self._rows = find_rows(self.tree)
            self._rows_found = True
        return self._rows

    def part(self, section: str, key: str) -> tuple[int, tuple[str, ...], list[LexborNode]]:
        def texts(nodes: Sequence[LexborNode]) -> tuple[str, ...]:
            return tuple(_short(n.text(deep=True, separator=" ")) for n in nodes[:_SAMPLES])

        if section == "cities":
            cities = discover_cities(self.tree, self.url).cities
            return len(cities), tuple(c.name for c in cities[:_SAMPLES]), []
        if section == "categories":
            categories = discover_categories(self.tree, self.url, "")
            return len(categories), tuple(c.name for c in categories[:_SAMPLES]), []
        if section == "listings":
            rows = self.rows()
            if rows is None:
                return 0, (), []
            if key == "container":
                return 1, (f"<{rows.parent.tag}> holding {len(rows.rows)} rows",), [rows.parent]
            return len(rows.rows), texts(rows.titles), rows.rows if key == "item" else []
        return 0, ("read by the main-content extractor",), []


def _selector_rows(tree: LexborHTMLParser, profile: SiteProfile, url: str) -> tuple[SelectorCheck, ...]:
    rec = _Recorder(_Discovered(tree, url))
    page = [tree]
    cities = profile.cities
    groups = rec.run("cities", "group", cities.group, page, "page")
    rec.run("cities", "group_name", cities.group_name, groups, "each group")
    rec.run("cities", "link", cities.link, groups if cities.group else page, "each group" if cities.group else "page")
    rec.run("categories", "link", profile.categories.link, page, "page")

    rows_rules = profile.listings
    containers = rec.run("listings", "container", rows_rules.container, page, "page")
    rows = rec.run("listings", "item", rows_rules.item, containers[:1], "the container")
    for key in ("title", "date", "views", "price", "thumb", "photo_count"):
        rec.run("listings", key, getattr(rows_rules, key), rows, "each row")
    for key in ("pager_current", "pager_next", "pager_links"):
        rec.run("listings", key, getattr(rows_rules, key), page, "page")

    art = profile.article
    rec.run("article", "title", art.title, page, "page")
    rec.run("article", "meta", art.meta, page, "page")
    bodies = rec.run("article", "body", art.body, page, "page")[:1]
    if art.body != AUTO:
        rec.run("article", "paragraph", art.paragraph, bodies, "the body")
        for selector in art.drop:
            rec.run("article", "drop", selector, bodies, "the body")
    lines = rec.run("article", "contact_item", art.contact_item, page, "page")
    rec.run("article", "contact_label", art.contact_label, lines, "each contact line")
    rec.run("article", "breadcrumb", art.breadcrumb, page, "page")
    rec.run("article", "photos", art.photos, page, "page")
    if art.json_ld:
        # The blocks themselves are JSON, not text worth showing: show what the reader takes from them.
        found = (
            f"datePublished {published.isoformat()}"
            if (published := json_ld_published(tree, profile.timezone))
            else "no datePublished",
            f"views {views}" if (views := json_ld_views(tree)) is not None else "no views",
        )
        rec.add(SelectorCheck("article", "json_ld", _JSON_LD, "page", len(tree.css(_JSON_LD)), found))
    return tuple(rec.rows)


def _listing_summary(page: Page[Listing]) -> dict[str, Any]:
    first = page.items[0] if page.items else None
    return {
        "rows": len(page.items),
        "number": page.number,
        "last_number": page.last_number,
        "next_url": page.next_url,
        "first_row": first.to_dict() if first else None,
    }


def _article_summary(article: Article) -> dict[str, Any]:
    return {
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "views": article.views,
        "city": article.city,
        "category": article.category,
        "paragraphs": len(article.body),
        "first_paragraph": _short(article.body[0]) if article.body else None,
        "contact": [list(pair) for pair in article.contact],
        "fields": {name: list(values) for name, values in article.fields.items() if values},
    }


def check_page(html: str, url: str, profile: SiteProfile, charset: Decoded | None = None) -> PageCheck:
    """Every selector's matches on the page, how the reader would read it, and
    ``charset``, the decoding of the page's bytes, when given."""
    with reading():  # a heavy page is checked within the parse limits, as it is read
        return _check_page(bounded_html(html), url, profile, charset)


def _check_page(html: str, url: str, profile: SiteProfile, charset: Decoded | None) -> PageCheck:
    return replace(_check(html, url, profile), charset=charset)


def _check(html: str, url: str, profile: SiteProfile) -> PageCheck:
    tree = LexborHTMLParser(html)
    verdict = classify(tree, url)
    report = _check_as(html, url, profile, _selector_rows(tree, profile, url), verdict.kind)
    return replace(report, kind=verdict.kind, kind_reason=verdict.reason)


def _check_as(html: str, url: str, profile: SiteProfile, selectors: tuple[SelectorCheck, ...], kind: str) -> PageCheck:
    if kind in REFUSED_KINDS:
        return _report(url, profile, "nothing", selectors, (), {}, [f"the page is refused: {kind}"])
    notes: list[str] = []
    # Most specific first: a listing page also has links that look like categories.
    # An "auto" rule reads its part of any page, so it is asked only of pages of its kind.
    readers = (
        (
            "listings",
            kind == "listing" or profile.listings.container != AUTO,
            lambda: _listing_summary(pages.read_listings(html, url, profile)),
        ),
        (
            "cities",
            kind == "index" or profile.cities.link != AUTO,
            lambda: {"cities": [c.to_dict() for c in pages.read_cities(html, url, profile)]},
        ),
        (
            "categories",
            kind == "index" or profile.categories.link != AUTO,
            lambda: {"categories": [c.to_dict() for c in pages.read_categories(html, url, profile, "")]},
        ),
    )
    for what, asked, read in readers:
        if not asked:
            continue
        try:
            result = read()
        except (ParseError, ReaderError) as exc:
            notes.append(f"not {what}: {exc}")
            continue
        if what == "listings" and not result["rows"]:
            notes.append("not listings: no rows")
            continue
        return _report(url, profile, what, selectors, (), result, [])
    try:
        article, generic = parse.parse_article_traced(html, url, profile)
    except ParseError as exc:
        notes.append(f"not an article by the profile: {exc}")
    else:
        return _report(url, profile, "article", selectors, generic, _article_summary(article), [])
    try:
        article = parse.parse_article_generic(html, url)
    except ParseError as exc:
        notes.append(str(exc))
        return _report(url, profile, "nothing", selectors, (), {}, notes)
    # The profile fits nothing here; the reader would still show the page, all of it read generically.
    every_part = ("title", "body", "published", "views", "city", "category")
    summary = _article_summary(article)
    generic = tuple(part for part in every_part if summary[part if part != "body" else "paragraphs"])
    return _report(url, profile, "article", selectors, generic, summary, notes)


def _report(
    url: str,
    profile: SiteProfile,
    kind: str,
    selectors: tuple[SelectorCheck, ...],
    generic: tuple[str, ...],
    result: dict[str, Any],
    notes: list[str],
) -> PageCheck:
    return PageCheck(
        url=url,
        profile=profile.name,
        profile_file=str(profile.path) if profile.path else None,
        page=kind,
        selectors=selectors,
        generic=generic,
        result=result,
        notes=tuple(notes),
    )
