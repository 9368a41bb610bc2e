"""HTML for the demo portal, in the markup shape the ``demo`` site profile parses.

Plain string building: a listing page must render in well under a
millisecond, and the shape (class names, nesting) is a contract with
``sites/builtin/demo.toml`` — keep the two in step. All generated text goes
through ``html.escape``; the portal noise (top bar, search box, nav, posting
blurb, VIP box, share bar, footer) is deliberate: readers must skip it.
"""

from __future__ import annotations

from html import escape

from tui_reader.demo.site.cities import CityDef
from tui_reader.demo.site.content import ANCHOR, CATEGORIES, CategoryDef, DemoArticle, DemoSite, Head
from tui_reader.demo.site.photo_markup import ad_banner, article_photos, logo_img, row_photos
from tui_reader.demo.site.words import THIS_YEAR

_STYLE = (
    "body{font:12px/1.6 SimSun,sans-serif;margin:0}.wrap{width:980px;margin:0 auto}"
    ".topbar{background:#f5f5f5;border-bottom:1px solid #ddd}.nav{background:#1d5fa8}"
    ".nav a{color:#fff;padding:0 12px}.infolist li{border-bottom:1px dashed #ccc}"
    ".price{color:#f60}.vip-box{border:1px solid #f90}.footer{text-align:center;color:#666}"
)
_HOT_CITIES = ("nanjing", "suzhou", "hangzhou", "guangzhou", "shenzhen", "lianyungang", "hefei", "zhengzhou")


def _hot_name(site: DemoSite, slug: str) -> str:
    city = site.city(slug)
    assert city is not None  # _HOT_CITIES names only cities the demo has
    return city.name


def _layout(site: DemoSite, charset: str, title: str, main: str, city: CityDef | None = None) -> str:
    where = f"{city.name}分类信息网" if city else site.name
    if city:
        nav = "".join(f'<a href="/{city.slug}/{c.slug}/">{c.name}</a>' for c in CATEGORIES[:9])
        nav = f'<a href="/{city.slug}/">{city.name}首页</a>{nav}'
    else:
        nav = "".join(f'<a href="/{s}/">{_hot_name(site, s)}</a>' for s in _HOT_CITIES)
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="{charset}">\n'
        f"<title>{escape(title)}</title>\n"
        f'<meta name="keywords" content="{escape(where)},免费发布信息,房屋出租,招聘求职,二手转让">\n'
        f'<meta name="description" content="{escape(where)}是本地免费的分类信息平台，提供房产、招聘、二手、车辆、生活服务等信息。">\n'
        f"<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<div class="topbar"><div class="wrap">您好,欢迎来到{escape(where)}！ '
        f'<a href="/post.html">免费发信息</a> <a href="/login.html">登录</a> <a href="/reg.html">注册</a> '
        f'<a href="/m/">手机版</a></div></div>\n'
        f'<div class="header wrap"><a class="logo" href="/">{logo_img("a", site.name)}</a>'
        f'<span class="cityname">{escape(city.name) if city else "全国"}</span> <a class="switch" href="/">[切换城市]</a>'
        f'<form class="search" action="/search.html" method="get"><input type="text" name="kw" placeholder="请输入关键字">'
        f'<button type="submit">搜 索</button></form></div>\n'
        f'<div class="nav"><div class="wrap"><a href="/">首页</a>{nav}</div></div>\n'
        f"{ad_banner('a', city.slug if city else '')}\n"
        f'<div class="post-tip wrap">免费发布信息：房屋出租、招聘求职、二手转让、生活服务……注册会员即可免费发布，'
        f'审核通过后立即显示。<a href="/post.html">马上发布</a></div>\n'
        f'<div class="main wrap">\n{main}\n</div>\n'
        f'<div class="footer"><p><a href="/about.html">关于我们</a> | <a href="/contact.html">联系我们</a> | '
        f'<a href="/help.html">帮助中心</a> | <a href="/qiye/">企业名录</a> | <a href="/sitemap.html">网站地图</a></p>'
        f"<p>Copyright &copy; 2010-{THIS_YEAR} {site.name} 版权所有 "
        f'<a href="https://beian.miit.gov.cn/" rel="nofollow">{site.icp}</a></p>'
        f"<p>本站信息均由网友自行发布，本站不对信息真实性负责，交易时请谨防上当受骗。</p></div>\n"
        f"<script>var _hmt = _hmt || [];</script>\n</body>\n</html>\n"
    )


