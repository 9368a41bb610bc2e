"""HTML for the demo portal's second style ("b"): the same content, another portal's shape.

Where style "a" (``pages.py``) is the old GBK portal, this one is the newer
kind: UTF-8, HTML5 sections, its own class names, listing pages addressed by
path (``/lianyungang/fangchan/list/2/``) and article pages that draw the date
and view counter with script, stating them only in a JSON-LD block. It is a
contract with ``sites/builtin/demo-b.toml``, as ``pages.py`` is with
``demo.toml``; both modules offer the same functions, so ``routes`` can serve
either.
"""

from __future__ import annotations

import json
from html import escape

from tui_reader.demo.site.cities import CityDef
from tui_reader.demo.site.content import ANCHOR, CATEGORIES, CategoryDef, DemoArticle, DemoSite, Head
from tui_reader.demo.site.pages import body_html, pager_window
from tui_reader.demo.site.photo_markup import ad_banner, article_photos, logo_img, row_photos
from tui_reader.demo.site.words import THIS_YEAR

SITE_NAME = "九州生活网"
LIST_PATH = "list/{page}/"
"""Where page N (N ≥ 2) of a category lives, under the category's path."""

_STYLE = (
    "body{font:14px/1.7 system-ui,sans-serif;margin:0;color:#222}.container{max-width:1080px;margin:0 auto}"
    ".site-head{background:#0b7a5a;color:#fff}.post-card{padding:12px 0;border-bottom:1px solid #eee}"
    ".post-price{color:#e4393c}.paging a,.paging strong{padding:2px 8px}.site-foot{color:#888}"
)
_NAV_BOARDS = 8


def list_path(city: CityDef, category: CategoryDef, number: int) -> str:
    base = f"/{city.slug}/{category.slug}/"
    return base if number <= 1 else base + LIST_PATH.format(page=number)


def _layout(title: str, main: str, city: CityDef | None = None, head_extra: str = "") -> str:
    place = city.name if city else "全国"
    if city:
        boards = "".join(f'<a href="/{city.slug}/{c.slug}/">{c.name}</a>' for c in CATEGORIES[:_NAV_BOARDS])
        channels = f'<a href="/{city.slug}/">{city.name}</a>{boards}'
    else:
        channels = '<a href="/">全部城市</a>'
    return (
        f'<!DOCTYPE html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} - {SITE_NAME}</title>\n"
        f'<meta name="description" content="{escape(place)}本地生活信息：租房、招聘、二手、服务，每天更新。">\n'
        f"<style>{_STYLE}</style>\n{head_extra}</head>\n<body>\n"
        f'<header class="site-head"><div class="container"><a class="brand" href="/">{logo_img("b", "")}{SITE_NAME}</a>'
        f'<span class="here">{escape(place)}站</span>'
        f'<nav class="user-links"><a href="/post.html">免费发布信息</a> <a href="/login.html">登录</a> '
        f'<a href="/reg.html">注册</a></nav>'
        f'<form class="search-bar" action="/s/" method="get"><input name="q" placeholder="搜索"><button>搜索</button>'
        f"</form></div></header>\n"
        f'<nav class="channel-bar container">{channels}</nav>\n'
        f"{ad_banner('b', city.slug if city else '')}\n"
        f'<main class="container">\n{main}\n</main>\n'
        f'<footer class="site-foot container"><nav><a href="/about/">关于</a> · <a href="/help/">帮助</a> · '
        f'<a href="/company/">企业名录</a></nav>'
        f"<p>© {THIS_YEAR} {SITE_NAME} · 京ICP证000000号 · 信息由用户发布，请自行核实</p></footer>\n"
        f'<script src="/static/app.js" defer></script>\n</body>\n</html>\n'
    )


def _crumbs(city: CityDef | None = None, category: CategoryDef | None = None, here: str = "") -> str:
    parts = [f'<a href="/">{SITE_NAME}</a>']
    if city:
        parts.append(f'<a href="/{city.slug}/">{city.name}</a>')
    if city and category:
        parts.append(f'<a href="/{city.slug}/{category.slug}/">{category.name}</a>')
    if here:
        parts.append(f"<span>{escape(here)}</span>")
    return f'<nav class="crumbs">{"<i>/</i>".join(parts)}</nav>'


def _promoted(heads: list[Head]) -> str:
    items = "".join(f'<li><a href="{h.path}">{escape(h.title)}</a></li>' for h in heads)
    return f'<aside class="promo"><h4>VIP推荐</h4><ul>{items}</ul></aside>'


def home(site: DemoSite, charset: str) -> str:
    hot = "".join(f'<a href="/{c.slug}/">{c.name}</a>' for c in site.cities if c.tier == 1)
    areas = []
    for province, cities in site.provinces():
        links = "".join(f'<li><a href="/{c.slug}/">{c.name}</a></li>' for c in cities)
        areas.append(
            f'<div class="area"><h3 class="area-name">{province}</h3><ul class="area-cities">{links}</ul></div>'
        )
    main = (
        f'<div class="hot-cities">热门：{hot}</div>\n'
        f'<section class="area-index"><h2>选择城市</h2>\n' + "\n".join(areas) + "\n</section>"
    )
    return _layout("选择城市", main)


