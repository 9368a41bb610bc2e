"""The cache file as a file: checks before SQLite opens it, moving it aside,
and plain words for SQLite's error codes. Private to ``store``; no SQL here.

SQLite itself notices a file that is not a database, but two kinds of damage
it would only find later, half-way through some read:

- a zero-length file (SQLite takes it for a new, empty database; we never
  leave one behind, so it means the cache was lost — say so);
- a truncated file: the header says N pages, the file holds fewer. The
  header's page count is trusted only when SQLite marks it valid (the
  "version-valid-for" number equals the change counter), as SQLite does.
"""

from __future__ import annotations

import os
import struct
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["SIDE_FILES", "describe", "inspect", "move_aside", "aside_name"]

MAGIC = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm")

# SQLite primary result codes (the low byte of an extended code).
_REASONS = {
    3: "permission denied",
    5: "another program is writing it; try again",
    6: "another program is writing it; try again",
    8: "it is read-only",
    10: "the disk reported an error",
    11: "the file is damaged",
    13: "the disk is full",
    14: "the file cannot be opened",
    26: "it is not a database",
}


def describe(exc: BaseException) -> str:
    """Why an ``sqlite3.Error`` happened, in words, with SQLite's own text after."""
    code = getattr(exc, "sqlite_errorcode", None)
    reason = _REASONS.get(code & 0xFF) if isinstance(code, int) else None
    text = str(exc) or type(exc).__name__
    if code == 1544:  # SQLITE_READONLY_DIRECTORY
        reason = "its folder is read-only"
    return f"{reason} ({text})" if reason and reason not in text else text


def inspect(path: Path) -> str | None:
    """Damage visible without SQLite: "it was empty", "it was truncated", or None."""
    try:
        size = path.stat().st_size
        if size == 0:
            wal = Path(f"{path}-wal")
            # An empty file next to a WAL with frames is a database SQLite can
            # still rebuild from the WAL; leave that to SQLite.
            return None if wal.exists() and wal.stat().st_size > 0 else "it was empty"
        with path.open("rb") as file:
            header = file.read(100)
    except OSError:
        return None  # not ours to judge: SQLite will say what is wrong
    if len(header) < 100 or not header.startswith(MAGIC):
        return None  # SQLite reports "not a database" for these
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    (counter,) = struct.unpack(">I", header[24:28])
    (pages,) = struct.unpack(">I", header[28:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    if pages and counter == valid_for and pages * page_size > size:
        return "it was truncated"
    return None


def aside_name(path: Path) -> Path:
    """A free name next to ``path`` for a damaged copy: ``x.corrupt-<time>[-n]``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    return target


def move_aside(path: Path, target: Path) -> None:
    """Move the file and its -wal/-shm to ``target`` (+ the same suffixes).

    Main file first: if that fails nothing has moved. The same suffixes as
    SQLite's own keep the moved set openable as one database.
    """
    for suffix in ("", *SIDE_FILES):
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{target}{suffix}"))
