"""An article's typed numbers over time (private to ``store``): the price
history written beside every article row, the numbers of rows cached before
they existed, and the mark of an article the portal no longer has.

- ``note_prices``: whenever an article row is written, its price is compared
  with the latest point of its history; a change (or a first price) adds a
  point, so "was 3,200, now 2,800" needs no second copy of the article.
- ``measure_old``: rows written before schema 4 (``measured = 0``) get their
  numbers from the article payload in ``entries``, a batch per transaction,
  so opening a big old cache never holds the write lock for long.
- ``mark_gone`` / ``gone_at``: the portal answered "not found" for a cached
  article; the row and its text stay, and the next good write clears it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tui_reader.store.entry import article_row, ts_in

if TYPE_CHECKING:
    from tui_reader.models import PricePoint

__all__ = ["BATCH", "gone_at", "has_unmeasured", "mark_gone", "measure_old", "note_prices", "price_history"]

BATCH = 500
"""Old rows measured per transaction."""

# Positions in an ``entry.article_row`` tuple (ARTICLE_COLUMNS order).
_URL, _FETCHED, _PRICE = 0, 6, slice(7, 11)
_MEASURED_COLUMNS = (
    "price_value, price_high, price_unit, price_text, area, rooms, floor, year, mileage, "
    "salary_low, salary_high, district, posted_at, phones, likeness"
).split(", ")
_MEASURED = slice(7, 7 + len(_MEASURED_COLUMNS))

# A point is added when the latest one says another price (IS: NULL-safe), or
# when there is none yet and the row has a price. OR REPLACE: two writes in the
# same microsecond keep the later price.
_NOTE_PRICE = """INSERT OR REPLACE INTO price_history (url, seen_at, price_value, price_high, price_unit, price_text)
    SELECT :url, :seen_at, :value, :high, :unit, :text
    WHERE (SELECT price_value IS :value AND price_high IS :high AND price_unit IS :unit
           FROM price_history WHERE url = :url ORDER BY seen_at DESC LIMIT 1) IS NOT 1
      AND (:value IS NOT NULL OR :high IS NOT NULL
           OR EXISTS (SELECT 1 FROM price_history WHERE url = :url))"""
_OLD_ROWS = """SELECT a.url, a.title, a.body, a.city, a.category, a.published, a.fetched_at, e.payload
    FROM articles AS a LEFT JOIN entries AS e ON e.kind = 'article' AND e.key = a.url
    WHERE a.measured = 0 LIMIT ?"""
_SET_MEASURED = (
    "UPDATE articles SET " + ", ".join(f"{c} = ?" for c in _MEASURED_COLUMNS) + ", measured = 1 WHERE url = ?"
)
_HISTORY = """SELECT seen_at, price_value, price_high, price_unit, price_text
    FROM price_history WHERE url = ? ORDER BY seen_at"""


def note_prices(conn: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Add a history point for every article row (``entry.article_row``) whose price changed."""
    conn.executemany(_NOTE_PRICE, [_point(row) for row in rows])


def _point(row: tuple[Any, ...]) -> dict[str, Any]:
    value, high, unit, text = row[_PRICE]
    return {"url": row[_URL], "seen_at": row[_FETCHED], "value": value, "high": high, "unit": unit, "text": text}


def has_unmeasured(conn: sqlite3.Connection) -> bool:
    """Whether rows written before schema 4 are left (the partial index makes this a lookup)."""
    return conn.execute("SELECT 1 FROM articles WHERE measured = 0 LIMIT 1").fetchone() is not None


def measure_old(conn: sqlite3.Connection, limit: int = BATCH) -> int:
    """Measure up to ``limit`` rows written before schema 4; returns how many (0: none left).

    The numbers come from the article's cached payload; a row whose entry is
    gone (or unreadable) is measured from its own title and text."""
    rows = conn.execute(_OLD_ROWS, (limit,)).fetchall()
    measured = []
    for url, title, body, city, category, published, fetched_at, payload in rows:
        data = _payload(payload) or {"title": title, "body": body, "city": city, "category": category}
        data.setdefault("published", published)
        measured.append(article_row(url, data, fetched_at))
    conn.executemany(_SET_MEASURED, [(*row[_MEASURED], row[_URL]) for row in measured])
    note_prices(conn, measured)
    return len(rows)


def _payload(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def price_history(conn: sqlite3.Connection, url: str) -> list[PricePoint]:
    from tui_reader.models import PricePoint  # with the money reader under it: not at start

    return [
        PricePoint(ts_in(seen_at), value, high, unit, text)
        for seen_at, value, high, unit, text in conn.execute(_HISTORY, (url,))
    ]


def mark_gone(conn: sqlite3.Connection, url: str, when: str) -> bool:
    """Mark a cached article gone (the first time it was found gone is kept); False when not cached."""
    cursor = conn.execute("UPDATE articles SET gone_at = COALESCE(gone_at, ?) WHERE url = ?", (when, url))
    return cursor.rowcount > 0


def gone_at(conn: sqlite3.Connection, url: str) -> datetime | None:
    row = conn.execute("SELECT gone_at FROM articles WHERE url = ?", (url,)).fetchone()
    return ts_in(row[0]) if row is not None and row[0] else None
