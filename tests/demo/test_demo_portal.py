"""The bundled demo portal, talked to over real HTTP on 127.0.0.1.

The sites parser, the client and the UI tests all lean on this portal, so its
markup shape, encoding and caching behaviour are pinned here.
"""

from __future__ import annotations

import re
import signal
import socket
import struct
from datetime import datetime

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser

from support.demo_command import start_demo_server
from tui_reader.demo.site import pages
from tui_reader.demo.site.content import CATEGORIES, DemoSite
from tui_reader.demo.web.command import main
from tui_reader.demo.web.server import DemoOptions, DemoServer

BIG = 10_000  # articles per category on the shared server: more than anyone would store


@pytest.fixture(scope="module")
def portal():
    with DemoServer(options=DemoOptions(articles_per_category=BIG), log=quiet) as server:
        yield server


@pytest.fixture(scope="module")
def http(portal):
    with httpx.Client(base_url=portal.base_url, timeout=10) as client:
        yield client


def quiet(_line: str) -> None:
    """Access log sink for servers whose log a test does not read."""


def dom(response: httpx.Response) -> LexborHTMLParser:
    assert response.status_code == 200, response.status_code
    return LexborHTMLParser(response.content.decode("gb18030"))


# --- structure -------------------------------------------------------------------


def test_home_lists_cities_grouped_by_province(http):
    tree = dom(http.get("/"))
    provinces = {dl.css_first("dt").text(): dl.css("dd a") for dl in tree.css("div.citylist dl.province")}
    cities = [a for links in provinces.values() for a in links]
    assert len(cities) >= 30
    jiangsu = {a.text(): a.attributes["href"] for a in provinces["江苏"]}
    assert len(jiangsu) == 13
    assert jiangsu["连云港"] == "/lianyungang/"
    assert {"山东", "浙江", "安徽", "广东", "河南"} <= provinces.keys()


def test_city_page_lists_categories_with_counts(http):
    tree = dom(http.get("/lianyungang/"))
    items = tree.css("ul.catlist li")
    assert len(items) >= 10
    first = items[0]
    assert first.css_first("a").attributes["href"] == "/lianyungang/fangchan/"
    assert first.css_first("a").text() == "房产"
    assert first.css_first("em").text() == f"({BIG})"
    slugs = {li.css_first("a").attributes["href"].split("/")[2] for li in items}
    assert {
        "fangchan",
        "zhaopin",
        "ershou",
        "cheliang",
        "fuwu",
        "chongwu",
        "jiaoyu",
        "xinwen",
        "shangwu",
        "jiaoyou",
    } <= slugs


def test_first_listing_page_has_twenty_newest_rows_and_a_next_link(http):
    tree = dom(http.get("/lianyungang/fangchan/"))
    rows = tree.css("ul.infolist li.item")
    assert len(rows) == 20
    ids = [
        int(re.fullmatch(r"/lianyungang/fangchan/(\d+)\.html", r.css_first("a.title").attributes["href"])[1])
        for r in rows
    ]
    assert ids == sorted(ids, reverse=True)  # newest first, newest has the highest id
    dates = [r.css_first("span.date").text() for r in rows]
    assert dates == sorted(dates, reverse=True)
    assert all(re.fullmatch(r"\d+次查看", r.css_first("span.views").text()) for r in rows)
    assert tree.css_first("div.pager a.next").attributes["href"] == "?page=2"
    assert tree.css_first("div.pager span.current").text() == "1"
    # The advert box sits next to the list, never inside it.
    assert tree.css("div.vip-box li a") and not tree.css("ul.infolist div.vip-box")


def test_last_page_of_a_huge_category_has_no_next(http):
    last = BIG // 20
    tree = dom(http.get(f"/lianyungang/fangchan/?page={last}"))
    assert len(tree.css("ul.infolist li.item")) == 20
    assert tree.css_first("div.pager a.next") is None
    assert tree.css_first("div.pager span.current").text() == str(last)
    assert http.get(f"/lianyungang/fangchan/?page={last + 1}").status_code == 404


