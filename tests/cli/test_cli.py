"""The command-line contract (DESIGN.md §3), run as a real process against the real demo portal."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from support.cli import run, run_json
from tui_reader.demo.web.server import DemoServer


def test_cities_categories_and_list(portal: DemoServer, home: Path) -> None:
    base = ("--base-url", portal.base_url)
    cities = run_json(home, "cities", *base)
    names = {c["name"] for c in cities}
    assert len(cities) >= 30 and "连云港" in names
    assert {c["province"] for c in cities if c["name"] == "连云港"} == {"江苏"}

    categories = run_json(home, "categories", "连云港", *base)
    assert len(categories) >= 10 and "房产" in {c["name"] for c in categories}

    page2 = run_json(home, "list", "lianyungang", "房产", "--page", "2", *base)
    assert page2["number"] == 2 and len(page2["items"]) == 20
    page1 = run_json(home, "list", "lianyungang", "房产", *base)
    assert not {i["url"] for i in page1["items"]} & {i["url"] for i in page2["items"]}


def test_read_json_then_offline_from_cache(portal: DemoServer, home: Path) -> None:
    base = ("--base-url", portal.base_url)
    url = run_json(home, "list", "连云港", "招聘", *base)["items"][0]["url"]

    fresh = run_json(home, "read", url, *base)
    assert fresh["source"] == "network"
    assert fresh["title"] and fresh["city"] == "连云港" and fresh["category"] == "招聘"
    assert fresh["published"][:2] == "20" and isinstance(fresh["views"], int)
    assert "\n\n" in fresh["body"] or len(fresh["body"]) > 20
    assert fresh["fields"].get("phones"), fresh["fields"]
    # Address and contact name, from the page's contact block as from its text.
    block = dict(fresh["contact"])
    assert block["地址"] in fresh["fields"]["address"] and fresh["fields"]["contact"] == [block["联系人"]]

    portal.stop()
    offline = run_json(home, "read", url, *base, "--offline")
    assert offline["source"] == "cache"
    assert offline["body"] == fresh["body"] and offline["title"] == fresh["title"]


def test_stale_cache_served_when_portal_fails(portal: DemoServer, home: Path) -> None:
    base = ("--base-url", portal.base_url)
    run(home, "cities", *base)
    # Make the cached city list stale, then break the portal.
    config = home / "config" / "config.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('cities_ttl = "7d"', 'cities_ttl = "0s"'), encoding="utf-8"
    )
    portal.options.error_rate = 1.0
    proc = run(home, "cities", *base, "--json")
    assert "连云港" in {c["name"] for c in json.loads(proc.stdout)}
    assert "cached" in proc.stderr and "500" in proc.stderr


def test_read_saved_file(portal: DemoServer, home: Path, tmp_path: Path) -> None:
    base = ("--base-url", portal.base_url)
    url = run_json(home, "list", "连云港", "房产", *base)["items"][3]["url"]
    saved = tmp_path / "saved.html"
    saved.write_bytes(httpx.get(url).content)  # GBK bytes, charset only in <meta>
    article = run_json(home, "read", str(saved))
    assert article["source"] == "file"
    assert article["city"] == "连云港"
    assert "\ufffd" not in article["body"] + article["title"]


def test_human_output_is_plain_text(portal: DemoServer, home: Path) -> None:
    out = run(home, "cities", "--base-url", portal.base_url).stdout
    assert "江苏:" in out and "连云港" in out
    listing = run(home, "list", "连云港", "二手", "--base-url", portal.base_url).stdout
    assert "-- page 1" in listing


def test_read_prints_the_fields_and_numbered_links_as_plain_text(
    portal: DemoServer, home: Path, tmp_path: Path
) -> None:
    base = ("--base-url", portal.base_url)
    url = run_json(home, "list", "连云港", "招聘", *base)["items"][0]["url"]
    fields = run_json(home, "read", url, *base)["fields"]
    out = run(home, "read", url, *base).stdout
    assert "\x1b" not in out  # piped: no colour codes
    assert all(line == line.rstrip() for line in out.splitlines())
    phone_line = next(line for line in out.splitlines() if line.startswith("Phone"))
    assert fields["phones"][0] in phone_line
    assert any(line.startswith("Address") and fields["address"][0] in line for line in out.splitlines())

    saved = tmp_path / "links.html"
    saved.write_text(
        "<html><body><h1>带链接的文章</h1><p>详情见<a href='https://example.com/a'>官网</a>，欢迎来电咨询。</p>"
        "<p>第二段文字，足够长的正文内容在这里。</p></body></html>",
        encoding="utf-8",
    )
    text = run(home, "read", str(saved)).stdout
    assert "详情见官网[1]，" in text and "Links" in text
    links = text[text.index("Links") :]
    assert "[1]" in links and "https://example.com/a" in links


def test_failures_are_one_line(portal: DemoServer, home: Path) -> None:
    unknown = run(home, "categories", "atlantis", "--base-url", portal.base_url, check_exit=1)
    assert unknown.stderr.count("\n") == 1 and "atlantis" in unknown.stderr
    assert "Traceback" not in unknown.stderr

    portal.stop()
    # The city list is cached by now; 连云港's categories are not.
    down = run(home, "categories", "连云港", "--base-url", portal.base_url, check_exit=1)
    assert down.stderr.count("\n") == 1 and "Traceback" not in down.stderr
    assert "connect" in down.stderr

    miss = run(
        home, "read", f"{portal.base_url}/nowhere/1.html", "--offline", "--base-url", portal.base_url, check_exit=1
    )
    assert "offline" in miss.stderr and miss.stderr.count("\n") == 1


def test_usage_errors_exit_2(home: Path) -> None:
    assert run(home, "list", "连云港", check_exit=2).stderr
    assert run(home, "list", "a", "b", "--page", "0", check_exit=2).stderr
    assert run(home, "no-such-command", check_exit=2).stderr


def test_bad_config_names_file_and_line(home: Path, portal: DemoServer) -> None:
    config = home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[site]\nname = "demo"\ncolour = "red"\n', encoding="utf-8")
    proc = run(home, "cities", "--base-url", portal.base_url, check_exit=1)
    assert f"{config}:3:" in proc.stderr and "colour" in proc.stderr


def test_version_and_first_run_config(home: Path) -> None:
    assert run(home, "--version").stdout.startswith("tui-reader ")
    run(home, "cities", "--offline", check_exit=1)
    assert (home / "config" / "config.toml").is_file()


def test_read_saved_page_of_another_site(home: Path) -> None:
    """A page the demo profile was not written for reads through the generic extractor."""
    page = Path(__file__).parents[1] / "fixtures" / "pages" / "utf8_json_ld.html"
    article = run_json(home, "read", str(page))
    assert article["source"] == "file"
    assert article["title"] and len(article["body"]) > 40
    assert "VIP推荐" not in article["body"]


def test_global_options_work_before_and_after_the_command(portal: DemoServer, home: Path) -> None:
    before = run_json(home, "--base-url", portal.base_url, "cities")
    portal.stop()
    # Cached under the portal's own address, whichever side of "cities" it was given.
    after = json.loads(run(home, "cities", "--json", "--offline", "--base-url", portal.base_url).stdout)
    assert before == after
