"""Listing rows and the pager of any list page, found from the page's own structure.

No profile, no list of known portals: a list page is a run of sibling
elements (``li``, ``div``, ``tr``, ``dl`` …) under one parent, each holding a
link whose text reads like a title. Every such link votes for each of its
ancestors as "a row under that ancestor's parent"; the group of rows that wins
is the largest run of like rows with title-length links, one title each, not
inside a box that the page marks as something else (推荐, 猜你喜欢, 热门, VIP,
ads, navigation, footer: by its tag, its class/id words, or its heading).
Sibling lists of the same shape (a list split by an ad) are joined; promoted
rows that stand inside the list (置顶, 精选) are rows like any other.

Inside a row, the title is the link in a heading (else the longest link
text); the posted time, price and views are read from the row's short text
pieces (see :mod:`.dates` for the relative forms). The pager's "next" link is
found by its words or class (下一页, ``>``, ``next``), else as the number after
the current page's.

All of it is bounded: links considered, ancestor depth and rows per group have
caps (see ``limits`` below), so a hostile page costs at most a few
milliseconds more than a plain one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import Listing, Page
from .dates import posted_from
from .text import clean_whitespace

__all__ = ["RowGroup", "Pager", "class_words", "discover_listings", "find_pager", "find_rows", "is_noise_box", "link_url"]

MAX_LINKS = 5000
"""Links considered on one page; a real list page has a few hundred."""
MAX_DEPTH = 12
"""Ancestors climbed from a title link: rows sit a few levels above their titles."""
MIN_ROWS = 3
_FULLY_SCORED = 24
MIN_TITLE = 4
"""Characters a link's text needs to read as a title (nav links are 2-4)."""

_NOISE_WORDS_EXACT = frozenset({
    "ad", "ads", "gg", "tj", "hot", "nav", "navs", "menu", "vip", "side", "aside", "foot", "footer", "header",
    "rank", "guess", "like", "links", "friend", "friendlink", "recom", "rec", "tuiguang", "sponsor", "banner",
    "crumb", "breadcrumb", "pager", "pages", "pagination", "comment", "comments", "history",
})
_NOISE_WORDS_INSIDE = ("recommend", "tuijian", "guess", "sidebar", "footer", "related", "advert", "hotlist",
                       "youlike", "maylike", "navbar", "topnav", "breadcrumb", "friendlink")
_NOISE_HEADING = re.compile(r"推荐|猜你喜欢|热门|相关|为你|看了又看|同类|附近|热点|广告|排行|友情链接|精品|人气|浏览过|看过")
_NOISE_TAGS = frozenset({"nav", "footer", "aside", "header"})
_WORD_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|tit|t|name|subject|biaoti)(?:$|[\s_-])", re.I)

_PRICE_CLASS = re.compile(r"price|money|jiage|prc|\bpri\b|zujin|salary", re.I)
_PRICE_TEXT = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|万|元\s*/\s*(?:月|㎡|平米|平|天|年)|元)(?![\w/])|面议")
_TIME_CLASS = re.compile(r"time|date|rq|sj|shijian|riqi|pubdate|posted", re.I)
_VIEWS = re.compile(r"(?:浏览|阅读|查看|点击|人气)\s*[:：]?\s*(\d+)|(\d+)\s*(?:次浏览|人浏览|次查看|次阅读|人看过|次点击|浏览|次)")
_DIGITS_ONLY = re.compile(r"^[\d\s.,/|-]*$")


