"""The demo portal's style "c", talked to over real HTTP on 127.0.0.1.

Style "c" is what the reader's discovery meets with no profile, so its
structure, relative dates and refusals are pinned here against the gold
answers (``demo.gold_c``) the benchmarks compare discovery with. Dates are
checked with a resolver written here, independent of ``demo.reltime``.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser

from tui_reader.demo.site.content import ANCHOR, CST, DemoSite
from tui_reader.demo.site.gold_c import gold_article_kind, gold_categories, gold_cities, gold_listing, gold_listing_at
from tui_reader.demo.site.reltime import STEP, posted_at, shown, timeline_shift
from tui_reader.demo.site.words import THIS_YEAR
from tui_reader.demo.web.command import main
from tui_reader.demo.web.refusals import is_deleted, is_login_walled
from tui_reader.demo.web.server import DemoOptions, DemoServer

BIG = 10_000
NOW = datetime(THIS_YEAR + 1, 1, 10, 10, 20, tzinfo=CST)
"""A frozen clock on a ten-minute step, in January, so pages show every kind of date."""
SITE = DemoSite(articles_per_category=BIG)


def quiet(_line: str) -> None:
    """Access log sink for servers whose log a test does not read."""


@pytest.fixture(scope="module")
def portal():
    with DemoServer(options=DemoOptions(style="c", articles_per_category=BIG, now=NOW), log=quiet) as server:
        yield server


@pytest.fixture(scope="module")
def http(portal):
    with httpx.Client(base_url=portal.base_url, timeout=10) as client:
        yield client


def own_server(**options: object) -> DemoServer:
    """A style-c portal of one test's own, for options the shared one must not change."""
    settings: dict[str, object] = {"style": "c", "articles_per_category": BIG, "now": NOW, **options}
    return DemoServer(options=DemoOptions(**settings), log=quiet)  # type: ignore[arg-type]


def dom(response: httpx.Response) -> LexborHTMLParser:
    assert response.status_code == 200, response.status_code
    return LexborHTMLParser(response.content.decode("utf-8"))


def title_of(tree: LexborHTMLParser) -> str:
    return tree.css_first("title").text()


def freshest_board() -> tuple[str, str]:
    """The board whose newest post is closest to the anchor: at NOW it was posted 刚刚."""
    return min(
        ((c.slug, k.slug) for c in SITE.cities for k in SITE.categories),
        key=lambda b: ANCHOR - SITE.head(SITE.city(b[0]), SITE.category(b[1]), 0).published,
    )


# --- an independent reading of the relative dates -----------------------------------------


def date_window(text: str, now: datetime) -> tuple[datetime, datetime]:
    """The times a date text can stand for, read the way a person reads a portal."""
    if text == "刚刚":
        return now - timedelta(minutes=1), now
    if m := re.fullmatch(r"(\d+)(分钟|小时)前", text):
        unit = timedelta(minutes=1) if m[2] == "分钟" else timedelta(hours=1)
        return now - (int(m[1]) + 1) * unit, now - int(m[1]) * unit
    if m := re.fullmatch(r"(今天|昨天) (\d\d):(\d\d)", text):
        day = now - timedelta(days=0 if m[1] == "今天" else 1)
        start = day.replace(hour=int(m[2]), minute=int(m[3]), second=0, microsecond=0)
        return start, start + timedelta(seconds=59)
    if text == "前天":
        day = (now - timedelta(days=2)).replace(hour=0, minute=0, second=0, microsecond=0)
    elif m := re.fullmatch(r"(\d\d)-(\d\d)", text):
        day = now.replace(month=int(m[1]), day=int(m[2]), hour=0, minute=0, second=0, microsecond=0)
    elif m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", text):
        day = datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=CST)
    else:
        raise AssertionError(f"not a date a portal writes: {text!r}")
    return day, day + timedelta(days=1, seconds=-1)


def date_kind(text: str) -> str:
    for kind, pattern in (
        ("刚刚", r"刚刚"),
        ("分钟前", r"\d+分钟前"),
        ("小时前", r"\d+小时前"),
        ("今天", r"今天 .*"),
        ("昨天", r"昨天 .*"),
        ("前天", r"前天"),
        ("MM-DD", r"\d\d-\d\d"),
        ("YYYY-MM-DD", r"\d{4}-.*"),
    ):
        if re.fullmatch(pattern, text):
            return kind
    raise AssertionError(text)


