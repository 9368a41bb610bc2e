"""Human wording for ages and dates, shared by the UI and the CLI.

``ago`` says how old our own data is ("3 min ago", or "3m" where space is
short). ``short_date`` writes a posting date in five cells for a list
column, the way a mail client does: the time for today, the month and day
within the last months, the year beyond.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tui_reader.models import utcnow

SHORT_DATE_WIDTH = 5
"""Cells ``short_date`` never exceeds ("21:08", "11-28", "2024")."""

_MONTH_DAY_SPAN = timedelta(days=300)
"""How far back "11-28" stays unambiguous: within the last ten months the
month and day name one date, even across New Year (12-28 read on 01-02)."""


def ago(moment: datetime, now: datetime | None = None, *, short: bool = False) -> str:
    """ "3 min ago", "2 h ago", "5 d ago"; with ``short``, "3m", "2h", "5d" ("now" under a minute)."""
    seconds = max(0.0, ((now or utcnow()) - moment).total_seconds())
    if seconds < 60:
        return "now" if short else "just now"
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            count = int(seconds // size)
            return f"{count}{unit[0]}" if short else f"{count} {unit} ago"
    return "just now"  # unreachable; keeps the type checker calm


def short_date(moment: datetime, now: datetime | None = None) -> str:
    """ "21:08" (today), "11-28" (the last ten months), "2024" (older).

    Read in the zone of ``moment`` (the portal's own clock, as the page
    showed it), so "today" is the portal's today.
    """
    current = now or utcnow()
    if moment.tzinfo is not None and current.tzinfo is not None:
        current = current.astimezone(moment.tzinfo)
    elif moment.tzinfo is None and current.tzinfo is not None:
        current = current.replace(tzinfo=None)
    if moment.date() == current.date():
        return moment.strftime("%H:%M")
    if abs(current - moment) < _MONTH_DAY_SPAN:
        return moment.strftime("%m-%d")
    return moment.strftime("%Y")
