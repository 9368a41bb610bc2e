"""Profile-free discovery (``--site auto``) on real portal pages, against hand-checked gold.

The pages and their gold live in shared/data/real-pages/ (see its README.md):
58's list page (51 rows, 精选/置顶 rows included, most links through redirect
hosts), a 58 detail and a baixing detail, ganji's A–Z city index and its
"网页不存在" page. Nothing here uses a profile: rows, next pages, cities and
page kinds all come from the pages' structure.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from tui_reader.cli.commands import main
from tui_reader.fetch.fetcher import decode_html
from tui_reader.sites.kinds import classify
from tui_reader.sites.pages import read_cities, read_listings
from tui_reader.sites.profile import auto_profile

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real-pages"
GOLD_FILE = REAL / "gold.json"

pytestmark = pytest.mark.skipif(not GOLD_FILE.is_file(), reason="real-pages data set not present")

GOLD: dict = (
    json.loads(GOLD_FILE.read_text(encoding="utf-8"))
    if GOLD_FILE.is_file()
    else {"lists": [], "index": [], "kinds": []}
)

KIND_WORDS = {"list": "listing", "detail": "article", "city-index": "index", "not-found": "not-found"}
URLS = {
    # The original addresses (README.md's table); the not-found page's is unknown.
    "58-list.html": "http://bj.58.com/dashanzi/chuzu/",
    "58-detail.html": "http://m.58.com/bj/hezu/29839576662600x.shtml",
    "baixing-detail.html": "https://suzhou.baixing.com/wupinhuishou/a1956764028.html",
    "ganji-index.html": "http://www.ganji.com/index.htm",
}


def html_of(name: str) -> str:
    return decode_html((REAL / name).read_bytes(), None)[0]


def url_of(name: str) -> str:
    return URLS.get(name, (REAL / name).as_uri())


def f1(got: list[tuple[str, str]], want: list[tuple[str, str]]) -> float:
    shared = len(set(got) & set(want))
    if not shared:
        return 0.0
    precision, recall = shared / len(set(got)), shared / len(set(want))
    return 2 * precision * recall / (precision + recall)


def in_order(got: list[tuple[str, str]], want: list[tuple[str, str]]) -> bool:
    both = set(got) & set(want)
    return [p for p in got if p in both] == [p for p in want if p in both]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("TUI_READER_HOME", str(folder))
    return folder


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


# --- list pages ------------------------------------------------------------------


@pytest.mark.parametrize("entry", GOLD["lists"], ids=lambda e: e["file"])
def test_list_rows_match_the_gold(entry: dict) -> None:
    page = read_listings(html_of(entry["file"]), entry["base_url"], auto_profile())
    got = [(item.title, item.url) for item in page.items]
    want = [(item["title"], item["url"]) for item in entry["items"]]
    score = f1(got, want)
    assert score >= 0.95, (score, [p for p in got if p not in want][:5], [p for p in want if p not in got][:5])
    assert in_order(got, want)
    assert all(url.startswith(("http://", "https://")) for _, url in got)


@pytest.mark.parametrize("entry", GOLD["lists"], ids=lambda e: e["file"])
def test_list_next_url_is_exact(entry: dict) -> None:
    page = read_listings(html_of(entry["file"]), entry["base_url"], auto_profile())
    assert page.next_url == entry["next_url"]


# --- the city index --------------------------------------------------------------


@pytest.mark.parametrize("entry", GOLD["index"], ids=lambda e: e["file"])
def test_city_index_count_and_samples(entry: dict) -> None:
    cities = read_cities(html_of(entry["file"]), url_of(entry["file"]), auto_profile())
    assert len({city.url for city in cities}) == entry["count"]
    assert len(cities) == entry["count"]  # one entry per city: the 热门城市 repeats are folded
    found = {(city.name, city.url) for city in cities}
    missing = [sample for sample in entry["samples"] if tuple(sample) not in found]
    assert not missing


# --- page kinds ------------------------------------------------------------------


@pytest.mark.parametrize("entry", GOLD["kinds"], ids=lambda e: e["file"])
def test_page_kind(entry: dict) -> None:
    verdict = classify(LexborHTMLParser(html_of(entry["file"])), url_of(entry["file"]))
    assert verdict.kind == KIND_WORDS[entry["kind"]], verdict.reason


@pytest.mark.parametrize("entry", GOLD["kinds"], ids=lambda e: e["file"])
def test_page_kind_at_the_file_address(entry: dict) -> None:
    """A saved file is read at its file:// address: the kind must not depend on the original URL."""
    verdict = classify(LexborHTMLParser(html_of(entry["file"])), (REAL / entry["file"]).as_uri())
    assert verdict.kind == KIND_WORDS[entry["kind"]], verdict.reason


# --- the command line ------------------------------------------------------------


@pytest.mark.parametrize("json_flag", [(), ("--json",)], ids=["human", "json"])
def test_read_of_the_list_page_is_refused_as_a_listing(
    home: Path, capsys: pytest.CaptureFixture[str], json_flag: tuple[str, ...]
) -> None:
    code, out, err = cli(capsys, "read", str(REAL / "58-list.html"), *json_flag)
    assert code == 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "listing" in lines[0], err
    assert out == ""


@pytest.mark.parametrize("json_flag", [(), ("--json",)], ids=["human", "json"])
def test_read_of_the_not_found_page_names_it(
    home: Path, capsys: pytest.CaptureFixture[str], json_flag: tuple[str, ...]
) -> None:
    code, out, err = cli(capsys, "read", str(REAL / "ganji-notfound.html"), *json_flag)
    assert code == 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "not-found" in lines[0], err
    assert out == ""


def test_read_of_the_city_index_names_it(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "read", str(REAL / "ganji-index.html"))
    assert code == 1 and "index" in err


def test_list_file_json_prints_items_and_next_url(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entry = next(e for e in GOLD["lists"] if e["file"] == "58-list.html")
    code, out, err = cli(capsys, "list", str(REAL / entry["file"]), "--base-url", entry["base_url"], "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) >= {"items", "next_url"}
    assert data["next_url"] == entry["next_url"]
    items = data["items"]
    assert f1([(i["title"], i["url"]) for i in items], [(i["title"], i["url"]) for i in entry["items"]]) >= 0.95
    for item in items:
        assert {"title", "url", "posted", "published", "price"} <= item.keys()
        assert item["posted"] == item["published"]  # one is the other's alias
    # 58's rows carry their times ("1小时前", "04-27") in div.sendTime: most rows have one,
    # written as ISO 8601 with an offset.
    dated = [i["posted"] for i in items if i["posted"]]
    assert len(dated) >= len(items) // 2
    assert all(stamp[10] == "T" and stamp[-6] in "+-" for stamp in dated)