# --- home, the city chooser, a city ------------------------------------------------------------


def test_home_shows_hot_cities_and_the_chooser_one_click_away(http, portal):
    tree = dom(http.get("/"))
    hot = [(a.text(), a.attributes["href"]) for a in tree.css(".home-city .hot-links a")]
    every = {(name, url.removeprefix(portal.base_url)) for name, url in gold_cities(SITE, portal.base_url)}
    assert 5 <= len(hot) < len(every) and set(hot) <= every
    choosers = {a.text() for a in tree.css("a") if a.attributes.get("href") == "/changecity.html"}
    assert {"[切换城市]", "更多城市>>"} <= choosers
    footer = {a.text(): a.attributes["href"] for a in tree.css("#footer a")}
    assert {"关于我们", "联系我们", "网站地图"} <= footer.keys()
    assert not set(footer.values()) & {url for _, url in every}


def test_changecity_lists_every_city_grouped_by_pinyin_letter(http, portal):
    tree = dom(http.get("/changecity.html"))
    groups = [
        (dl.css_first("dt").text(), [(a.text(), a.attributes["href"]) for a in dl.css("dd a")])
        for dl in tree.css("div.all-city dl.letter-group")
    ]
    letters = [letter for letter, _ in groups]
    assert letters == sorted(letters) and len(letters) >= 10
    for letter, cities in groups:
        assert cities and all(href.strip("/")[0].upper() == letter for _, href in cities), letter
    listed = [(name, portal.base_url + href) for _, cities in groups for name, href in cities]
    assert listed == gold_cities(SITE, portal.base_url)
    assert len(listed) == len(SITE.cities) == len({url for _, url in listed})
    hot = {a.text() for a in tree.css("div.hot-city a")}
    assert len(hot) == 8 and hot <= {name for name, _ in listed}  # the hot block repeats some cities


def test_city_page_lists_categories_in_blocks_apart_from_other_links(http, portal):
    tree = dom(http.get("/lianyungang/"))
    gold = gold_categories(SITE, "lianyungang", portal.base_url)
    in_blocks = [(a.text(), portal.base_url + a.attributes["href"]) for a in tree.css(".cat-block ul.cat-sub a")]
    assert in_blocks == gold and len(gold) == len(SITE.categories)
    headings = {h.text() for h in tree.css(".cat-block h2")}
    assert len(headings) >= 5 and not headings & {name for name, _ in gold}  # 大类 are not categories
    nav = [portal.base_url + a.attributes["href"] for a in tree.css("#nav a")]
    assert set(url for _, url in gold[:1]) <= set(nav) and len(set(nav) & {u for _, u in gold}) == 8
    others = {a.attributes["href"] for a in tree.css("#footer a, .near a, .latest a")}
    assert others and not {portal.base_url + h for h in others} & {url for _, url in gold}


# --- listing pages ---------------------------------------------------------------------------------


def rows_of(tree: LexborHTMLParser) -> list[dict[str, str]]:
    rows = []
    for tr in tree.css("table#infolist tr.list-row"):
        badge = tr.css_first("i.tag")
        rows.append(
            {
                "title": tr.css_first("a.t").text(),
                "href": tr.css_first("a.t").attributes["href"],
                "time": tr.css_first(".time").text(),
                "views": tr.css_first(".views").text(),
                "price": tr.css_first("td.pr").text(),
                "badge": badge.text() if badge else "",
            }
        )
    return rows


PAGES = [
    (*freshest_board(), 1),
    ("nanjing", "fangchan", 1),
    ("nanjing", "fangchan", 2),
    ("nanjing", "fangchan", 6),
    ("nanjing", "fangchan", 10),
    ("nanjing", "fangchan", 40),
    ("lianyungang", "xinwen", 3),
]


@pytest.mark.parametrize(("city", "board", "number"), PAGES)
def test_listing_rows_are_the_gold_rows(http, portal, city, board, number):
    page = http.get(f"/{city}/{board}/" + (f"pn{number}/" if number > 1 else ""))
    rows = rows_of(dom(page))
    gold = gold_listing(SITE, city, board, number, portal.base_url, NOW)
    assert gold.kind == "listing" and len(rows) == len(gold.rows) == (22 if number == 1 else 20)
    for row, want in zip(rows, gold.rows, strict=True):
        assert (row["title"], portal.base_url + row["href"], row["time"]) == (want.title, want.url, want.shown)
        assert row["views"] == f"浏览 {want.views}" and row["price"] == (want.price or "")
        assert row["badge"] == want.badge
        low, high = date_window(row["time"], NOW)
        assert low <= want.posted <= high, (row["time"], want.posted)
        assert (want.earliest, want.latest) == (low, high)
    if number == 1:
        assert [r["badge"] for r in rows[:2]] == ["置顶", "置顶"] and "置顶" not in {r["badge"] for r in rows[2:]}