def _vip_box(heads: list[Head]) -> str:
    items = "".join(f'<li><a href="{h.path}">{escape(h.title)}</a></li>' for h in heads)
    return f'<div class="vip-box"><h3>VIP推荐</h3><ul>{items}</ul></div>'


def _crumb(site: DemoSite, city: CityDef | None = None, category: CategoryDef | None = None) -> str:
    parts = [f'<a href="/">{site.name}</a>']
    if city:
        parts.append(f'<a href="/{city.slug}/">{city.name}分类信息网</a>')
    if city and category:
        parts.append(f'<a href="/{city.slug}/{category.slug}/">{category.name}</a>')
    return f'<div class="breadcrumb">{" &gt; ".join(parts)}</div>'


def home(site: DemoSite, charset: str) -> str:
    hot = " ".join(f'<a href="/{s}/">{_hot_name(site, s)}</a>' for s in _HOT_CITIES)
    blocks = []
    for province, cities in site.provinces():
        links = " ".join(f'<a href="/{c.slug}/">{c.name}</a>' for c in cities)
        blocks.append(f'<dl class="province"><dt>{province}</dt><dd>{links}</dd></dl>')
    main = (
        f'<div class="hotcity">热门城市：{hot}</div>\n'
        f'<div class="citylist"><h2>按省份选择城市</h2>\n' + "\n".join(blocks) + "\n</div>"
    )
    return _layout(site, charset, f"{site.name}_免费发布信息_城市分站导航", main)


def city_page(site: DemoSite, charset: str, city: CityDef) -> str:
    items = "".join(
        f'<li><a href="/{city.slug}/{c.slug}/">{c.name}</a><em>({site.count(city, c)})</em></li>'
        for c in site.categories
    )
    main = f'{_crumb(site, city)}\n<h1>{city.name}分类信息</h1>\n<ul class="catlist">{items}</ul>\n' + _vip_box(
        site.recommended(city, "city")
    )
    return _layout(site, charset, f"{city.name}分类信息网_{city.name}免费发布信息", main, city)


def pager_window(current: int, last: int) -> list[int | None]:
    """The page numbers a pager shows: a window around ``current`` plus both ends, None for "…"."""
    low, high = max(1, current - 4), min(last, current + 4)
    numbers: list[int | None] = []
    if low > 1:
        numbers.append(1)
        if low > 2:
            numbers.append(None)
    numbers.extend(range(low, high + 1))
    if high < last:
        if high < last - 1:
            numbers.append(None)
        numbers.append(last)
    return numbers


def pager(current: int, last: int) -> str:
    """``上一页 1 … 6 7 [8] 9 10 … 500 下一页``: a window around the current page plus both ends."""
    parts = []
    if current > 1:
        parts.append(f'<a href="?page={current - 1}">上一页</a>')
    for n in pager_window(current, last):
        if n is None:
            parts.append("<span>…</span>")
        else:
            parts.append(f'<span class="current">{n}</span>' if n == current else f'<a href="?page={n}">{n}</a>')
    if current < last:
        parts.append(f'<a class="next" href="?page={current + 1}">下一页</a>')
    return f'<div class="pager">{" ".join(parts)}</div>'


