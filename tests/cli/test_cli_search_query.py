"""`tui-reader search` understands city: and cat: like the TUI's search box."""

from __future__ import annotations

from pathlib import Path

from support.cli import fast_sync, run, run_json
from tui_reader.demo.web.server import DemoServer


def test_search_keeps_to_city_and_category_and_limit_counts_kept_hits(portal: DemoServer, home: Path) -> None:
    base = ("--site", "demo", "--base-url", portal.base_url)
    fast_sync(home)
    run(home, "sync", "连云港", "房产", "--quiet", *base)
    run(home, "sync", "南京", "房产", "--quiet", *base)
    everything = run_json(home, "search", '"房"', "--limit", "1000", *base)
    assert isinstance(everything, list) and {h["city"] for h in everything} == {"连云港", "南京"}
    nanjing = [h for h in everything if h["city"] == "南京"]
    # By name, slug, part of the name (no district of 连云港 has a 京 in it), or any of several.
    for place in ("city:南京", "city:nanjing", "city:京", "city:南京,nowhere"):
        hits = run_json(home, "search", f'"房" {place}', "--limit", "1000", *base)
        assert [h["url"] for h in hits] == [h["url"] for h in nanjing], place  # type: ignore[union-attr]
    few = run_json(home, "search", '"房" city:南京 cat:fangchan', "--limit", "3", *base)
    assert isinstance(few, list) and len(few) == 3 and {h["city"] for h in few} == {"南京"}
    # The keys `search --json` printed before stay (posted and the price came beside them).
    assert {"url", "title", "city", "category", "published", "snippet"} <= set(few[0])


def test_a_qualifier_without_a_value_is_a_usage_error(home: Path) -> None:
    proc = run(home, "search", "单车 city:", check_exit=2)
    assert proc.stderr.splitlines()[0] == "tui-reader: search: 'city:' at character 4 needs a value, like city:连云港"
