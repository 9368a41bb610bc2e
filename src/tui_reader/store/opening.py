"""Opening the cache file: damage found at open, moved aside, read-only kept readable.

``open_cache`` is all ``Store`` needs: it returns the connection and what
happened on the way (``Opened``). A file that is not a database, is empty or
truncated (``dbfile``) or is some other program's SQLite file is moved aside
with its -wal/-shm and a fresh cache started; a cache that cannot be written
opens read-only; the schema is brought up to date (``schema``).
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from tui_reader.errors import CacheError
from tui_reader.store import dbfile as _dbfile
from tui_reader.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["Opened", "Opening", "closed", "closed_connection", "open_cache", "schema_version"]

# Caches this process has open, by resolved path, with how many connections.
# While one is open, a second open must not read the file itself
# (``_dbfile.inspect``): POSIX locks belong to the process, and closing *any*
# descriptor of the file drops all of them, SQLite's included. Another process
# would then take itself for the file's last user and checkpoint and delete
# the WAL under our open connections ("disk I/O error", lost writes). A file
# we already have open was inspected when it was first opened.
_OPEN_HERE: Counter[Path] = Counter()

# SQLite result codes that mean "this file is not (or no longer) a usable
# database" as opposed to "busy" or "no permission": only these justify moving
# the file aside. A locked database must never be treated as damaged.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


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


class Opened(NamedTuple):
    """The open cache (a NamedTuple: defined before the first screen, where a
    dataclass costs ten times as much to define)."""

    conn: sqlite3.Connection
    read_only: str | None = None
    """Why the cache can only be read (a sentence), or None."""
    recovered_from: Path | None = None
    """Where a damaged file was moved, or None."""
    recovery_note: str | None = None
    """With ``recovered_from``: one line for the user."""


def open_cache(path: Path) -> Opened:
    """Open (creating, migrating or recovering) the cache at ``path``; raises ``CacheError``."""
    key = path.resolve()
    try:
        damage = _dbfile.inspect(path) if not _OPEN_HERE[key] else None
        if damage is not None:
            raise _Damaged(None, damage)
        opened = _connect(path)
    except _Damaged as damaged:
        opened = _recover(path, damaged.conn, damaged.reason)
    _OPEN_HERE[key] += 1
    return opened


# One lock per file being opened here (``Opening``), by resolved path: two WAL
# set-ups of one new file at once fail with "locking protocol".
T = TypeVar("T")
_MAKING: dict[Path, threading.Lock] = {}
_MAKING_LOCK = threading.Lock()


def _making_lock(key: Path) -> threading.Lock:
    with _MAKING_LOCK:
        return _MAKING.setdefault(key, threading.Lock())


class Opening(Generic[T]):
    """``open_file(path)`` at once for a file that exists; a new one is made when first used.

    Making a new file and its schema (the cache's, the library's) takes several
    milliseconds of SQLite's own work. A first start paints its first screen
    without it: until something must be written (``result``), a read finds the
    file empty (``made`` is False) and no file is made at all. It is made, once,
    by the thread that first needs it: on a first start, the first page read."""

    def __init__(self, path: Path, open_file: Callable[[Path], T], closed: Callable[[], T]) -> None:
        """``closed``: what a file closed before it was ever made is used through
        (a closed connection: every use fails as it does on a closed file)."""
        self._path = path
        self._open_file = open_file
        self._stand_in = closed
        self._opened: T | None = None
        self._known: T | None = None
        self._lock = threading.Lock()
        self._closed = False
        with _making_lock(path.resolve()):  # not while this process makes it (it exists half-made)
            if path.exists():
                self._opened = self._known = open_file(path)

    @property
    def made(self) -> bool:
        """Whether the file exists: False for a new one nothing has written yet (nothing
        is in it). One another connection made meanwhile (a sync's) is opened now."""
        if self._opened is None:
            if self._closed or not self._path.exists():
                return False
            self.result()
        return True

    @property
    def known(self) -> T | None:
        """What opening a file that existed gave; None for a new one (nothing to report)."""
        return self._known

    def result(self) -> T:
        """The open file, made first if it is new (raises what opening raises)."""
        if self._opened is None:
            with self._lock, _making_lock(self._path.resolve()):
                if self._opened is None:
                    # Closed before it was ever used: not made now.
                    self._opened = self._stand_in() if self._closed else self._open_file(self._path)
        return self._opened

    def close(self) -> T | None:
        """No more use: what was opened (for the caller to close), or None if nothing was."""
        with self._lock:
            self._closed = True
            return self._opened


def closed_connection() -> sqlite3.Connection:
    """A connection already closed (see ``Opening``'s ``closed``)."""
    conn = sqlite3.connect(":memory:")
    conn.close()
    return conn


def closed(path: Path) -> None:
    """``Store.close`` calls this for every connection ``open_cache`` returned."""
    key = path.resolve()
    _OPEN_HERE[key] -= 1
    if _OPEN_HERE[key] <= 0:
        del _OPEN_HERE[key]


def _connect(path: Path) -> Opened:
    """Open and set up the file; raises ``_Damaged`` or ``CacheError``."""
    try:
        # isolation_level=None: the module must not open transactions
        # behind our back; we begin them ourselves, IMMEDIATE, in _writing().
        conn = sqlite3.connect(path, timeout=5.0, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise CacheError(f"cannot open the cache {path}: {exc}") from None
    try:
        # Look before touching: reading the schema fails for a file that
        # is not a database and spots another program's database, before
        # journal_mode=WAL writes to the file (it rewrites the header).
        schema_version(conn)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=5000")
        conn.execute("PRAGMA foreign_keys=ON")
        _migrate(conn, path)
    except sqlite3.Error as exc:
        if _is_damaged(exc):
            reason = "it is not a database" if exc.sqlite_errorcode == _SQLITE_NOTADB else "it was damaged"
            raise _Damaged(conn, reason) from exc  # left open on purpose, see _recover
        conn.close()
        if _cannot_write(exc) and path.is_file():
            return _connect_read_only(path, exc)
        raise CacheError(f"cannot open the cache {path}: {_dbfile.describe(exc)}") from None
    except _NotOurs:
        raise _Damaged(conn, "it belongs to another program") from None
    except BaseException:
        conn.close()
        raise
    return Opened(conn)


def _connect_read_only(path: Path, why: sqlite3.Error) -> Opened:
    """Open a cache we may not write: keep reading what it holds.

    A WAL database needs its -shm to be read; in a read-only folder
    that cannot be created, and then only ``immutable`` opens it (safe
    there: nobody else can write to that folder either).
    """
    uri = path.resolve().as_uri()
    last: sqlite3.Error = why
    for query in ("?mode=ro", "?mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(uri + query, uri=True, timeout=5.0, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            last = exc
            continue
        try:
            version = schema_version(conn)
        except (sqlite3.Error, _NotOurs) as exc:
            conn.close()
            last = exc if isinstance(exc, sqlite3.Error) else last
            continue
        if version != SCHEMA_VERSION:
            conn.close()
            break
        return Opened(conn, read_only=f"the cache {path} is read-only: {_dbfile.describe(why)}")
    raise CacheError(f"cannot open the cache {path}: {_dbfile.describe(last)}") from None


def _recover(path: Path, damaged: sqlite3.Connection | None, reason: str) -> Opened:
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
    target = _dbfile.aside_name(path)
    try:
        try:
            _dbfile.move_aside(path, target)
        except OSError:
            if damaged is None:
                raise
            # Some systems (Windows) refuse to rename open files: close,
            # then move what is left; the -wal may be gone by then.
            damaged.close()
            _dbfile.move_aside(path, target)
    except OSError as exc:
        raise CacheError(
            f"the cache {path} is damaged ({reason}) and cannot be moved aside: {exc.strerror or exc}"
        ) from None
    finally:
        if damaged is not None:
            damaged.close()
    note = (
        f"the cache {path} could not be used ({reason}); it was moved to {target.name} and a new, empty cache started"
    )
    try:
        return _connect(path)._replace(recovered_from=target, recovery_note=note)
    except _Damaged as again:
        if again.conn is not None:
            again.conn.close()
        raise CacheError(f"cannot open the cache {path}: a new file is damaged too") from None


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    if schema_version(conn) == SCHEMA_VERSION:
        return  # the usual case: no write lock needed just to open
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        # Read again under the write lock: another process may have
        # migrated between our first look and now.
        version = schema_version(conn)
        if version > SCHEMA_VERSION:
            raise CacheError(
                f"the cache {path} was written by a newer tui-reader "
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


def schema_version(conn: sqlite3.Connection) -> int:
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