def test_list_dates_cover_every_form_a_portal_writes():
    golds = [gold_listing(SITE, city, board, n, "", NOW) for city, board, n in PAGES]
    kinds = {date_kind(row.shown) for gold in golds for row in gold.rows}
    assert kinds == {"刚刚", "分钟前", "小时前", "今天", "昨天", "前天", "MM-DD", "YYYY-MM-DD"}


def test_posted_times_are_the_content_timeline_shifted_to_now():
    city, board = SITE.city("nanjing"), SITE.category("fangchan")
    shift = timeline_shift(NOW)
    assert ANCHOR + shift == NOW  # NOW sits on a step: the anchor lands on it
    for index in (0, 5, 999):
        head = SITE.head(city, board, index)
        assert posted_at(head.published, NOW) == head.published + shift
        assert posted_at(head.published, NOW).utcoffset() == timedelta(hours=8)
    later = NOW + STEP - timedelta(seconds=1)
    assert timeline_shift(later) == shift and timeline_shift(NOW + STEP) == shift + STEP


def test_dates_follow_the_real_clock():
    with DemoServer(options=DemoOptions(style="c"), log=quiet) as server:
        for _ in range(3):  # a step boundary between the two readings of the clock: try again
            before = datetime.now(CST)
            tree = dom(httpx.get(server.base_url + "/nanjing/fangchan/"))
            after = datetime.now(CST)
            if timeline_shift(before) == timeline_shift(after):
                break
    rows = rows_of(tree)[2:]  # past the pinned rows: the newest posts
    city, board = SITE.city("nanjing"), SITE.category("fangchan")
    for row, index in zip(rows, range(20), strict=True):
        posted = posted_at(SITE.head(city, board, index).published, before)
        assert row["time"] in {shown(posted, before).text, shown(posted, after).text}
    newest = posted_at(SITE.head(city, board, 0).published, before)
    assert timedelta(0) <= after - newest < STEP + (ANCHOR - SITE.head(city, board, 0).published)


def test_pager_arrows_numbers_and_gaps(http, portal):
    tree = dom(http.get("/nanjing/fangchan/pn6/"))
    pager = tree.css_first("div.pager")
    links = {a.text(): a.attributes["href"] for a in pager.css("a")}
    assert links[">"] == "/nanjing/fangchan/pn7/" and links["<"] == "/nanjing/fangchan/pn5/"
    assert links["1"] == "/nanjing/fangchan/" and links["500"] == "/nanjing/fangchan/pn500/"
    assert pager.css_first("strong").text() == "6" and "..." in pager.text()
    gold = gold_listing(SITE, "nanjing", "fangchan", 6, portal.base_url, NOW)
    assert gold.next_url == portal.base_url + links[">"]
    last = dom(http.get("/nanjing/fangchan/pn500/")).css_first("div.pager")
    assert ">" not in {a.text() for a in last.css("a")}
    assert gold_listing(SITE, "nanjing", "fangchan", 500, portal.base_url, NOW).next_url is None
    first = http.get("/nanjing/fangchan/pn1/", follow_redirects=False)
    assert first.status_code == 301 and first.headers["location"] == "/nanjing/fangchan/"
    assert http.get("/nanjing/fangchan/pn501/").status_code == 404
    assert http.get("/nanjing/fangchan/pn2", follow_redirects=False).headers["location"] == "/nanjing/fangchan/pn2/"


