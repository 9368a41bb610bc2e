"""``tui-reader sync --photos`` as a real process against the real demo portal: the synced
articles' photos land in the photo cache and are found offline; hostile photos are counted,
never cached, never fatal; ``cache stats`` and ``[cache] photos_mb`` show the photo cache."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from support.cli import fast_sync, run, run_json
from tui_reader.client import Client, Retention
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.sites.profile import load_profile
from tui_reader.store.cache import Store


def _photos_by_article(db: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT key, payload FROM entries WHERE kind = 'article'").fetchall()
    finally:
        conn.close()
    return {url: [p["url"] for p in json.loads(payload).get("photos", [])] for url, payload in rows}


async def test_sync_photos_then_offline_finds_them(portal: DemoServer, home: Path) -> None:
    base = ("--site", "demo", "--base-url", portal.base_url)
    fast_sync(home, "[cache]\nphotos_mb = 64\n")
    report = run_json(home, "sync", "连云港", "房产", "--photos", *base)
    assert isinstance(report, dict)
    db = home / "cache" / "demo.sqlite3"
    wanted = {url for photos in _photos_by_article(db).values() for url in photos}
    assert wanted and report["failed"] == [] and report["photos_failed"] == []
    assert report["photos_stored"] == len(wanted) and report["photos_current"] == 0

    stats = run_json(home, "cache", "stats", *base)
    assert isinstance(stats, dict)
    assert stats["photos"] == len(wanted) and 0 < stats["photo_bytes"] < stats["bytes"]
    assert stats["photo_budget"] == 64 << 20
    assert {"article", "articles_indexed", "bytes", "used_bytes", "path", "bookmarks"} <= set(stats)

    again = run_json(home, "sync", "连云港", "房产", "--photos", *base)
    assert isinstance(again, dict) and again["photos_stored"] == 0 and again["photos_current"] == len(wanted)

    client = Client(
        profile=load_profile("demo"), base_url=portal.base_url, store=Store(db), offline=True, retention=Retention()
    )
    try:
        for url in sorted(wanted)[:10]:
            got = await client.photo(url)
            assert got.source == "cache" and got.value.width > 0
    finally:
        await client.aclose()


def test_hostile_photos_are_counted_and_never_fatal(home: Path) -> None:
    with DemoServer(port=0, options=DemoOptions(hostile_photos=True), log=lambda _line: None) as portal:
        base = ("--site", "demo", "--base-url", portal.base_url)
        fast_sync(home)
        done = run(home, "sync", "连云港", "房产", "--photos", "--json", *base)
        report = json.loads(done.stdout)
        assert report["failed"] == [] and report["photos_stored"] > 0
        reasons = {entry["reason"] for entry in report["photos_failed"]}
        assert any("too large" in r for r in reasons) and any("SVG" in r for r in reasons)
        failed = [entry["url"] for entry in report["photos_failed"]]
        conn = sqlite3.connect(home / "cache" / "demo.sqlite3")
        try:
            cached = {row[0] for row in conn.execute("SELECT url FROM photos")}
        finally:
            conn.close()
        assert cached and not cached & set(failed)
        human = run(home, "sync", "连云港", "房产", "--photos", *base).stdout
        assert "photos: 0 stored" in human and "photo not cached:" in human
