"""The user's own reading data: bookmarks (with a note and a status), history,
read marks, what was seen, watches (saved searches and what they matched) and
the killfile.

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
from tui_reader.store.opening import Opening, closed_connection

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
    # 3: hunting. A bookmark's note and status (models.BOOKMARK_STATUSES,
    # checked by the client: the column takes what it is given so a newer
    # status never breaks an older reader); watches, the articles each one
    # matched (first_seen: when a sync or `watch add` first saw it; read_at:
    # when it was opened) and when `watch run` last ran it (its own cursor,
    # apart from read marks); the killfile.
    (
        "ALTER TABLE bookmarks ADD COLUMN note TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE bookmarks ADD COLUMN status TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE watches (
            name TEXT PRIMARY KEY,
            query TEXT NOT NULL,
            created_at TEXT NOT NULL,
            run_cursor TEXT
        )""",
        """CREATE TABLE watch_matches (
            watch TEXT NOT NULL,
            url TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            read_at TEXT,
            PRIMARY KEY (watch, url)
        ) WITHOUT ROWID""",
        "CREATE INDEX watch_matches_by_url ON watch_matches (url)",
        """CREATE TABLE kills (
            kind TEXT NOT NULL CHECK (kind IN ('phone', 'word', 'poster')),
            value TEXT NOT NULL,
            added_at TEXT NOT NULL,
            PRIMARY KEY (kind, value)
        ) WITHOUT ROWID""",
    ),
)
_READ_MATCHES = "UPDATE watch_matches SET read_at = ? WHERE url = ? AND read_at IS NULL"

# Where an article was already read when a watch first matches it, the match starts read.
_RECORD_MATCH = """INSERT INTO watch_matches (watch, url, first_seen, read_at)
    VALUES (?, ?, ?, (SELECT read_at FROM read_marks WHERE url = ?)) ON CONFLICT DO NOTHING"""

