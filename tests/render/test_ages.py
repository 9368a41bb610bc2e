"""Ages of our own data and compact posting dates for the list column."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tui_reader.render import SHORT_DATE_WIDTH, ago, short_date

NOW = datetime(2026, 12, 5, 2, 30, tzinfo=UTC)
CST = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("age", "long", "short"),
    [
        (timedelta(seconds=5), "just now", "now"),
        (timedelta(minutes=3), "3 min ago", "3m"),
        (timedelta(hours=2, minutes=59), "2 h ago", "2h"),
        (timedelta(days=5, hours=1), "5 d ago", "5d"),
    ],
)
def test_ago_long_and_short(age: timedelta, long: str, short: str) -> None:
    assert ago(NOW - age, NOW) == long
    assert ago(NOW - age, NOW, short=True) == short


@pytest.mark.parametrize(
    ("posted", "shown"),
    [
        # 10:20 in Beijing is the same day as 02:30 UTC: the portal's today.
        (datetime(2026, 12, 5, 10, 20, tzinfo=CST), "10:20"),
        # 23:50 the evening before, Beijing time: a date, not a time.
        (datetime(2026, 12, 4, 23, 50, tzinfo=CST), "12-04"),
        (datetime(2026, 11, 28, 9, 0, tzinfo=CST), "11-28"),
        (datetime(2026, 3, 1, 9, 0, tzinfo=CST), "03-01"),
        (datetime(2024, 2, 10, 12, 21, tzinfo=CST), "2024"),
    ],
)
def test_short_date(posted: datetime, shown: str) -> None:
    assert short_date(posted, NOW) == shown
    assert len(shown) <= SHORT_DATE_WIDTH


def test_short_date_across_new_year_keeps_month_and_day() -> None:
    new_year = datetime(2027, 1, 2, 4, 0, tzinfo=UTC)
    assert short_date(datetime(2026, 12, 28, 18, 0, tzinfo=CST), new_year) == "12-28"
