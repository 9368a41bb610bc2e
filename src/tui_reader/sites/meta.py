"""Page metadata without a site profile: title, publication time, views, city.

For pages of sites we have no profile for, the facts around an article are
read from where portals and news sites commonly put them, most explicit
first: machine-readable ``<meta>`` / OpenGraph / JSON-LD values, then the
labelled meta lines portals print ("发布时间：2024-02-10 12:21",
"2024/2/10 12:21:21发布24次查看", "浏览次数：24"). A value is only taken when
a label or a markup field says what it is; anything else stays None, because
a wrong date shown with confidence is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui_reader.models import utcnow
from tui_reader.sites.dates import posted_from
from tui_reader.sites.jsonld import json_ld_published, json_ld_views
from tui_reader.sites.text import (
    CHINA,
    DEFAULT_DATE,
    clean_whitespace,
    datetime_from,
    parse_iso_datetime,
)

__all__ = ["PageMeta", "is_meta_line", "page_meta", "parse_iso_datetime", "strip_site_suffix"]


_DATE = DEFAULT_DATE
# A date only counts with a label saying it is the publication time: before
# it ("发布时间：", "发布日期:", "时间：") or right after it ("…12:21:21发布").
_LABELLED_DATE = (
    re.compile(r"(?:发布|发表|更新|刊登)?(?:时间|日期)\s*[：:]\s*" + _DATE),
    re.compile(r"(?:发布于|发表于)\s*[：:]?\s*" + _DATE),
    re.compile(_DATE + r"\s*(?:发布|发表)"),
)
# "浏览次数：24", "浏览：24次", "阅读 24", "点击：24", "人气：24", "24次查看", "24次浏览".
_VIEWS = (
    re.compile(r"(?:浏览次数|浏览量|浏览|阅读数?|点击数?|查看次数|人气)\s*[：:]?\s*(?P<views>\d+)\s*次?"),
    re.compile(r"(?P<views>\d+)\s*次(?:查看|浏览|阅读|点击)"),
)
# A meta line is short; long text mentioning 浏览 is prose, not a counter.
_META_LINE_MAX = 120
# Counters that only ever appear in a meta line, never in prose.
_STRICT_VIEWS = re.compile(r"(?:浏览次数|浏览量|点击数|点击量|查看次数|人气)\s*[：:]\s*\d+|\d+\s*次(?:查看|浏览|点击)")

_PUBLISHED_META = (
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="PubDate"]',
    'meta[name="publish_date"]',
    'meta[name="date"]',
    'meta[name="dc.date"]',
    'meta[name="DC.date.issued"]',
    'meta[property="og:release_date"]',
)
_TIME_PUBLISHED = "time[itemprop='datePublished'], time[pubdate]"

# Breadcrumb containers go by many names: 面包屑 (crumb), 当前位置 (position, weizhi).
_CRUMB_CONTAINERS = (
    "[class*=crumb]",
    "[id*=crumb]",
    "[class*=position]",
    "[id*=position]",
    "[class*=weizhi]",
    "[id*=weizhi]",
    "[class*=location]",
)
_CRUMB_SPLIT = re.compile(r"\s*(?:>|&gt;|›|»|→|/|＞)\s*")
_CRUMB_LABEL = re.compile(r"^(?:当前位置|您的位置|你的位置|位置)\s*[：:]\s*")
# City crumbs read "连云港分类信息网"; the site's own name ("九州分类信息网")
# is the first crumb and is never taken for a city.
_CITY_SUFFIXES = ("分类信息网", "分类网", "信息网", "同城网")

# "标题_连云港分类信息网", "标题 - 某某网", "标题 | Site": a trailing segment after a
# separator is a site name when it says so (…网, …网站, …门户) or equals og:site_name.
_TITLE_SEPARATOR = re.compile(r"\s*(?:_|-|–|—|\||｜|·)\s*")
_SITE_NAME_END = re.compile(r"(?:网|网站|信息港|门户|平台|社区|论坛|在线|频道|首页)$")


# Contact lines of a listing: "联系人：王先生", "电话：138 1234 5678", one per block.
_CONTACT = re.compile(
    r"^(联系人|联系电话|联系手机|联系方式|电话|手机|微信号?|QQ|邮箱|地址|联系地址|价格|租金|售价)\s*[：:]\s*(\S.{0,39})$",
    re.I,
)
_CONTACT_BLOCKS = "li, dd, p, td, tr"


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None = None
    published: datetime | None = None
    views: int | None = None
    city: str | None = None
    category: str | None = None
    site_name: str | None = None
    description: str | None = None
    contact: tuple[tuple[str, str], ...] = ()
    """Labelled contact lines, e.g. ("电话", "138 1234 5678"), in page order."""


def _attr(node: LexborNode | None, name: str) -> str:
    if node is None:
        return ""
    return clean_whitespace(node.attributes.get(name) or "")


def _node_text(node: LexborNode | None) -> str:
    return clean_whitespace(node.text(deep=True)) if node is not None else ""


def strip_site_suffix(title: str, site_name: str | None = None) -> str:
    """ "标题_连云港分类信息网" → "标题"; titles without a site-name tail stay whole."""
    title = clean_whitespace(title)
    while True:
        parts = list(_TITLE_SEPARATOR.finditer(title))
        if not parts:
            return title
        last = parts[-1]
        head, tail = title[: last.start()].strip(), title[last.end() :].strip()
        is_site = bool(tail) and (
            (site_name is not None and tail == site_name) or (len(tail) <= 24 and _SITE_NAME_END.search(tail))
        )
        if not head or not is_site:
            return title
        title = head


def _markup_published(tree: LexborHTMLParser, tz: timezone) -> datetime | None:
    for selector in _PUBLISHED_META:
        found = parse_iso_datetime(_attr(tree.css_first(selector), "content"), tz)
        if found:
            return found
    if found := json_ld_published(tree, tz):
        return found
    node = tree.css_first(_TIME_PUBLISHED)
    if node is not None:
        return parse_iso_datetime(_attr(node, "datetime") or _node_text(node), tz)
    return None


def _meta_lines(tree: LexborHTMLParser) -> list[str]:
    """Short text blocks that may carry the date and view count, page order.

    Only the text of leaf-ish blocks is looked at, so a line that mentions
    another article's date in a long list is never read as ours."""
    lines: list[str] = []
    root = tree.body
    if root is None:
        return lines
    for node in root.css("div, span, p, li, td, em, small, time, font, dd, section, header"):
        text = _node_text(node)
        if text and len(text) <= _META_LINE_MAX:
            lines.append(text)
    return lines