HISTORY_KEEP = 1000
"""Articles kept in the history; the ones opened longest ago are dropped as new ones come."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _record(conn: sqlite3.Connection, name: str, urls: Iterable[str], now: str) -> int:
    """Keep the matches of watch ``name`` it had not matched before; how many were new."""
    return sum(conn.execute(_RECORD_MATCH, (name, url, now, url)).rowcount for url in dict.fromkeys(urls))


class Library:
    """Bookmarks, history and read marks of one site. Open, use, close."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(f"cannot create {self.path.parent}: {exc.strerror or exc}") from None
        self._opening = Opening(self.path, self._open, closed=closed_connection)  # a new file: made when first used

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._opening.result()

    def _open(self, path: Path) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(path, timeout=5.0, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA busy_timeout=5000")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < len(_SCHEMA):
                with _txn.writing(self._lock, conn, f"your bookmarks {path}"):
                    version = conn.execute("PRAGMA user_version").fetchone()[0]  # again, under the lock
                    for statements in _SCHEMA[version:]:
                        for statement in statements:
                            conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {len(_SCHEMA)}")
        except sqlite3.Error as exc:
            raise CacheError(f"cannot open your bookmarks {path}: {_dbfile.describe(exc)}") from None
        return conn

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
        """Newest first: ``url``, ``title``, ``added_at``, ``note``, ``status``, ``article`` (the saved copy)."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT url, title, added_at, note, status, article FROM bookmarks ORDER BY added_at DESC"
            ).fetchall()
        return [
            {"url": u, "title": t, "added_at": a, "note": n, "status": s, "article": json.loads(j)}
            for u, t, a, n, s, j in rows
        ]

    def set_bookmark(self, url: str, *, note: str | None = None, status: str | None = None) -> bool:
        """Change a bookmark's note and/or status (the caller checks the status); False if ``url`` is not bookmarked."""
        with self._writing() as conn:
            return (
                conn.execute(
                    "UPDATE bookmarks SET note = coalesce(?, note), status = coalesce(?, status) WHERE url = ?",
                    (note, status, url),
                ).rowcount
                > 0
            )

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
            conn.execute(_READ_MATCHES, (now, url))

    def history(self, limit: int = 100) -> list[dict[str, Any]]:
        """Each article once, most recently opened first: ``url``, ``title``, ``opened_at``
        (the latest opening), ``opened_count``."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT url, title, opened_at, opened_count FROM history ORDER BY opened_at DESC LIMIT ?", (limit,)
            ).fetchall()
        return [{"url": u, "title": t, "opened_at": o, "opened_count": n} for u, t, o, n in rows]

    def mark_read(self, url: str, read: bool = True) -> None:
        """Mark ``url`` read (its watch matches too) or unread again."""
        with self._writing() as conn:
            if read:
                now = _now()
                conn.execute(
                    "INSERT INTO read_marks (url, read_at) VALUES (?, ?) ON CONFLICT (url) DO NOTHING", (url, now)
                )
                conn.execute(_READ_MATCHES, (now, url))
            else:
                conn.execute("DELETE FROM read_marks WHERE url = ?", (url,))
                conn.execute("UPDATE watch_matches SET read_at = NULL WHERE url = ?", (url,))

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

    # -- watches ---------------------------------------------------------------

    def add_watch(self, name: str, query: str, matches: Iterable[str] = ()) -> bool:
        """Keep a watch and the articles it matches now; False (nothing changed) if ``name`` is taken."""
        now = _now()
        with self._writing() as conn:
            added = conn.execute(
                "INSERT INTO watches (name, query, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (name, query, now),
            ).rowcount
            if added:
                _record(conn, name, matches, now)
        return added > 0

    def remove_watch(self, name: str) -> bool:
        with self._writing() as conn:
            conn.execute("DELETE FROM watch_matches WHERE watch = ?", (name,))
            return conn.execute("DELETE FROM watches WHERE name = ?", (name,)).rowcount > 0

    def watches(self) -> list[dict[str, Any]]:
        """By name: ``name``, ``query``, ``created_at``, ``run_cursor``, ``matches``, ``unread``."""
        with self._reading() as conn:
            rows = conn.execute(
                """SELECT w.name, w.query, w.created_at, w.run_cursor, COUNT(m.url), COUNT(m.url) - COUNT(m.read_at)
                FROM watches w LEFT JOIN watch_matches m ON m.watch = w.name GROUP BY w.name ORDER BY w.name"""
            ).fetchall()
        keys = ("name", "query", "created_at", "run_cursor", "matches", "unread")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def record_matches(self, name: str, urls: Iterable[str]) -> int:
        """``urls`` match the watch now: the ones it had not matched before are kept, unread; how many."""
        with self._writing() as conn:
            return _record(conn, name, urls, _now())

    def watch_matches(self, name: str) -> dict[str, tuple[str, bool]]:
        """Every article the watch matched: URL → (first seen, unread)."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT url, first_seen, read_at IS NULL FROM watch_matches WHERE watch = ?", (name,)
            ).fetchall()
        return {url: (first, bool(unread)) for url, first, unread in rows}

    def run_watch(self, name: str, urls: Iterable[str]) -> set[str] | None:
        """``watch run``: record ``urls`` (what the watch matches now) and move its cursor to now.

        Returns the ones first seen since the previous run; all of them at the
        first run; None when there is no such watch. One transaction: nothing
        recorded between the answer and the cursor's move is skipped.
        """
        urls = list(dict.fromkeys(urls))
        with self._writing() as conn:
            row = conn.execute("SELECT run_cursor FROM watches WHERE name = ?", (name,)).fetchone()
            if row is None:
                return None
            _record(conn, name, urls, _now())
            since = row[0]
            if since is None:
                fresh = set(urls)
            else:
                fresh = {
                    r[0]
                    for r in conn.execute(
                        "SELECT url FROM watch_matches WHERE watch = ? AND first_seen > ? "
                        "AND url IN (SELECT value FROM json_each(?))",
                        (name, since, json.dumps(urls, ensure_ascii=False)),
                    )
                }
            conn.execute("UPDATE watches SET run_cursor = ? WHERE name = ?", (_now(), name))
        return fresh

    def mark_watch_read(self, url: str) -> None:
        """Every watch's match of ``url`` read (the article's own read mark is ``mark_read``)."""
        with self._writing() as conn:
            conn.execute(_READ_MATCHES, (_now(), url))

    # -- the killfile ----------------------------------------------------------

    def add_kill(self, kind: str, value: str) -> bool:
        """Hide listings by ``kind`` (phone, word, poster) ``value``; False if it was killed already."""
        with self._writing() as conn:
            return (
                conn.execute(
                    "INSERT INTO kills (kind, value, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    (kind, value, _now()),
                ).rowcount
                > 0
            )

    def remove_kill(self, kind: str, value: str) -> bool:
        with self._writing() as conn:
            return conn.execute("DELETE FROM kills WHERE kind = ? AND value = ?", (kind, value)).rowcount > 0

    def kills(self) -> list[tuple[str, str, str]]:
        """(kind, value, added_at), by kind then value."""
        with self._reading() as conn:
            return [tuple(row) for row in conn.execute("SELECT kind, value, added_at FROM kills ORDER BY kind, value")]

    def close(self) -> None:
        conn = self._opening.close()
        if conn is None:
            return  # a new file never used: nothing was made or opened
        with self._lock:
            conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
