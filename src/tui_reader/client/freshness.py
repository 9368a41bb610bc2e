"""How long a cached page counts as fresh, and how much cache to keep: the two
settings every part of the client reads (``[cache]`` in config.toml); and the
pace of prefetching (``prefetch``), here rather than beside the prefetcher so
that making a client before the first screen does not load the prefetcher.

Ttl, Retention and PrefetchSettings are NamedTuples, not dataclasses: they are made before every
first screen, and a dataclass costs about half a millisecond to create."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["PrefetchSettings", "Retention", "Ttl"]

MINUTE = 60.0
DAY = 86400.0


class Ttl(NamedTuple):
    """How long each kind of cached page counts as fresh, in seconds."""

    cities: float = 7 * DAY
    categories: float = 7 * DAY
    listings: float = 30 * MINUTE
    article: float = 7 * DAY


class Retention(NamedTuple):
    """How much cache to keep: entries older than ``max_age`` seconds go, then
    the oldest until the file fits ``max_bytes`` (photos not counted). 0 means no limit."""

    max_age: float = 0.0
    max_bytes: int = 0
    photo_bytes: int = 200 * 1024 * 1024
    """The photo cache's budget: least recently used photos go past it, bookmarked
    articles' photos never (``[cache] photos_mb``); 0 means no limit."""


class PrefetchSettings(NamedTuple):
    rows: int = 3
    """Rows after the cursor's whose articles are prefetched."""
    delay: float = 0.25
    """Seconds between the starts of two prefetches to one host."""
    dwell: float = 0.2
    """Seconds the cursor rests on a row before anything is fetched."""
    backoff: float = 900.0
    """Seconds a host that refused (captcha, login, 403/429/503) is left alone."""
    near_end: int = 10
    """Rows from the end of a list at which its next page is prefetched."""