# "发布时间：34分钟前", "更新于 昨天 18:20": a relative time after its label.
_LABELLED_RELATIVE = re.compile(r"(?:(?:发布|发表|更新|刊登)(?:时间|日期)?|发布于|发表于)\s*[：:]?\s*(\S[^|｜]{0,20})")


def _text_published(lines: list[str], tz: timezone) -> datetime | None:
    for pattern in _LABELLED_DATE:
        for line in lines:
            found = datetime_from(pattern, line, tz)
            if found:
                return found
    for line in lines:
        labelled = _LABELLED_RELATIVE.search(line)
        if labelled:
            # Resolved against now: a page is parsed as it is fetched.
            found = posted_from(labelled.group(1), utcnow(), tz, bare_clock=True)
            if found:
                return found
    return None


def _text_views(lines: list[str]) -> int | None:
    for pattern in _VIEWS:
        for line in lines:
            match = pattern.search(line)
            if match:
                return int(match.group("views"))
    return None


def is_meta_line(text: str) -> bool:
    """True for a short line carrying the publication time or a view counter
    ("发布时间：2023-11-28 08:05 浏览次数：318 信息编号：…"): page furniture, not body."""
    if len(text) > 80:
        return False
    return bool(_STRICT_VIEWS.search(text)) or any(p.search(text) for p in _LABELLED_DATE)