def link_url(node: LexborNode, base: str) -> str | None:
    """The absolute URL a link points to; None for fragments and script links."""
    href = (node.attributes.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    return urljoin(base, href)


def _text(node: LexborNode) -> str:
    return clean_whitespace(node.text(deep=True))


def class_words(node: LexborNode) -> list[str]:
    attrs = node.attributes
    raw = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    return [w.lower() for w in _WORD_SPLIT.split(raw) if w]


def _noise_words(node: LexborNode) -> bool:
    for word in class_words(node):
        if word in _NOISE_WORDS_EXACT or any(part in word for part in _NOISE_WORDS_INSIDE):
            return True
    return False


def _heading_text(node: LexborNode) -> str | None:
    """The text of a heading-like element: short, and no title-length link in it
    (a box of rows before the list is not the list's heading)."""
    text = _text(node)
    if not text or len(text) > 24:
        return None
    if any(len(_text(a)) >= 10 for a in node.css("a")):
        return None
    return text


def _box_heading(node: LexborNode) -> str:
    """Short text right before ``node`` or first inside it: a box's title ("猜你喜欢")."""
    texts = []
    prev = node.prev
    while prev is not None and not prev.is_element_node:
        prev = prev.prev
    if prev is not None:
        texts.append(_heading_text(prev) or "")
    first = node.child
    while first is not None and not first.is_element_node:
        first = first.next
    if first is not None and first.tag in _HEADINGS | {"div", "span", "p", "strong", "b", "dt"}:
        texts.append(_heading_text(first) or "")
    return " ".join(t for t in texts if t)


def is_noise_box(node: LexborNode, levels: int = 4) -> bool:
    """Whether ``node`` or one of its nearest ancestors is a box of something
    other than the page's main list: navigation, footer, sidebar, ads, or a
    recommendation box by its class/id words or its heading."""
    current: LexborNode | None = node
    for _ in range(levels):
        if current is None or current.tag in ("body", "html"):
            return False
        if current.tag in _NOISE_TAGS or _noise_words(current):
            return True
        heading = _box_heading(current)
        if heading and _NOISE_HEADING.search(heading) and len(heading) <= 40:
            return True
        current = current.parent
    return False


@dataclass
class _Candidate:
    parent: LexborNode
    rows: dict[int, LexborNode] = field(default_factory=dict)
    links: dict[int, list[int]] = field(default_factory=dict)
    """Per row (by node id), the indices of its title-like links."""


@dataclass
class RowGroup:
    """The rows of a page's main list: each row's element and its title link."""

    parent: LexborNode
    rows: list[LexborNode]
    titles: list[LexborNode]
    score: float
    noise: bool = False
    """The rows stand in a box the page marks as something else (推荐, VIP, nav …)."""

    @property
    def row_tag(self) -> str:
        return self.rows[0].tag if self.rows else ""


@dataclass
class _Links:
    nodes: list[LexborNode]
    texts: list[str]
    hrefs: list[str]


def _title_links(tree: LexborHTMLParser) -> _Links:
    links = _Links([], [], [])
    for node in tree.css("a[href]")[:MAX_LINKS]:
        href = (node.attributes.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        text = _text(node)
        if len(text) >= MIN_TITLE and not _DIGITS_ONLY.match(text):
            links.nodes.append(node)
            links.texts.append(text)
            links.hrefs.append(href)
    return links


def _candidates(links: _Links) -> dict[tuple[int, str], _Candidate]:
    groups: dict[tuple[int, str], _Candidate] = {}
    for index, link in enumerate(links.nodes):
        child = link
        for _ in range(MAX_DEPTH):
            parent = child.parent
            if parent is None or parent.tag in ("html", "#document"):
                break
            key = (parent.mem_id, child.tag)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Candidate(parent)
            row_id = child.mem_id
            if row_id not in group.rows:
                group.rows[row_id] = child
                group.links[row_id] = []
            group.links[row_id].append(index)
            if parent.tag == "body":
                break
            child = parent
    return groups


def _pick_title(row: LexborNode, indices: list[int], links: _Links) -> int:
    if len(indices) == 1:
        return indices[0]
    best, best_rank = indices[0], (-1, -1)
    row_id = row.mem_id
    for index in indices:
        in_heading = 0
        node: LexborNode | None = links.nodes[index]
        while node is not None and node.mem_id != row_id:
            if node.tag in _HEADINGS or _TITLE_CLASS.search(node.attributes.get("class") or ""):
                in_heading = 1
                break
            node = node.parent
        rank = (in_heading, min(len(links.texts[index]), 60))
        if rank > best_rank:
            best, best_rank = index, rank
    return best


def _upper_bound(candidate: _Candidate, links: _Links) -> float:
    """A cheap bound on ``_score``: only the best few candidates are scored in full."""
    rows = len(candidate.rows)
    if rows < MIN_ROWS:
        return 0.0
    lengths = [len(links.texts[i]) for ids in candidate.links.values() for i in ids]
    return rows * min(max(lengths), 30.0)


def _score(candidate: _Candidate, links: _Links) -> RowGroup | None:
    rows = list(candidate.rows.values())
    if len(rows) < MIN_ROWS:
        return None
    titles: list[int] = []
    atomic = 0
    for row_id, row in candidate.rows.items():
        indices = candidate.links[row_id]
        if len({links.hrefs[i] for i in indices}) <= 4:
            atomic += 1
        titles.append(_pick_title(row, indices, links))
    if atomic < 0.7 * len(rows):
        return None  # each "row" holds a whole list: these are boxes, not rows
    distinct = len({links.hrefs[i] for i in titles}) / len(titles)
    mean = sum(len(links.texts[i]) for i in titles) / len(titles)
    score = len(rows) * min(mean, 30.0) * distinct
    if mean < 6:
        score *= 0.3  # a menu of short names (cities, categories), not titles
    if rows[0].tag == "a":
        score *= 0.5  # bare links, not rows with something beside the title
    noise = is_noise_box(candidate.parent)
    if noise:
        score *= 0.05
    return RowGroup(candidate.parent, rows, [links.nodes[i] for i in titles], score, noise)


def _same_shape(a: LexborNode, b: LexborNode) -> bool:
    return a.tag == b.tag and (a.attributes.get("class") or "") == (b.attributes.get("class") or "")


def _join_siblings(best: RowGroup, groups: list[RowGroup]) -> RowGroup:
    """The main list split in several like containers (by an ad, or by 20s): join them in page order."""
    grand = best.parent.parent
    if grand is None:
        return best
    mates = [g for g in groups
             if g.parent.parent is not None and g.parent.parent.mem_id == grand.mem_id
             and g.row_tag == best.row_tag and _same_shape(g.parent, best.parent) and g.score >= best.score * 0.05
             and not is_noise_box(g.parent, levels=1)]
    # A first part of one or two rows (置顶 above an ad) has no group of its own: take its rows too.
    known = {g.parent.mem_id for g in mates}
    for sibling in grand.iter():
        if sibling.mem_id in known or not _same_shape(sibling, best.parent) or is_noise_box(sibling, levels=1):
            continue
        rows = [child for child in sibling.iter() if child.tag == best.row_tag]
        titles = [_titled(row) for row in rows]
        if rows and all(t is not None for t in titles) and len(rows) < MIN_ROWS:
            mates.append(RowGroup(sibling, rows, titles, 0.0, False))  # type: ignore[arg-type]
    if len(mates) <= 1:
        return best
    order = {child.mem_id: i for i, child in enumerate(grand.iter())}
    mates.sort(key=lambda g: order.get(g.parent.mem_id, 0))
    return RowGroup(best.parent, [r for g in mates for r in g.rows], [t for g in mates for t in g.titles],
                    sum(g.score for g in mates), best.noise)


def _titled(row: LexborNode) -> LexborNode | None:
    """A row's title link: in a heading, else its longest title-length link."""
    best, best_rank = None, (-1, -1)
    for link in row.css("a[href]"):
        text = _text(link)
        if len(text) < MIN_TITLE or _DIGITS_ONLY.match(text):
            continue
        in_heading = int(any(n.tag in _HEADINGS for n in _ancestors_within(link, row)))
        rank = (in_heading, min(len(text), 60))
        if rank > best_rank:
            best, best_rank = link, rank
    return best


def _ancestors_within(node: LexborNode, top: LexborNode) -> list[LexborNode]:
    found = []
    current = node.parent
    while current is not None and current.mem_id != top.mem_id:
        found.append(current)
        current = current.parent
    return found


def find_rows(tree: LexborHTMLParser) -> RowGroup | None:
    """The page's main list, or None when no run of like rows is found."""
    links = _title_links(tree)
    bounded = sorted(((_upper_bound(c, links), c) for c in _candidates(links).values()),
                     key=lambda pair: pair[0], reverse=True)
    # Scoring in full climbs and reads every row; the bound rules out all but a few:
    # once it is below the best score found, no later candidate can win. Those
    # scored stay at hand for joining a list split in parts.
    groups: list[RowGroup] = []
    best_score = 0.0
    for bound, candidate in bounded[:_FULLY_SCORED]:
        if bound <= best_score * 0.05:
            break
        group = _score(candidate, links)
        if group is not None:
            groups.append(group)
            best_score = max(best_score, group.score)
    if not groups:
        return None
    best = max(groups, key=lambda g: g.score)
    return _join_siblings(best, groups)


# --- a row's fields ------------------------------------------------------------


def _pieces(row: LexborNode, title_text: str) -> list[str]:
    text = row.text(deep=True, separator="\n")
    return [p for p in (clean_whitespace(line) for line in text.split("\n")) if p and p != title_text]


def _posted(row: LexborNode, pieces: list[str], now: datetime, tz: timezone) -> datetime | None:
    for node in row.css("time, [class*=time], [class*=date], [class*=Time], [class*=Date]"):
        when = posted_from(_text(node), now, tz, bare_clock=True)
        if when is not None:
            return when
    for piece in pieces:
        if len(piece) <= 40:
            when = posted_from(piece, now, tz, bare_clock=False)
            if when is not None:
                return when
    return None


def _price(row: LexborNode, pieces: list[str]) -> tuple[str | None, bool]:
    """(price as shown, hidden) for a row: a price element's text, else a price in the text."""
    from .numbers import is_obfuscated

    for node in row.traverse(include_text=False):
        if _PRICE_CLASS.search(node.attributes.get("class") or ""):
            text = _text(node)
            if text and any(ch.isdigit() for ch in text):
                if is_obfuscated(text):
                    return None, True
                match = _PRICE_TEXT.search(text)
                return (clean_whitespace(match.group(0)) if match else text[:30]), False
            if node.css_first("img") is not None or (text and is_obfuscated(text)):
                return None, True
            if "面议" in text:
                return "面议", False
    for piece in pieces:
        match = _PRICE_TEXT.search(piece)
        if match:
            return clean_whitespace(match.group(0)), False
    return None, False


def _views(pieces: list[str]) -> int | None:
    for piece in pieces:
        if len(piece) > 30:
            continue
        match = _VIEWS.search(piece)
        if match:
            return int(match.group(1) or match.group(2))
    return None


def _title_of(link: LexborNode) -> str:
    text = _text(link)
    full = clean_whitespace(link.attributes.get("title") or "")
    # A title cut short on the page ("金盏嘉园A区...") is whole in the title attribute.
    if full and text.rstrip(".…") != text and full.startswith(text.rstrip(".…")):
        return full
    return text


def listing_of(row: LexborNode, title: LexborNode, url: str, now: datetime, tz: timezone) -> Listing | None:
    target = link_url(title, url)
    if target is None:
        return None
    name = _title_of(title)
    pieces = _pieces(row, _text(title))
    price, hidden = _price(row, pieces)
    return Listing(title=name, url=target, published=_posted(row, pieces, now, tz), views=_views(pieces),
                   price=price, price_hidden=hidden)


# --- the pager -----------------------------------------------------------------

_NEXT_WORDS = frozenset({"下一页", "下页", "下一頁", "后页", "后一页", "next", "nextpage", ">", "»", ">>", "›", "〉", "＞"})
_NOT_NEXT = re.compile(r"篇|条|张|章|组")
_CURRENT_CLASS = re.compile(r"cur|current|active|selected|\bon\b|now|sel", re.I)


@dataclass(frozen=True)
class Pager:
    number: int
    next_url: str | None
    last_number: int | None
    next_link: LexborNode | None = None


def _is_next(link: LexborNode, text: str) -> bool:
    squeezed = re.sub(r"[\s\u00a0]+", "", text).lower()
    if _NOT_NEXT.search(squeezed):
        return False
    if squeezed in _NEXT_WORDS or squeezed.startswith(("下一页", "下页", "next")):
        return True
    if (link.attributes.get("rel") or "").lower() == "next":
        return True
    words = class_words(link)
    return any(w in ("next", "nxt", "pagenext", "nextpage") for w in words) and len(squeezed) <= 6


def _number(text: str) -> int | None:
    squeezed = text.strip().strip("[]")
    return int(squeezed) if squeezed.isdigit() and len(squeezed) <= 5 else None


def find_pager(tree: LexborHTMLParser, url: str) -> Pager:
    """The page's number, the next page's URL (None on the last page) and the last number when shown."""
    page_url = url.split("#")[0]
    next_link: LexborNode | None = None
    next_url: str | None = None
    for link in tree.css("a[href]")[:MAX_LINKS]:
        if _is_next(link, _text(link)):
            target = link_url(link, url)
            if target and target.split("#")[0] != page_url:
                next_link, next_url = link, target
                break
    if next_url is None:
        head_next = tree.css_first("link[rel=next][href]")
        if head_next is not None:
            next_url = link_url(head_next, url)
    box = _pager_box(tree, next_link)
    numbers: list[int] = []
    current: int | None = None
    if box is not None:
        for node in box.iter():
            value = _number(_text(node))
            if value is None:
                continue
            if node.tag == "a" and not _CURRENT_CLASS.search(node.attributes.get("class") or ""):
                numbers.append(value)
            elif current is None:
                current = value
        if next_url is None and current is not None:
            for link in box.css("a[href]"):
                if _number(_text(link)) == current + 1:
                    next_url = link_url(link, url)
                    break
    number = current or 1
    last = max([number, *numbers]) if (numbers or next_url) else number
    return Pager(number, next_url, last if numbers else None, next_link)


def _pager_box(tree: LexborHTMLParser, next_link: LexborNode | None) -> LexborNode | None:
    """The element holding the page numbers: around the next link, else the first run of number links."""
    if next_link is not None:
        box = next_link.parent
        for _ in range(3):
            if box is None:
                break
            if sum(1 for a in box.css("a") if _number(_text(a)) is not None) >= 1:
                return box
            box = box.parent
        return next_link.parent
    for link in tree.css("a[href]")[:MAX_LINKS]:
        if _number(_text(link)) is not None:
            parent = link.parent
            if parent is not None and sum(1 for a in parent.css("a") if _number(_text(a)) is not None) >= 2:
                return parent
    return None


_AD_WORDS = frozenset({"ad", "ads", "adv", "advert", "advertisement", "gg", "guanggao", "sponsor", "sponsored",
                       "tuiguang", "promo"})
_AD_LABEL = frozenset({"广告", "推广", "赞助", "AD", "Ad", "ad"})


def is_ad_row(row: LexborNode) -> bool:
    """A paid row standing in the list (class "ad-row", a "广告" tag): not a row of it.
    Promoted posts (置顶, 精选) are posts, and stay."""
    if any(word in _AD_WORDS for word in class_words(row)):
        return True
    for node in row.css("span, em, i, b, label, small"):
        if clean_whitespace(node.text(deep=True)) in _AD_LABEL:
            return True
    return False


def discover_listings(tree: LexborHTMLParser, url: str, *, now: datetime, tz: timezone,
                      rows: RowGroup | None = None) -> Page[Listing]:
    """The page's main list as listings, with its pager; an empty page when it has no list."""
    group = rows if rows is not None else find_rows(tree)
    items: list[Listing] = []
    seen: set[str] = set()
    if group is not None:
        for row, title in zip(group.rows, group.titles):
            if is_ad_row(row):
                continue
            listing = listing_of(row, title, url, now, tz)
            if listing is not None and listing.url not in seen:
                seen.add(listing.url)
                items.append(listing)
    pager = find_pager(tree, url)
    return Page(items=tuple(items), number=pager.number, next_url=pager.next_url, last_number=pager.last_number)


def row_strength(group: RowGroup | None) -> float:
    """How surely the page is a list: rows, damped when titles are short."""
    if group is None:
        return 0.0
    return group.score / max(1.0, math.log2(len(group.rows) + 1))
