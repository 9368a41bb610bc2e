"""The local cache: one SQLite file per site. The only module that speaks SQL.

What is kept:

- ``entries`` — every page the client has read, as the JSON of its model
  (city list, category list, listing page, article), keyed by kind and URL,
  with the validators (ETag / Last-Modified) needed for a conditional request
  and the time the portal last gave it to us.
- ``articles`` — one row per cached article with its text in columns, so a
  later full-text index (and search) can be built from SQL alone.
- ``meta`` — the schema version. The schema grows only through ``MIGRATIONS``,
  an ordered list: a database at version *n* gets migrations *n+1…* applied, so
  later versions add tables (read marks, bookmarks, FTS) without losing cache.

Concurrency: the TUI and a ``tui-reader sync`` may use the same file at once.
WAL lets readers go on while one writes, ``busy_timeout`` makes a second writer
wait instead of failing, and every write starts with ``BEGIN IMMEDIATE`` so the
write lock is taken up front — a deferred transaction that upgrades from read
to write later is what produces "database is locked" half-way through.

Every ``sqlite3.Error`` leaves this module as ``errors.CacheError`` with one
sentence that names the file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import CacheError

KINDS = ("cities", "categories", "listings", "article")
"""What an entry can be; ``key`` is always the URL the value was read from."""

# Each migration is a sequence of single statements (not a script): the
# sqlite3 module's executescript() commits first, which would break the
# all-or-nothing transaction a migration must run in.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: the page cache and the article text table.
    (
        """CREATE TABLE entries (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            payload TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            fetched_at TEXT NOT NULL,
            PRIMARY KEY (kind, key)
        ) WITHOUT ROWID""",
        """CREATE TABLE articles (
            url TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            city TEXT,
            category TEXT,
            published TEXT,
            fetched_at TEXT NOT NULL
        )""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

# SQLite result codes that mean "this file is not (or no longer) a usable
# database" as opposed to "busy" or "no permission": only these justify moving
# the file aside. A locked database must never be treated as damaged.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26

_GET = "SELECT payload, etag, last_modified, fetched_at FROM entries WHERE kind = ? AND key = ?"
_PUT = """INSERT INTO entries (kind, key, payload, etag, last_modified, fetched_at)
    VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (kind, key) DO UPDATE SET payload = excluded.payload,
        etag = excluded.etag, last_modified = excluded.last_modified,
        fetched_at = excluded.fetched_at"""
_PUT_ARTICLE = """INSERT INTO articles (url, title, body, city, category, published, fetched_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (url) DO UPDATE SET title = excluded.title, body = excluded.body,
        city = excluded.city, category = excluded.category,
        published = excluded.published, fetched_at = excluded.fetched_at"""
_TOUCH = "UPDATE entries SET fetched_at = ? WHERE kind = ? AND key = ?"
_TOUCH_ARTICLE = "UPDATE articles SET fetched_at = ? WHERE url = ?"


@dataclass(frozen=True, slots=True)
class CacheEntry:
    kind: str
    key: str
    payload: dict[str, Any]
    etag: str | None
    last_modified: str | None
    fetched_at: datetime
    """When the portal last gave (or confirmed, with a 304) this value; UTC."""


