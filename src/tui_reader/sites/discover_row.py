"""The fields of one list row: title, address, posted time, price, views, thumbnail
and photo count (:mod:`.row_photos`); and ad rows.

A row's title is its title link's text (whole from the ``title`` attribute
when the page cuts it short); the other fields are read from the row's short
text pieces: a posted time first from an element whose class says time or
date, then from any piece (relative forms resolved by :mod:`.dates`), a price
from an element whose class says price (marked hidden when its digits are an
image or an obfuscated font, see :mod:`.numbers`) or a "2500元/月" piece, and
views from "浏览 123" or "123次浏览".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timezone

from selectolax.lexbor import LexborNode

from tui_reader.models import Listing
from tui_reader.sites.dates import posted_from
from tui_reader.sites.nodes import class_words, link_url, node_text
from tui_reader.sites.row_photos import row_photos
from tui_reader.sites.text import clean_whitespace

__all__ = ["ad_rows", "listing_of"]

_PRICE_CLASS = re.compile(r"price|money|jiage|prc|\bpri\b|zujin|salary", re.I)
_PRICE_TEXT = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|万|元\s*/\s*(?:月|㎡|平米|平|天|年)|元)(?![\w/])|面议")
_VIEWS = re.compile(
    r"(?:浏览|阅读|查看|点击|人气)\s*[:：]?\s*(\d+)|(\d+)\s*(?:次浏览|人浏览|次查看|次阅读|人看过|次点击|浏览|次)"
)


def _pieces(row: LexborNode, title_text: str) -> list[str]:
    text = row.text(deep=True, separator="\n")
    # Most lines are the indentation between tags: str.strip drops them before the folding.
    return [p for p in map(clean_whitespace, filter(str.strip, text.split("\n"))) if p != title_text]


def _posted(row: LexborNode, pieces: list[str], now: datetime, tz: timezone) -> datetime | None:
    for node in row.css("time, [class*=time], [class*=date], [class*=Time], [class*=Date]"):
        when = posted_from(node_text(node), now, tz, bare_clock=True)
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
    from tui_reader.sites.numbers import is_obfuscated

    for node in row.traverse(include_text=False):
        if _PRICE_CLASS.search(node.attributes.get("class") or ""):
            text = node_text(node)
            if text and any(ch.isdigit() for ch in text):
                if is_obfuscated(text):
                    return None, True
                match = _PRICE_TEXT.search(text)
                if match is None and node.parent is not None:
                    # "<b class="pri">800</b>元": the unit stands beside the number.
                    match = _PRICE_TEXT.search(node_text(node.parent))
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


_INNER_TITLE = "h1, h2, h3, h4, h5, h6, [class*=title], [class*=tit]"


def _title_of(link: LexborNode) -> str:
    inner = link.css_first(_INNER_TITLE)
    # A card that is one big link (title, price, date inside): its title is its heading.
    text = node_text(inner) if inner is not None and node_text(inner) else node_text(link)
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
    pieces = _pieces(row, node_text(title))
    price, hidden = _price(row, pieces)
    thumb, photo_count = row_photos(row, url)
    return Listing(
        title=name,
        url=target,
        published=_posted(row, pieces, now, tz),
        views=_views(pieces),
        price=price,
        price_hidden=hidden,
        photo_count=photo_count,
        thumb=thumb,
    )


_AD_WORDS = frozenset(
    {"ad", "ads", "adv", "advert", "advertisement", "gg", "guanggao", "sponsor", "sponsored", "tuiguang", "promo"}
)
_AD_LABEL = frozenset({"广告", "推广", "赞助", "AD", "Ad", "ad"})


def _ad_marks(row: LexborNode) -> set[str]:
    marks = {word for word in class_words(row) if word in _AD_WORDS}
    for node in row.css("span, em, i, b, label, small"):
        text = clean_whitespace(node.text(deep=True))
        if text in _AD_LABEL:
            marks.add(text)
    return marks


def ad_rows(rows: Sequence[LexborNode]) -> set[int]:
    """The indices of paid rows standing in the list (class "ad-row", a "广告" tag):
    not rows of it. A mark that most rows carry is the portal's word for a post
    (百姓网 calls every post an "ad": ``listing-ad``), not an advertisement;
    promoted posts (置顶, 精选) are posts, and stay."""
    marks = [_ad_marks(row) for row in rows]
    counts: dict[str, int] = {}
    for found in marks:
        for mark in found:
            counts[mark] = counts.get(mark, 0) + 1
    common = {mark for mark, count in counts.items() if count * 2 > len(rows)}
    return {index for index, found in enumerate(marks) if found - common}
