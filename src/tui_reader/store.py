"""The local cache: one SQLite file per site. The only module that speaks SQL.

What is kept:

- ``entries`` — every page the client has read, as the JSON of its model
  (city list, category list, listing page, article), keyed by kind and URL,
  with the validators (ETag / Last-Modified) needed for a conditional request
  and the time the portal last gave it to us.
- ``articles`` — one row per cached article with its text in columns, so a
  later full-text index (and search) can be built from SQL alone.
- ``articles_fts`` — the full-text index (FTS5, trigram) over ``articles``;
  ``search`` reads it (``_store_search`` says how short Chinese queries work).
- ``meta`` — the schema version. The schema grows only through ``MIGRATIONS``
  (``_store_schema``), an ordered list: a database at version *n* gets
  migrations *n+1…* applied, so an existing cache upgrades without loss.

Bookmarks, history and read marks are the user's, not cache: they live in a
separate file under the data folder (``_store_library.Library``).

Concurrency: the TUI and a ``tui-reader sync`` may use the same file at once.
WAL lets readers go on while one writes, ``busy_timeout`` makes a second writer
wait instead of failing, and every write starts with ``BEGIN IMMEDIATE`` so the
write lock is taken up front — a deferred transaction that upgrades from read
to write later is what produces "database is locked" half-way through.

Every ``sqlite3.Error`` leaves this module as ``errors.CacheError`` with one
sentence that names the file and says why in words ("the disk is full").

Damage is found at open, not half-way through a read: a file that is not a
database, is empty, is truncated (``_dbfile``) or is some other program's
SQLite file is moved aside with its -wal/-shm and a fresh cache started
(``recovered_from``, ``recovery_note``). A cache that cannot be written
(read-only file or folder) opens read-only: reads go on, writes raise
``CacheError`` saying why (``read_only``).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from . import _dbfile
from . import _store_search as _search
from ._store_schema import MIGRATIONS, SCHEMA_VERSION
from ._store_library import Library
from ._store_search import SearchHit
from ._cacheentry import KINDS, CacheEntry
from ._cacheentry import article_row as _article_row
from ._cacheentry import check_kind as _check_kind
from ._cacheentry import ts_in as _ts_in
from ._cacheentry import ts_out as _ts_out
from .errors import CacheError


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


class _Damaged(Exception):
    """The file is not a usable database; carries the still-open connection."""

    def __init__(self, conn: sqlite3.Connection | None, reason: str) -> None:
        super().__init__(reason)
        self.conn = conn
        self.reason = reason


class _NotOurs(Exception):
    """A sound SQLite file that some other program wrote."""


def _is_damaged(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorcode", None) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _cannot_write(exc: sqlite3.Error) -> bool:
    # SQLITE_PERM, SQLITE_READONLY (and its extended codes), SQLITE_CANTOPEN.
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (3, 8, 14)


class Store:
    """The cache of one site. Open it, use it from one thread, close it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.recovered_from: Path | None = None
        """Where a damaged cache file was moved on open, or None. The UI tells
        the user; the new cache starts empty."""
        self.recovery_note: str | None = None
        """With ``recovered_from``: one line for the user saying what happened."""
        self.read_only: str | None = None
        """Why the cache opened read-only (a sentence), or None: reads work,
        writes raise ``CacheError`` with this reason."""
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
            damage = _dbfile.inspect(self.path)
            if damage is not None:
                raise _Damaged(None, damage)
            self._conn = self._connect()
        except _Damaged as damaged:
            self._conn = self._recover(damaged.conn, damaged.reason)

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
            # Look before touching: reading the schema fails for a file that
            # is not a database and spots another program's database, before
            # journal_mode=WAL writes to the file (it rewrites the header).
            self._schema_version(conn)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=5000")
            conn.execute("PRAGMA foreign_keys=ON")
            self._migrate(conn)
        except sqlite3.Error as exc:
            if _is_damaged(exc):
                reason = "it is not a database" if exc.sqlite_errorcode == _SQLITE_NOTADB else "it was damaged"
                raise _Damaged(conn, reason) from exc  # left open on purpose, see _recover
            conn.close()
            if _cannot_write(exc) and self.path.is_file():
                return self._connect_read_only(exc)
            raise CacheError(f"cannot open the cache {self.path}: {_dbfile.describe(exc)}") from None
        except _NotOurs:
            raise _Damaged(conn, "it belongs to another program") from None
        except BaseException:
            conn.close()
            raise
        return conn

    def _connect_read_only(self, why: sqlite3.Error) -> sqlite3.Connection:
        """Open a cache we may not write: keep reading what it holds.

        A WAL database needs its -shm to be read; in a read-only folder
        that cannot be created, and then only ``immutable`` opens it (safe
        there: nobody else can write to that folder either).
        """
        uri = self.path.resolve().as_uri()
        last: sqlite3.Error = why
        for query in ("?mode=ro", "?mode=ro&immutable=1"):
            try:
                conn = sqlite3.connect(uri + query, uri=True, timeout=5.0, isolation_level=None,
                                       check_same_thread=False)
            except sqlite3.Error as exc:
                last = exc
                continue
            try:
                version = self._schema_version(conn)
            except (sqlite3.Error, _NotOurs) as exc:
                conn.close()
                last = exc if isinstance(exc, sqlite3.Error) else last
                continue
            if version != SCHEMA_VERSION:
                conn.close()
                break
            self.read_only = f"the cache {self.path} is read-only: {_dbfile.describe(why)}"
            return conn
        raise CacheError(f"cannot open the cache {self.path}: {_dbfile.describe(last)}") from None

    def _recover(self, damaged: sqlite3.Connection | None, reason: str) -> sqlite3.Connection:
        """Move a damaged file (with its -wal/-shm) aside and start a new cache.

        A cache holds nothing that cannot be fetched again, so a fresh start
        beats refusing to run; the old files are kept, not deleted, in case
        someone wants to look at them.

        The damaged connection, if any, is still open: when the last
        connection to a file closes, SQLite deletes its -wal, so closing
        first would throw away the part of the damaged cache most worth
        keeping. (Two processes recovering, or one recovering while another
        creates the file, can move each other's fresh cache aside; only cache
        is lost, so no lock file for that.)
        """
        target = _dbfile.aside_name(self.path)
        try:
            try:
                _dbfile.move_aside(self.path, target)
            except OSError:
                if damaged is None:
                    raise
                # Some systems (Windows) refuse to rename open files: close,
                # then move what is left; the -wal may be gone by then.
                damaged.close()
                _dbfile.move_aside(self.path, target)
        except OSError as exc:
            raise CacheError(
                f"the cache {self.path} is damaged ({reason}) and cannot be moved aside: {exc.strerror or exc}"
            ) from None
        finally:
            if damaged is not None:
                damaged.close()
        self.recovered_from = target
        self.recovery_note = (
            f"the cache {self.path} could not be used ({reason}); "
            f"it was moved to {target.name} and a new, empty cache started"
        )
        try:
            return self._connect()
        except _Damaged as again:
            if again.conn is not None:
                again.conn.close()
            raise CacheError(f"cannot open the cache {self.path}: a new file is damaged too") from None

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
        """Our schema version; raises ``_NotOurs`` for another program's database."""
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" not in tables:
            # Unrelated tables are fine (migrations add ours), but tables
            # with our names and someone else's columns would break them.
            if tables & {"entries", "articles"}:
                raise _NotOurs()
            return 0
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            return int(row[0]) if row else 0
        except (sqlite3.OperationalError, ValueError, TypeError):
            raise _NotOurs() from None

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
                raise CacheError(f"cannot read the cache {self.path}: {_dbfile.describe(exc)}") from None

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        if self.read_only is not None:
            raise CacheError(f"cannot write the cache {self.path}: {self.read_only.partition(': ')[2]}")
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        try:
                            conn.execute("ROLLBACK")
                        except sqlite3.Error:
                            pass  # SQLite may have rolled back already (disk full); the first error matters
                    raise
            except sqlite3.Error as exc:
                raise CacheError(f"cannot write the cache {self.path}: {_dbfile.describe(exc)}") from None

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
            _search.clear(conn)
        self.vacuum(optimize=False)

    # -- search and housekeeping (SQL in _store_search) -------------------------

    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Cached articles whose title or body contains every word of ``query``."""
        with self._reading() as conn:
            return _search.search(conn, query, limit)

    def evict(self, *, max_age: float | None = None, max_bytes: int | None = None,
              keep: Iterable[str] = (), now: datetime | None = None) -> int:
        """Drop entries older than ``max_age`` seconds, then the oldest until
        the cache fits ``max_bytes``; URLs in ``keep`` (bookmarks, the article
        on screen) are never dropped. 0/None means no limit. Returns rows dropped."""
        before = None
        if max_age:
            before = _ts_out((now or datetime.now(timezone.utc)) - timedelta(seconds=max_age))
        with self._writing() as conn:
            return _search.evict(conn, before=before, max_bytes=max_bytes or None, keep=keep)

    def check(self) -> list[str]:
        """Problems with the file or its search index, in words (empty: sound)."""
        with self._reading() as conn:
            return _search.check(conn)

    def vacuum(self, *, optimize: bool = True) -> None:
        """Give free space back to the disk; with ``optimize`` also rebuild the
        search index. Best effort when another process is busy with the file."""
        if optimize:
            with self._writing() as conn:
                _search.rebuild_index(conn)
        with self._lock:
            try:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.execute("VACUUM")
            except sqlite3.OperationalError:
                pass

    def details(self) -> dict[str, Any]:
        """Stats plus article count, oldest/newest fetch and bytes in use."""
        with self._reading() as conn:
            extra = _search.details(conn)
        return {**self.stats(), **extra}

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.close()
            except sqlite3.Error as exc:
                raise CacheError(f"cannot close the cache {self.path}: {_dbfile.describe(exc)}") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


__all__ = ["KINDS", "MIGRATIONS", "SCHEMA_VERSION", "CacheEntry", "Library", "SearchHit", "Store"]