def _ts_out(value: datetime) -> str:
    # Fixed-width UTC ISO text: exact to the microsecond (an epoch float is
    # not), sorts in time order, and reads well in the sqlite3 shell.
    if value.tzinfo is None:
        raise ValueError("fetched_at must be an aware datetime (use models.utcnow())")
    return value.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _ts_in(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(timezone.utc)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown cache kind {kind!r}; expected one of {', '.join(KINDS)}")


class _Damaged(Exception):
    """The file is not a usable database; carries the still-open connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__()
        self.conn = conn


def _is_damaged(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorcode", None) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


class Store:
    """The cache of one site. Open it, use it from one thread, close it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.recovered_from: Path | None = None
        """Where a damaged cache file was moved on open, or None. The UI tells
        the user; the new cache starts empty."""
        # One lock per Store: the connection allows other threads
        # (check_same_thread=False) for worker threads, but calls must not interleave.
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(
                f"cannot create the cache folder {self.path.parent}: {exc.strerror or exc}"
            ) from None
        try:
            self._conn = self._connect()
        except _Damaged as damaged:
            self._conn = self._recover(damaged.conn)

    # -- opening ------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        """Open and set up the file; raises ``_Damaged`` or ``CacheError``."""
        try:
            # isolation_level=None: the module must not open transactions
            # behind our back; we begin them ourselves, IMMEDIATE, in _writing().
            conn = sqlite3.connect(
                self.path, timeout=5.0, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise CacheError(f"cannot open the cache {self.path}: {exc}") from None
        try:
            # journal_mode is the first statement that reads the file, so a
            # file that is not a database fails here, before anything is written.
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=5000")
            conn.execute("PRAGMA foreign_keys=ON")
            self._migrate(conn)
        except sqlite3.Error as exc:
            if _is_damaged(exc):
                raise _Damaged(conn) from exc  # left open on purpose, see _recover
            conn.close()
            raise CacheError(f"cannot open the cache {self.path}: {exc}") from None
        except BaseException:
            conn.close()
            raise
        return conn

    def _recover(self, damaged: sqlite3.Connection) -> sqlite3.Connection:
        """Move a damaged file (with its -wal/-shm) aside and start a new cache.

        A cache holds nothing that cannot be fetched again, so a fresh start
        beats refusing to run; the old files are kept, not deleted, in case
        someone wants to look at them.

        The damaged connection is still open: when the last connection to a
        file closes, SQLite deletes its -wal, so closing first would throw
        away the part of the damaged cache most worth keeping. (Two processes
        recovering the same file at the same instant can move each other's
        fresh cache aside; only cache is lost, so no lock file for that.)
        """
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        try:
            try:
                self._move_aside(target)
            except OSError:
                # Some systems (Windows) refuse to rename open files: close,
                # then move what is left; the -wal may be gone by then.
                damaged.close()
                self._move_aside(target)
        except OSError as exc:
            raise CacheError(
                f"the cache {self.path} is damaged and cannot be moved aside: {exc.strerror or exc}"
            ) from None
        finally:
            damaged.close()
        self.recovered_from = target
        try:
            return self._connect()
        except _Damaged as again:
            again.conn.close()
            raise CacheError(f"cannot open the cache {self.path}: a new file is damaged too") from None

    def _move_aside(self, target: Path) -> None:
        # Main file first: if that fails nothing has moved. The same suffixes
        # as SQLite's own keep the moved set openable as one database.
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                os.replace(source, Path(f"{target}{suffix}"))

    def _migrate(self, conn: sqlite3.Connection) -> None:
        if self._schema_version(conn) == SCHEMA_VERSION:
            return  # the usual case: no write lock needed just to open
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
            # Read again under the write lock: another process may have
            # migrated between our first look and now.
            version = self._schema_version(conn)
            if version > SCHEMA_VERSION:
                raise CacheError(
                    f"the cache {self.path} was written by a newer tui-reader "
                    f"(schema {version}, this one knows up to {SCHEMA_VERSION})"
                )
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _schema_version(conn: sqlite3.Connection) -> int:
        has_meta = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ).fetchone()
        if not has_meta:
            return 0
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    @property
    def schema_version(self) -> int:
        with self._reading():
            return self._schema_version(self._conn)

    # -- transactions and errors -----------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise CacheError(f"cannot read the cache {self.path}: {exc}") from None

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise CacheError(f"cannot write the cache {self.path}: {exc}") from None

    # -- the API ------------------------------------------------------------

    def get(self, kind: str, key: str) -> CacheEntry | None:
        _check_kind(kind)
        with self._reading() as conn:
            row = conn.execute(_GET, (kind, key)).fetchone()
        if row is None:
            return None
        payload, etag, last_modified, fetched_at = row
        try:
            data = json.loads(payload)
        except ValueError:
            # A row we cannot decode is worth nothing; report a miss so the
            # client fetches the page again and overwrites it.
            return None
        return CacheEntry(kind, key, data, etag, last_modified, _ts_in(fetched_at))

    def put(
        self,
        kind: str,
        key: str,
        payload: dict[str, Any],
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        fetched_at: datetime,
    ) -> None:
        _check_kind(kind)
        when = _ts_out(fetched_at)
        # Serialise before taking the lock: a payload that is not JSON is a
        # programming error and must not leave a transaction open.
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        article_row = _article_row(key, payload, when) if kind == "article" else None
        with self._writing() as conn:
            conn.execute(_PUT, (kind, key, text, etag, last_modified, when))
            if article_row is not None:
                conn.execute(_PUT_ARTICLE, article_row)

    def touch(self, kind: str, key: str, fetched_at: datetime) -> None:
        """Mark an entry as confirmed now (the portal answered 304 Not Modified)."""
        _check_kind(kind)
        when = _ts_out(fetched_at)
        with self._writing() as conn:
            conn.execute(_TOUCH, (when, kind, key))
            if kind == "article":
                conn.execute(_TOUCH_ARTICLE, (when, key))

    def stats(self) -> dict[str, int]:
        """Entries per kind (every kind present, 0 when empty) and bytes on disk."""
        counts = dict.fromkeys(KINDS, 0)
        with self._reading() as conn:
            for kind, n in conn.execute("SELECT kind, COUNT(*) FROM entries GROUP BY kind"):
                counts[kind] = n
        size = 0
        # The WAL holds committed pages not yet copied into the main file, so
        # it is part of what the cache occupies.
        for file in (self.path, Path(f"{self.path}-wal")):
            try:
                size += file.stat().st_size
            except OSError:
                pass
        counts["bytes"] = size
        return counts

    def clear(self) -> None:
        """Forget every cached page and article."""
        with self._writing() as conn:
            conn.execute("DELETE FROM entries")
            conn.execute("DELETE FROM articles")
        # Give the space back to the disk. Best effort: if another process is
        # busy with the file the data is already gone, only the file stays big.
        with self._lock:
            try:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.execute("VACUUM")
            except sqlite3.OperationalError:
                pass

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.close()
            except sqlite3.Error as exc:
                raise CacheError(f"cannot close the cache {self.path}: {exc}") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _article_row(key: str, payload: dict[str, Any], when: str) -> tuple[Any, ...]:
    """The ``articles`` row for an Article.to_dict() payload.

    The row is keyed by the cache key (the URL the article was requested by),
    not payload["url"], so a search hit leads straight back to its cache entry.
    """
    body = payload.get("body") or ()
    text = body if isinstance(body, str) else "\n\n".join(str(p) for p in body)
    return (
        key,
        str(payload.get("title") or ""),
        text,
        payload.get("city"),
        payload.get("category"),
        payload.get("published"),
        when,
    )


__all__ = ["KINDS", "MIGRATIONS", "SCHEMA_VERSION", "CacheEntry", "Store"]
