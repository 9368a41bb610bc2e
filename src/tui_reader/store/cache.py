"""The local cache: one SQLite file per site. The only module that speaks SQL.

What is kept:

- ``entries`` — every page the client has read, as the JSON of its model
  (city list, category list, listing page, article), keyed by kind and URL,
  with the validators (ETag / Last-Modified) needed for a conditional request
  and the time the portal last gave it to us.
- ``articles`` — one row per cached article with its text in columns, so a
  later full-text index (and search) can be built from SQL alone.
- ``articles_fts`` — the full-text index (FTS5, trigram) over ``articles``;
  ``search`` reads it (``store/search.py`` says how short Chinese queries work).
- ``photos`` (with ``photo_data``, ``photo_articles``) — photos kept for offline
  reading, bounded on their own (``photos``: ``Store.photos``).
- ``article_photo_keys`` — which pictures each article lists, so the site's
  own (a logo in every article) are told from a listing's (``photo_keys``).
- ``meta`` — the schema version. The schema grows only through ``MIGRATIONS``
  (``schema``), an ordered list: a database at version *n* gets
  migrations *n+1…* applied, so an existing cache upgrades without loss.

Bookmarks, history and read marks are the user's, not cache: they live in a
separate file under the data folder (``library.Library``).

Concurrency: the TUI and a ``tui-reader sync`` may use the same file at once.
WAL lets readers go on while one writes, ``busy_timeout`` makes a second writer
wait instead of failing, and every write starts with ``BEGIN IMMEDIATE`` so the
write lock is taken up front — a deferred transaction that upgrades from read
to write later is what produces "database is locked" half-way through.

Every ``sqlite3.Error`` leaves this module as ``errors.CacheError`` with one
sentence that names the file and says why in words ("the disk is full").

Damage is found at open, not half-way through a read: a file that is not a
database, is empty, is truncated (``dbfile``) or is some other program's
SQLite file is moved aside with its -wal/-shm and a fresh cache started
(``recovered_from``, ``recovery_note``; the opening lives in ``opening``,
the transactions shared with the library in ``txn``). A cache that cannot be written
(read-only file or folder) opens read-only: reads go on, writes raise
``CacheError`` saying why (``read_only``).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui_reader.errors import CacheError
from tui_reader.store import dbfile as _dbfile
from tui_reader.store import measuring as _measuring
from tui_reader.store import photo_keys as _photo_keys
from tui_reader.store import txn as _txn
from tui_reader.store.entry import ARTICLE_COLUMNS, KINDS, CacheEntry, entry_from_row
from tui_reader.store.entry import article_row as _article_row
from tui_reader.store.entry import check_kind as _check_kind
from tui_reader.store.entry import ts_out as _ts_out
from tui_reader.store.library import Library
from tui_reader.store.opening import Opened, Opening, closed, closed_connection, open_cache, schema_version
from tui_reader.store.schema import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from tui_reader.models import PricePoint, Query, SearchHit
    from tui_reader.store.photos import PhotoCache

_GET = "SELECT payload, etag, last_modified, fetched_at FROM entries WHERE kind = ? AND key = ?"
_GET_MANY = "SELECT key, payload, etag, last_modified, fetched_at FROM entries WHERE kind = ? AND key IN ({})"
_MANY = 500  # keys per query, well under SQLite's limit on parameters
# Rows are written with one multi-row INSERT per statement (see txn.upsert).
_PUT = (
    "INSERT INTO entries (kind, key, payload, etag, last_modified, fetched_at) VALUES {}",
    """ON CONFLICT (kind, key) DO UPDATE SET payload = excluded.payload,
        etag = excluded.etag, last_modified = excluded.last_modified,
        fetched_at = excluded.fetched_at""",
)
_PUT_ARTICLE = (
    f"INSERT INTO articles ({ARTICLE_COLUMNS}) VALUES {{}}",
    "ON CONFLICT (url) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in ARTICLE_COLUMNS.split(", ") if c != "url")
    # A page that is back is no longer gone.
    + ", gone_at = NULL",
)
_TOUCH = "UPDATE entries SET fetched_at = ? WHERE kind = ? AND key = ?"
_TOUCH_ARTICLE = "UPDATE articles SET fetched_at = ? WHERE url = ?"


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
            raise CacheError(f"cannot create the cache folder {self.path.parent}: {exc.strerror or exc}") from None
        # A new file is made when first written.
        self._opening = Opening(self.path, open_cache, closed=lambda: Opened(closed_connection()))
        self._conn_open = True
        opened = self._opening.known
        if opened is not None:
            self.read_only = opened.read_only
            self.recovered_from = opened.recovered_from
            self.recovery_note = opened.recovery_note
        # Rows cached before typed numbers existed are measured before the first
        # search needs them (or earlier, by measure_old in the background), not
        # here: a large cache takes seconds, and opening must stay instant.
        self._unmeasured = opened is not None and self.read_only is None and self._has_unmeasured()

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._opening.result().conn

    @property
    def schema_version(self) -> int:
        with self._reading():
            return schema_version(self._conn)

    # -- transactions and errors -----------------------------------------------

    def _reading(self) -> AbstractContextManager[sqlite3.Connection]:
        return _txn.reading(self._lock, self._conn, f"the cache {self.path}")

    def _writing(self) -> AbstractContextManager[sqlite3.Connection]:
        if self.read_only is not None:
            raise CacheError(f"cannot write the cache {self.path}: {self.read_only.partition(': ')[2]}")
        return _txn.writing(self._lock, self._conn, f"the cache {self.path}")

    # -- the API ------------------------------------------------------------

    def get(self, kind: str, key: str) -> CacheEntry | None:
        _check_kind(kind)
        if not self._opening.made:  # a new file, not made yet: nothing is in it
            return None
        with self._reading() as conn:
            row = conn.execute(_GET, (kind, key)).fetchone()
        return None if row is None else entry_from_row(kind, key, *row)

    def get_many(self, kind: str, keys: Iterable[str]) -> dict[str, CacheEntry]:
        """``get`` for many keys in one query each ``_MANY`` of them: the entries found, by key."""
        _check_kind(kind)
        wanted = list(dict.fromkeys(keys))
        found: dict[str, CacheEntry] = {}
        with self._reading() as conn:
            for start in range(0, len(wanted), _MANY):
                chunk = wanted[start : start + _MANY]
                query = _GET_MANY.format(", ".join("?" * len(chunk)))
                for key, *row in conn.execute(query, (kind, *chunk)):
                    entry = entry_from_row(kind, key, *row)
                    if entry is not None:
                        found[key] = entry
        return found

    def put(
        self,
        kind: str,
        key: str,
        payload: dict[str, Any],
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        fetched_at: datetime,
        photo_keys: Sequence[str] | None = None,
    ) -> None:
        noted = None if photo_keys is None else tuple(photo_keys)
        self.put_many([CacheEntry(kind, key, payload, etag, last_modified, fetched_at, noted)])

    def put_many(self, entries: Sequence[CacheEntry]) -> None:
        """Write several values in one transaction: all of them, or none.

        A sync writes its pages in batches (``batch``): one commit per
        page made SQLite's commit and a new FTS5 segment per article about
        half of what storing costs."""
        rows = []
        articles = []
        keys: dict[str, tuple[str, ...]] = {}  # the last write of an article is what it lists
        for entry in entries:
            _check_kind(entry.kind)
            when = _ts_out(entry.fetched_at)
            # Serialise before taking the lock: a payload that is not JSON is a
            # programming error and must not leave a transaction open.
            text = json.dumps(entry.payload, ensure_ascii=False, separators=(",", ":"))
            rows.append((entry.kind, entry.key, text, entry.etag, entry.last_modified, when))
            if entry.kind == "article":
                articles.append(_article_row(entry.key, entry.payload, when))
                keys[entry.key] = entry.photo_keys or ()
        if not rows:
            return
        with self._writing() as conn:
            _txn.upsert(conn, _PUT, rows)
            _txn.upsert(conn, _PUT_ARTICLE, articles)
            _measuring.note_prices(conn, articles)
            _photo_keys.note_keys(conn, list(keys.items()))

    def repeated_photo_keys(self, keys: Iterable[str], *, besides: str, at_least: int) -> set[str]:
        """Which photo ``keys`` (as given to ``put_many``) at least ``at_least`` cached articles
        besides ``besides`` list: the site's pictures, not a listing's (``photo_keys``)."""
        if not self._opening.made:
            return set()
        with self._reading() as conn:
            return _photo_keys.repeated_keys(conn, keys, besides=besides, at_least=at_least)

    def touch(self, kind: str, key: str, fetched_at: datetime) -> None:
        """Mark an entry as confirmed now (the portal answered 304 Not Modified)."""
        _check_kind(kind)
        when = _ts_out(fetched_at)
        with self._writing() as conn:
            conn.execute(_TOUCH, (when, kind, key))
            if kind == "article":
                conn.execute(_TOUCH_ARTICLE, (when, key))

    # -- typed numbers over time (SQL in store/measuring.py) ---------------

    def measure_old(self, batches: int | None = None) -> int:
        """Fill the typed numbers of rows cached before they existed (schema 4), a
        batch per transaction so a reader of the same file is never held up for long;
        ``batches``: at most so many (None: all). ``search`` calls it first when such
        rows are left. Returns rows measured (0: none left). Best effort: a busy or
        failing file leaves the rest for the next time."""
        done = 0
        try:
            while self._unmeasured and (batches is None or batches > 0):
                with self._writing() as conn:
                    count = _measuring.measure_old(conn)
                done += count
                self._unmeasured = count == _measuring.BATCH
                batches = None if batches is None else batches - 1
        except CacheError:
            self._unmeasured = False  # read as they are; the next open tries again
        return done

    def _has_unmeasured(self) -> bool:
        with self._reading() as conn:
            return _measuring.has_unmeasured(conn)

    def price_history(self, url: str) -> list[PricePoint]:
        """Every price the article at ``url`` was seen at, oldest first (a point per change)."""
        with self._reading() as conn:
            return _measuring.price_history(conn, url)

    def mark_gone(self, url: str, when: datetime) -> bool:
        """The portal says the cached article at ``url`` is not found (any more): mark it
        gone as of ``when``, keeping its text. False when it is not cached. A later
        successful write of the article clears the mark."""
        stamp = _ts_out(when)
        with self._writing() as conn:
            return _measuring.mark_gone(conn, url, stamp)

    def gone_at(self, url: str) -> datetime | None:
        """When the cached article at ``url`` was first found gone, or None."""
        with self._reading() as conn:
            return _measuring.gone_at(conn, url)

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

    def clear(self) -> int:
        """Forget every cached page, article and photo; returns how many photos went."""
        from tui_reader.store import photos as _photos
        from tui_reader.store import search as _search

        with self._writing() as conn:
            _photo_keys.clear(conn)  # first: the articles' delete trigger then finds nothing to do
            _search.clear(conn)
            photos = _photos.clear(conn)
        self.vacuum(optimize=False)
        return photos

    @property
    def photos(self) -> PhotoCache:
        """The photo cache, in this same file (``store/photos.py``)."""
        from tui_reader.store.photos import PhotoCache

        return PhotoCache(self._reading, self._writing)

    # -- search and housekeeping (SQL in store/search.py) -----------------
    # store/search.py, and the query compiler under it, is imported by each
    # method: the first screen neither searches nor evicts.

    def search(self, query: Query | str, *, limit: int | None = 50) -> list[SearchHit]:
        """Cached articles that match ``query`` (a text: just its words, every one
        in the title or body), best first or in its ``sort``; ``limit=None``: all."""
        from tui_reader.store import search as _search

        if isinstance(query, str):
            from tui_reader.models import Query

            query = Query(tuple(query.split()))
        self.measure_old()
        with self._reading() as conn:
            return _search.search(conn, query, limit)

    def evict(
        self,
        *,
        max_age: float | None = None,
        max_bytes: int | None = None,
        keep: Iterable[str] = (),
        now: datetime | None = None,
    ) -> int:
        """Drop entries older than ``max_age`` seconds, then the oldest until
        the cache fits ``max_bytes``; URLs in ``keep`` (bookmarks, the article
        on screen) are never dropped. 0/None means no limit. Returns rows dropped."""
        from tui_reader.store import search as _search

        before = None
        if max_age:
            before = _ts_out((now or datetime.now(UTC)) - timedelta(seconds=max_age))
        with self._writing() as conn:
            return _search.evict(conn, before=before, max_bytes=max_bytes or None, keep=keep)

    def check(self) -> list[str]:
        """Problems with the file or its search index, in words (empty: sound)."""
        from tui_reader.store import search as _search

        with self._reading() as conn:
            return _search.check(conn)

    def vacuum(self, *, optimize: bool = True) -> None:
        """Give free space back to the disk; with ``optimize`` also rebuild the
        search index. Best effort when another process is busy with the file."""
        from tui_reader.store import search as _search

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
        """Stats plus article count, oldest/newest fetch, bytes in use and the photo cache's size."""
        from tui_reader.store import search as _search

        with self._reading() as conn:
            extra = _search.details(conn)
        return {**self.stats(), **extra, **self.photos.stats()}

    def close(self) -> None:
        opened = self._opening.close()
        if opened is None:
            return  # a new file never used: nothing was made or opened
        conn = opened.conn
        with self._lock:
            if self._conn_open:
                self._conn_open = False
                closed(self.path)
            try:
                conn.close()
            except sqlite3.Error as exc:
                raise CacheError(f"cannot close the cache {self.path}: {_dbfile.describe(exc)}") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


__all__ = ["KINDS", "MIGRATIONS", "SCHEMA_VERSION", "CacheEntry", "Library", "SearchHit", "Store"]