def city_page(site: DemoSite, charset: str, city: CityDef) -> str:
    boards = "".join(
        f'<li><a class="board" href="/{city.slug}/{c.slug}/">{c.name}</a>'
        f'<span class="board-count">{site.count(city, c)}条</span></li>'
        for c in site.categories
    )
    main = (
        f'{_crumbs(city)}\n<h1 class="page-title">{city.name}生活信息</h1>\n'
        f'<ul class="board-grid">{boards}</ul>\n' + _promoted(site.recommended(city, "city"))
    )
    return _layout(f"{city.name}生活信息", main, city)


def _paging(city: CityDef, category: CategoryDef, current: int, last: int) -> str:
    parts = []
    if current > 1:
        parts.append(f'<a class="prev" href="{list_path(city, category, current - 1)}">‹ 上一页</a>')
    for n in pager_window(current, last):
        if n is None:
            parts.append('<em class="gap">…</em>')
        elif n == current:
            parts.append(f'<strong class="on">{n}</strong>')
        else:
            parts.append(f'<a href="{list_path(city, category, n)}">{n}</a>')
    if current < last:
        parts.append(f'<a class="next" href="{list_path(city, category, current + 1)}">下一页 ›</a>')
    return f'<nav class="paging">{"".join(parts)}</nav>'


def _card(title: str, href: str, price: str | None, when: str, views: int, photos: str = "") -> str:
    price_tag = f'<span class="post-price">{escape(price)}</span>' if price else ""
    return (
        f'<div class="post-card">{photos}<h2 class="post-title"><a href="{escape(href)}">{escape(title)}</a></h2>'
        f'<div class="post-facts">{price_tag}<time class="post-time">{when}</time>'
        f'<span class="post-hits">浏览 {views}</span></div></div>'
    )


def category_page(site: DemoSite, charset: str, city: CityDef, category: CategoryDef, number: int) -> str:
    cards = [
        _card(h.title, h.path, h.price, f"{h.published:%Y.%m.%d}", h.views, row_photos("b", h, h.path))
        for h in site.page(city, category, number)
    ]
    # Hostile mode (see hostile.py) adds rows whose links go where no reader should follow.
    cards.extend(_card(text, href, None, f"{ANCHOR:%Y.%m.%d}", 1) for text, href in getattr(site, "extra_links", ()))
    main = (
        f'{_crumbs(city, category)}\n<section class="post-list"><header><h1>{city.name} · {category.name}</h1>'
        f'<span class="total">共{site.count(city, category)}条</span></header>\n'
        + "\n".join(cards)
        + "\n</section>\n"
        + _paging(city, category, number, site.page_count(city, category))
        + "\n"
        + _promoted(site.recommended(city, (category.slug, number)))
    )
    suffix = f" 第{number}页" if number > 1 else ""
    return _layout(f"{city.name}{category.name}{suffix}", main, city)


def _json_ld(article: DemoArticle) -> str:
    h = article.head
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle" if h.category.slug == "xinwen" else "Article",
        "headline": h.title,
        "datePublished": h.published.isoformat(),
        "articleSection": h.category.name,
        "publisher": {"@type": "Organization", "name": SITE_NAME},
    }
    # The news board shows no counter, as many news pages do: its JSON-LD has none either.
    if h.category.slug != "xinwen":
        data["interactionStatistic"] = {
            "@type": "InteractionCounter",
            "interactionType": {"@type": "ViewAction"},
            "userInteractionCount": h.views,
        }
    # "<" escaped, so no title can close the script element early.
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return f'<script type="application/ld+json">{text}</script>\n'


def _neighbour(site: DemoSite, head: Head, index: int, label: str) -> str:
    if not 0 <= index < site.count(head.city, head.category):
        return f"<span>{label}：没有了</span>"
    other = site.head(head.city, head.category, index)
    return f'<a href="{other.path}">{label}：{escape(other.title)}</a>'


def article_page(site: DemoSite, charset: str, article: DemoArticle) -> str:
    h = article.head
    body = body_html(site, article)
    contact = ""
    if article.contact:
        lines = "".join(
            f"<li><label>{label}</label><span>{escape(value)}</span></li>" for label, value in article.contact
        )
        contact = f'<ul class="contact-card">{lines}</ul><p class="safety-tip">交易前请核实对方身份，不要提前转账。</p>'
    main = (
        f'{_crumbs(h.city, h.category, h.title)}\n{article_photos("b", h)}<article class="post-detail">'
        f'<h1 class="post-heading">{escape(h.title)}</h1>'
        # Date and counter are filled in by script on the real thing; the page itself says neither.
        f'<div class="post-byline"><span class="post-id">编号 {h.id}</span> '
        f'<span class="js-date"></span> <span class="js-hits"></span> <a class="report" href="#">举报</a></div>\n'
        f'<div class="post-text">{body}</div>\n{contact}\n'
        f'<div class="share-bar">分享到 <a href="#">微信</a> <a href="#">微博</a></div>'
        f'<div class="post-nav">{_neighbour(site, h, h.index + 1, "上一条")} {_neighbour(site, h, h.index - 1, "下一条")}</div>'
        f"</article>\n" + _promoted(site.recommended(h.city, h.key))
    )
    return _layout(h.title, main, h.city, head_extra=_json_ld(article))


def post_page(site: DemoSite, charset: str) -> str:
    main = '<section class="post-form"><h1>免费发布信息</h1><p>演示站点不接受发布。</p></section>'
    return _layout("免费发布信息", main)


def not_found(site: DemoSite, charset: str) -> str:
    main = '<section class="gone"><h1>页面不存在</h1><p>信息可能已过期或被删除。<a href="/">回到首页</a></p></section>'
    return _layout("页面不存在", main)
