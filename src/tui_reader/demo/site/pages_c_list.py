"""Listing pages of style "c": table rows, relative dates and the boxes that are not the list.

The list is ``<table class="tbimg">``: one ``<tr class="list-row">`` per
post (a thumbnail cell: the first photo, small, and ``6图``, or 暂无图片, see
``photos``; ``<a class="t">`` title with an optional badge, an attribute line,
the relative date and ``浏览 N``, the price as ``<b>2500</b>元/月`` or ``面议``). What a reader must tell apart:

- rows of the list: page 1 opens with ``PINNED`` 置顶 rows (older posts of the
  same board, so they come back as ordinary rows on a later page), and some
  ordinary rows carry a 精选 badge where they stand (``is_featured``);
- not rows: an ad row inside the same table (after the fifth post), the
  猜你喜欢 box under the pager (same row markup, another table, no counter),
  the VIP sidebar, the 区域/排序 filter links;
- the pager: ``<`` / ``>`` arrows, numbers, ``...``, 共N页 and a jump box.
"""

from __future__ import annotations

import re
from datetime import datetime
from html import escape

from tui_reader.demo.site.cities import CityDef
from tui_reader.demo.site.content import PAGE_SIZE, CategoryDef, DemoSite, Head
from tui_reader.demo.site.pages_c import SITE_NAME, article_path, crumbs, layout, list_path
from tui_reader.demo.site.photo_markup import row_thumb_c
from tui_reader.demo.site.reltime import posted_at, shown
from tui_reader.demo.site.rng import Rng, stable_hash

__all__ = [
    "PINNED",
    "category_page",
    "guesses",
    "is_featured",
    "page_rows",
    "pager_numbers",
    "pinned",
    "price_html",
    "price_inline",
]

PINNED = 2
"""置顶 rows at the top of page 1."""
AD_AFTER = 5
"""The ad row follows this many posts."""
_GUESSES = 6
_ADS = (
    "装修公司哪家好？免费量房，先装修后付款",
    "驾校报名立减800元，包接送",
    "搬家公司特惠，同城搬家99元起",
    "专业疏通下水道，24小时上门",
)
_PRICE = re.compile(r"(\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?)(\D.*)?")


def is_featured(head: Head) -> bool:
    """精选: a paid badge on an ordinary row, which stays where its date puts it."""
    return head.key % 6 == 0


def pinned(site: DemoSite, city: CityDef, category: CategoryDef) -> list[Head]:
    """The 置顶 posts of a board: older posts (never from page 1), chosen by the seed."""
    span = site.count(city, category) - PAGE_SIZE
    r = Rng(stable_hash(site.seed, city.slug, category.slug, "pinned-c"))
    picks: list[int] = []
    while len(picks) < min(PINNED, max(span, 0)):
        index = PAGE_SIZE + r.below(span)
        if index not in picks:
            picks.append(index)
    return [site.head(city, category, i) for i in picks]


def page_rows(site: DemoSite, city: CityDef, category: CategoryDef, number: int) -> list[tuple[Head, str]]:
    """The list's rows in page order, each with its badge ("置顶", "精选" or "")."""
    rows = [(h, "置顶") for h in pinned(site, city, category)] if number == 1 else []
    rows.extend((h, "精选" if is_featured(h) else "") for h in site.page(city, category, number))
    return rows


def price_inline(price: str) -> str:
    """``<b>2500</b>元/月`` for a number, ``<span class="mianyi">面议</span>`` for words; its text is the price."""
    match = _PRICE.fullmatch(price)
    if match:
        return f"<b>{match[1]}</b>{escape(match[2] or '')}"
    return f'<span class="mianyi">{escape(price)}</span>'


def price_html(price: str | None) -> str:
    """The price in its own block, as list rows and boxes show it; nothing when there is none."""
    return f'<div class="price">{price_inline(price)}</div>' if price else ""


def _attrs(head: Head) -> str:
    f = head.facts
    parts = [f.get("district")]
    if "layout" in f:
        parts += [f["layout"], f"{f['area']}㎡", f.get("floor")]
    elif "company" in f:
        parts += [f["company"], f"招{f['headcount']}人"]
    elif "shop" in f or "school" in f or "firm" in f:
        parts.append(f.get("shop") or f.get("school") or f.get("firm"))
    return "".join(f"<span>{escape(str(p))}</span>" for p in parts if p)


def _row(head: Head, badge: str, now: datetime) -> str:
    href = article_path(head)
    when = shown(posted_at(head.published, now), now).text
    tag = f'<i class="tag {"tag-top" if badge == "置顶" else "tag-jx"}">{badge}</i>' if badge else ""
    return (
        f'<tr class="list-row" logr="{head.id}">{row_thumb_c(head, href)}'
        f'<td class="info"><div class="title-line"><a class="t" href="{href}" target="_blank">'
        f'{escape(head.title)}</a>{tag}</div><div class="attrs">{_attrs(head)}</div>'
        f'<div class="sub"><span class="time">{when}</span><span class="views">浏览 {head.views}</span></div></td>'
        f'<td class="pr">{price_html(head.price)}</td></tr>'
    )


def _ad_row(site: DemoSite, city: CityDef, number: int) -> str:
    aid = stable_hash(site.seed, city.slug, "ad-c", number) % 9000 + 1000
    text = f"{escape(city.name)}{_ADS[aid % len(_ADS)]}"
    return (
        f'<tr class="ad-row"><td colspan="3"><span class="ad-tag">广告</span>'
        f'<a href="/ad/click?aid={aid}" rel="nofollow" target="_blank">'
        f'<img src="/ad/banner{aid % 7}.jpg" alt="推广"></a>'
        f'<a class="ad-t" href="/ad/click?aid={aid}" rel="nofollow" target="_blank">{text}</a></td></tr>'
    )


