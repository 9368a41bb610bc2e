"""Profile-free discovery: the demo portal's styles "a" and "b", and small pages written here.

On the demo portal (real HTTP on loopback) the bundled profiles (``demo``,
``demo-b``) are the gold: discovery with the ``auto`` profile must find what
they find. The synthetic pages below each isolate one trap a portal sets for
a reader without a profile: a 猜你喜欢 box beside the list, 置顶 rows inside
it, a list cut in two by an ad, relative dates, pagers of every shape, and
pages that answer 200 with something other than content.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser

from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.fetch.fetcher import decode_html
from tui_reader.sites import parse
from tui_reader.sites.dates import posted_from
from tui_reader.sites.discover import discover_listings
from tui_reader.sites.discover_pager import find_pager
from tui_reader.sites.kinds import classify
from tui_reader.sites.pages import read_categories, read_cities, read_listings
from tui_reader.sites.profile import auto_profile, load_profile

CST = timezone(timedelta(hours=8))
NOW = datetime(2025, 12, 1, 12, 0, tzinfo=CST)


def f1(got: list, want: list) -> float:
    shared = len(set(got) & set(want))
    if not shared:
        return 0.0
    precision, recall = shared / len(set(got)), shared / len(set(want))
    return 2 * precision * recall / (precision + recall)


def in_order(got: list, want: list) -> bool:
    both = set(got) & set(want)
    return [p for p in got if p in both] == [p for p in want if p in both]


# --- the demo portal, styles a and b ------------------------------------------------

STYLES = {"a": ("demo", lambda first, n: f"{first}?page={n}"), "b": ("demo-b", lambda first, n: f"{first}list/{n}/")}
LIST_PAGES = [("lianyungang", "fangchan", 1), ("lianyungang", "fangchan", 2), ("shenzhen", "zhaopin", 1)]


@pytest.fixture(scope="module", params=sorted(STYLES))
def portal(request: pytest.FixtureRequest) -> Iterator[tuple[str, DemoServer, httpx.Client]]:
    options = DemoOptions(style=request.param, articles_per_category=60)
    with (
        DemoServer(port=0, options=options, log=lambda _line: None) as server,
        httpx.Client(follow_redirects=True, timeout=10) as http,
    ):
        yield request.param, server, http


def fetch(http: httpx.Client, url: str) -> tuple[str, str]:
    response = http.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return decode_html(response.content, None)[0], str(response.url)


def list_url(style: str, base: str, city: str, category: str, number: int) -> str:
    first = f"{base}/{city}/{category}/"
    return first if number == 1 else STYLES[style][1](first, number)


@pytest.mark.parametrize(("city", "category", "number"), LIST_PAGES)
def test_demo_rows_and_next_url_match_the_profile(portal, city: str, category: str, number: int) -> None:
    style, server, http = portal
    html, url = fetch(http, list_url(style, server.base_url, city, category, number))
    truth = parse.parse_listings(html, url, load_profile(STYLES[style][0]))
    found = read_listings(html, url, auto_profile(), now=NOW)
    got = [(i.title, i.url) for i in found.items]
    want = [(i.title, i.url) for i in truth.items]
    assert len(want) == 20
    assert f1(got, want) >= 0.95, ([p for p in got if p not in want], [p for p in want if p not in got])
    assert in_order(got, want)
    assert found.next_url == truth.next_url
    assert found.next_url is not None


def test_demo_last_page_has_no_next(portal) -> None:
    style, server, http = portal
    site = server.site()
    place, board = site.city("lianyungang"), site.category("fangchan")
    assert place is not None and board is not None
    last = site.page_count(place, board)
    html, url = fetch(http, list_url(style, server.base_url, "lianyungang", "fangchan", last))
    truth = parse.parse_listings(html, url, load_profile(STYLES[style][0]))
    found = read_listings(html, url, auto_profile(), now=NOW)
    assert truth.next_url is None
    assert found.next_url is None
    assert [(i.title, i.url) for i in found.items] == [(i.title, i.url) for i in truth.items]


def test_demo_cities_match_the_profile(portal) -> None:
    style, server, http = portal
    html, url = fetch(http, server.base_url + "/")
    truth = [(c.name, c.url) for c in parse.parse_cities(html, url, load_profile(STYLES[style][0]))]
    got = [(c.name, c.url) for c in read_cities(html, url, auto_profile())]
    assert len(truth) >= 30
    assert f1(got, truth) >= 0.95, ([p for p in got if p not in truth], [p for p in truth if p not in got])


@pytest.mark.parametrize("city", ["lianyungang", "shenzhen"])
def test_demo_categories_match_the_profile(portal, city: str) -> None:
    style, server, http = portal
    html, url = fetch(http, f"{server.base_url}/{city}/")
    truth = [(c.name, c.url) for c in parse.parse_categories(html, url, load_profile(STYLES[style][0]), city)]
    got = [(c.name, c.url) for c in read_categories(html, url, auto_profile(), city)]
    assert len(truth) >= 10
    assert f1(got, truth) >= 0.95, ([p for p in got if p not in truth], [p for p in truth if p not in got])


def test_demo_page_kinds(portal) -> None:
    style, server, http = portal
    base = server.base_url
    kinds = {}
    for label, path in (("home", "/"), ("city", "/lianyungang/"), ("list", "/lianyungang/fangchan/")):
        html, url = fetch(http, base + path)
        kinds[label] = classify(LexborHTMLParser(html), url).kind
        if label == "list":
            article = parse.parse_listings(html, url, load_profile(STYLES[style][0])).items[0].url
    html, url = fetch(http, article)
    kinds["article"] = classify(LexborHTMLParser(html), url).kind
    assert kinds == {"home": "index", "city": "index", "list": "listing", "article": "article"}


# --- synthetic pages -------------------------------------------------------------------

BASE = "http://bj.example.com/zufang/"

ESTATES = (
    "京旺家园",
    "金盏嘉园",
    "荧屏里",
    "酒仙桥北路",
    "大山子南里",
    "将台西路",
    "南皋公交站",
    "驼房营",
    "星河湾",
    "丽都花园",
    "芳园里",
    "高家园",
    "万红西街",
    "东风苑",
    "望京西园",
    "花家地",
)
ROOMS = ("一室一厅", "两室一厅", "三室两厅", "单间", "主卧", "次卧")


def title(n: int) -> str:
    return f"朝阳 {ESTATES[n % len(ESTATES)]} {ROOMS[n % len(ROOMS)]} 精装修 拎包入住 近地铁{n}号线"


def row(n: int, *, cls: str = "item", badge: str = "", when: str = "3小时前", extra: str = "") -> str:
    link = f"/zufang/{3360000 + n}x.shtml"
    return (
        f'<li class="{cls}"><div class="img"><a href="{link}"><img src="/pic/{n}.jpg" alt=""></a></div>'
        f'<div class="des"><h2><a href="{link}" target="_blank">{title(n)}</a>{badge}</h2>'
        f'<p class="room">{ROOMS[n % len(ROOMS)]} {40 + n}㎡</p>'
        f'<p class="add"><a href="/zufang/chaoyang/">朝阳</a> {ESTATES[(n + 3) % len(ESTATES)]}</p>{extra}</div>'
        f'<div class="right"><div class="money"><b>{3000 + 100 * n}</b>元/月</div>'
        f'<div class="sendTime">{when}</div></div></li>'
    )


def row_pair(n: int) -> tuple[str, str]:
    return title(n), f"http://bj.example.com/zufang/{3360000 + n}x.shtml"


CHROME_TOP = (
    '<div id="topbar"><a href="/">首页</a> <a href="/passport/login">登录</a> '
    '<a href="/passport/reg">注册</a> <a href="/post/">免费发布</a></div>'
    '<div class="nav"><a href="/zufang/">租房</a><a href="/ershoufang/">二手房</a>'
    '<a href="/job/">招聘</a><a href="/ershou/">二手物品</a><a href="/fuwu/">本地服务</a></div>'
)
CHROME_FOOT = (
    '<div id="footer"><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a> | '
    '<a href="/help/">帮助中心</a> | <a href="/sitemap/">网站地图</a>'
    "<p>© 2005-2025 同城分类网 京ICP备12345678号</p></div>"
)
PAGER = (
    '<div class="pager"><span class="cur">1</span><a href="/zufang/pn2/">2</a><a href="/zufang/pn3/">3</a>'
    '<a class="next" href="/zufang/pn2/">下一页</a></div>'
)


def page(main: str, *, title_text: str = "北京租房信息 - 同城分类网", head: str = "") -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title_text}</title>{head}</head><body>'
        f'{CHROME_TOP}<div id="main">{main}</div>{CHROME_FOOT}</body></html>'
    )


def rows_of(html: str, url: str = BASE) -> list[tuple[str, str]]:
    listed = discover_listings(LexborHTMLParser(html), url, now=NOW, tz=CST)
    return [(i.title, i.url) for i in listed.items]


BOX_BY_HEADING = '<div class="box"><h3>猜你喜欢</h3><ul class="list">{rows}</ul></div>'
"""Known only by its heading: the box's markup is the main list's."""
BOX_BY_CLASS = '<div class="guess-like"><div class="hd">大家都在看</div><ul class="list">{rows}</ul></div>'
BOX_SIBLING_HEADING = '<h4 class="title">为你推荐</h4><ul class="list">{rows}</ul>'
"""A 为你推荐 box whose heading is a sibling of its list, not inside a box of its own."""


@pytest.mark.parametrize(
    ("box", "where"),
    [
        (BOX_BY_HEADING, "after"),
        (BOX_BY_CLASS, "after"),
        (BOX_SIBLING_HEADING, "after"),
        (BOX_BY_HEADING, "before"),
        (BOX_BY_CLASS, "before"),
    ],
    ids=["heading-after", "class-after", "sibling-heading-after", "heading-before", "class-before"],
)
def test_a_recommendation_box_beside_the_list_is_not_taken(box: str, where: str) -> None:
    main_rows = "".join(row(n) for n in range(6))
    # The box holds more rows than the list, in the same markup: only its label tells it apart.
    box_rows = "".join(row(n) for n in range(20, 28))
    main = f'<ul class="list">{main_rows}</ul>{PAGER}'
    boxed = box.format(rows=box_rows)
    html = page(f'<div class="content">{main + boxed if where == "after" else boxed + main}</div>')
    assert rows_of(html) == [row_pair(n) for n in range(6)]


def test_promoted_rows_inside_the_list_are_kept() -> None:
    top = '<span class="ico-top">置顶</span>'
    picked = '<em class="tag-jx">精选</em>'
    rows = (
        row(0, cls="item item-top", badge=top, when="")
        + row(1, cls="item item-top", badge=top, when="")
        + row(2, cls="item jingxuan", badge=picked)
        + "".join(row(n) for n in range(3, 11))
    )
    html = page(f'<ul class="house-list">{rows}</ul>{PAGER}')
    assert rows_of(html) == [row_pair(n) for n in range(11)]


@pytest.mark.parametrize(
    "ad",
    [
        '<li class="ad-row"><a href="http://ad.example.net/c?id=9"><img src="/ad/2.jpg"></a>'
        '<h2><a href="http://ad.example.net/c?id=9">全城搬家 低价 专业 免费上门估价 24小时服务</a></h2></li>',
        '<li class="item"><div class="des"><h2><a href="http://ad.example.net/c?id=10">专业疏通下水道 24小时上门 价格实惠'
        '</a></h2><span class="label">广告</span></div></li>',
    ],
    ids=["ad-class", "ad-label"],
)
def test_an_ad_row_inside_the_list_is_not_a_row(ad: str) -> None:
    rows = "".join(row(n) for n in range(4)) + ad + "".join(row(n) for n in range(4, 8))
    html = page(f'<ul class="house-list">{rows}</ul>{PAGER}')
    assert rows_of(html) == [row_pair(n) for n in range(8)]


@pytest.mark.parametrize(
    "ad",
    [
        '<div class="ad-banner"><a href="http://ad.example.net/c?id=77"><img src="/ad/1.jpg" alt="广告"></a></div>',
        '<div class="list-ad"><span>广告</span><a href="http://ad.example.net/c?id=78">全城搬家 低价 专业 免费上门估价</a></div>',
    ],
    ids=["banner", "text-ad"],
)
@pytest.mark.parametrize("cut", [5, 2], ids=["halves", "two-promoted-first"])
def test_a_list_split_by_an_ad_is_joined(ad: str, cut: int) -> None:
    """Two like ``ul``s with an ad between them are one list; the first part may be
    only the two 置顶 rows (a part too short to be a list on its own)."""
    badge = '<span class="tag">置顶</span>' if cut < 3 else ""
    first = "".join(row(n, badge=badge) for n in range(cut))
    second = "".join(row(n) for n in range(cut, 10))
    html = page(
        f'<div class="content"><ul class="house-list">{first}</ul>{ad}<ul class="house-list">{second}</ul>{PAGER}</div>'
    )
    assert rows_of(html) == [row_pair(n) for n in range(10)]


# --- dates ---------------------------------------------------------------------------


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=CST)


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("刚刚", NOW, at(2025, 12, 1, 12, 0)),
        ("5分钟前", NOW, at(2025, 12, 1, 11, 55)),
        ("3小时前", NOW, at(2025, 12, 1, 9, 0)),
        ("15小时前", NOW, at(2025, 11, 30, 21, 0)),
        ("昨天 18:20", NOW, at(2025, 11, 30, 18, 20)),
        ("今天 10:20", NOW, at(2025, 12, 1, 10, 20)),
        ("前天", NOW, at(2025, 11, 29, 0, 0)),
        ("11-28", NOW, at(2025, 11, 28, 0, 0)),  # before the reference: this year
        ("12-01", NOW, at(2025, 12, 1, 0, 0)),  # the reference's own day: this year
        ("12-15", NOW, at(2024, 12, 15, 0, 0)),  # after the reference: last year
        ("12-30", at(2026, 1, 2, 9, 0), at(2025, 12, 30, 0, 0)),
        ("11月28日", NOW, at(2025, 11, 28, 0, 0)),
        ("2024-03-05", NOW, at(2024, 3, 5, 0, 0)),
        ("发布于 2024-03-05 14:30", NOW, at(2024, 3, 5, 14, 30)),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_posted_from(text: str, now: datetime, expected: datetime) -> None:
    when = posted_from(text, now, CST)
    assert when == expected
    assert when is not None and when.utcoffset() == timedelta(hours=8)


def test_posted_from_reads_the_reference_in_the_portal_zone() -> None:
    """ "昨天" is the portal's yesterday: at 2025-12-01 01:00 in Beijing it is still 11-30 in UTC."""
    utc_now = at(2025, 12, 1, 1, 0).astimezone(UTC)
    assert posted_from("昨天 18:20", utc_now, CST) == at(2025, 11, 30, 18, 20)
    assert posted_from("今天 00:30", utc_now, CST) == at(2025, 12, 1, 0, 30)


