"""The user's own reading data: bookmarks, history, read marks, what was seen.

Not cache: it lives in its own SQLite file under the data folder
(``session.library_path``), so ``cache clear``, eviction and deleting the cache
folder leave it alone. A bookmark carries a copy of the article (the JSON of
``Article.to_dict()``), so a bookmarked article reads offline even after its
cache entry is gone. Same concurrency rules as the cache: WAL, a busy
timeout, and ``BEGIN IMMEDIATE`` for every write.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui_reader.errors import CacheError
from tui_reader.store import dbfile as _dbfile
from tui_reader.store import txn as _txn

__all__ = ["Library"]

_SCHEMA: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE bookmarks (
            url TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            article TEXT NOT NULL,
            added_at TEXT NOT NULL
        )""",
        """CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            title TEXT NOT NULL,
            opened_at TEXT NOT NULL
        )""",
        "CREATE INDEX history_by_time ON history (opened_at)",
        "CREATE TABLE read_marks (url TEXT PRIMARY KEY, read_at TEXT NOT NULL) WITHOUT ROWID",
        """CREATE TABLE seen (
            list_url TEXT NOT NULL,
            url TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (list_url, url)
        ) WITHOUT ROWID""",
    ),
    # 2: history keeps one row per article (its latest opening and how often
    # it was opened), so it lists each once. The rows of version 1, one per
    # opening, are folded into that: the latest title and time, the count.
    (
        """CREATE TABLE history_by_article (
            url TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            opened_count INTEGER NOT NULL DEFAULT 1
        )""",
        # SQLite takes the bare columns (title, opened_at) from the row MAX(id) picks: the latest.
        """INSERT INTO history_by_article (url, title, opened_at, opened_count)
            SELECT url, title, opened_at, openings FROM (
                SELECT url, title, opened_at, MAX(id), COUNT(*) AS openings FROM history GROUP BY url
            )""",
        "DROP TABLE history",
        "ALTER TABLE history_by_article RENAME TO history",
        "CREATE INDEX history_by_time ON history (opened_at)",
    ),
)
HISTORY_KEEP = 1000
"""Articles kept in the history; the ones opened longest ago are dropped as new ones come."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Library:
    """Bookmarks, history and read marks of one site. Open, use, close."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, timeout=5.0, isolation_level=None, check_same_thread=False)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA busy_timeout=5000")
            self._migrate()
        except OSError as exc:
            raise CacheError(f"cannot create {self.path.parent}: {exc.strerror or exc}") from None
        except sqlite3.Error as exc:
            raise CacheError(f"cannot open your bookmarks {self.path}: {_dbfile.describe(exc)}") from None

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version >= len(_SCHEMA):
            return
        with self._writing() as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]  # again, under the lock
            for statements in _SCHEMA[version:]:
                for statement in statements:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {len(_SCHEMA)}")

    def _reading(self) -> AbstractContextManager[sqlite3.Connection]:
        return _txn.reading(self._lock, self._conn, f"your bookmarks {self.path}")

    def _writing(self) -> AbstractContextManager[sqlite3.Connection]:
        return _txn.writing(self._lock, self._conn, f"your bookmarks {self.path}")

    # -- bookmarks ------------------------------------------------------------

    def add_bookmark(self, article: dict[str, Any]) -> bool:
        """Keep ``article`` (an ``Article.to_dict()``); False if it was already bookmarked (content refreshed)."""
        text = json.dumps(article, ensure_ascii=False, separators=(",", ":"))
        with self._writing() as conn:
            existed = conn.execute("SELECT 1 FROM bookmarks WHERE url = ?", (article["url"],)).fetchone()
            conn.execute(
                "INSERT INTO bookmarks (url, title, article, added_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET title = excluded.title, article = excluded.article",
                (article["url"], article.get("title") or "", text, _now()),
            )
        return existed is None

    def remove_bookmark(self, url: str) -> bool:
        with self._writing() as conn:
            return conn.execute("DELETE FROM bookmarks WHERE url = ?", (url,)).rowcount > 0

    def bookmarks(self) -> list[dict[str, Any]]:
        """Newest first: ``url``, ``title``, ``added_at``, ``article`` (the saved copy)."""
        with self._reading() as conn:
            rows = conn.execute("SELECT url, title, added_at, article FROM bookmarks ORDER BY added_at DESC").fetchall()
        return [{"url": u, "title": t, "added_at": a, "article": json.loads(j)} for u, t, a, j in rows]

    def bookmarked_article(self, url: str) -> dict[str, Any] | None:
        with self._reading() as conn:
            row = conn.execute("SELECT article FROM bookmarks WHERE url = ?", (url,)).fetchone()
        return json.loads(row[0]) if row else None

    def bookmarked_urls(self) -> set[str]:
        with self._reading() as conn:
            return {row[0] for row in conn.execute("SELECT url FROM bookmarks")}

    # -- history and read marks -----------------------------------------------

    def record_open(self, url: str, title: str) -> None:
        """An article was opened: into the history, and marked read."""
        now = _now()
        with self._writing() as conn:
            conn.execute(
                "INSERT INTO history (url, title, opened_at) VALUES (?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "title = excluded.title, opened_at = excluded.opened_at, opened_count = opened_count + 1",
                (url, title, now),
            )
            conn.execute(
                "DELETE FROM history WHERE url IN (SELECT url FROM history ORDER BY opened_at DESC LIMIT -1 OFFSET ?)",
                (HISTORY_KEEP,),
            )
            conn.execute("INSERT INTO read_marks (url, read_at) VALUES (?, ?) ON CONFLICT (url) DO NOTHING", (url, now))

    def history(self, limit: int = 100) -> list[dict[str, Any]]:
        """Each article once, most recently opened first: ``url``, ``title``, ``opened_at``
        (the latest opening), ``opened_count``."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT url, title, opened_at, opened_count FROM history ORDER BY opened_at DESC LIMIT ?", (limit,)
            ).fetchall()
        return [{"url": u, "title": t, "opened_at": o, "opened_count": n} for u, t, o, n in rows]

    def mark_read(self, url: str, read: bool = True) -> None:
        with self._writing() as conn:
            if read:
                conn.execute(
                    "INSERT INTO read_marks (url, read_at) VALUES (?, ?) ON CONFLICT (url) DO NOTHING", (url, _now())
                )
            else:
                conn.execute("DELETE FROM read_marks WHERE url = ?", (url,))

    def read_among(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` are marked read (one query for a whole listing page)."""
        wanted = json.dumps(list(urls), ensure_ascii=False)
        with self._reading() as conn:
            return {
                row[0]
                for row in conn.execute(
                    "SELECT url FROM read_marks WHERE url IN (SELECT value FROM json_each(?))", (wanted,)
                )
            }

    def new_since_last_visit(self, list_url: str, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` were not on ``list_url`` at any earlier visit; this visit is remembered.

        The first visit of a list reports nothing as new (everything would be).
        """
        urls = list(dict.fromkeys(urls))
        wanted = json.dumps(urls, ensure_ascii=False)
        now = _now()
        with self._writing() as conn:
            visited = conn.execute("SELECT 1 FROM seen WHERE list_url = ? LIMIT 1", (list_url,)).fetchone()
            known = {
                row[0]
                for row in conn.execute(
                    "SELECT url FROM seen WHERE list_url = ? AND url IN (SELECT value FROM json_each(?))",
                    (list_url, wanted),
                )
            }
            conn.executemany(
                "INSERT INTO seen (list_url, url, first_seen) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [(list_url, u, now) for u in urls if u not in known],
            )
        return set() if visited is None else {u for u in urls if u not in known}

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