def test_boxes_beside_the_list_are_not_rows(http, portal):
    tree = dom(http.get("/nanjing/ershou/"))
    gold_urls = {row.url for row in gold_listing(SITE, "nanjing", "ershou", 1, portal.base_url, NOW).rows}
    guess = tree.css("div.guess-like tr.list-row a.t")  # the same row markup, in its own table
    assert tree.css_first("div.guess-like h3").text() == "猜你喜欢" and len(guess) == 6
    assert not tree.css("div.guess-like .views")
    assert {portal.base_url + a.attributes["href"] for a in guess} - gold_urls
    vip = tree.css("div.vip-box a")
    assert vip and not {portal.base_url + a.attributes["href"] for a in vip} <= gold_urls
    ad = tree.css("table#infolist tr.ad-row")
    assert len(ad) == 1 and "广告" in ad[0].text()
    assert not {portal.base_url + a.attributes["href"] for a in ad[0].css("a")} & gold_urls


def test_gold_for_a_listing_url_and_its_bounds(portal):
    url = portal.base_url + "/nanjing/fangchan/pn6/"
    assert gold_listing_at(SITE, url, NOW) == gold_listing(SITE, "nanjing", "fangchan", 6, portal.base_url, NOW)
    with pytest.raises(ValueError):
        gold_listing(SITE, "nanjing", "fangchan", 501, portal.base_url, NOW)
    with pytest.raises(ValueError):
        gold_listing_at(SITE, portal.base_url + "/nanjing/fangchan/123x.shtml", NOW)


# --- articles ------------------------------------------------------------------------------------------


def plain_article(city: str, board: str) -> int:
    """The index of a post of the board that is neither deleted nor behind the login wall."""
    place, category = SITE.city(city), SITE.category(board)
    return next(
        i
        for i in range(50)
        if not is_deleted(SITE.head(place, category, i).id) and not is_login_walled(SITE.head(place, category, i).id)
    )


def test_article_page_title_meta_facts_body_and_chrome(http, portal):
    place, board = SITE.city("lianyungang"), SITE.category("fangchan")
    article = SITE.article(place, board, plain_article("lianyungang", "fangchan"))
    url = f"/lianyungang/fangchan/{article.head.id}x.shtml"
    assert gold_article_kind(SITE, portal.base_url + url) == "article"
    tree = dom(http.get(url))
    assert tree.css_first("h1").text() == article.head.title
    when = tree.css_first(".pub-time").text().removeprefix("发布时间：")
    low, high = date_window(when, NOW)
    assert low <= posted_at(article.head.published, NOW) <= high
    assert tree.css_first(".detail-meta .views").text() == f"浏览：{article.head.views}次"
    facts = {li.css_first(".k").text().rstrip("："): li.css_first(".v").text() for li in tree.css("ul.detail-facts li")}
    assert {"价格", "面积", "户型", "区域", "联系人", "电话"} <= facts.keys()
    assert facts["价格"] == article.head.price and facts["面积"] == f"{article.head.facts['area']}㎡"
    assert [p.text() for p in tree.css(".desc-text p")] == list(article.paragraphs)
    assert len(tree.css("div.rec-box li a")) == 6
    footer = tree.css_first("#footer").text()
    assert "客服热线" in footer and re.search(r"京ICP备\d+号", footer)


# --- refusals -------------------------------------------------------------------------------------------


def test_captcha_after_a_burst_then_back_after_the_cooldown():
    with (
        own_server(captcha_after=5, captcha_window=30, captcha_cooldown=0.6) as server,
        httpx.Client(base_url=server.base_url) as client,
    ):
        assert [client.get("/nanjing/").status_code for _ in range(5)] == [200] * 5
        for path in ("/nanjing/", "/nanjing/fangchan/"):  # the sixth, and everything in the cool-down
            tree = dom(client.get(path))
            assert title_of(tree) == "请输入验证码"
            assert tree.css("form#verify-form") and tree.css("#slider") and not tree.css("table#infolist")
        assert "Disallow" in client.get("/robots.txt").text  # robots.txt is never refused
        time.sleep(0.7)
        assert title_of(dom(client.get("/nanjing/fangchan/"))) != "请输入验证码"
        assert len(rows_of(dom(client.get("/nanjing/fangchan/")))) == 22


def test_no_captcha_by_default():
    with own_server() as server, httpx.Client(base_url=server.base_url) as client:
        titles = {title_of(dom(client.get("/nanjing/"))) for _ in range(40)}
    assert "请输入验证码" not in titles