@pytest.mark.parametrize("text", ["12-15万", "3-5年", "1-2室", "面积 80-120平", "价格 12-15万元"])
def test_ranges_are_not_dates(text: str) -> None:
    assert posted_from(text, NOW, CST) is None


def test_rows_resolve_their_relative_dates() -> None:
    shown = ["刚刚", "5分钟前", "3小时前", "昨天 18:20", "今天 10:20", "前天", "11-28", "12-15", "2024-03-05"]
    expected = [
        at(2025, 12, 1, 12, 0),
        at(2025, 12, 1, 11, 55),
        at(2025, 12, 1, 9, 0),
        at(2025, 11, 30, 18, 20),
        at(2025, 12, 1, 10, 20),
        at(2025, 11, 29, 0, 0),
        at(2025, 11, 28, 0, 0),
        at(2024, 12, 15, 0, 0),
        at(2024, 3, 5, 0, 0),
    ]
    html = page(f'<ul class="house-list">{"".join(row(n, when=w) for n, w in enumerate(shown))}</ul>{PAGER}')
    listed = discover_listings(LexborHTMLParser(html), BASE, now=NOW, tz=CST)
    assert [i.published for i in listed.items] == expected


def test_a_price_range_in_a_row_is_not_its_date() -> None:
    """A used-car row that shows "12-15万" and no date has no posted time (not 12-15 of some year)."""
    rows = "".join(row(n, when="", extra='<p class="tags"><span>新车指导价 12-15万</span></p>') for n in range(5))
    html = page(f'<ul class="car-list">{rows}</ul>{PAGER}')
    listed = discover_listings(LexborHTMLParser(html), BASE, now=NOW, tz=CST)
    assert len(listed.items) == 5
    assert [i.published for i in listed.items] == [None] * 5


