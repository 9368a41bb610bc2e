"""HTML for the demo portal's third style ("c"): the same content, a third portal's shape.

Style "c" is read with no site profile at all, so it is shaped like the
portals discovery has to cope with, not like a contract: UTF-8 with the
charset in an old-style ``http-equiv`` meta, city pages at ``/{city}/``,
listing pages at ``/{city}/{category}/`` and ``…/pn{N}/``, articles at
``/{city}/{category}/{id}x.shtml``, relative dates (see ``reltime``) and the
usual traps: the full city chooser one click away from the home page
(``/changecity.html``, grouped by pinyin letter, with a 热门城市 block
repeating some cities), category blocks whose headings are not categories,
周边城市 and 最新发布 links on city pages, footer links everywhere.

This module holds the URL scheme, the chrome and the pages above the
listings; ``pages_c_list`` renders listing pages and ``pages_c_article``
article pages and the refusals that wear the site's chrome.
"""

from __future__ import annotations

from html import escape

from tui_reader.demo.site.cities import CityDef
from tui_reader.demo.site.content import CATEGORIES, CategoryDef, DemoSite, Head
from tui_reader.demo.site.photo_markup import ad_banner, logo_img
from tui_reader.demo.site.rng import stable_hash
from tui_reader.demo.site.words import THIS_YEAR

SITE_NAME = "八方同城"
HOTLINE = "400-661-5858"
HOT_CITIES = ("shenzhen", "guangzhou", "hangzhou", "suzhou", "nanjing", "qingdao", "zhengzhou", "hefei")
"""The 热门城市 the home page and the city chooser both show (the chooser lists them again by letter)."""

CATEGORY_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("房屋信息", ("fangchan",)),
    ("招聘求职", ("zhaopin", "jianzhi")),
    ("二手市场", ("ershou", "cheliang")),
    ("本地服务", ("fuwu", "zhuangxiu", "jiaoyu", "shangwu")),
    ("宠物交友", ("chongwu", "jiaoyou")),
    ("本地资讯", ("xinwen",)),
)
"""The city page's category blocks: a heading that is not a category (大类) over its boards."""

_NAV_BOARDS = 8
_FOOTER_LINKS = (
    ("关于我们", "/about/"),
    ("联系我们", "/contact/"),
    ("网站地图", "/sitemap.html"),
    ("帮助中心", "/help/"),
    ("招贤纳士", "/job/"),
    ("隐私政策", "/privacy/"),
    ("友情链接", "/links/"),
)
_HOT_SEARCHES = ("单间出租", "司机招聘", "二手电动车", "搬家", "家政保洁")
_STYLE = (
    "body{font:13px/1.5 'Microsoft YaHei',sans-serif;margin:0;color:#333}#topbar{background:#f7f7f7;height:30px}"
    ".w{width:1190px;margin:0 auto}#nav{background:#ff552e}#nav a{color:#fff;padding:0 14px}"
    ".tbimg td{padding:12px 0;border-bottom:1px solid #f2f2f2}.price b{color:#f50;font-size:18px}"
    ".pager a,.pager strong{padding:3px 10px;border:1px solid #ddd}#footer{color:#999;text-align:center}"
)


# --- the URL scheme ---------------------------------------------------------------


def city_path(city: CityDef) -> str:
    return f"/{city.slug}/"


def list_path(city: CityDef, category: CategoryDef, number: int = 1) -> str:
    """Page 1 is the category itself; page N lives at ``…/pn{N}/``."""
    base = f"/{city.slug}/{category.slug}/"
    return base if number <= 1 else f"{base}pn{number}/"


def article_path(head: Head) -> str:
    return f"/{head.city.slug}/{head.category.slug}/{head.id}x.shtml"


def icp(site: DemoSite) -> str:
    return f"京ICP备{stable_hash(site.seed, 'icp-c') % 9000000 + 1000000}号-1"


# --- chrome ------------------------------------------------------------------------


