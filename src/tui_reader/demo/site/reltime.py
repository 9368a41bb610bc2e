"""Relative dates of the demo portal's style "c": the content timeline moved to "now".

The generated content is dated back from a fixed ``content.ANCHOR`` so the
site is byte-stable, but a portal that writes ``3小时前`` must be read against
the clock. Style "c" therefore shifts the whole timeline, every article by the
same amount, so that the anchor (the newest possible post) lands on the
current time floored to a ten-minute step:

    shift(now)  = floor(now, STEP) - ANCHOR        STEP = 10 minutes, floored on the Unix epoch
    posted(now) = published + shift(now)            shown in +08:00

So the newest article is a few minutes old (0–10 minutes plus its own
jitter) and every article's absolute time stays put for ten minutes at a
time: a reader that fetches the same page twice in a step sees the same
absolute times, however the relative words change. The words follow the
usual portal rules (``age = now - posted``):

    age < 1 min             刚刚
    age < 1 h               N分钟前          (N = whole minutes)
    age < 5 h               N小时前          (N = whole hours)
    same day as now         今天 HH:MM
    the day before          昨天 HH:MM
    two days before         前天             (no time: day precision)
    same year               MM-DD
    older                   YYYY-MM-DD

``shown`` gives each text with the window of absolute times it can stand for,
so a test can tell whether a reader resolved it correctly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tui_reader.demo.site.content import ANCHOR, CST

__all__ = ["STEP", "Shown", "current", "posted_at", "shown", "timeline_shift"]

STEP = timedelta(minutes=10)
"""How long the shifted timeline stays put: absolute times only move on step boundaries."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MINUTE = timedelta(minutes=1)
_HOUR = timedelta(hours=1)
_DAY = timedelta(days=1)
_HOURS_SHOWN = 5
"""Ages under this many hours read ``N小时前``; older ones name the day."""


@dataclass(frozen=True, slots=True)
class Shown:
    """A date as a row shows it, and the closed window of absolute times the text allows."""

    text: str
    earliest: datetime
    latest: datetime


def current(now: datetime | None) -> datetime:
    """``now`` (the real clock when None) in +08:00; a naive ``now`` is taken as +08:00."""
    if now is None:
        return datetime.now(CST)
    return now.replace(tzinfo=CST) if now.tzinfo is None else now.astimezone(CST)


def timeline_shift(now: datetime) -> timedelta:
    """How far every content time moves: the anchor lands on ``now`` floored to ``STEP``."""
    floored = _EPOCH + ((current(now) - _EPOCH) // STEP) * STEP
    return floored - ANCHOR


def posted_at(published: datetime, now: datetime) -> datetime:
    """When an article published at ``published`` (content time) appears posted, in +08:00."""
    return (published + timeline_shift(now)).astimezone(CST)


def shown(posted: datetime, now: datetime) -> Shown:
    """The words a style-"c" page uses for ``posted`` at ``now``, with the window they allow."""
    now, posted = current(now), current(posted)
    age = now - posted
    if age < _MINUTE:
        return Shown("刚刚", now - _MINUTE, now)
    if age < _HOUR:
        n = age // _MINUTE
        return Shown(f"{n}分钟前", now - (n + 1) * _MINUTE, now - n * _MINUTE)
    if age < _HOURS_SHOWN * _HOUR:
        n = age // _HOUR
        return Shown(f"{n}小时前", now - (n + 1) * _HOUR, now - n * _HOUR)
    days = (now.date() - posted.date()).days
    if days <= 1:
        minute = posted.replace(second=0, microsecond=0)
        word = "今天" if days == 0 else "昨天"
        return Shown(f"{word} {posted:%H:%M}", minute, minute + _MINUTE - timedelta(seconds=1))
    day = posted.replace(hour=0, minute=0, second=0, microsecond=0)
    last = day + _DAY - timedelta(seconds=1)
    if days == 2:
        return Shown("前天", day, last)
    if posted.year == now.year:
        return Shown(f"{posted:%m-%d}", day, last)
    return Shown(f"{posted:%Y-%m-%d}", day, last)