# --- pagers --------------------------------------------------------------------------


def list_page(pager: str) -> str:
    return page(f'<ul class="house-list">{"".join(row(n) for n in range(8))}</ul>{pager}')


@pytest.mark.parametrize(
    ("url", "pager", "expected"),
    [
        # 下一页, next to numbers whose links go elsewhere than the next page would
        (
            BASE + "pn2/",
            '<div class="pager"><a href="/zufang/">上一页</a><a href="/zufang/">1</a><span class="cur">2</span>'
            '<a href="/zufang/pn3/">3</a><a href="/zufang/pn3/">下一页</a></div>',
            BASE + "pn3/",
        ),
        # ">" as the only word
        (
            BASE,
            '<div class="paging"><b>1</b><a href="/zufang/o2/">2</a><a href="/zufang/o3/">3</a>'
            '<a href="/zufang/o2/">&gt;</a><a href="/zufang/o9/">&gt;&gt;|</a></div>',
            BASE + "o2/",
        ),
        # no next word: the number after the current page
        (
            BASE + "pn4/",
            '<div class="pages"><a href="/zufang/pn3/">3</a><strong>4</strong><a href="/zufang/pn5/">5</a>'
            '<a href="/zufang/pn6/">6</a></div>',
            BASE + "pn5/",
        ),
        (
            BASE + "pn4/",
            '<div class="pages"><a href="/zufang/pn3/">3</a><a class="active" href="/zufang/pn4/">4</a>'
            '<a href="/zufang/pn5/">5</a><a href="/zufang/pn6/">6</a></div>',
            BASE + "pn5/",
        ),
        # a query address relative to the page: ?pn=2
        (
            BASE,
            '<div class="pager"><span class="cur">1</span><a href="?pn=2">2</a><a href="?pn=2">下一页</a></div>',
            BASE + "?pn=2",
        ),
        (
            BASE + "?pn=2",
            '<div class="pager"><a href="?pn=1">1</a><span class="cur">2</span><a href="?pn=3">3</a>'
            '<a href="?pn=3">下一页 &gt;</a></div>',
            BASE + "?pn=3",
        ),
        # a path relative to the page: pn2/
        (
            BASE,
            '<div class="pager"><span class="cur">1</span><a href="pn2/">2</a><a href="pn2/">下一页</a></div>',
            BASE + "pn2/",
        ),
        # the last page: no next
        (
            BASE + "pn3/",
            '<div class="pager"><a href="/zufang/pn2/">上一页</a><a href="/zufang/">1</a>'
            '<a href="/zufang/pn2/">2</a><span class="cur">3</span></div>',
            None,
        ),
    ],
    ids=["next-word", "gt", "number-strong", "number-active", "query-pn2", "query-pn3", "path", "last-page"],
)
def test_pager_finds_the_next_page(url: str, pager: str, expected: str | None) -> None:
    assert find_pager(LexborHTMLParser(list_page(pager)), url).next_url == expected