def test_partial_last_page_counts_the_remainder():
    site = DemoSite(seed=7, articles_per_category=45)
    city, category = site.city("lianyungang"), site.category("ershou")
    assert site.page_count(city, category) == 3
    assert [len(site.page(city, category, n)) for n in (1, 2, 3, 4)] == [20, 20, 5, 0]
    html = pages.category_page(site, "gbk", city, category, 3)
    assert 'class="next"' not in html and '<span class="current">3</span>' in html


def test_pager_shows_a_window_and_the_last_page():
    html = pages.pager(250, 500)
    numbers = re.findall(r'href="\?page=(\d+)">(\d+)<', html)
    assert [int(text) for _, text in numbers] == [1, 246, 247, 248, 249, 251, 252, 253, 254, 500]
    assert '<a class="next" href="?page=251">' in html and '<a href="?page=249">上一页</a>' in html
    assert pages.pager(1, 1) == '<div class="pager"><span class="current">1</span></div>'


def test_article_page_matches_its_listing_row(http):
    row = dom(http.get("/lianyungang/fangchan/?page=3")).css("ul.infolist li.item")[4]
    href = row.css_first("a.title").attributes["href"]
    tree = dom(http.get(href))
    title = row.css_first("a.title").text()
    assert tree.css_first("title").text() == f"{title}_连云港分类信息网"
    assert tree.css_first("div.article h1").text() == title
    crumbs = [a.text() for a in tree.css("div.breadcrumb a")]
    assert crumbs == ["九州分类信息网", "连云港分类信息网", "房产"]
    meta = re.fullmatch(
        r"(\d{4})/(\d{1,2})/(\d{1,2}) (\d\d:\d\d:\d\d)发布(\d+)次查看", tree.css_first("div.meta").text()
    )
    assert meta, tree.css_first("div.meta").text()
    year, month, day = (int(g) for g in meta.groups()[:3])
    assert f"{year:04d}-{month:02d}-{day:02d}" == row.css_first("span.date").text()
    assert meta[5] + "次查看" == row.css_first("span.views").text()
    assert 2 <= len(tree.css("div.content p")) <= 6
    contact = {
        li.css_first("span").text(): li.text()[len(li.css_first("span").text()) :] for li in tree.css("div.contact li")
    }
    assert {"联系人：", "电话：", "地址：", "价格："} <= contact.keys()
    assert contact["价格："] == row.css_first("span.price").text()
    assert contact["地址："].startswith("连云港市")
    assert "上一篇" in tree.css_first("div.prevnext").text()
    assert tree.css_first("div.share") is not None and tree.css_first("div.footer") is not None


def test_every_board_serves_articles(http):
    for category in CATEGORIES:
        first = dom(http.get(f"/suqian/{category.slug}/")).css_first("ul.infolist a.title")
        tree = dom(http.get(first.attributes["href"]))
        assert tree.css_first("div.article h1").text() == first.text()
        assert tree.css("div.content p")


def test_generated_text_is_gbk_safe():
    """A character outside GBK would reach readers as a numeric reference: none may appear."""
    site = DemoSite(seed=3, articles_per_category=500)
    for city in site.cities[::4]:
        for category in site.categories:
            for index in (0, 77, 499):
                pages.article_page(site, "gbk", site.article(city, category, index)).encode("gbk")
            pages.category_page(site, "gbk", city, category, 2).encode("gbk")
    pages.home(site, "gbk").encode("gbk")


def test_publication_times_go_back_from_the_newest():
    site = DemoSite(articles_per_category=BIG)
    city, category = site.city("nanjing"), site.category("zhaopin")
    times = [site.head(city, category, i).published for i in (0, 1, 2, 100, 5000, BIG - 1)]
    assert times == sorted(times, reverse=True) and len(set(times)) == len(times)
    assert all(isinstance(t, datetime) and t.utcoffset() is not None for t in times)
    for index in (0, 1, 9999):
        assert site.index_of(city, category, site.id_of(city, category, index)) == index
    assert site.index_of(city, category, site.id_of(city, category, 0) + 1) is None


