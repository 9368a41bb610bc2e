"""Photos on the command line: ``read --json`` gives ``photos``, ``list --json`` rows give
``photo_count`` and ``thumb``, by discovery and with a profile, from a real HTTP portal."""

from __future__ import annotations

import functools
import http.server
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.cli import run, run_json
from support.serving import serving
from tui_reader.demo.web.server import DemoServer

ARTICLE = """<!doctype html><html><head><meta charset="utf-8"><title>朝阳 两室一厅 精装修 拎包入住 - 八方网</title></head>
<body><header class="top"><a href="/"><img src="/static/brand.png" alt="八方网"></a></header>
<div class="main"><h1>朝阳 两室一厅 精装修 拎包入住</h1>
<div class="album"><ul>
<li><img src="/static/loading.gif" data-original="/up/room-1.jpg" alt="客厅"></li>
<li><img src="/static/loading.gif" data-original="/up/room-2.jpg" alt="卧室"></li>
<li><img srcset="/up/room-3-small.jpg 320w, /up/room-3.jpg 1280w" alt="厨房"></li>
</ul></div>
<div class="content"><p>房子位于朝阳区，南北通透，精装修，家具家电齐全，拎包入住。</p>
<p>租金每月四千五百元，押一付三，随时看房，欢迎来电咨询。</p>
<p>小区环境优美，交通便利，步行五分钟到地铁站，周边配套齐全。</p></div>
<div class="qrcode-box"><img src="/up/wx-qr.png"></div>
<img src="/count/pv.gif" width="1" height="1"></div>
<footer><img src="/static/brand.png"></footer></body></html>"""

ROW = """<li class="item"><div class="pic"><a href="/zufang/{n}x.html"><img src="/static/lazy.png"
 data-src="/up/t{n}.jpg"></a><span class="num">{n}图</span></div>
<h3><a class="title" href="/zufang/{n}x.html">朝阳 两室一厅 精装修 第{n}套</a></h3><span class="price">{n}000元/月</span></li>"""
LIST = (
    '<!doctype html><html><head><meta charset="utf-8"><title>租房</title></head><body><ul class="list">'
    + "".join(ROW.format(n=n) for n in range(1, 7))
    + '<li class="item"><h3><a class="title" href="/zufang/9x.html">朝阳 一居室 没有照片</a></h3></li>'
    + "</ul></body></html>"
)

PROFILE = """name = "bafang"
title = "八方网"
[cities]
link = "a.city"
[categories]
link = "a.cat"
[listings]
container = "ul.list"
item = "li.item"
title = "a.title"
thumb = "div.pic img"
photo_count = "span.num"
[article]
title = "h1"
body = "div.content"
photos = "div.album"
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "site"
    (root / "zufang").mkdir(parents=True)
    (root / "zufang" / "1x.html").write_text(ARTICLE, encoding="utf-8")
    (root / "zufang" / "index.html").write_text(LIST, encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(root))
    with serving(http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler), poll_interval=0.05) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def _expected_photos(base: str) -> list[dict[str, str]]:
    return [
        {"url": f"{base}/up/room-1.jpg", "alt": "客厅"},
        {"url": f"{base}/up/room-2.jpg", "alt": "卧室"},
        {"url": f"{base}/up/room-3.jpg", "alt": "厨房"},
    ]


def test_read_json_gives_the_listings_photos_by_discovery_and_keeps_them_offline(site: str, home: Path) -> None:
    url = f"{site}/zufang/1x.html"
    article = run_json(home, "read", url, "--site", "auto", "--base-url", site)
    assert article["photos"] == _expected_photos(site)
    offline = run_json(home, "read", url, "--site", "auto", "--base-url", site, "--offline")
    assert offline["source"] == "cache" and offline["photos"] == article["photos"]
    assert "📷 3" in run(home, "read", url, "--site", "auto", "--base-url", site, "--offline").stdout


def test_list_json_rows_give_photo_count_and_thumb_by_discovery(site: str, home: Path) -> None:
    rows = run_json(home, "list", f"{site}/zufang/", "--site", "auto", "--base-url", site)["items"]
    assert [(r["photo_count"], r["thumb"]) for r in rows] == [
        *((n, f"{site}/up/t{n}.jpg") for n in range(1, 7)),
        (None, None),
    ]


def test_a_profiles_photo_selectors_are_used(site: str, home: Path) -> None:
    sites = home / "config" / "sites"
    sites.mkdir(parents=True)
    (sites / "bafang.toml").write_text(PROFILE, encoding="utf-8")
    article = run_json(home, "read", f"{site}/zufang/1x.html", "--site", "bafang", "--base-url", site)
    assert article["photos"] == _expected_photos(site)
    rows = run_json(home, "list", f"{site}/zufang/", "--site", "bafang", "--base-url", site)["items"]
    assert [(r["photo_count"], r["thumb"]) for r in rows][:2] == [(1, f"{site}/up/t1.jpg"), (2, f"{site}/up/t2.jpg")]
    assert (rows[-1]["photo_count"], rows[-1]["thumb"]) == (None, None)


def test_the_keys_are_there_when_a_page_has_no_photos(portal: DemoServer, home: Path) -> None:
    base = ("--base-url", portal.base_url)
    rows = run_json(home, "list", "连云港", "房产", *base)["items"]
    assert rows and all("photo_count" in r and "thumb" in r for r in rows)
    article = run_json(home, "read", rows[0]["url"], *base)
    assert isinstance(article["photos"], list)