def test_next_post_is_not_a_next_page() -> None:
    """An article's 下一篇 link points at another post, not at page 2 of anything."""
    html = page(
        "<h1>朝阳 京旺家园 两室一厅 精装修</h1><p>房子很好。</p>"
        '<div class="prenext"><a href="/zufang/3360001x.shtml">上一篇：朝阳 金盏嘉园 单间</a>'
        '<a href="/zufang/3360003x.shtml">下一篇：朝阳 荧屏里 主卧</a></div>'
    )
    assert find_pager(LexborHTMLParser(html), BASE + "3360002x.shtml").next_url is None


# --- page kinds ----------------------------------------------------------------------

CAPTCHA = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>请输入验证码</title></head><body>'
    '<div class="main"><div class="verify"><p class="tip">您的访问过于频繁，请按住滑块，拖动到最右边</p>'
    '<form action="/antibot/check" method="post"><div class="slider"><span class="btn">&gt;&gt;</span></div>'
    '<input type="hidden" name="uuid" value="b1c2"><img src="/antibot/img.png">'
    '<input type="text" name="code" placeholder="验证码"><button type="submit">确定</button></form></div></div>'
    "</body></html>"
)

LOGIN_WALL = page(
    '<div class="login-wall"><h2>该信息需要登录后查看</h2><p>为保护发布者隐私，请登录后查看完整信息。</p>'
    '<form action="/passport/login" method="post"><input type="text" name="user" placeholder="手机号/用户名">'
    '<input type="password" name="pwd" placeholder="密码"><button type="submit">登录</button></form>'
    '<a href="/passport/reg">没有账号？免费注册</a></div>',
    title_text="同城分类网",
)