# --- determinism -------------------------------------------------------------------


def _raw(server: DemoServer, path: str) -> bytes:
    return httpx.get(server.base_url + path, headers={"Accept-Encoding": "identity"}).content


def test_same_seed_same_bytes_other_seed_other_site():
    paths = ("/", "/xuzhou/", "/xuzhou/cheliang/?page=2")
    with (
        DemoServer(options=DemoOptions(seed=11), log=quiet) as a,
        DemoServer(options=DemoOptions(seed=11), log=quiet) as b,
    ):
        article = LexborHTMLParser(_raw(a, "/xuzhou/cheliang/").decode("gb18030")).css_first("a.title")
        for path in (*paths, article.attributes["href"]):
            assert _raw(a, path) == _raw(b, path)
    with (
        DemoServer(options=DemoOptions(seed=12), log=quiet) as c,
        DemoServer(options=DemoOptions(seed=11), log=quiet) as d,
    ):
        assert _raw(c, "/xuzhou/cheliang/?page=2") != _raw(d, "/xuzhou/cheliang/?page=2")


# --- HTTP behaviour ------------------------------------------------------------------


def test_gbk_body_with_charset_only_in_meta(http):
    response = http.get("/lianyungang/", headers={"Accept-Encoding": "identity"})
    assert response.headers["content-type"] == "text/html"
    assert int(response.headers["content-length"]) == len(response.content)
    raw = response.content
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("gb18030")
    assert '<meta charset="gbk">' in text[:300] and "连云港" in text


def test_utf8_option_labels_header_and_meta():
    with DemoServer(options=DemoOptions(encoding="utf-8"), log=quiet) as server:
        response = httpx.get(server.base_url + "/lianyungang/")
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    text = response.content.decode("utf-8")
    assert '<meta charset="utf-8">' in text and "连云港分类信息网" in text


