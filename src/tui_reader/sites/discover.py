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

A row's fields are read by :mod:`.discover_row` (ad rows inside the list
are dropped there), the pager by :mod:`.discover_pager`.

All of it is bounded: links considered (``nodes.MAX_LINKS``), ancestors
climbed and candidates scored in full have caps, so a hostile page costs at
most a few milliseconds more than a plain one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui_reader.models import Listing, Page
from tui_reader.sites.discover_pager import find_pager
from tui_reader.sites.discover_row import ad_rows, listing_of
from tui_reader.sites.nodes import MAX_LINKS, class_words, node_text

__all__ = ["RowGroup", "discover_listings", "find_rows", "is_noise_box"]

MAX_DEPTH = 12
"""Ancestors climbed from a title link: rows sit a few levels above their titles. (Not a
parsing limit: those are ``limits.ParseLimits``, applied before discovery starts.)"""
MIN_ROWS = 3
_FULLY_SCORED = 24
MIN_TITLE = 4
"""Characters a link's text needs to read as a title (nav links are 2-4)."""

# Not "ad": 百姓网 calls its posts "ads" (list-ad-items); ad rows are told apart in discover_row.
_NOISE_WORDS_EXACT = frozenset(
    {
        "tj",
        "hot",
        "nav",
        "navs",
        "menu",
        "vip",
        "side",
        "aside",
        "foot",
        "footer",
        "header",
        "rank",
        "guess",
        "like",
        "links",
        "friend",
        "friendlink",
        "recom",
        "rec",
        "tuiguang",
        "sponsor",
        "banner",
        "crumb",
        "breadcrumb",
        "pager",
        "pages",
        "pagination",
        "comment",
        "comments",
        "history",
    }
)
_NOISE_WORDS_INSIDE = (
    "recommend",
    "tuijian",
    "guess",
    "sidebar",
    "footer",
    "related",
    "advert",
    "hotlist",
    "youlike",
    "maylike",
    "navbar",
    "topnav",
    "breadcrumb",
    "friendlink",
)
_NOISE_HEADING = re.compile(
    r"推荐|猜你喜欢|热门|相关|为你|看了又看|同类|附近|热点|广告|排行|友情链接|精品|人气|浏览过|看过"
)
_NOISE_TAGS = frozenset({"nav", "footer", "aside", "header"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|tit|t|name|subject|biaoti)(?:$|[\s_-])", re.I)

_DIGITS_ONLY = re.compile(r"^[\d\s.,/|-]*$")


def _noise_words(node: LexborNode) -> bool:
    for word in class_words(node):
        if word in _NOISE_WORDS_EXACT or any(part in word for part in _NOISE_WORDS_INSIDE):
            return True
    return False


def _headingnode_text(node: LexborNode) -> str | None:
    """The text of a heading-like element: short, and no title-length link in it
    (a box of rows before the list is not the list's heading)."""
    text = node_text(node)
    if not text or len(text) > 24:
        return None
    if any(len(node_text(a)) >= 10 for a in node.css("a")):
        return None
    return text


def _box_heading(node: LexborNode) -> str:
    """Short text right before ``node`` or first inside it: a box's title ("猜你喜欢")."""
    texts = []
    prev = node.prev
    while prev is not None and not prev.is_element_node:
        prev = prev.prev
    if prev is not None:
        texts.append(_headingnode_text(prev) or "")
    first = node.child
    while first is not None and not first.is_element_node:
        first = first.next
    if first is not None and first.tag in _HEADINGS | {"div", "span", "p", "strong", "b", "dt"}:
        texts.append(_headingnode_text(first) or "")
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
    def row_tag(self) -> str | None:
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
        text = node_text(node)
        if len(text) >= MIN_TITLE and not _DIGITS_ONLY.match(text):
            links.nodes.append(node)
            links.texts.append(text)
            links.hrefs.append(href)
    return links


def _candidates(links: _Links) -> dict[tuple[int, str | None], _Candidate]:
    groups: dict[tuple[int, str | None], _Candidate] = {}
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
    mates = [
        g
        for g in groups
        if g.parent.parent is not None
        and g.parent.parent.mem_id == grand.mem_id
        and g.row_tag == best.row_tag
        and _same_shape(g.parent, best.parent)
        and g.score >= best.score * 0.05
        and not is_noise_box(g.parent, levels=1)
    ]
    # A first part of one or two rows (置顶 above an ad) has no group of its own: take its rows too.
    known = {g.parent.mem_id for g in mates}
    for sibling in grand.iter():
        if sibling.mem_id in known or not _same_shape(sibling, best.parent) or is_noise_box(sibling, levels=1):
            continue
        rows = [child for child in sibling.iter() if child.tag == best.row_tag]
        titles = [_titled(row) for row in rows]
        found = [t for t in titles if t is not None]
        if rows and len(found) == len(titles) and len(rows) < MIN_ROWS:
            mates.append(RowGroup(sibling, rows, found, 0.0, False))
    if len(mates) <= 1:
        return best
    order = {child.mem_id: i for i, child in enumerate(grand.iter())}
    mates.sort(key=lambda g: order.get(g.parent.mem_id, 0))
    return RowGroup(
        best.parent,
        [r for g in mates for r in g.rows],
        [t for g in mates for t in g.titles],
        sum(g.score for g in mates),
        best.noise,
    )


def _titled(row: LexborNode) -> LexborNode | None:
    """A row's title link: in a heading, else its longest title-length link."""
    best, best_rank = None, (-1, -1)
    for link in row.css("a[href]"):
        text = node_text(link)
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
    bounded = sorted(
        ((_upper_bound(c, links), c) for c in _candidates(links).values()), key=lambda pair: pair[0], reverse=True
    )
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


def discover_listings(
    tree: LexborHTMLParser, url: str, *, now: datetime, tz: timezone, rows: RowGroup | None = None
) -> Page[Listing]:
    """The page's main list as listings, with its pager; an empty page when it has no list."""
    group = rows if rows is not None else find_rows(tree)
    items: list[Listing] = []
    seen: set[str] = set()
    if group is not None:
        ads = ad_rows(group.rows)
        for index, (row, title) in enumerate(zip(group.rows, group.titles, strict=False)):
            if index in ads:
                continue
            listing = listing_of(row, title, url, now, tz)
            if listing is not None and listing.url not in seen:
                seen.add(listing.url)
                items.append(listing)
    pager = find_pager(tree, url)
    return Page(items=tuple(items), number=pager.number, next_url=pager.next_url, last_number=pager.last_number)