def layout(site: DemoSite, charset: str, title: str, main: str, city: CityDef | None = None) -> str:
    where = escape(city.name) if city else "全国"
    return (
        f'<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
        f"<title>{escape(title)}</title>\n"
        f'<meta name="keywords" content="{where}同城,{where}分类信息,{where}租房,{where}招聘">\n'
        f"<style>{_STYLE}</style>\n"
        f"<script>var ____json4fe = {{locallist:{{listname:'{city.slug if city else 'www'}'}}}};</script>\n"
        f"</head>\n<body>\n"
        f'<div id="topbar"><div class="w"><span class="cur-city">{where}</span>'
        f'<a class="change-city" href="/changecity.html">[切换城市]</a>'
        f'<span class="bar-right"><a href="/passport/login">登录</a> | <a href="/passport/reg">注册</a> | '
        f'<a href="/my/">个人中心</a> | <a href="/app/">手机客户端</a> | '
        f'<a class="post-btn" href="/post.html">免费发布</a></span></div></div>\n'
        f'<div id="header" class="w"><a class="logo" href="/">{logo_img("c", SITE_NAME)}</a>'
        f'<form id="searchform" action="/sou/" method="get"><input type="text" name="key" '
        f'placeholder="搜索房源、职位、二手…"><input type="submit" value="搜 索"></form></div>\n'
        f"{_nav(city)}\n{ad_banner('c', city.slug if city else '')}\n"
        f'<div id="main" class="w">\n{main}\n</div>\n{_footer(site)}'
        f'<script src="/static/c/common.js"></script>\n</body>\n</html>\n'
    )


def _nav(city: CityDef | None) -> str:
    if city is None:
        links = '<a href="/">首页</a><a href="/changecity.html">城市分站</a><a href="/app/">手机版</a>'
    else:
        boards = "".join(f'<a href="{list_path(city, c)}">{c.name}</a>' for c in CATEGORIES[:_NAV_BOARDS])
        home_link = city_path(city)
        links = f'<a href="{home_link}">{escape(city.name)}首页</a>{boards}<a class="more" href="{home_link}">更多</a>'
    return f'<div id="nav"><div class="w">{links}</div></div>'


def _footer(site: DemoSite) -> str:
    links = " | ".join(f'<a href="{href}">{text}</a>' for text, href in _FOOTER_LINKS)
    return (
        f'<div id="footer"><p class="foot-links">{links}</p>'
        f"<p>客服热线：{HOTLINE}（周一至周日 8:00-20:00） 违法和不良信息举报：jubao@bafang.example</p>"
        f"<p>&copy; 2011-{THIS_YEAR} {SITE_NAME} "
        f'<a href="https://beian.miit.gov.cn/" rel="nofollow">{icp(site)}</a> '
        f"增值电信业务经营许可证：京B2-20110088</p></div>\n"
    )


def crumbs(city: CityDef | None = None, category: CategoryDef | None = None) -> str:
    parts = [f'<a href="/">{SITE_NAME}</a>']
    if city:
        parts.append(f'<a href="{city_path(city)}">{escape(city.name)}同城</a>')
    if city and category:
        parts.append(f'<a href="{list_path(city, category)}">{escape(city.name)}{category.name}</a>')
    return f'<div class="crumbs">{" &gt; ".join(parts)}</div>'


def hot_cities(site: DemoSite) -> list[CityDef]:
    found = (site.city(slug) for slug in HOT_CITIES)
    return [city for city in found if city is not None]


def _city_links(cities: list[CityDef]) -> str:
    return "".join(f'<a href="{city_path(c)}">{escape(c.name)}</a>' for c in cities)


# --- home and the city chooser -------------------------------------------------------


def home(site: DemoSite, charset: str) -> str:
    """A few hot cities and the way to all of them: the chooser is one click away."""
    main = (
        f'<div class="home-city"><h3>热门城市</h3><div class="hot-links">{_city_links(hot_cities(site))}</div>'
        f'<a class="more-city" href="/changecity.html">更多城市&gt;&gt;</a></div>\n'
        f'<div class="home-app"><h3>下载{SITE_NAME}APP</h3><p>找房子、找工作、卖闲置，随时随地发布信息。</p>'
        f'<a href="/app/">立即下载</a></div>\n'
        f'<div class="home-safe"><h3>安全提示</h3><p>交易前请核实对方身份，谨防诈骗；看房前不交定金。</p></div>'
    )
    return layout(site, charset, f"{SITE_NAME} - 本地生活服务平台，免费发布信息", main)