SOFT_404 = page(
    '<div class="error"><h1>抱歉，该信息已删除</h1><p>您访问的信息可能已过期或被发布者删除。</p>'
    '<a href="/">返回首页</a></div>'
    '<div class="box"><h3>为您推荐</h3><ul class="list">' + "".join(row(n) for n in range(30, 36)) + "</ul></div>",
    title_text="提示信息 - 同城分类网",
)

JS_ONLY = (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>北京租房 - 同城分类网</title>'
    '<link href="/static/css/app.3f2a.css" rel="stylesheet"></head><body>'
    '<noscript><strong>请开启浏览器的JavaScript功能后再访问本页面。</strong></noscript><div id="app"></div>'
    '<script src="/static/js/chunk-vendors.9c1e.js"></script><script src="/static/js/app.77ab.js"></script>'
    "</body></html>"
)


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        (CAPTCHA, "captcha"),
        (LOGIN_WALL, "login"),
        (SOFT_404, "not-found"),
        (JS_ONLY, "js-only"),
    ],
    ids=["captcha", "login", "soft-404", "js-only"],
)
def test_refused_pages_are_classified(html: str, kind: str) -> None:
    verdict = classify(LexborHTMLParser(html), BASE + "3360002x.shtml")
    assert verdict.kind == kind, verdict.reason
    assert verdict.refused


