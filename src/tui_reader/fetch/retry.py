"""When to try a request again, and how long to wait first (private to ``fetch``).

Only answers that say "later" are retried (429 Too Many Requests, 503
Service Unavailable), and only for idempotent methods: repeating a GET
cannot do harm a single GET would not. With ``FetchLimits.retry_transient``
(a sync) the other passing server troubles are retried too: 500, 502 and
504 answers, and a body cut off before its end. A ``Retry-After`` header, in seconds
or as an HTTP date, says how long; it is clamped, because a server asking
for an hour must not stall a reader for an hour. A missing or garbled header
falls back to exponential backoff with jitter, so many readers hit by the
same outage do not come back in lock-step.
"""

from __future__ import annotations

import asyncio
import copy
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from tui_reader.errors import BadContent, FetchError
from tui_reader.fetch.messages import seconds
from tui_reader.limits import FetchLimits

__all__ = [
    "RETRY_STATUSES",
    "CutOff",
    "Later",
    "TRANSIENT_STATUSES",
    "may_retry",
    "retry_after_seconds",
    "retry_delay",
    "wait_to_retry",
]

RETRY_STATUSES = frozenset({429, 503})
TRANSIENT_STATUSES = frozenset({500, 502, 504})
"""Retried only with ``FetchLimits.retry_transient``."""


@dataclass(frozen=True)
class Later:
    """A 429/503 answer (or, with ``retry_transient``, a 5xx or a body cut off):
    try again after a while, or give up with ``error``."""

    error: FetchError
    retry_after: str | None


class CutOff(BadContent):
    """A body that ended before its end (short of Content-Length, a chunked or
    compressed stream cut off): never a page, maybe a passing fault."""


IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})


def may_retry(method: str, status: int, *, transient: bool = False) -> bool:
    retried = status in RETRY_STATUSES or (transient and status in TRANSIENT_STATUSES)
    return retried and method.upper() in IDEMPOTENT


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` value asks for; None when absent or garbled."""
    if value is None:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return float(int(text))
    if not text or text[0] in "+-" or text.replace(".", "", 1).isdigit():
        return None  # negative or fractional seconds are not in the grammar
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None or when.tzinfo is None:
        return None
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def retry_delay(
    attempt: int,
    retry_after: str | None,
    *,
    base: float,
    cap: float,
    rng: random.Random | None = None,
    now: datetime | None = None,
) -> tuple[float, float | None]:
    """(seconds to wait before retry number ``attempt`` (0-based), seconds asked for).

    The wait is never above ``cap``; the second value is what the server
    asked, unclamped, or None when it did not ask, so the caller can say so.
    """
    asked = retry_after_seconds(retry_after, now)
    if asked is not None:
        return min(asked, cap), asked
    step = base * (2 ** min(attempt, 30))
    # "Equal jitter": at least half the step, so backoff still grows.
    jitter = (rng or random).uniform(0.0, step / 2)
    return min(step / 2 + jitter, cap), None


async def wait_to_retry(
    error: FetchError, retry_after: str | None, retries: int, limits: FetchLimits, deadline: float | None
) -> None:
    """Sleep before retry number ``retries`` (0-based), or raise ``error`` (with
    a note) when the retries are used up or the wait would outlast ``deadline``
    (a loop time)."""
    if retries >= limits.max_retries:
        raise _noted(error, f" (still so after {retries} {'retry' if retries == 1 else 'retries'})")
    wait, asked = retry_delay(retries, retry_after, base=limits.retry_backoff, cap=limits.max_retry_wait)
    if deadline is not None and asyncio.get_running_loop().time() + wait >= deadline:
        # Waiting would only end in a timeout: say what the server said instead.
        raise _noted(error, f" and asked to come back in {seconds(asked)}" if asked is not None else "")
    await asyncio.sleep(wait)


def _noted(error: FetchError, note: str) -> FetchError:
    """``error`` (same type, URL and status) with ``note`` added to its sentence."""
    again = copy.copy(error)
    again.args = (f"{error}{note}",)
    return again