def test_gzip_when_asked(http):
    response = http.get("/lianyungang/fangchan/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    plain = http.get("/lianyungang/fangchan/", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert response.content == plain.content  # httpx undid the gzip
    assert int(response.headers["content-length"]) < len(plain.content)


@pytest.mark.parametrize("encoding", ["gzip", "identity"])
def test_etag_and_last_modified_round_trip(http, encoding):
    path = "/lianyungang/fangchan/?page=2"
    first = http.get(path, headers={"Accept-Encoding": encoding})
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('"') and etag.endswith('"')  # strong tag
    again = http.get(path, headers={"Accept-Encoding": encoding, "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    since = http.get(path, headers={"Accept-Encoding": encoding, "If-Modified-Since": modified})
    assert since.status_code == 304
    stale = http.get(path, headers={"Accept-Encoding": encoding, "If-None-Match": '"not-this-one"'})
    assert stale.status_code == 200 and stale.content == first.content
    older = http.get(path, headers={"Accept-Encoding": encoding, "If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
    assert older.status_code == 200


def test_head_sends_headers_only(http):
    get = http.get("/lianyungang/jiaoyu/", headers={"Accept-Encoding": "identity"})
    head = http.head("/lianyungang/jiaoyu/", headers={"Accept-Encoding": "identity"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]


def test_robots_txt(http):
    response = http.get("/robots.txt")
    assert response.headers["content-type"] == "text/plain"
    assert "Disallow: /post.html" in response.text and "User-agent: *" in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/nowhere/",
        "/lianyungang/nosuchboard/",
        "/lianyungang/fangchan/1.html",
        "/lianyungang/fangchan/abc.html",
        "/lianyungang/fangchan/?page=0",
        "/lianyungang/fangchan/?page=two",
        "/lianyungang/fangchan/x/y/",
    ],
)
def test_unknown_paths_are_404_pages(http, path):
    response = http.get(path)
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode("gb18030")
    assert "etag" not in response.headers


def test_city_without_trailing_slash_redirects(http):
    response = http.get("/lianyungang", follow_redirects=False)
    assert response.status_code == 301 and response.headers["location"] == "/lianyungang/"
    assert (
        http.get("/lianyungang/fangchan?page=2", follow_redirects=False).headers["location"]
        == "/lianyungang/fangchan/?page=2"
    )


def test_error_rate_switches_at_runtime():
    with DemoServer(log=quiet) as server, httpx.Client(base_url=server.base_url) as client:
        assert client.get("/").status_code == 200
        server.options.error_rate = 1.0
        assert [client.get("/lianyungang/").status_code for _ in range(3)] == [500, 500, 500]
        server.options.error_rate = 0.5
        statuses = [client.get("/").status_code for _ in range(10)]
        assert statuses.count(500) == 5 and statuses.count(200) == 5
        server.options.error_rate = 0.0
        assert client.get("/").status_code == 200


def test_access_log_line_per_request():
    lines: list[str] = []
    with DemoServer(log=lines.append) as server, httpx.Client(base_url=server.base_url) as client:
        body = client.get("/lianyungang/", headers={"Accept-Encoding": "identity"}).content
        client.get("/missing")
        etag = client.get("/robots.txt").headers["etag"]
        client.get("/robots.txt", headers={"If-None-Match": etag})
    assert lines[0] == f"GET /lianyungang/ 200 {len(body)}"
    assert re.fullmatch(r"GET /missing 404 \d+", lines[1])
    assert lines[3] == "GET /robots.txt 304 0"
    assert len(lines) == 4


def test_a_client_hanging_up_mid_answer_is_still_logged():
    # A reader that refuses an answer after its headers (a redirect elsewhere,
    # a body over the size limit) closes the connection while the server is
    # still writing. The request reached the server, so the log must show it:
    # tests count requests by this log.
    lines: list[str] = []
    with DemoServer(options=DemoOptions(huge_mb=32), log=lines.append) as server:
        with socket.create_connection((server.host, server.port)) as sock:
            sock.sendall(b"GET /lianyungang/fangchan/ HTTP/1.1\r\nHost: x\r\n\r\n")
            assert sock.recv(4096).startswith(b"HTTP/1.1 200")
            # Reset rather than close: the server's next write fails at once.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    # stop() has waited for the handler, so its line is in.
    assert lines == ["GET /lianyungang/fangchan/ 200 0"]


def test_stop_closes_the_port():
    server = DemoServer(log=quiet).start()
    url = server.base_url
    with httpx.Client() as client:
        assert client.get(url + "/").status_code == 200  # leaves a keep-alive connection open
        server.stop()
        with pytest.raises(httpx.TransportError):
            client.get(url + "/")
    server.stop()  # twice is harmless


def test_main_rejects_bad_flags(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--error-rate", "1.5"])
    assert exit_info.value.code == 2
    assert "--error-rate" in capsys.readouterr().err


def test_demo_server_command_serves_and_stops_on_ctrl_c():
    proc = start_demo_server("--port", "0", "--seed", "5")
    try:
        banner = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+", banner)[0]
        assert httpx.get(url + "/suqian/").status_code == 200
        assert re.fullmatch(r"GET /suqian/ 200 \d+\n", proc.stdout.readline())
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert err == ""


def test_heavy_pages_are_listed_and_served_in_the_portals_charset(demo_server: DemoServer) -> None:
    from tui_reader.demo.site.heavy import SHAPES

    with httpx.Client(base_url=demo_server.base_url) as client:
        index = client.get("/heavy/")
        links = [a.attributes["href"] for a in LexborHTMLParser(index.text).css("li a")]
        assert links == [f"/heavy/{shape}.html" for shape in SHAPES]
        page = client.get("/heavy/wide-table.html")
        text = page.content.decode("gbk")  # style "a" is a GBK portal, and says so in the page
        assert page.status_code == 200 and '<meta charset="gbk">' in text and "重负页面测试" in text
        assert client.get("/heavy/no-such-shape.html").status_code == 404
