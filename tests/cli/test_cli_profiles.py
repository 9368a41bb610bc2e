"""``profile check`` and the reader's command line on the demo portal's second style, as real processes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from support.cli import run, run_json
from tui_reader.demo.site.content import DemoSite
from tui_reader.demo.web.server import DemoOptions, DemoServer

ARTICLES = 45


@pytest.fixture
def portal_b() -> Iterator[DemoServer]:
    with DemoServer(options=DemoOptions(style="b", articles_per_category=ARTICLES), log=lambda _line: None) as server:
        yield server


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def rows_by_key(report: dict, section: str) -> dict[str, dict]:
    return {row["key"]: row for row in report["selectors"] if row["section"] == section}


def test_reader_walks_the_second_style(portal_b: DemoServer, home: Path) -> None:
    site = DemoSite(articles_per_category=ARTICLES)
    city, category = site.city("lianyungang"), site.category("fangchan")
    assert city is not None and category is not None
    base = ("--site", "demo-b", "--base-url", portal_b.base_url)

    cities = run_json(home, "cities", *base)
    assert {"name": "连云港", "url": portal_b.base_url + "/lianyungang/", "province": "江苏"} in cities

    # Page 3 by its path address (list/3/), not by following the pager.
    page3 = run_json(home, "list", "连云港", "房产", "--page", "3", *base)
    assert page3["number"] == 3 and page3["next_url"] is None and page3["last_number"] == 3
    assert [i["title"] for i in page3["items"]] == [site.head(city, category, i).title for i in range(40, 45)]

    truth = site.article(city, category, 41)
    article = run_json(home, "read", page3["items"][1]["url"], *base)
    assert article["source"] == "network"
    assert article["title"] == truth.head.title
    assert article["published"] == truth.head.published.isoformat()  # from JSON-LD, ISO 8601
    assert article["views"] == truth.head.views
    assert (article["city"], article["category"]) == ("连云港", "房产")
    assert article["body"] == "\n\n".join(truth.paragraphs)


def test_demo_flag_reads_the_second_style(home: Path) -> None:
    """``--demo --site demo-b`` starts the style-b portal in-process; plain ``--demo`` stays style a."""
    b = run_json(home, "--demo", "--site", "demo-b", "list", "连云港", "房产", "--page", "2")
    a = run_json(home, "--demo", "list", "连云港", "房产", "--page", "2")
    assert b["next_url"].endswith("/lianyungang/fangchan/list/3/") and ":8964/" not in b["next_url"]
    assert a["next_url"].endswith("/lianyungang/fangchan/?page=3")
    assert a["number"] == b["number"] == 2
    assert [i["title"] for i in a["items"]] == [i["title"] for i in b["items"]]  # same content, other shape
    wrong = run(home, "--demo", "--site", "nope", "cities", check_exit=2)  # a usage error
    assert "--site must be one of demo, demo-b" in wrong.stderr


def test_profile_check_on_a_listing_url(portal_b: DemoServer, home: Path) -> None:
    site = DemoSite(articles_per_category=ARTICLES)
    url = portal_b.base_url + "/lianyungang/fangchan/"
    report = run_json(home, "profile", "check", url, "--site", "demo-b")
    assert report["profile"] == "demo-b" and report["page"] == "listings"
    listing = rows_by_key(report, "listings")
    assert listing["container"]["count"] == 1
    assert listing["item"]["count"] == 20 and listing["title"]["count"] == 20
    city, category = site.city("lianyungang"), site.category("fangchan")
    assert city is not None and category is not None
    first_title = site.head(city, category, 0).title
    assert listing["title"]["values"][0] == (first_title if len(first_title) <= 40 else first_title[:39] + "…")
    assert listing["pager_current"]["values"] == ["1"]
    assert rows_by_key(report, "article")["title"]["count"] == 0
    assert report["result"]["next_url"] == url + "list/2/" and report["result"]["last_number"] == 3

    human = run(home, "profile", "check", url, "--site", "demo-b").stdout
    assert "reads as a listing page" in human and "div.post-card (in the container): 20 matches" in human


def test_profile_check_on_a_saved_file(portal_b: DemoServer, home: Path, tmp_path: Path) -> None:
    site = DemoSite(articles_per_category=ARTICLES)
    city, category = site.city("nanjing"), site.category("ershou")
    assert city is not None and category is not None
    head = site.head(city, category, 5)
    saved = tmp_path / "article.html"
    saved.write_bytes(httpx.get(portal_b.base_url + head.path).content)

    fits = run_json(home, "profile", "check", str(saved), "--site", "demo-b")
    assert fits["page"] == "article" and fits["generic"] == []
    assert fits["url"] == saved.resolve().as_uri()
    article_rows = rows_by_key(fits, "article")
    assert article_rows["body"]["count"] == 1 and article_rows["paragraph"]["count"] >= 2
    assert article_rows["json_ld"]["values"] == [f"datePublished {head.published.isoformat()}", f"views {head.views}"]
    assert fits["result"]["published"] == head.published.isoformat() and fits["result"]["views"] == head.views

    # The style-a profile was not written for this page: the generic extractor reads it, and says so.
    other = run_json(home, "profile", "check", str(saved), "--site", "demo")
    assert other["page"] == "article"
    assert {"title", "body"} <= set(other["generic"])
    assert rows_by_key(other, "article")["body"]["count"] == 0


def test_profile_check_sanitises_page_text(home: Path, tmp_path: Path) -> None:
    saved = tmp_path / "hostile.html"
    saved.write_text(
        '<ul class="infolist"><li class="item"><a class="title" href="/1.html">标题\x1b]0;owned\x07</a></li></ul>',
        encoding="utf-8",
    )
    out = run(home, "profile", "check", str(saved), "--site", "demo").stdout
    assert "\x1b" not in out and "\x07" not in out and "标题" in out
    report = json.loads(run(home, "profile", "check", str(saved), "--site", "demo", "--json").stdout)
    assert "\x1b" not in json.dumps(report, ensure_ascii=False)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("profile", "check", "/no/such/page.html"), "no such file"),
        (("profile", "check", "http://127.0.0.1:9/x.html"), "connect"),
        (("profile", "check", "/etc/hostname", "--site", "nope"), "no site profile named 'nope'"),
    ],
)
def test_profile_check_failures_are_one_line(home: Path, args: tuple[str, ...], words: str) -> None:
    proc = run(home, *args, check_exit=1)
    assert proc.stderr.count("\n") == 1 and words in proc.stderr and "Traceback" not in proc.stderr


def test_profiles_folder_is_searched(portal_b: DemoServer, home: Path) -> None:
    """A profile in the user's profiles folder (README: config/sites/*.toml) is found by name."""
    builtin = Path(__file__).parents[2] / "src" / "tui_reader" / "sites" / "builtin" / "demo-b.toml"
    (home / "config" / "sites").mkdir(parents=True)
    text = builtin.read_text(encoding="utf-8").replace('name = "demo-b"', 'name = "mine"')
    (home / "config" / "sites" / "mine.toml").write_text(text, encoding="utf-8")
    report = run_json(home, "profile", "check", portal_b.base_url + "/", "--site", "mine")
    assert report["profile"] == "mine" and report["page"] == "cities"
    assert any(c["name"] == "连云港" for c in report["result"]["cities"])
