"""Typed numbers over time in a real SQLite file: old rows measured on open, the
price history written beside the articles, the gone mark."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tui_reader.render.prices import price_change
from tui_reader.store.cache import CacheEntry, Store
from tui_reader.store.schema import MIGRATIONS

URL = "http://127.0.0.1:8000/lianyungang/fangchan/17.html"
T0 = datetime(2025, 3, 1, 4, 0, tzinfo=UTC)


def _article(price: str, *, url: str = URL, title: str = "海州区 两室一厅 拎包入住") -> dict[str, Any]:
    return {
        "url": url,
        "title": title,
        "body": ["出租海州区花园小区，使用面积75㎡，5/18层，精装修。"],
        "city": "连云港",
        "category": "房产",
        "published": "2025-02-28T09:00:00+08:00",
        "facts": {"租金": price, "户型": "2室1厅"},
    }


def _put(store: Store, payload: dict[str, Any], when: datetime) -> None:
    store.put_many([CacheEntry("article", payload["url"], payload, None, None, when)])


def test_schema_3_cache_is_measured_on_open_and_nothing_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:3]:
        for statement in migration:
            conn.execute(statement)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('schema_version', '3')")
    # More rows than one batch, so the backfill's batching is walked through.
    for n in range(1203):
        url = f"{URL[:-8]}{n}.html"
        payload = _article(f"{2000 + n}元/月", url=url)
        conn.execute(
            "INSERT INTO entries VALUES ('article', ?, ?, NULL, NULL, ?)",
            (url, json.dumps(payload, ensure_ascii=False), T0.isoformat(timespec="microseconds")),
        )
        conn.execute(
            "INSERT INTO articles (url, title, body, city, category, published, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (url, payload["title"], payload["body"][0], "连云港", "房产", payload["published"], T0.isoformat()),
        )
    conn.close()

    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert len(store.search("花园小区", limit=2000)) == 1203
        assert store.price_history(f"{URL[:-8]}7.html")[0].value == 2007
    check = sqlite3.connect(path)
    rows = check.execute(
        "SELECT COUNT(*), MIN(measured), SUM(price_value IS NULL), MIN(area), MAX(rooms), MIN(floor), MIN(district) FROM articles"
    ).fetchone()
    assert rows == (1203, 1, 0, 75.0, 2, 5, "海州区")
    assert check.execute("SELECT COUNT(*) FROM entries").fetchone() == (1203,)


def test_price_history_has_a_point_per_change(tmp_path: Path) -> None:
    with Store(tmp_path / "c.sqlite3") as store:
        _put(store, _article("3200元/月"), T0)
        _put(store, _article("3200元/月"), T0 + timedelta(days=1))  # unchanged: no point
        _put(store, _article("2800元/月"), T0 + timedelta(days=2))
        points = store.price_history(URL)
    assert [(p.value, p.unit, p.seen_at) for p in points] == [
        (3200, "元/月", T0),
        (2800, "元/月", T0 + timedelta(days=2)),
    ]
    assert price_change(points, T0 + timedelta(days=7)) == "was 3,200元/月, now 2,800元/月, 5 d ago"
    assert price_change(points[:1], T0) is None


def test_no_history_for_an_article_without_price(tmp_path: Path) -> None:
    with Store(tmp_path / "c.sqlite3") as store:
        _put(store, _article("面议"), T0)
        assert store.price_history(URL) == []


def test_gone_mark_keeps_the_text_and_a_later_write_clears_it(tmp_path: Path) -> None:
    with Store(tmp_path / "c.sqlite3") as store:
        assert not store.mark_gone(URL, T0)  # not cached: nothing to mark
        _put(store, _article("3200元/月"), T0)
        assert store.mark_gone(URL, T0 + timedelta(hours=1))
        assert store.mark_gone(URL, T0 + timedelta(hours=2))  # the first time is kept
        assert store.gone_at(URL) == T0 + timedelta(hours=1)
        entry = store.get("article", URL)
        assert entry is not None and entry.payload["title"].startswith("海州区")
        _put(store, _article("3200元/月"), T0 + timedelta(days=1))
        assert store.gone_at(URL) is None