def _crumbs(tree: LexborHTMLParser) -> list[str]:
    for selector in _CRUMB_CONTAINERS:
        for node in tree.css(selector):
            text = _CRUMB_LABEL.sub("", _node_text(node))
            parts = [p for p in _CRUMB_SPLIT.split(text) if p]
            if 2 <= len(parts) <= 8 and all(len(p) <= 40 for p in parts):
                return parts
    return []


def _city_and_category(crumbs: list[str]) -> tuple[str | None, str | None]:
    for index in range(len(crumbs) - 1, 0, -1):
        crumb = crumbs[index]
        for suffix in _CITY_SUFFIXES:
            if crumb.endswith(suffix) and len(crumb) > len(suffix):
                city = crumb[: -len(suffix)].strip()
                category = crumbs[index + 1] if index + 1 < len(crumbs) else None
                return city or None, category or None
    return None, None


def _contact(tree: LexborHTMLParser) -> tuple[tuple[str, str], ...]:
    pairs: dict[str, str] = {}
    for node in tree.css(_CONTACT_BLOCKS):
        match = _CONTACT.match(_node_text(node))
        if match and match.group(1) not in pairs:
            pairs[match.group(1)] = match.group(2).strip()
    return tuple(pairs.items())


def _is_title_h1(node: LexborNode) -> bool:
    """An <h1> inside a link or a breadcrumb names the page it links to (58's
    touch pages wrap the category crumb in one), not this article."""
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        if parent.tag == "a":
            return False
        names = f"{parent.attributes.get('class') or ''} {parent.attributes.get('id') or ''}".lower()
        if "crumb" in names:
            return False
        parent = parent.parent
    return True


_SHOWN_TITLE_TAGS = "h1, h2, h3, div, p, span, strong, b, td"
_MAX_SHOWN_TITLE = 120


def _shown_prefix(title: str, tree: LexborHTMLParser) -> str | None:
    """The longest part of a head title before a separator that the page shows
    as an element's whole text: "标题-北京 - 海淀 - 北洼路合租房-北洼路58同城"
    → "标题" when the page prints "标题" on its own. Site names that no
    suffix list knows ("…58同城") are cut this way."""
    cuts = [m.start() for m in _TITLE_SEPARATOR.finditer(title) if m.start() > 0]
    if not cuts or tree.body is None:
        return None
    candidates = {title[:cut].strip() for cut in cuts}
    shown = set()
    for node in tree.body.css(_SHOWN_TITLE_TAGS):
        text = node.text(deep=True)
        if len(text) <= 2 * _MAX_SHOWN_TITLE and (text := clean_whitespace(text)) in candidates:
            shown.add(text)
    return max(shown, key=len) if shown else None


def _title(tree: LexborHTMLParser, site_name: str | None) -> str | None:
    h1s = [t for t in (_node_text(n) for n in tree.css("h1") if _is_title_h1(n)) if t]
    if len(h1s) == 1:
        return h1s[0]
    og = _attr(tree.css_first('meta[property="og:title"]'), "content")
    head_title = og or _node_text(tree.css_first("title"))
    if head_title:
        stripped = strip_site_suffix(head_title, site_name)
        if stripped == head_title:
            stripped = _shown_prefix(head_title, tree) or stripped
        return stripped
    return h1s[0] if h1s else None


def page_meta(html: str | LexborHTMLParser, tz: timezone = CHINA) -> PageMeta:
    """Everything :class:`PageMeta` holds that the page states; the rest None."""
    tree = html if isinstance(html, LexborHTMLParser) else LexborHTMLParser(html)
    site_name = _attr(tree.css_first('meta[property="og:site_name"]'), "content") or None
    lines = _meta_lines(tree)
    city, category = _city_and_category(_crumbs(tree))
    description = _attr(tree.css_first('meta[name="description"]'), "content") or None
    # A counter printed on the page wins; JSON-LD holds one when the page draws it with script.
    views = _text_views(lines)
    return PageMeta(
        title=_title(tree, site_name),
        published=_markup_published(tree, tz) or _text_published(lines, tz),
        views=views if views is not None else json_ld_views(tree),
        city=city,
        category=category,
        site_name=site_name,
        description=description,
        contact=_contact(tree),
    )
