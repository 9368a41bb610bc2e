"""The photo cache: photos kept for offline reading, in the cache's own file, bounded in size.

Three tables (migration 5 in ``schema``): ``photos`` (a row per photo: its
URL, media type, size, when it was fetched and last used), ``photo_data``
(its bytes, apart, so that sizing and eviction never read a blob) and
``photo_articles`` (which articles show it: a photo of a bookmarked article
is kept).

Only vetted photos are put here (the client vets before it stores), so what
comes out is a picture. The cache is bounded by a byte budget (``[cache]
photos_mb``): after every put, the least recently used photos go until the
rest fits, except those of the articles named in ``keep`` (the bookmarks:
they live in the library's file, so the caller names them). The page cache's
own size limit leaves the photos' bytes out of its count (``photo_bytes``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import NamedTuple

from tui_reader.store.entry import ts_in, ts_out

__all__ = ["CachedPhoto", "PhotoCache", "photo_bytes"]

_Guard = Callable[[], AbstractContextManager[sqlite3.Connection]]
_JSON_LIST = "(SELECT value FROM json_each(?))"
_MANY = 500


class CachedPhoto(NamedTuple):
    url: str
    data: bytes
    media_type: str
    fetched_at: datetime


def photo_bytes(conn: sqlite3.Connection) -> int:
    """Bytes of every cached photo (their data, as fetched)."""
    return int(conn.execute("SELECT COALESCE(SUM(bytes), 0) FROM photos").fetchone()[0])


class PhotoCache:
    """Photos in the cache file of ``Store`` (``Store.photos``), through its guarded connection."""

    def __init__(self, reading: _Guard, writing: _Guard) -> None:
        self._reading = reading
        self._writing = writing

    def get(self, url: str) -> CachedPhoto | None:
        with self._reading() as conn:
            row = conn.execute(
                "SELECT d.data, p.media_type, p.fetched_at FROM photos p JOIN photo_data d ON d.url = p.url "
                "WHERE p.url = ?",
                (url,),
            ).fetchone()
        return None if row is None else CachedPhoto(url, bytes(row[0]), row[1], ts_in(row[2]))

    def touch(self, url: str, when: datetime) -> None:
        """The photo was looked at: it is the last to go."""
        with self._writing() as conn:
            conn.execute("UPDATE photos SET last_used = ? WHERE url = ?", (ts_out(when), url))

    def cached_among(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` are cached."""
        wanted = list(dict.fromkeys(urls))
        found: set[str] = set()
        with self._reading() as conn:
            for start in range(0, len(wanted), _MANY):
                chunk = json.dumps(wanted[start : start + _MANY], ensure_ascii=False)
                found.update(
                    row[0] for row in conn.execute(f"SELECT url FROM photos WHERE url IN {_JSON_LIST}", (chunk,))
                )
        return found

    def put(
        self,
        url: str,
        data: bytes,
        media_type: str,
        *,
        fetched_at: datetime,
        articles: Iterable[str] = (),
        max_bytes: int | None = None,
        keep: Iterable[str] = (),
    ) -> int:
        """Store a vetted photo shown by ``articles``, then evict to ``max_bytes``
        (None: no bound) sparing the photos of ``keep``; returns photos evicted."""
        when = ts_out(fetched_at)
        with self._writing() as conn:
            conn.execute(
                "INSERT INTO photos (url, media_type, bytes, fetched_at, last_used) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET media_type = excluded.media_type, bytes = excluded.bytes, "
                "fetched_at = excluded.fetched_at, last_used = excluded.last_used",
                (url, media_type, len(data), when, when),
            )
            conn.execute(
                "INSERT INTO photo_data (url, data) VALUES (?, ?) ON CONFLICT (url) DO UPDATE SET data = excluded.data",
                (url, data),
            )
            _link(conn, url, articles)
            return 0 if max_bytes is None else _evict(conn, max_bytes, keep)

    def link(self, url: str, articles: Iterable[str]) -> None:
        """``articles`` show the cached photo ``url`` too."""
        with self._writing() as conn:
            _link(conn, url, articles)

    def evict(self, max_bytes: int, keep: Iterable[str] = ()) -> int:
        """Least recently used photos out until the rest fit ``max_bytes``, those of ``keep`` spared."""
        with self._writing() as conn:
            return _evict(conn, max_bytes, keep)

    def stats(self) -> dict[str, int]:
        """``photos`` (how many) and ``photo_bytes`` (their size)."""
        with self._reading() as conn:
            count = conn.execute("SELECT COUNT(*) FROM photos").fetchone()[0]
            return {"photos": int(count), "photo_bytes": photo_bytes(conn)}


def clear(conn: sqlite3.Connection) -> int:
    """Every photo out (in the caller's transaction); how many there were."""
    count = int(conn.execute("SELECT COUNT(*) FROM photos").fetchone()[0])
    for table in ("photos", "photo_data", "photo_articles"):
        conn.execute(f"DELETE FROM {table}")
    return count


def _link(conn: sqlite3.Connection, url: str, articles: Iterable[str]) -> None:
    conn.executemany(
        "INSERT INTO photo_articles (photo_url, article_url) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [(url, article) for article in dict.fromkeys(articles)],
    )


def _evict(conn: sqlite3.Connection, max_bytes: int, keep: Iterable[str]) -> int:
    excess = photo_bytes(conn) - max_bytes
    if excess <= 0:
        return 0
    kept = json.dumps(sorted(set(keep)), ensure_ascii=False)
    victims: list[tuple[str]] = []
    for url, size in conn.execute(
        "SELECT url, bytes FROM photos WHERE url NOT IN "
        f"(SELECT photo_url FROM photo_articles WHERE article_url IN {_JSON_LIST}) ORDER BY last_used, url",
        (kept,),
    ):
        victims.append((url,))
        excess -= size
        if excess <= 0:
            break
    for table, column in (("photos", "url"), ("photo_data", "url"), ("photo_articles", "photo_url")):
        conn.executemany(f"DELETE FROM {table} WHERE {column} = ?", victims)
    return len(victims)
