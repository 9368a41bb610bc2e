"""Posted times as list rows print them, absolute or relative, resolved to a datetime.

Portals rarely print a full date in a list row. They write "刚刚", "3分钟前",
"5小时前", "昨天 18:20", "今天 10:20", "前天", "11-28", "11月28日" and only older
rows as "2024-03-05". Each of these is resolved against a reference time (the
moment the page was fetched) in the portal's zone, so a row fetched at
10:00 that says "3小时前" was posted at 07:00 the same day.

A date without a year ("11-28") is the latest such day not after the
reference: a row fetched on 2 January that says "12-30" is from last year.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

__all__ = ["posted_from"]

_UNIT_SECONDS = {
    "秒": 1,
    "分钟": 60,
    "分": 60,
    "小时": 3600,
    "个小时": 3600,
    "天": 86400,
    "周": 7 * 86400,
    "星期": 7 * 86400,
    "个月": 30 * 86400,
    "月": 30 * 86400,
}

_AGO = re.compile(r"(\d{1,4})\s*(秒|分钟|分|个小时|小时|天|周|星期|个月)\s*(?:钟)?\s*前")
_JUST_NOW = re.compile(r"刚刚|刚才|just now", re.I)
_NAMED_DAY = re.compile(r"(今天|今日|昨天|昨日|前天)\s*(?:(\d{1,2})\s*[:：]\s*(\d{2}))?")
_FULL = re.compile(
    r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?"
)
# "11-28", "11/28", "11月28日", optionally with a time; not part of a longer number.
_MONTH_DAY = re.compile(
    r"(?<![\d.\-/])(\d{1,2})\s*(?:[-/]|月)\s*(\d{1,2})(?:\s*日)?(?![\d\-/.])"
    # "12-15万", "3-5年", "1-2室" are ranges, not dates.
    r"(?!\s*[万元年岁kK平㎡米人天个室千百])"
    r"(?:\s*(\d{1,2})\s*[:：]\s*(\d{2}))?"
)
# A bare "10:20" on a row means today at that time.
_CLOCK = re.compile(r"(?<![\d:])(\d{1,2})[:：](\d{2})(?![\d:])")
_DAYS_BACK = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}


def posted_from(text: str, now: datetime, tz: timezone, *, bare_clock: bool = False) -> datetime | None:
    """The first posted time ``text`` states, in ``tz``; None when it states none.

    ``now`` is the reference (the fetch time, aware). ``bare_clock``: read a
    lone "10:20" as today at 10:20 (true for a row's date cell, where nothing
    else is a clock; false for free text)."""
    local_now = now.astimezone(tz)
    found = _FULL.search(text)
    if found:
        year, month, day, hour, minute, second = (int(g) if g else 0 for g in found.groups())
        return _make(year, month, day, hour, minute, second, tz)
    if _JUST_NOW.search(text):
        return local_now.replace(microsecond=0)
    found = _AGO.search(text)
    if found:
        amount, unit = int(found.group(1)), found.group(2)
        return (local_now - timedelta(seconds=amount * _UNIT_SECONDS[unit])).replace(microsecond=0)
    found = _NAMED_DAY.search(text)
    if found:
        then = local_now - timedelta(days=_DAYS_BACK[found.group(1)])
        hour, minute = (int(found.group(2)), int(found.group(3))) if found.group(2) else (0, 0)
        return _make(then.year, then.month, then.day, hour, minute, 0, tz)
    found = _MONTH_DAY.search(text)
    if found:
        month, day = int(found.group(1)), int(found.group(2))
        hour, minute = (int(found.group(3)), int(found.group(4))) if found.group(3) else (0, 0)
        when = _make(local_now.year, month, day, hour, minute, 0, tz)
        if when is not None and when.date() > local_now.date():
            when = _make(local_now.year - 1, month, day, hour, minute, 0, tz)
        return when
    if bare_clock:
        found = _CLOCK.search(text)
        if found:
            return _make(
                local_now.year, local_now.month, local_now.day, int(found.group(1)), int(found.group(2)), 0, tz
            )
    return None


def _make(year: int, month: int, day: int, hour: int, minute: int, second: int, tz: timezone) -> datetime | None:
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:  # "13-45" looks like a date and is not one
        return None