def test_login_wall_on_every_seventh_article():
    with own_server() as server, httpx.Client(base_url=server.base_url) as client:
        place, board = SITE.city("hefei"), SITE.category("zhaopin")
        head = next(SITE.head(place, board, i) for i in range(60) if is_login_walled(SITE.head(place, board, i).id))
        url = f"/hefei/zhaopin/{head.id}x.shtml"
        response = client.get(url)
        tree = dom(response)
        assert head.id % 7 == 0 and gold_article_kind(SITE, server.base_url + url) == "login"
        assert "登录后查看" in title_of(tree) and tree.css("input[type=password]")
        assert head.title not in response.text and "ICP" in tree.css_first("#footer").text()
        server.options.login_wall = False
        assert dom(client.get(url)).css_first("h1").text() == head.title


def test_soft_404_for_deleted_and_unknown_articles():
    with own_server() as server, httpx.Client(base_url=server.base_url) as client:
        place, board = SITE.city("xuzhou"), SITE.category("ershou")
        head = next(SITE.head(place, board, i) for i in range(60) if is_deleted(SITE.head(place, board, i).id))
        url = f"/xuzhou/ershou/{head.id}x.shtml"
        listed = {row.url for n in (1, 2, 3) for row in gold_listing(SITE, "xuzhou", "ershou", n, "", NOW).rows}
        assert url in listed  # still linked from the list: the index lags
        assert gold_article_kind(SITE, server.base_url + url) == "not-found"
        tree = dom(client.get(url))
        assert tree.css_first("h1").text() == "信息已删除" and tree.css("#nav a") and tree.css("#footer a")
        assert tree.css("div.rec-box li")  # recommendations make it look like content
        unknown = dom(client.get("/xuzhou/ershou/1x.shtml"))
        assert unknown.css_first("h1").text() == "页面不存在"
        assert client.get("/xuzhou/nosuchboard/").status_code == 404
        server.options.soft_404 = False
        assert dom(client.get(url)).css_first("h1").text() == head.title
        assert client.get("/xuzhou/ershou/1x.shtml").status_code == 404


def test_js_only_board_is_an_empty_shell():
    with own_server() as server, httpx.Client(base_url=server.base_url) as client:
        for path in ("/suzhou/zhuangxiu/", "/suzhou/zhuangxiu/pn2/"):
            tree = dom(client.get(path))
            assert tree.css_first("div#app").text() == "" and len(tree.css("script[src]")) >= 2
            assert not tree.css("a") and not tree.css("table")
        assert gold_listing(SITE, "suzhou", "zhuangxiu", 1, server.base_url, NOW).kind == "js-only"
        server.options.js_only = False
        assert len(rows_of(dom(client.get("/suzhou/zhuangxiu/")))) == 22


# --- the server around it --------------------------------------------------------------------------------


def test_utf8_with_charset_in_header_and_http_equiv(http):
    response = http.get("/nanjing/", headers={"Accept-Encoding": "identity"})
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert 'http-equiv="Content-Type" content="text/html; charset=utf-8"' in response.content.decode("utf-8")[:300]


def test_listing_validators_and_gzip(http):
    path = "/nanjing/fangchan/pn2/"
    first = http.get(path, headers={"Accept-Encoding": "gzip"})
    assert first.headers["content-encoding"] == "gzip"
    again = http.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    newest = posted_at(SITE.head(SITE.city("nanjing"), SITE.category("fangchan"), 20).published, NOW)
    assert first.headers["last-modified"] == newest.astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")


def test_same_clock_same_bytes():
    paths = ("/", "/changecity.html", "/nanjing/", "/nanjing/fangchan/pn2/")
    with own_server() as a, own_server() as b:
        for path in paths:
            assert httpx.get(a.base_url + path).content == httpx.get(b.base_url + path).content


def test_hostile_content_is_served_in_style_c():
    with own_server(hostile=True) as server, httpx.Client(base_url=server.base_url) as client:
        rows = rows_of(dom(client.get("/nanjing/fangchan/")))
        assert any(row["href"].startswith("javascript:") for row in rows)
        index = plain_article("nanjing", "fangchan")
        head = SITE.head(SITE.city("nanjing"), SITE.category("fangchan"), index)
        assert client.get(f"/nanjing/fangchan/{head.id}x.shtml").status_code == 200


@pytest.mark.parametrize(
    "flags", [["--style", "c", "--captcha-window", "0"], ["--captcha-after", "-1"], ["--now", "yesterday"]]
)
def test_main_rejects_bad_refusal_flags(flags, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(flags)
    assert exit_info.value.code == 2
    assert "--" in capsys.readouterr().err
