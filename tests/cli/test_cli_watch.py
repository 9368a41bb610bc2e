"""`tui-reader watch`: saved searches against the real demo portal, run as real processes."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import ANY

from support.cli import fast_sync, run, run_json
from tui_reader.demo.web.server import DemoServer


def _urls(rows: object) -> set[str]:
    assert isinstance(rows, list)
    return {row["url"] for row in rows}


def test_watch_run_prints_every_match_first_then_only_what_is_new(portal: DemoServer, home: Path) -> None:
    base = ("--site", "demo", "--base-url", portal.base_url)
    fast_sync(home)
    run(home, "sync", "连云港", "房产", "--quiet", *base)
    added = run(home, "watch", "add", "near", "city:连云港", *base)
    assert added.stdout.startswith("watching near: ")

    first = run_json(home, "watch", "run", "near", *base)
    assert isinstance(first, list) and first
    assert {row["category"] for row in first} == {"房产"} and {row["watch"] for row in first} == {"near"}
    assert {"url", "title", "city", "category", "posted", "published", "price", "price_value", "price_unit"} <= set(
        first[0]
    )
    # Cron-friendly: nothing new, nothing on stdout, exit 0.
    again = run(home, "watch", "run", *base)
    assert again.stdout == ""

    report = run_json(home, "sync", "连云港", "二手", "--quiet", *base)
    assert isinstance(report, dict) and report["watches"]["near"] > 0
    second = run_json(home, "watch", "run", "near", *base)
    assert isinstance(second, list) and second and {row["category"] for row in second} == {"二手"}
    assert not _urls(second) & _urls(first)
    assert len(second) == report["watches"]["near"]

    human = run(home, "watch", "run", *base)  # the JSON run above moved the cursor too
    assert human.stdout == ""

    listed = run_json(home, "watch", "list", *base)
    assert isinstance(listed, list) and [w["name"] for w in listed] == ["near"]
    assert listed[0]["matches"] == len(first) + len(second) == listed[0]["new"]
    assert listed[0]["query"] == "city:连云港" and listed[0]["last_run"]


def test_watch_add_refuses_a_bad_query_and_a_taken_name(home: Path) -> None:
    bad = run(home, "watch", "add", "bikes", "单车 city:", "--demo", check_exit=2)
    assert bad.stderr.splitlines()[0].startswith("tui-reader: watch add: 'city:'")
    assert run_json(home, "watch", "list", "--demo") == []

    run(home, "watch", "add", "bikes", "单车", "--demo")
    taken = run(home, "watch", "add", "bikes", "自行车", "--demo", check_exit=1)
    assert "there is a watch named 'bikes' already" in taken.stderr
    assert [w["query"] for w in run_json(home, "watch", "list", "--demo")] == ["单车"]  # type: ignore[union-attr]

    run(home, "watch", "remove", "bikes", "--demo")
    missing = run(home, "watch", "remove", "bikes", "--demo", check_exit=1)
    assert missing.stderr == "tui-reader: no watch named 'bikes'\n"
    assert run(home, "watch", "run", "--demo").stdout == ""


def test_cache_clear_keeps_watches_and_the_killfile(home: Path) -> None:
    run(home, "watch", "add", "bikes", "单车", "--demo")
    run(home, "kill", "add", "word", "中介", "--demo")
    run(home, "cache", "clear", "--yes", "--demo")
    assert [w["name"] for w in run_json(home, "watch", "list", "--demo")] == ["bikes"]  # type: ignore[union-attr]
    assert run_json(home, "kill", "list", "--demo") == [{"kind": "word", "value": "中介", "added": ANY}]
