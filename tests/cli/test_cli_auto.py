"""Any portal, no profile, from the command line: real processes against the demo portal's third style.

Style c is one no profile describes, so ``--base-url`` alone reads it by
discovery; ``profile infer --save`` writes a profile that then claims its
host; a captcha is said with its kind and never cached; a sync stops asking
a host that shows one.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from support.cli import run, run_json
from tui_reader.demo.site.gold_c import gold_article_kind, gold_listing
from tui_reader.demo.web.server import DemoOptions, DemoServer


@pytest.fixture
def portal() -> Iterator[DemoServer]:
    with DemoServer(port=0, options=DemoOptions(style="c", articles_per_category=60), log=lambda _line: None) as server:
        yield server


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_a_portal_no_profile_claims_is_discovered(portal: DemoServer, home: Path) -> None:
    base = ("--base-url", portal.base_url)
    cities = run_json(home, "cities", *base)
    assert {"name": "连云港", "url": f"{portal.base_url}/lianyungang/", "province": "L"} in cities
    categories = run_json(home, "categories", "连云港", *base)
    assert [c["name"] for c in categories][:3] == ["房产", "招聘", "二手"]
    listing = run_json(home, "list", "连云港", "房产", *base)
    gold = gold_listing(portal.site(), "lianyungang", "fangchan", 1, portal.base_url, datetime.now(UTC))
    assert [row["url"] for row in listing["items"]] == [row.url for row in gold.rows]
    assert listing["next_url"] == gold.next_url
    # The cache of a discovered portal is its own, by host: nothing of the demo profile's.
    assert any(p.name.startswith("auto-127.0.0.1") for p in (home / "cache").iterdir())


def test_list_any_list_page_by_address(portal: DemoServer, home: Path) -> None:
    url = f"{portal.base_url}/nanjing/zhaopin/pn2/"
    page = run_json(home, "list", url)
    gold = gold_listing(portal.site(), "nanjing", "zhaopin", 2, portal.base_url, datetime.now(UTC))
    assert [row["url"] for row in page["items"]] == [row.url for row in gold.rows]
    first = page["items"][0]
    assert set(first) >= {"title", "url", "posted", "published", "price", "price_value", "price_unit", "views"}
    assert first["posted"] == first["published"] and first["posted"].endswith("+08:00")
    assert page["next_url"] == gold.next_url


def test_read_says_what_a_page_is_when_it_is_no_article(portal: DemoServer, home: Path) -> None:
    base = ("--base-url", portal.base_url)
    listing = run(home, "read", f"{portal.base_url}/lianyungang/fangchan/", *base, check_exit=1)
    assert "listing" in listing.stderr and "tui-reader list" in listing.stderr
    assert len(listing.stderr.strip().splitlines()) == 1
    rows = gold_listing(portal.site(), "lianyungang", "fangchan", 1, portal.base_url, datetime.now(UTC))
    kinds = {gold_article_kind(portal.site(), row.url): row.url for row in rows.rows}
    for kind in ("login", "not-found"):
        if kind in kinds:
            refused = run(home, "read", kinds[kind], *base, "--json", check_exit=1)
            assert kind in refused.stderr
    js_only = run(home, "list", f"{portal.base_url}/lianyungang/zhuangxiu/", check_exit=1)
    assert "js-only" in js_only.stderr


def test_profile_infer_save_then_the_profile_claims_the_host(portal: DemoServer, home: Path) -> None:
    inferred = run(home, "profile", "infer", portal.base_url + "/", "--name", "bafang", "--save")
    assert 'name = "bafang"' in inferred.stdout and f'base_url = "{portal.base_url}"' in inferred.stdout
    assert "[listings]" in inferred.stdout and (home / "config" / "sites" / "bafang.toml").is_file()
    listing = run_json(home, "list", "连云港", "房产", "--base-url", portal.base_url)
    gold = gold_listing(portal.site(), "lianyungang", "fangchan", 1, portal.base_url, datetime.now(UTC))
    assert [row["url"] for row in listing["items"]] == [row.url for row in gold.rows]
    # The saved profile, not discovery, read it: its cache carries the profile's name.
    assert (home / "cache" / "bafang.sqlite3").is_file()
    check = run_json(home, "profile", "check", f"{portal.base_url}/lianyungang/fangchan/", "--site", "bafang")
    assert check["page"] == "listings" and check["kind"]["kind"] == "listing"


def test_profile_infer_from_a_saved_page_needs_the_portal_address(home: Path, tmp_path: Path) -> None:
    page = tmp_path / "list.html"
    rows = "".join(
        f'<li><h3><a href="/zufang/{n}x.shtml">朝阳 两室一厅 精装修 第{n}套</a></h3>'
        f'<span class="price">{2000 + n}元/月</span></li>'
        for n in range(10)
    )
    page.write_text(f'<html><body><ul class="list">{rows}</ul></body></html>', encoding="utf-8")
    assert "--base-url" in run(home, "profile", "infer", str(page), check_exit=1).stderr
    inferred = run(home, "profile", "infer", str(page), "--base-url", "https://bj.portal.example/zufang/").stdout
    assert 'container = "ul.list"' in inferred and 'title = "h3 a"' in inferred
    assert 'base_url = "https://bj.portal.example"' in inferred and 'name = "portal-example"' in inferred


def test_a_sync_stops_asking_a_host_that_shows_a_captcha(home: Path) -> None:
    options = DemoOptions(
        style="c", articles_per_category=60, captcha_after=8, captcha_window=60.0, captcha_cooldown=60.0
    )
    with DemoServer(port=0, options=options, log=lambda _line: None) as server:
        proc = run(home, "sync", "连云港", "房产", "--quiet", "--json", "--base-url", server.base_url, check_exit=1)
    report = json.loads(proc.stdout)
    assert report["backed_off"] == [server.base_url.split("//")[1]]
    assert "captcha" in proc.stderr
    reasons = [failure["reason"] for failure in report["failed"]]
    assert reasons and all("captcha" in reason for reason in reasons)
    # It stopped asking: the pages after the first captcha were never requested.
    assert sum("stopped asking" in reason for reason in reasons) >= len(reasons) - 2


def test_synced_articles_of_a_portal_without_breadcrumbs_know_their_city_and_category(
    portal: DemoServer, home: Path
) -> None:
    config = home / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[sync]\nconcurrency = 4\ndelay = 0\n", encoding="utf-8")
    # Login walls and deleted posts are refused, not stored: the sync says so and exits 1.
    run(home, "sync", "连云港", "房产", "--quiet", "--base-url", portal.base_url, check_exit=1)
    hits = run_json(home, "search", '"房"', "--base-url", portal.base_url)
    assert hits and all(h["city"] == "连云港" and h["category"] == "房产" for h in hits)


def test_a_captcha_is_said_with_what_still_works(home: Path) -> None:
    with DemoServer(port=0, options=DemoOptions(style="c", articles_per_category=60), log=lambda _line: None) as server:
        base = ("--base-url", server.base_url)
        first = run_json(home, "list", "连云港", "房产", *base)
        port = server.port
    refusing = DemoOptions(
        style="c", articles_per_category=60, captcha_after=1, captcha_window=60.0, captcha_cooldown=60.0
    )
    config = home / "config" / "config.toml"
    config.write_text('[cache]\nlistings_ttl = "0s"\n', encoding="utf-8")
    with DemoServer(port=port, options=refusing, log=lambda _line: None) as server:
        urllib.request.urlopen(server.base_url + "/").read()  # the one request the burst allows
        again = run(home, "list", "连云港", "房产", "--json", "--base-url", server.base_url)
    stale = json.loads(again.stdout)
    assert stale["source"] == "stale-cache" and stale["items"] == first["items"]
    line = again.stderr.strip()
    assert "captcha" in line and f"showing {len(first['items'])} cached listings from" in line
