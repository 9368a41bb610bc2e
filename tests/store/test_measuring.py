"""Typed numbers over time in a real SQLite file: old rows measured on open, the
price history written beside the articles, the gone mark."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from support.old_cache import old_article, schema_3_cache, unmeasured
from tui_reader.query import parse_query
from tui_reader.render.prices import price_change
from tui_reader.store.cache import CacheEntry, Store
from tui_reader.store.schema import MIGRATIONS

URL = "http://127.0.0.1:8000/lianyungang/fangchan/17.html"
T0 = datetime(2025, 3, 1, 4, 0, tzinfo=UTC)


def _put(store: Store, payload: dict[str, Any], when: datetime) -> None:
    store.put_many([CacheEntry("article", payload["url"], payload, None, None, when)])


def test_schema_3_cache_is_measured_before_the_first_search_and_nothing_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    # More rows than one batch, so the backfill's batching is walked through.
    schema_3_cache(path, 1203, url=f"{URL[:-8]}{{n}}.html")

    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        # Opening does not wait for them: a large cache would take seconds.
        assert unmeasured(path) == 1203
        # The first search does, so typed qualifiers see every article.
        assert len(store.search(parse_query("花园小区 price:>=2000元/月"), limit=2000)) == 1203
        assert store.price_history(f"{URL[:-8]}7.html")[0].value == 2007
    check = sqlite3.connect(path)
    rows = check.execute(
        "SELECT COUNT(*), MIN(measured), SUM(price_value IS NULL), MIN(area), MAX(rooms), MIN(floor), MIN(district) FROM articles"
    ).fetchone()
    assert rows == (1203, 1, 0, 75.0, 2, 5, "海州区")
    assert check.execute("SELECT COUNT(*) FROM entries").fetchone() == (1203,)


def test_price_history_has_a_point_per_change(tmp_path: Path) -> None:
    with Store(tmp_path / "c.sqlite3") as store:
        _put(store, old_article("3200元/月", URL), T0)
        _put(store, old_article("3200元/月", URL), T0 + timedelta(days=1))  # unchanged: no point
        _put(store, old_article("2800元/月", URL), T0 + timedelta(days=2))
        points = store.price_history(URL)
    assert [(p.value, p.unit, p.seen_at) for p in points] == [
        (3200, "元/月", T0),
        (2800, "元/月", T0 + timedelta(days=2)),
    ]
    assert price_change(points, T0 + timedelta(days=7)) == "was 3,200元/月, now 2,800元/月, 5 d ago"
    assert price_change(points[:1], T0) is None


def test_no_history_for_an_article_without_price(tmp_path: Path) -> None:
    with Store(tmp_path / "c.sqlite3") as store:
        _put(store, old_article("面议", URL), T0)
        assert store.price_history(URL) == []


def test_gone_mark_keeps_the_text_and_a_later_write_clears_it(tmp_path: Path) -> None:
    with Store(tmp_path / "c.sqlite3") as store:
        assert not store.mark_gone(URL, T0)  # not cached: nothing to mark
        _put(store, old_article("3200元/月", URL), T0)
        assert store.mark_gone(URL, T0 + timedelta(hours=1))
        assert store.mark_gone(URL, T0 + timedelta(hours=2))  # the first time is kept
        assert store.gone_at(URL) == T0 + timedelta(hours=1)
        entry = store.get("article", URL)
        assert entry is not None and entry.payload["title"].startswith("海州区")
        _put(store, old_article("3200元/月", URL), T0 + timedelta(days=1))
        assert store.gone_at(URL) is None
