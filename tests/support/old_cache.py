"""Cache files as older versions left them: real SQLite, built with the project's own
first migrations (``cache_at_schema``); schema 3, before typed numbers, holding articles
with prices in their facts (``schema_3_cache``)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui_reader.store.schema import MIGRATIONS

T0 = datetime(2025, 3, 1, 4, 0, tzinfo=UTC)


def old_article(price: str, url: str, title: str = "海州区 两室一厅 拎包入住") -> dict[str, Any]:
    return {
        "url": url,
        "title": title,
        "body": ["出租海州区花园小区，使用面积75㎡，5/18层，精装修。"],
        "city": "连云港",
        "category": "房产",
        "published": "2025-02-28T09:00:00+08:00",
        "facts": {"租金": price, "户型": "2室1厅"},
    }


def cache_at_schema(path: Path, version: int) -> sqlite3.Connection:
    """A cache file at ``path`` as schema ``version`` left it, empty; its connection (autocommit)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:version]:
        for statement in migration:
            conn.execute(statement)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(version),))
    return conn


def schema_3_cache(path: Path, count: int, url: str = "http://127.0.0.1:8000/lianyungang/fangchan/{n}.html") -> None:
    """``count`` articles at ``url`` (``{n}`` numbered from 0), priced 2000+n 元/月, in a schema-3 file."""
    conn = cache_at_schema(path, 3)
    for n in range(count):
        address = url.format(n=n)
        payload = old_article(f"{2000 + n}元/月", address)
        conn.execute(
            "INSERT INTO entries VALUES ('article', ?, ?, NULL, NULL, ?)",
            (address, json.dumps(payload, ensure_ascii=False), T0.isoformat(timespec="microseconds")),
        )
        conn.execute(
            "INSERT INTO articles (url, title, body, city, category, published, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (address, payload["title"], payload["body"][0], "连云港", "房产", payload["published"], T0.isoformat()),
        )
    conn.close()


def unmeasured(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM articles WHERE measured = 0").fetchone()[0])
    finally:
        conn.close()
