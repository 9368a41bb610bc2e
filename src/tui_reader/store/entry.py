"""The values the cache hands out, and the Python side of its rows (private to ``store``; no SQL)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, NamedTuple

__all__ = ["ARTICLE_COLUMNS", "KINDS", "CacheEntry", "article_row", "check_kind", "ts_in", "ts_out", "entry_from_row"]

KINDS = ("cities", "categories", "listings", "article")
"""What an entry can be; ``key`` is always the URL the value was read from."""


class CacheEntry(NamedTuple):
    """One cached value, as read (``Store.get``) or to be written (``Store.put_many``).

    A NamedTuple, not a dataclass: the first screen reads the cache, and a
    frozen dataclass costs ten times as much to define on Python 3.11."""

    kind: str
    key: str
    payload: dict[str, Any]
    etag: str | None
    last_modified: str | None
    fetched_at: datetime
    """When the portal last gave (or confirmed, with a 304) this value; UTC."""
    photo_keys: tuple[str, ...] | None = None
    """For an article being written: the keys of the pictures it lists (the caller's
    names for them, ``store/photo_keys.py``), so pictures many articles list are known.
    None: not known (none are noted). Not filled in on reading."""


def ts_out(value: datetime) -> str:
    # Fixed-width UTC ISO text: exact to the microsecond (an epoch float is
    # not), sorts in time order, and reads well in the sqlite3 shell.
    if value.tzinfo is None:
        raise ValueError("fetched_at must be an aware datetime (use models.utcnow())")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def ts_in(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(UTC)


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown cache kind {kind!r}; expected one of {', '.join(KINDS)}")


def article_row(key: str, payload: dict[str, Any], when: str) -> tuple[Any, ...]:
    """The ``articles`` row for an Article.to_dict() payload, in ``ARTICLE_COLUMNS`` order.

    The row is keyed by the cache key (the URL the article was requested by),
    not payload["url"], so a search hit leads straight back to its cache entry.
    """
    from tui_reader.models import fingerprint, measures_of, phones_in

    title = str(payload.get("title") or "")
    body = payload.get("body") or ()
    text = body if isinstance(body, str) else "\n\n".join(str(p) for p in body)
    facts = payload.get("facts") or {}
    pairs = [(str(k), str(v)) for k, v in facts.items()] if isinstance(facts, dict) else []
    city = payload.get("city")
    measures = measures_of(title, pairs, text, city=city if isinstance(city, str) else None)
    contact = payload.get("contact") or ()
    contact_text = "\n".join(f"{pair[0]}：{pair[1]}" for pair in contact if len(pair) == 2)
    if pairs:
        # Facts (租金, 小区 …) left the body; search must still find them.
        text += "\n\n" + "\n".join(f"{label}：{value}" for label, value in pairs)
    published = payload.get("published")
    return (
        key,
        title,
        text,
        payload.get("city"),
        payload.get("category"),
        published,
        when,
        measures.price_value,
        measures.price_high,
        measures.price_unit,
        measures.price_text,
        measures.area,
        measures.rooms,
        measures.floor,
        measures.year,
        measures.mileage,
        measures.salary_low,
        measures.salary_high,
        measures.district,
        _epoch(published),
        " ".join(phones_in(contact_text + "\n" + text)) or None,
        fingerprint(title + "\n" + text),
        1,
    )


ARTICLE_COLUMNS = (
    "url, title, body, city, category, published, fetched_at, price_value, price_high, price_unit, "
    "price_text, area, rooms, floor, year, mileage, salary_low, salary_high, district, posted_at, "
    "phones, likeness, measured"
)
"""The ``articles`` columns ``article_row`` gives values for (``gone_at`` is set apart)."""


def _epoch(published: Any) -> float | None:
    if not isinstance(published, str) or not published:
        return None
    try:
        value = datetime.fromisoformat(published)
    except ValueError:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()


def entry_from_row(
    kind: str, key: str, payload: str, etag: str | None, last_modified: str | None, fetched_at: str
) -> CacheEntry | None:
    """The entry a row of ``entries`` holds; None for a payload that cannot be decoded."""
    try:
        data = json.loads(payload)
    except ValueError:
        # A row we cannot decode is worth nothing; report a miss so the
        # client fetches the page again and overwrites it.
        return None
    return CacheEntry(kind, key, data, etag, last_modified, ts_in(fetched_at))
