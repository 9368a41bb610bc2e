"""How long a cached page counts as fresh, and how much cache to keep: the two
settings every part of the client reads (``[cache]`` in config.toml)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Retention", "Ttl"]

MINUTE = 60.0
DAY = 86400.0


@dataclass(frozen=True)
class Ttl:
    """How long each kind of cached page counts as fresh, in seconds."""

    cities: float = 7 * DAY
    categories: float = 7 * DAY
    listings: float = 30 * MINUTE
    article: float = 7 * DAY


@dataclass(frozen=True)
class Retention:
    """How much cache to keep: entries older than ``max_age`` seconds go, then
    the oldest until the file fits ``max_bytes``. 0 means no limit."""

    max_age: float = 0.0
    max_bytes: int = 0