LONG_BODY = (
    "房子位于朝阳区京旺家园二区，南北通透两居室，建筑面积85平米，精装修，家具家电齐全，拎包即可入住。"
    "小区环境优美，绿化率高，物业管理规范，24小时保安巡逻。交通便利，步行五分钟到地铁站，周边有超市、"
    "菜市场、医院、学校，生活非常方便。房东人很好，好沟通，租金可以月付，随时可以看房，欢迎联系。"
)
SHORT_BODY = "南北通透两居室，精装修，家电齐全，拎包入住，随时看房，房东直租免中介费。"


@pytest.mark.parametrize("body", [LONG_BODY, SHORT_BODY], ids=["long-body", "short-body"])
def test_an_article_with_a_login_popup_and_a_recommendation_box_is_an_article(body: str) -> None:
    html = page(
        '<div class="detail"><h1 class="title">朝阳 京旺家园 两室一厅 精装修 拎包入住</h1>'
        '<div class="meta"><span>发布时间：2025-11-28</span><span>浏览 132 次</span></div>'
        '<ul class="facts"><li><span>租金：</span>4500元/月</li><li><span>户型：</span>两室一厅</li>'
        "<li><span>面积：</span>85㎡</li><li><span>联系人：</span>王先生</li></ul>"
        f'<div class="desc"><p>{body}</p></div></div>'
        '<div class="side"><h3>推荐房源</h3><ul>' + "".join(row(n) for n in range(40, 45)) + "</ul></div>"
        '<div class="login-pop" style="display:none"><h3>手机快捷登录</h3>'
        '<input type="text" name="phone" placeholder="请输入手机号">'
        '<input type="text" name="code" placeholder="请输入验证码"><a class="btn" href="javascript:;">获取验证码</a>'
        '<input type="password" name="pwd" placeholder="密码"><button>登录</button>'
        "<p>登录即同意《用户协议》</p></div>",
        title_text="朝阳 京旺家园 两室一厅 精装修 拎包入住 - 同城分类网",
    )
    verdict = classify(LexborHTMLParser(html), BASE + "3360002x.shtml")
    assert verdict.kind == "article", verdict.reason