def _hostile_row(text: str, href: str) -> str:
    return (
        f'<tr class="list-row"><td class="img"></td><td class="info"><div class="title-line">'
        f'<a class="t" href="{escape(href)}">{escape(text)}</a></div>'
        f'<div class="sub"><span class="time">刚刚</span><span class="views">浏览 1</span></div></td>'
        f'<td class="pr"></td></tr>'
    )


def _table(site: DemoSite, city: CityDef, category: CategoryDef, number: int, now: datetime) -> str:
    rows = [_row(h, badge, now) for h, badge in page_rows(site, city, category, number)]
    pinned_count = PINNED if number == 1 else 0
    at = min(len(rows), pinned_count + AD_AFTER)
    rows.insert(at, _ad_row(site, city, number))
    # Hostile mode (see hostile.py) adds rows whose links go where no reader should follow.
    rows.extend(_hostile_row(text, href) for text, href in getattr(site, "extra_links", ()))
    return '<table class="tbimg" id="infolist"><tbody>\n' + "\n".join(rows) + "\n</tbody></table>"


def pager_numbers(current: int, last: int) -> list[int | None]:
    """The numbers the pager shows: two either side of ``current`` plus both ends; None is "..."."""
    shown_numbers = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    numbers: list[int | None] = []
    for n in shown_numbers:
        if numbers and n - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(n)
    return numbers


def _pager(city: CityDef, category: CategoryDef, current: int, last: int) -> str:
    if last <= 1:
        return ""
    parts = []
    if current > 1:
        parts.append(f'<a class="prv" href="{list_path(city, category, current - 1)}"><span>&lt;</span></a>')
    for n in pager_numbers(current, last):
        if n is None:
            parts.append('<span class="omit">...</span>')
        elif n == current:
            parts.append(f"<strong><span>{n}</span></strong>")
        else:
            parts.append(f'<a href="{list_path(city, category, n)}"><span>{n}</span></a>')
    if current < last:
        parts.append(f'<a class="next" href="{list_path(city, category, current + 1)}"><span>&gt;</span></a>')
    parts.append(
        f'<span class="total">共{last}页</span><span class="jump">到第<input name="pn" size="3">页'
        f"<button>确定</button></span>"
    )
    return f'<div class="pager" id="pager">{"".join(parts)}</div>'


def guesses(site: DemoSite, city: CityDef, category: CategoryDef, number: int) -> list[Head]:
    """The 猜你喜欢 posts: same board, any of its newest hundred (so some repeat the list)."""
    r = Rng(stable_hash(site.seed, city.slug, category.slug, "guess-c", number))
    pool = range(min(site.count(city, category), 100))
    return [site.head(city, category, i) for i in r.sample(pool, _GUESSES)]


def _guess_box(heads: list[Head]) -> str:
    rows = "".join(
        f'<tr class="list-row"><td class="img"><a href="{article_path(h)}">'
        f'<img src="/pic/c/{h.id % 97}.jpg" '
        f'width="80" height="60"></a></td><td class="info"><div class="title-line"><a class="t" '
        f'href="{article_path(h)}">{escape(h.title)}</a></div><div class="attrs">{_attrs(h)}</div></td>'
        f'<td class="pr">{price_html(h.price)}</td></tr>'
        for h in heads
    )
    return (
        f'<div class="guess-like"><h3 class="box-t">猜你喜欢</h3>'
        f'<table class="tbimg tbimg-guess"><tbody>{rows}</tbody></table></div>'
    )


def _vip_side(site: DemoSite, city: CityDef, category: CategoryDef, number: int) -> str:
    items = "".join(
        f'<li><a href="{article_path(h)}"><img src="/pic/c/{h.id % 97}.jpg" width="60"></a>'
        f'<p class="t"><a href="{article_path(h)}">{escape(h.title)}</a></p>{price_html(h.price)}</li>'
        for h in site.recommended(city, ("vip-c", category.slug, number), 5)
    )
    return f'<div class="list-side"><div class="vip-box"><h4>VIP推荐商家</h4><ul>{items}</ul></div></div>'


def _filters(city: CityDef, category: CategoryDef) -> str:
    base = list_path(city, category)
    areas = "".join(f'<a href="{base}?qy={i}">{escape(d)}</a>' for i, d in enumerate(city.districts, 1))
    return (
        f'<div class="filter"><dl><dt>区域：</dt><dd><a class="on" href="{base}">不限</a>{areas}</dd></dl>'
        f'<dl><dt>排序：</dt><dd><a class="on" href="{base}">默认</a><a href="{base}?sort=new">最新</a>'
        f'<a href="{base}?sort=hot">最热</a></dd></dl></div>'
    )


def category_page(
    site: DemoSite, charset: str, city: CityDef, category: CategoryDef, number: int, now: datetime
) -> str:
    last = site.page_count(city, category)
    main = (
        f'{crumbs(city, category)}\n<div class="list-main">{_filters(city, category)}\n'
        f'<div class="list-head"><h1>{escape(city.name)}{category.name}</h1>'
        f"<span>共找到 <em>{site.count(city, category)}</em> 条信息</span></div>\n"
        f"{_table(site, city, category, number, now)}\n{_pager(city, category, number, last)}\n"
        f"{_guess_box(guesses(site, city, category, number))}</div>\n"
        f"{_vip_side(site, city, category, number)}"
    )
    suffix = f"第{number}页 - " if number > 1 else ""
    return layout(site, charset, f"{city.name}{category.name}信息 - {suffix}{city.name}同城 - {SITE_NAME}", main, city)