def category_page(site: DemoSite, charset: str, city: CityDef, category: CategoryDef, number: int) -> str:
    rows = []
    for h in site.page(city, category, number):
        price = f'<span class="price">{escape(h.price)}</span>' if h.price else ""
        rows.append(
            f'<li class="item"><a class="title" href="{h.path}">{escape(h.title)}</a>{row_photos("a", h, h.path)}{price}'
            f'<span class="date">{h.published:%Y-%m-%d}</span><span class="views">{h.views}次查看</span></li>'
        )
    # Hostile mode (see hostile.py) adds rows whose links go where no reader should follow.
    for text, href in getattr(site, "extra_links", ()):
        rows.append(
            f'<li class="item"><a class="title" href="{escape(href)}">{escape(text)}</a>'
            f'<span class="date">{ANCHOR:%Y-%m-%d}</span><span class="views">1次查看</span></li>'
        )
    total = site.count(city, category)
    main = (
        f'{_crumb(site, city, category)}\n<div class="listbox"><h2>{city.name}{category.name}信息</h2>'
        f'<p class="total">共 {total} 条信息</p>\n<ul class="infolist">\n'
        + "\n".join(rows)
        + "\n</ul>\n"
        + pager(number, site.page_count(city, category))
        + "</div>\n"
        + _vip_box(site.recommended(city, (category.slug, number)))
    )
    suffix = f"_第{number}页" if number > 1 else ""
    return _layout(site, charset, f"{city.name}{category.name}信息{suffix}_{city.name}分类信息网", main, city)


def _neighbour(site: DemoSite, head: Head, index: int) -> str:
    if not 0 <= index < site.count(head.city, head.category):
        return "没有了"
    other = site.head(head.city, head.category, index)
    return f'<a href="{other.path}">{escape(other.title)}</a>'


def body_html(site: DemoSite, article: DemoArticle) -> str:
    """The article's paragraphs (plus, in hostile mode, its links to where no reader should follow)."""
    body = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
    links = getattr(site, "extra_links", ())
    if links:
        body += "<p>" + " ".join(f'<a href="{escape(href)}">{escape(text)}</a>' for text, href in links) + "</p>"
    return body


def article_page(site: DemoSite, charset: str, article: DemoArticle) -> str:
    h = article.head
    d = h.published
    body = body_html(site, article)
    contact = ""
    if article.contact:
        lines = "".join(f"<li><span>{label}：</span>{escape(value)}</li>" for label, value in article.contact)
        contact = (
            f'<div class="contact"><ul>{lines}</ul>'
            f'<p class="tip">联系我时，请说是在{site.name}上看到的，谢谢！</p></div>'
        )
    main = (
        f'{_crumb(site, h.city, h.category)}\n<div class="article"><h1>{escape(h.title)}</h1>'
        f'<div class="meta">{d.year}/{d.month}/{d.day} {d:%H:%M:%S}发布{h.views}次查看</div>\n'
        f'<div class="content">{body}</div>\n{contact}\n'
        f'<div class="share">分享到：<a href="#">微信</a> <a href="#">QQ空间</a> <a href="#">新浪微博</a></div>'
        f'<div class="prevnext">上一篇：{_neighbour(site, h, h.index + 1)} 下一篇：{_neighbour(site, h, h.index - 1)}</div>'
        f"</div>\n{article_photos('a', h)}" + _vip_box(site.recommended(h.city, h.key))
    )
    return _layout(site, charset, f"{h.title}_{h.city.name}分类信息网", main, h.city)


def post_page(site: DemoSite, charset: str) -> str:
    main = (
        '<div class="post"><h1>免费发布信息</h1><p>请先选择您要发布信息的城市和栏目，'
        "发布前请阅读发帖须知，虚假信息将被删除。</p><p>演示站点不接受发布。</p></div>"
    )
    return _layout(site, charset, f"免费发布信息_{site.name}", main)


def not_found(site: DemoSite, charset: str) -> str:
    main = '<div class="notfound"><h1>404</h1><p>对不起，您访问的页面不存在或信息已被删除。</p><p><a href="/">返回首页</a></p></div>'
    return _layout(site, charset, f"页面不存在_{site.name}", main)


def server_error(charset: str) -> str:
    # A bare page, as a portal's overloaded backend would answer: no layout.
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="{charset}"><title>500 Internal Server Error</title></head>'
        "<body><h1>服务器繁忙，请稍后再试</h1><p>500 Internal Server Error</p></body></html>\n"
    )


ROBOTS_TXT = "User-agent: *\nDisallow: /post.html\nAllow: /\n"