def cities_by_letter(site: DemoSite) -> list[tuple[str, list[CityDef]]]:
    """All cities grouped by the first letter of their pinyin, letters and cities in order."""
    everyone = sorted((c for _, cities in site.provinces() for c in cities), key=lambda c: c.slug)
    groups: dict[str, list[CityDef]] = {}
    for city in everyone:
        groups.setdefault(city.slug[0].upper(), []).append(city)
    return list(groups.items())


def change_city(site: DemoSite, charset: str) -> str:
    groups = cities_by_letter(site)
    letters = "".join(f'<a href="#{letter}">{letter}</a>' for letter, _ in groups)
    blocks = "\n".join(
        f'<dl id="{letter}" class="letter-group"><dt>{letter}</dt><dd>{_city_links(cities)}</dd></dl>'
        for letter, cities in groups
    )
    main = (
        f'<div class="hot-city"><h3>热门城市</h3><div class="hot-links">{_city_links(hot_cities(site))}</div></div>\n'
        f'<div class="letter-nav">按拼音首字母选择：{letters}</div>\n'
        f'<form class="city-search" action="/changecity.html" method="get"><input name="q" placeholder="输入城市名或拼音">'
        f"<button>进入</button></form>\n"
        f'<div class="all-city">\n{blocks}\n</div>'
    )
    return layout(site, charset, f"切换城市 - {SITE_NAME}", main)


# --- city page ------------------------------------------------------------------------


def category_blocks(site: DemoSite, city: CityDef) -> str:
    blocks = []
    for heading, slugs in CATEGORY_GROUPS:
        boards = [c for c in (site.category(s) for s in slugs) if c is not None]
        items = "".join(
            f'<li><a href="{list_path(city, c)}">{c.name}</a><em>({site.count(city, c)})</em></li>' for c in boards
        )
        blocks.append(
            f'<div class="cat-block"><h2 class="cat-big">{heading}</h2><ul class="cat-sub">{items}</ul></div>'
        )
    return '<div class="cat-blocks">\n' + "\n".join(blocks) + "\n</div>"


def _latest(site: DemoSite, city: CityDef) -> str:
    heads = site.recommended(city, "latest-c", 8)
    items = "".join(f'<li><a href="{article_path(h)}">{escape(h.title)}</a></li>' for h in heads)
    return f'<div class="side-box latest"><h3>最新发布</h3><ul>{items}</ul></div>'


def _nearby(site: DemoSite, city: CityDef) -> str:
    same = [c for name, cities in site.provinces() if name == city.province for c in cities if c.slug != city.slug]
    return f'<div class="side-box near"><h3>周边城市</h3>{_city_links(same[:6])}</div>'


def city_page(site: DemoSite, charset: str, city: CityDef) -> str:
    searches = "".join(f'<a href="/sou/?key={escape(word)}">{word}</a>' for word in _HOT_SEARCHES)
    main = (
        f'{crumbs(city)}\n<div class="city-head"><h1>{escape(city.name)}同城</h1>'
        f'<span class="hot-search">热门搜索：{searches}</span></div>\n'
        f'<div class="city-main">{category_blocks(site, city)}</div>\n'
        f'<div class="city-side">{_latest(site, city)}{_nearby(site, city)}</div>'
    )
    return layout(site, charset, f"{city.name}同城 - {city.name}分类信息 - {SITE_NAME}", main, city)


# --- odds and ends ---------------------------------------------------------------------


def post_page(site: DemoSite, charset: str) -> str:
    main = '<div class="post-box"><h1>免费发布信息</h1><p>请选择城市和类别后发布。演示站点不接受发布。</p></div>'
    return layout(site, charset, f"免费发布信息 - {SITE_NAME}", main)


def not_found(site: DemoSite, charset: str) -> str:
    """The real 404 (status 404), for paths that match no route at all."""
    main = '<div class="err-box"><h1>404</h1><p>抱歉，您访问的页面不存在。</p><p><a href="/">返回首页</a></p></div>'
    return layout(site, charset, f"页面不存在 - {SITE_NAME}", main)
