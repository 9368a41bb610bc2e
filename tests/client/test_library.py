"""The offline library against real SQLite files and the real demo portal:
search (Chinese, 1-, 2- and 3+-character queries), bookmarks that outlive the
cache, history, read marks, "new since last visit", cache housekeeping."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from support.cli import fast_sync, run, run_json
from tui_reader.demo.web.server import DemoServer
from tui_reader.models import Article, utcnow
from tui_reader.store.cache import MIGRATIONS, Library, Store

BASE = "http://127.0.0.1:1"


TEXTS = [
    ("出售九成新单车", "山地单车一辆，骑了半年。"),
    ("共享单车押金退不了怎么办", "求助：押金问题。"),
    ("自行车转让", "二手自行车，车况好，价格面议。"),
    ("海州区 两室一厅 出租", "家电齐全，拎包入住，近单位。"),
    ("招聘 司机", "要求驾龄三年以上，有单位宿舍。"),
    ("Bike for sale", "Almost new bike, call me."),
    ("单车", "标题只有两个字"),
    ("车", "一个字"),
]


def _article(i: int, title: str, body: str) -> Article:
    return Article(url=f"{BASE}/x/{i}.html", title=title, body=(body,), city="连云港", category="二手")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "cache.sqlite3")
    for i, (title, body) in enumerate(TEXTS):
        a = _article(i, title, body)
        s.put("article", a.url, a.to_dict(), fetched_at=utcnow())
    yield s
    s.close()


def _brute(query: str) -> set[str]:
    words = query.split()
    return {
        f"{BASE}/x/{i}.html"
        for i, (t, b) in enumerate(TEXTS)
        if all(w.casefold() in t.casefold() or w.casefold() in b.casefold() for w in words)
    }


@pytest.mark.parametrize("query", ["单车", "单位", "自行车", "押金退", "车", "两室 出租", "BIKE", "bi", "无此词", "e"])
def test_search_finds_exactly_the_articles_containing_the_query(store: Store, query: str) -> None:
    found = {hit.url for hit in store.search(query, limit=100)}
    assert found == _brute(query)
    assert query not in ("单车", "车") or found  # the short Chinese queries do find something


def test_two_character_query_at_the_very_end_of_a_text(store: Store) -> None:
    # "单车" as a whole title: no trigram starts inside it except the one with the end mark.
    assert f"{BASE}/x/6.html" in {h.url for h in store.search("单车")}


def test_search_follows_updates_and_clear(store: Store) -> None:
    a = _article(0, "出售电动车", "电瓶新换。")
    store.put("article", a.url, a.to_dict(), fetched_at=utcnow())
    assert a.url not in {h.url for h in store.search("九成新单车")}
    assert a.url in {h.url for h in store.search("电瓶")}
    store.clear()
    assert store.search("单车") == [] and store.check() == []


def test_old_cache_upgrades_and_gets_indexed(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(db)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.execute(
        "INSERT INTO articles VALUES ('u1', '出售单车', '九成新', NULL, NULL, NULL, '2024-01-01T00:00:00+00:00')"
    )
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert [h.url for h in store.search("单车")] == ["u1"]
        assert store.check() == []


def test_stored_fields_are_dropped_when_a_cache_upgrades(tmp_path: Path) -> None:
    # Schema 2 stored each article's fields in its payload; they are derived now.
    db = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(db)
    for statements in MIGRATIONS[:2]:
        for statement in statements:
            conn.execute(statement)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    old = {**_article(7, "出售单车", "九成新，电话13812345678").to_dict(), "fields": {"phones": ["13812345678"]}}
    rows = [("article", old["url"], json.dumps(old, ensure_ascii=False)), ("cities", "c", '{"fields": 1}')]
    conn.executemany("INSERT INTO entries VALUES (?, ?, ?, NULL, NULL, '2024-01-01T00:00:00+00:00')", rows)
    conn.commit()
    conn.close()
    with Store(db) as store:
        article = store.get("article", old["url"])
        assert article is not None and article.payload == {k: v for k, v in old.items() if k != "fields"}
        assert store.get("cities", "c").payload == {"fields": 1}  # only article payloads had them


def test_eviction_by_age_and_size_keeps_what_it_must(store: Store) -> None:
    old = _article(100, "很旧的单车", "旧")
    store.put("article", old.url, old.to_dict(), fetched_at=utcnow() - timedelta(days=40))
    kept = _article(101, "很旧但收藏了", "旧")
    store.put("article", kept.url, kept.to_dict(), fetched_at=utcnow() - timedelta(days=40))
    store.evict(max_age=30 * 86400, keep={kept.url})
    assert store.get("article", old.url) is None and store.search("很旧的") == []
    assert store.get("article", kept.url) is not None
    # A size limit nothing fits: everything goes but what is kept.
    store.evict(max_bytes=1, keep={kept.url})
    assert store.stats()["article"] == 1 and store.get("article", kept.url) is not None


def test_read_marks_history_and_new_since_last_visit(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as lib:
        lib.record_open("u1", "标题一")
        lib.mark_read("u2")
        lib.mark_read("u2", False)
        assert lib.read_among(["u1", "u2", "u3"]) == {"u1"}
        assert [h["url"] for h in lib.history()] == ["u1"]
        assert lib.new_since_last_visit("list", ["a", "b"]) == set()  # first visit: nothing is "new"
        assert lib.new_since_last_visit("list", ["c", "a", "b"]) == {"c"}
        assert lib.new_since_last_visit("list", ["c", "a"]) == set()
    # Kept on disk: a new process sees the same.
    with Library(tmp_path / "lib.sqlite3") as lib:
        assert lib.read_among(["u1"]) == {"u1"}


def test_cli_bookmarks_survive_clear_and_deleting_the_cache(portal: DemoServer, home: Path) -> None:
    base = ("--site", "demo", "--base-url", portal.base_url)
    url = run_json(home, "list", "连云港", "房产", *base)["items"][0]["url"]
    other = run_json(home, "list", "连云港", "房产", *base)["items"][1]["url"]
    assert "bookmarked" in run(home, "bookmarks", "add", url, *base).stdout
    run(home, "read", other, *base)
    marks = run_json(home, "bookmarks", *base)
    assert [m["url"] for m in marks] == [url]

    run(home, "cache", "clear", "--yes", *base)
    assert run_json(home, "cache", "stats", *base)["article"] == 0
    shutil.rmtree(home / "cache")
    portal.stop()
    saved = run_json(home, "read", url, "--offline", *base)
    assert saved["url"] == url and saved["body"]
    run(home, "read", other, "--offline", *base, check_exit=1)  # not bookmarked: gone with the cache
    assert [h["url"] for h in run_json(home, "history", *base)][:1] == [url]  # read --offline just now

    assert "removed" in run(home, "bookmarks", "remove", url, *base).stdout
    again = run(home, "bookmarks", "remove", url, *base, check_exit=1)
    assert "not bookmarked" in again.stderr and again.stderr.count("\n") == 1
    assert run_json(home, "bookmarks", *base) == []


def test_cli_search_offline_with_two_character_queries(portal: DemoServer, home: Path) -> None:
    base = ("--site", "demo", "--base-url", portal.base_url)
    fast_sync(home)
    run(home, "sync", "连云港", "房产", "招聘", "--quiet", *base)
    portal.stop()
    db = home / "cache" / "demo.sqlite3"
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT url, title, body FROM articles").fetchall()
    conn.close()
    assert len(rows) >= 40
    title = rows[0][1].split()[0]
    for query in (title[:2], title[:3], title[-2:], "出租", '"招"', "两室 出租"):
        hits = run_json(home, "search", query, "--limit", "1000", *base)
        expected = {u for u, t, b in rows if all(w.strip('"') in t or w.strip('"') in b for w in query.split())}
        assert {h["url"] for h in hits} == expected, query
    human = run(home, "search", "出租", *base)
    assert "found" in human.stderr


def test_cli_cache_stats_check_vacuum_clear(portal: DemoServer, home: Path) -> None:
    base = ("--site", "demo", "--base-url", portal.base_url)
    fast_sync(home)
    run(home, "sync", "连云港", "房产", "--quiet", *base)
    stats = run_json(home, "cache", "stats", *base)
    assert stats["article"] == stats["articles_indexed"] >= 20
    assert run_json(home, "cache", "check", *base) == {"ok": True, "problems": []}
    vacuum = run_json(home, "cache", "vacuum", *base)
    assert vacuum["evicted"] == 0
    assert run_json(home, "search", "出租", *base)  # the rebuilt index still answers
    run(home, "cache", "clear", "--yes", *base)
    assert run_json(home, "cache", "stats", *base)["article"] == 0
    # A damaged index is reported, exit 1, one line on stderr.
    conn = sqlite3.connect(home / "cache" / "demo.sqlite3")
    conn.execute("INSERT INTO articles (url, title, body, fetched_at) VALUES ('x', 't', 'b', '2024')")
    conn.execute("DELETE FROM articles_fts_data WHERE id > 1")
    conn.commit()
    conn.close()
    bad = run(home, "cache", "check", *base, check_exit=1)
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_search_finds_what_an_article_shows_as_facts(store: Store) -> None:
    """Facts (租金, 小区 …) leave the body; a search must still find them."""
    a = Article(
        url=f"{BASE}/x/99.html",
        title="整租 两室",
        body=("采光好。",),
        facts=(("小区", "金盏嘉园"), ("租金", "3200元/月")),
    )
    store.put("article", a.url, a.to_dict(), fetched_at=utcnow())
    assert a.url in {h.url for h in store.search("金盏嘉园")}
    assert a.url in {h.url for h in store.search("3200元")}