def test_a_plain_list_page_is_a_listing() -> None:
    """The control for the pages above: the same chrome with a list is a listing."""
    verdict = classify(LexborHTMLParser(list_page(PAGER)), BASE)
    assert verdict.kind == "listing", verdict.reason


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a top bar offering an SMS-code login: "验证码" in a link
        ('<a href="/passport/reg">注册</a>', '<a href="/passport/reg">注册</a> <a href="/passport/sms">验证码登录</a>'),
        # a header login box with a password field
        (
            '<div class="nav">',
            '<form class="mini-login" action="/passport/login"><input name="u">'
            '<input type="password" name="p"><button>登录</button></form><div class="nav">',
        ),
        # a row whose title names the 404 bus line
        ("精装修 拎包入住 近地铁1号线", "精装修 拎包入住 近404路公交站"),
    ],
    ids=["sms-login-link", "header-login-form", "bus-404-in-a-title"],
)
def test_a_short_list_page_with_cue_words_in_its_chrome_is_a_listing(old: str, new: str) -> None:
    """A list page of 8 rows (a small category's last page) says little outside its links:
    a cue word in a link, a title or a header login box must not make it a refused page."""
    html = list_page(PAGER)
    assert old in html
    verdict = classify(LexborHTMLParser(html.replace(old, new, 1)), BASE)
    assert verdict.kind == "listing", verdict.reason


HOT_CITIES = (
    ("深圳", "shenzhen"),
    ("广州", "guangzhou"),
    ("杭州", "hangzhou"),
    ("苏州", "suzhou"),
    ("南京", "nanjing"),
    ("青岛", "qingdao"),
    ("郑州", "zhengzhou"),
    ("合肥", "hefei"),
)


def test_a_home_page_with_hot_cities_and_a_chooser_link_is_an_index() -> None:
    """Like 58's home: eight 热门城市, a 切换城市 link to the full chooser, no list, no text and
    no category links (those are on each city's page)."""
    hot = "".join(f'<a href="/{slug}/">{name}</a>' for name, slug in HOT_CITIES)
    html = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>同城分类网 - 免费发布分类信息</title></head>'
        '<body><div id="topbar"><span class="cur-city">全国</span> <a href="/changecity.html">[切换城市]</a> '
        '<a href="/passport/login">登录</a> <a href="/passport/reg">注册</a> <a href="/post/">免费发布</a></div>'
        '<div id="main"><div class="home-city"><h3>热门城市</h3>'
        f'<div class="hot-links">{hot}</div><a class="more-city" href="/changecity.html">更多城市&gt;&gt;</a></div>'
        '<div class="home-app"><h3>下载客户端</h3><p>找房子、找工作、卖闲置，随时随地发布信息。</p>'
        f'<a href="/app/">立即下载</a></div></div>{CHROME_FOOT}</body></html>'
    )
    verdict = classify(LexborHTMLParser(html), "http://www.example.com/")
    assert verdict.kind == "index", verdict.reason


@pytest.mark.parametrize("meta", ["2026/9/28 11:54:10发布404次查看", "浏览：404次", "编号 404"])
def test_a_count_of_404_in_an_article_is_no_status(meta: str) -> None:
    """A sync of the demo portal once refused the article viewed 404 times as a soft 404."""
    html = page(
        f'<h1>连云区滨河花园 一室一厅 40平</h1><div class="meta">{meta}</div>'
        '<div class="content"><p>出租连云港连云区滨河花园，一室一厅，使用面积40㎡，拎包入住。</p></div>',
        title_text="连云区滨河花园 一室一厅 40平_连云港分类信息网",
    )
    verdict = classify(LexborHTMLParser(html), BASE + "810397.html")
    assert verdict.kind == "article", verdict.reason


def test_reading_a_page_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    from tui_reader.sites.nodes import without_gc_pauses

    html = list_page(PAGER)
    assert gc.isenabled()
    assert classify(LexborHTMLParser(html), BASE).kind == "listing"
    assert gc.isenabled()

    @without_gc_pauses
    def fails() -> None:
        assert not gc.isenabled()  # held off while reading
        raise ValueError("a page that breaks the reader")

    with pytest.raises(ValueError):
        fails()
    assert gc.isenabled()
    gc.disable()
    try:
        classify(LexborHTMLParser(html), BASE)
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()


