"""Reads and writes on a shared SQLite connection, for the cache and the library alike.

Both files (``store.Store`` and ``library.Library``) keep one connection
that worker threads may use (``check_same_thread=False``), so every call holds
the owner's lock. Every write starts with ``BEGIN IMMEDIATE``: the write lock is
taken up front, and a second writer waits (``busy_timeout``) instead of failing
half-way with "database is locked" as a deferred transaction that upgrades
from read to write can. Every ``sqlite3.Error`` leaves as ``CacheError`` with
one sentence naming the file (``what``) and saying why in words.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from tui_reader.errors import CacheError
from tui_reader.store import dbfile as _dbfile

__all__ = ["reading", "writing"]


@contextmanager
def reading(lock: threading.Lock, conn: sqlite3.Connection, what: str) -> Iterator[sqlite3.Connection]:
    """``with reading(lock, conn, "the cache /x") as conn:`` — one guarded read."""
    with lock:
        try:
            yield conn
        except sqlite3.Error as exc:
            raise CacheError(f"cannot read {what}: {_dbfile.describe(exc)}") from None


@contextmanager
def writing(lock: threading.Lock, conn: sqlite3.Connection, what: str) -> Iterator[sqlite3.Connection]:
    """One immediate transaction: committed when the block ends, rolled back when it raises."""
    with lock:
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
            raise CacheError(f"cannot write {what}: {_dbfile.describe(exc)}") from None
