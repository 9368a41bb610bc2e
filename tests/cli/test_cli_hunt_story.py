"""The whole hunt on the command line, as a new user would go through it: save a watch
for a priced, located query, sync, see only what is new, follow a price cut, shortlist
and export — every step after a sync offline, against the real demo portal."""

from __future__ import annotations

import json
from pathlib import Path

from support.cli import fast_sync, run, run_json
from tui_reader.demo.web.server import DemoServer

WATCH = "整租 city:连云港 price:<=2000元/月"


def test_a_price_cut_appears_as_new_in_a_watch_and_in_the_history(portal: DemoServer, home: Path) -> None:
    online = ("--site", "demo", "--base-url", portal.base_url)
    offline = (*online, "--offline")
    fast_sync(home)
    run(home, "sync", "连云港", "房产", "--pages", "1", "--quiet", *online)

    # A flat just above the watch's price, to be cut below it.
    above = run_json(home, "search", "整租 city:连云港 price:2001-2400元/月 sort:price", *offline)
    assert isinstance(above, list) and above, "the demo should have a flat just above 2000元/月"
    flat = above[0]
    old_price = str(flat["price"])

    run(home, "watch", "add", "cheap flat", WATCH, *offline)
    first = run_json(home, "watch", "run", *offline)
    assert isinstance(first, list)
    assert flat["url"] not in {r["url"] for r in first}
    assert all(r["price_value"] <= 2000 and r["price_unit"] == "元/月" for r in first)
    # Nothing new since: nothing on stdout, exit 0 (cron mails nothing).
    assert run(home, "watch", "run", *offline).stdout == ""

    portal.options.repriced = {old_price: "1850元/月"}
    try:
        fast_sync(home, '[cache]\narticle_ttl = "0s"\nlistings_ttl = "0s"\n')
        synced = run_json(home, "sync", "连云港", "房产", "--pages", "1", *online)
    finally:
        portal.options.repriced = {}
    assert isinstance(synced, dict) and synced["watches"]["cheap flat"] >= 1

    listed = run_json(home, "watch", "list", *offline)
    assert isinstance(listed, list) and listed[0]["new"] >= 1
    new = run_json(home, "watch", "run", *offline)
    assert isinstance(new, list)
    assert flat["url"] in {r["url"] for r in new}
    assert {r["url"] for r in new}.isdisjoint({r["url"] for r in first})

    article = run_json(home, "read", str(flat["url"]), *offline)
    assert isinstance(article, dict)
    history = article["price_history"]
    assert [p["price_value"] for p in history] == [flat["price_value"], 1850.0]
    assert all(p["seen_at"].endswith("+08:00") for p in history)
    text = run(home, "read", str(flat["url"]), *offline).stdout
    assert "now 1,850元/月" in text and "was " in text

    run(home, "bookmarks", "add", str(flat["url"]), *offline)
    run(home, "bookmarks", "status", str(flat["url"]), "to call", *offline)
    shortlist = run(home, "export", "bookmarks", "--format", "json", "--mask-contacts", *offline).stdout
    rows = json.loads(shortlist)
    assert [(r["url"], r["status"]) for r in rows] == [(flat["url"], "to call")]
    for phone in article["fields"].get("phones", []):
        assert phone not in shortlist
