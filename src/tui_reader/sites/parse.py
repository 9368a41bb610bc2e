"""Pages → models, driven by a site profile. Pure functions, no I/O.

Every function takes already-decoded HTML and the page's own URL (to make
links absolute) and returns plain ``str`` values: no markup ever leaves this
module, so nothing downstream can mistake remote text for markup. When a page
has none of what the profile expects, the answer is a ``ParseError`` naming
the selector that found nothing, which is what a user writing a profile needs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui_reader.errors import ParseError
from tui_reader.models import Article, Category, City, Listing, Page, plain_paragraphs, utcnow
from tui_reader.sites.bounds import checkpoint
from tui_reader.sites.dates import posted_from
from tui_reader.sites.discover_row import ad_rows
from tui_reader.sites.factlines import drop_fact_blocks, drop_fact_paragraphs
from tui_reader.sites.facts import PageFacts, page_facts
from tui_reader.sites.nodes import link_url
from tui_reader.sites.pager import page_number_from_url
from tui_reader.sites.profile import AUTO, ArticleSelectors, SiteProfile
from tui_reader.sites.row_photos import row_photos
from tui_reader.sites.structure import Structure, read_structure, structure_for_text
from tui_reader.sites.text import clean_whitespace, datetime_from, int_from

if TYPE_CHECKING:
    from tui_reader.sites.extract import Extracted

__all__ = [
    "parse_article",
    "parse_article_generic",
    "parse_article_traced",
    "parse_categories",
    "parse_cities",
    "parse_listings",
]

_LABEL_END = "：:"
_LABEL_SPLIT = re.compile(r"^(.{1,12}?)[：:]\s*(.*)$", re.S)


def _text(node: LexborNode | None) -> str:
    return clean_whitespace(node.text(deep=True)) if node is not None else ""


def _links(scope: LexborHTMLParser | LexborNode, selector: str, base: str) -> list[tuple[str, str]]:
    """(text, absolute URL) for each link the selector finds, skipping empty ones."""
    found = []
    for node in scope.css(selector):
        name, url = _text(node), link_url(node, base)
        if name and url:
            found.append((name, url))
    return found


def _own(selector: str | None) -> str | None:
    """A profile's selector, or None where it leaves the part to the page's structure ("auto")."""
    return selector if selector and selector != AUTO else None


def _nothing(what: str, selector: str, url: str) -> ParseError:
    return ParseError(f"found no {what} on {url} (the profile's selector {selector!r} matched nothing)")


def _strip_suffix(name: str, suffix: str) -> str:
    if suffix and name.endswith(suffix) and len(name) > len(suffix):
        return name[: -len(suffix)].strip()
    return name


def parse_cities(html: str, url: str, profile: SiteProfile) -> tuple[City, ...]:
    tree = LexborHTMLParser(html)
    rules = profile.cities
    cities: list[City] = []
    if rules.group:
        for group in tree.css(rules.group):
            province = _text(group.css_first(rules.group_name)) if rules.group_name else ""
            cities.extend(City(name, link, province) for name, link in _links(group, rules.link, url))
    else:
        cities.extend(City(name, link) for name, link in _links(tree, rules.link, url))
    if not cities:
        raise _nothing("cities", rules.group or rules.link, url)
    return tuple(cities)


def parse_categories(html: str, url: str, profile: SiteProfile, city: str) -> tuple[Category, ...]:
    tree = LexborHTMLParser(html)
    categories = tuple(Category(name, link, city) for name, link in _links(tree, profile.categories.link, url))
    if not categories:
        raise _nothing("categories", profile.categories.link, url)
    return categories


def parse_listings(html: str, url: str, profile: SiteProfile) -> Page[Listing]:
    tree = LexborHTMLParser(html)
    rules = profile.listings
    container = tree.css_first(rules.container)
    if container is None:
        raise _nothing("article list", rules.container, url)
    items: list[Listing] = []
    rows = container.css(rules.item)
    ads = ad_rows(rows)
    for index, row in enumerate(rows):
        if index in ads:
            continue  # a paid row in the list ("广告"): not a post
        link = row.css_first(rules.title)
        if link is None:
            continue
        title, target = _text(link), link_url(link, url)
        if not title or not target:
            continue
        date_text = _text(row.css_first(rules.date)) if rules.date else ""
        views_text = _text(row.css_first(rules.views)) if rules.views else ""
        price = _text(row.css_first(rules.price)) if rules.price else ""
        thumb, photo_count = row_photos(row, url, thumb=_own(rules.thumb), count=_own(rules.photo_count))
        published = datetime_from(re.compile(profile.patterns.listing_date), date_text, profile.timezone)
        if published is None and date_text:
            # "3小时前", "昨天 18:20", "11-28": resolved against now, the fetch time.
            published = posted_from(date_text, utcnow(), profile.timezone, bare_clock=True)
        items.append(
            Listing(
                title=title,
                url=target,
                published=published,
                views=int_from(re.compile(profile.patterns.views), views_text, "views"),
                price=price or None,
                photo_count=photo_count,
                thumb=thumb,
            )
        )

    number = None
    if rules.pager_current:
        current = _text(tree.css_first(rules.pager_current))
        number = int(current) if current.isdigit() else None
    if number is None:
        number = page_number_from_url(rules, url) or 1

    next_url = None
    if rules.pager_next:
        next_link = tree.css_first(rules.pager_next)
        next_url = link_url(next_link, url) if next_link is not None else None

    numbers = [number]
    if rules.pager_links:
        numbers.extend(int(t) for t in (_text(a) for a in tree.css(rules.pager_links)) if t.isdigit())
    # Without a pager there is only this page; with one, its largest number is the last.
    last_number = max(numbers) if (next_url or len(numbers) > 1) else number
    return Page(items=tuple(items), number=number, next_url=next_url, last_number=last_number)


def _contact(tree: LexborHTMLParser, profile: SiteProfile) -> tuple[tuple[str, str], ...]:
    rules = profile.article
    if not rules.contact_item:
        return ()
    pairs: list[tuple[str, str]] = []
    for item in tree.css(rules.contact_item):
        full = _text(item)
        label_node = item.css_first(rules.contact_label) if rules.contact_label else None
        label = _text(label_node)
        if label and full.startswith(label):
            value = full[len(label) :].strip()
        else:
            # No label element: "电话：138…" in plain text is the next best thing.
            match = _LABEL_SPLIT.match(full)
            label, value = (match.group(1), match.group(2)) if match else ("", full)
        label = label.rstrip(_LABEL_END).strip()
        if label or value:
            pairs.append((label, value))
    return tuple(pairs)


def _with_phones(contact: tuple[tuple[str, str], ...], page: PageFacts) -> tuple[tuple[str, str], ...]:
    """The contact lines, plus each number the page shows outside them (a
    card, a ``tel:`` link, a "查看完整电话" popup) as an "电话" line, so
    ``fields`` finds it: the text of such a page often has only a masked one."""
    known = {re.sub(r"\D", "", value) for _label, value in contact}
    extra = tuple(("电话", phone) for phone in page.contacts.phones if re.sub(r"\D", "", phone) not in known)
    return contact + extra


def _found(value: object) -> bool:
    """A part of an article is found when it is not empty; 0 views is a count."""
    return value not in (None, "", [])


def _crumb(crumbs: list[str], index: int) -> str | None:
    try:
        return crumbs[index]
    except IndexError:
        return None


def parse_article(html: str, url: str, profile: SiteProfile) -> Article:
    """The article as the profile describes it.

    When the profile's body selector finds no text (the portal changed its
    markup, or the page is laid out differently), the generic extractor
    reads the body instead, and the title too if the profile found none, so
    the article still reads; only a page with no title at all is an error."""
    return parse_article_traced(html, url, profile)[0]


def parse_article_traced(html: str, url: str, profile: SiteProfile) -> tuple[Article, tuple[str, ...]]:
    """:func:`parse_article`, plus the names of the parts ("title", "body",
    "published", "views") the generic extractor supplied because the profile's
    selectors gave none: what ``profile check`` tells a profile's author.

    Facts come from the part of the page that holds the article's title,
    body and contact lines as the profile finds them (profiles name no facts
    block: the structure shows it), else from the whole page; they leave the
    body. Scoped, they cost a sync a fraction of reading the whole page."""
    tree = LexborHTMLParser(html)
    rules = profile.article
    title = _text(tree.css_first(rules.title))

    meta = _text(tree.css_first(rules.meta)) if rules.meta else ""
    published = datetime_from(re.compile(profile.patterns.published), meta, profile.timezone) if meta else None
    views = int_from(re.compile(profile.patterns.views), meta, "views") if meta else None
    if rules.json_ld and (published is None or views is None):
        from tui_reader.sites.jsonld import json_ld_published, json_ld_views

        published = published or json_ld_published(tree, profile.timezone)
        views = views if views is not None else json_ld_views(tree)

    city = category = None
    if rules.breadcrumb:
        crumbs = [_text(node) for node in tree.css(rules.breadcrumb)]
        city_name = _crumb(crumbs, rules.city_crumb)
        city = _strip_suffix(city_name, profile.city_suffix) if city_name else None
        category = _crumb(crumbs, rules.category_crumb)

    body_node = tree.css_first(rules.body)
    checkpoint()
    page = page_facts(tree, _article_scope(tree, rules, body_node))
    checkpoint()
    body: list[str] = []
    structure = Structure((), ())
    if body_node is not None:
        if rules.drop:
            body_node.strip_tags(list(rules.drop))
        # The plain paragraphs are the structure's text, so search and fields see what is shown.
        structure = drop_fact_blocks(read_structure(body_node, url, rules.paragraph), page.lines)
        body = list(plain_paragraphs(structure.blocks))
    fallbacks: list[str] = []
    if not body or not title:
        checkpoint()
        extracted = _extract_main(html, url, profile)
        profile_found = {"title": title, "body": body, "published": published, "views": views}
        if not body:
            paragraphs = drop_fact_paragraphs(extracted.paragraphs, page.lines)
            body = list(paragraphs)
            structure = structure_for_text(tree, paragraphs, url)
        # A title alone is no article: a list page has a <title> too.
        if extracted.paragraphs:
            title = title or (extracted.title or "")
        published = published or extracted.published
        views = views if views is not None else extracted.views
        supplied = {"title": title, "body": body, "published": published, "views": views}
        fallbacks = [part for part, value in supplied.items() if _found(value) and not _found(profile_found[part])]
    if not title:
        raise _nothing("article title", rules.title, url)

    article = Article(
        url=url,
        title=title,
        published=published,
        views=views,
        city=city or None,
        category=category or None,
        body=tuple(body),
        contact=_with_phones(_contact(tree, profile), page),
        blocks=structure.blocks,
        links=structure.links,
        facts=page.facts,
    )
    return article, tuple(fallbacks)


def _article_scope(tree: LexborHTMLParser, rules: ArticleSelectors, body: LexborNode | None) -> LexborNode | None:
    """The smallest element holding the article's title, body and contact lines, or
    None (the whole page) when the profile finds neither title nor body."""
    nodes = [n for n in (tree.css_first(rules.title), body) if n is not None]
    if rules.contact_item:
        nodes.extend(tree.css(rules.contact_item)[:1])
    if len(nodes) < 2:
        return None
    chains = []
    for node in nodes:
        chain = []
        current: LexborNode | None = node
        while current is not None:
            chain.append(current)
            current = current.parent
        chains.append(chain[::-1])
    shared = None
    for level in zip(*chains, strict=False):
        if len({n.mem_id for n in level}) != 1:
            break
        shared = level[0]
    return shared if shared is not None and shared.tag not in ("html", "#document") else None


def _extract_main(html: str, url: str, profile: SiteProfile | None = None) -> Extracted:
    # Imported here: the extractor pulls in lxml and trafilatura, which most
    # runs never need (profiles usually find the body themselves).
    from tui_reader.sites.extract import extract_main

    if profile is None:
        return extract_main(html, url)
    return extract_main(html, url, tz=profile.timezone)


def parse_article_generic(html: str, url: str) -> Article:
    """An article from a site we have no profile for.

    Title from ``<h1>`` / OpenGraph / ``<title>`` (site-name suffixes cut),
    published and views from markup or labelled meta lines, city and category
    from a breadcrumb, body from the main-content extractor, facts and
    contact numbers from the page's markup (:mod:`.facts`), and the body
    without the lines that only repeat them. What the page does not state is
    None. ParseError when the page has neither a title nor any text."""
    extracted = _extract_main(html, url)
    if not extracted.title and not extracted.paragraphs:
        raise ParseError(f"found no article on {url} (no title and no main text)")
    title = extracted.title or ""
    checkpoint()
    tree = LexborHTMLParser(html)
    page = page_facts(tree)
    checkpoint()
    paragraphs = drop_fact_paragraphs(extracted.paragraphs, page.lines)
    structure = structure_for_text(tree, paragraphs, url)
    return Article(
        url=url,
        title=title,
        published=extracted.published,
        views=extracted.views,
        city=extracted.city,
        category=extracted.category,
        body=paragraphs,
        contact=_with_phones(extracted.contact, page),
        blocks=structure.blocks,
        links=structure.links,
        facts=page.facts,
    )


def parse_any_article(html: str, url: str, profile: SiteProfile) -> Article:
    """An article page of the profile's site if it looks like one, else of any site.

    ``read URL`` and ``read FILE`` accept pages the profile was not written
    for; those still read cleanly through the generic extractor.
    """
    try:
        return parse_article(html, url, profile)
    except ParseError:
        return parse_article_generic(html, url)
