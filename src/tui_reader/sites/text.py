"""Small text helpers shared by the profile loader and the parsers.

Default patterns live here so a profile only has to name a pattern when its
portal writes dates or view counts in an unusual way.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

__all__ = [
    "DEFAULT_DATE",
    "DEFAULT_VIEWS",
    "clean_whitespace",
    "datetime_from",
    "int_from",
    "parse_utc_offset",
]

# "2024-02-10", "2024/2/10 12:21:21", "2024年2月10日 12:21", "2024.02.10".
# Named groups are the contract with profiles: year, month, day are required,
# hour, minute, second optional.
DEFAULT_DATE = (
    r"(?P<year>\d{4})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})\s*日?"
    r"(?:\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
)
# "24次查看", "24 次浏览", "24次": the number right before 次.
DEFAULT_VIEWS = r"(?P<views>\d+)\s*次"

# Runs of any whitespace, including the ideographic space and no-break space
# that Chinese pages use for indentation.
_WHITESPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_OFFSET = re.compile(r"^([+-])(\d{2}):?(\d{2})$")


def clean_whitespace(text: str) -> str:
    """Runs of whitespace to one space, none at the ends."""
    # str.split() knows the same whitespace as the pattern's \s (both ask
    # Unicode), but not the two zero-width characters; it is three times as
    # fast, and a parse calls this for every piece of text it takes.
    if "\u200b" in text or "\ufeff" in text:
        return _WHITESPACE.sub(" ", text).strip()
    return " ".join(text.split())


def parse_utc_offset(value: str) -> timezone:
    """ "+08:00" → a fixed-offset timezone; ValueError when it is not one.

    A fixed offset instead of a tz database name: China has no daylight saving
    time, and a fixed offset needs no tzdata on the machine."""
    match = _OFFSET.match(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a UTC offset like +08:00")
    sign, hours, minutes = match.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes))
    if delta >= timedelta(hours=24):
        raise ValueError(f"{value!r} is not a UTC offset like +08:00")
    return timezone(-delta if sign == "-" else delta)


def datetime_from(pattern: re.Pattern[str], text: str, tz: timezone) -> datetime | None:
    """The first date (and time) the pattern finds in text, or None."""
    match = pattern.search(text)
    if match is None:
        return None
    parts = match.groupdict()

    def number(name: str) -> int:
        return int(parts.get(name) or 0)

    try:
        return datetime(
            number("year"),
            number("month"),
            number("day"),
            number("hour"),
            number("minute"),
            number("second"),
            tzinfo=tz,
        )
    except ValueError:  # "2024-13-45": looks like a date, is not one
        return None


def int_from(pattern: re.Pattern[str], text: str, group: str) -> int | None:
    match = pattern.search(text)
    if match is None or not match.group(group):
        return None
    return int(match.group(group))


CHINA = parse_utc_offset("+08:00")
"""Where the portals are: a time that names no zone is Beijing time."""


def parse_iso_datetime(value: str, tz: timezone = CHINA) -> datetime | None:
    """An ISO-8601-ish timestamp as an aware datetime; ``tz`` when it names no zone.

    Accepts "2024-02-10T12:21:00+08:00", "2024-02-10 12:21", "2024-02-10T04:21Z",
    "2024-02-10" (midnight) and the portal forms "2024/2/10 12:21:21",
    "2024年2月10日". None for anything else."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        return datetime_from(re.compile(DEFAULT_DATE), value, tz) if re.match(r"\s*\d{4}", value) else None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=tz)