def test_a_portal_that_calls_every_post_an_ad_keeps_its_posts() -> None:
    """百姓网 marks up each post as a "listing-ad" in a "list-ad-items" list; one real
    advertisement among them (a 广告 tag) is still no post."""
    posts = [
        f'<li class="listing-ad item-regular"><a class="ad-title" href="/fuwu/a{n}.html">苏州专业搬家 长途短途 第{n}家</a>'
        f'<span class="highlight">{100 + n}元</span><span class="time">{n}小时前</span></li>'
        for n in range(1, 9)
    ]
    paid = (
        '<li class="listing-ad"><span>广告</span><a href="https://ads.example/c?1">全城搬家低价 免费上门估价</a></li>'
    )
    html = page(f'<ul class="list-ad-items">{"".join(posts[:3])}{paid}{"".join(posts[3:])}</ul>')
    tree = LexborHTMLParser(html)
    assert classify(tree, BASE).kind == "listing"
    rows = discover_listings(tree, BASE, now=NOW, tz=CST).items
    assert [row.title for row in rows] == [f"苏州专业搬家 长途短途 第{n}家" for n in range(1, 9)]
    assert rows[0].price == "101元"


def test_a_row_that_is_one_big_link_takes_its_heading_as_title() -> None:
    """Mobile list pages wrap a whole card in its link: title, price and date inside."""
    cards = "".join(
        f'<li><a href="/zufang/{n}x.shtml"><div class="pic"><img src="/p/{n}.jpg"></div>'
        f'<div class="info"><h3>朝阳 京旺家园 两室一厅 第{n}套</h3><p class="price"><b>{3000 + n}</b>元/月</p>'
        f'<p class="time">昨天 18:2{n}</p></div></a></li>'
        for n in range(1, 8)
    )
    rows = discover_listings(LexborHTMLParser(page(f'<ul class="list">{cards}</ul>')), BASE, now=NOW, tz=CST).items
    assert [row.title for row in rows] == [f"朝阳 京旺家园 两室一厅 第{n}套" for n in range(1, 8)]
    assert rows[0].price == "3001元/月" and rows[0].published is not None


def test_a_portal_of_one_city_is_its_own_city() -> None:
    """A city's own portal (no chooser): its home page is the one city, its nav the categories."""
    from tui_reader.sites.pages import read_categories, read_cities
    from tui_reader.sites.profile import auto_profile

    boards = "".join(
        f'<li><a href="/{slug}/">{name}</a></li>'
        for slug, name in (
            ("chongwu", "宠物"),
            ("jiaoyu", "教育培训"),
            ("cheliang", "二手车"),
            ("banjia", "搬家"),
            ("jiazheng", "家政"),
        )
    )
    html = page(
        f'<ul class="boards">{boards}</ul><p>连云港本地生活信息，免费发布。</p>',
        title_text="连云港同城网 - 本地分类信息",
    )
    home = "http://www.lyg.example/"
    cities = read_cities(html, home, auto_profile())
    assert [(c.name, c.url) for c in cities] == [("连云港同城网", home)]
    names = [c.name for c in read_categories(html, home, auto_profile(), "连云港同城网")]
    # The page's nav and its boards, each once; not the top bar's nor the footer's links.
    assert {"租房", "二手房", "本地服务", "宠物", "教育培训", "二手车", "搬家", "家政"} <= set(names)
    assert not {"关于我们", "联系我们", "首页"} & set(names)


def test_a_table_of_rows_with_the_unit_beside_the_price() -> None:
    rows = "".join(
        f'<tr><td class="img"><a href="/z/{n}.shtml"><img src="a.jpg"></a></td><td class="t">'
        f'<a class="t" href="/z/{n}.shtml">个人出租 海淀 单间 第{n}间</a><p class="desc">合租 12㎡</p></td>'
        f'<td class="pd">{n}分钟前</td><td><b class="pri">{800 + n}</b>元</td></tr>'
        for n in range(1, 12)
    )
    html = page(f'<table class="tbimg">{rows}</table><div class="pager"><a href="?page=2">下页</a></div>')
    listed = discover_listings(LexborHTMLParser(html), BASE, now=NOW, tz=CST)
    assert [row.title for row in listed.items] == [f"个人出租 海淀 单间 第{n}间" for n in range(1, 12)]
    assert listed.items[0].price == "801元" and listed.items[0].published == NOW - timedelta(minutes=1)
    assert listed.next_url == BASE + "?page=2"
