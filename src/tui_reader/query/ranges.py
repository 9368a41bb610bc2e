"""The value of a range qualifier (``price:<5万``, ``area:60-90``, ``posted:<7d``) as a ``Limit``.

``read_limit`` returns the reason in words instead of raising, so the parser
words the error around the part of the text it points at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from tui_reader.models import Limit

__all__ = ["CHINA", "read_limit"]

CHINA = timezone(timedelta(hours=8))
"""Dates in a query are days in China unless a page says otherwise (DESIGN §3)."""


@dataclass(frozen=True, slots=True)
class _Amount:
    value: float
    factor: float | None = None
    """万 / 千 / k as typed; None when the number stood bare (``1-2万`` lends it the 万)."""
    unit: str | None = None


# Digits are capped so a pasted wall of them is "not a price", not int()'s own limit error.
_NUMBER = r"(\d{1,15}(?:\.\d{1,15})?)"
_FACTORS = {"万": 1e4, "w": 1e4, "千": 1e3, "k": 1e3}
_PER = {"月": "元/月", "㎡": "元/㎡", "m2": "元/㎡", "m²": "元/㎡", "平": "元/㎡", "平米": "元/㎡", "平方米": "元/㎡"}
_PER |= {"天": "元/天", "日": "元/天", "年": "元/年"}
_PRICE = re.compile(_NUMBER + r"\s*(万|w|千|k)?\s*(元)?\s*(?:/\s*(月|㎡|m2|m²|平方米|平米|平|天|日|年))?", re.I)
_AREA = re.compile(_NUMBER + r"\s*(?:㎡|m2|m²|平方米|平米|平方|平)?", re.I)
_ROOMS = re.compile(r"(\d{1,9})\s*(?:室|房)?")
_FLOOR = re.compile(r"(-?\d{1,9})\s*(?:层|楼|f)?", re.I)
_YEAR = re.compile(r"(\d{4})\s*年?")
_MILEAGE = re.compile(_NUMBER + r"\s*(万公里|万km|万|公里|km)?", re.I)
_SALARY = re.compile(_NUMBER + r"\s*(万|w|千|k)?\s*(?:元)?\s*(?:/\s*月)?", re.I)
_AGE = re.compile(r"(\d{1,9})\s*(m|min|h|d|w|分钟|小时|天|周)", re.I)
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SECONDS = {"m": 60, "min": 60, "分钟": 60, "h": 3600, "小时": 3600, "d": 86400, "天": 86400, "w": 604800, "周": 604800}
_COMPARE = re.compile(r"(<=|>=|≤|≥|<|>|=)?\s*(.*)", re.S)
_SEPARATORS = ("..", "~", "～", "到", "-")


def _price(text: str) -> _Amount | None:
    m = _PRICE.fullmatch(text)
    if m is None:
        return None
    number, factor, yuan, per = m.groups()
    scale = _FACTORS[factor.lower()] if factor else None
    unit = _PER[per.lower()] if per else ("元" if yuan or (factor and factor.lower() in "万w") else None)
    return _Amount(float(number), scale, unit)


def _salary(text: str) -> _Amount | None:
    m = _SALARY.fullmatch(text)
    if m is None:
        return None
    return _Amount(float(m.group(1)), _FACTORS[m.group(2).lower()] if m.group(2) else None)


def _mileage(text: str) -> _Amount | None:
    m = _MILEAGE.fullmatch(text)
    if m is None:
        return None
    unit = (m.group(2) or "万").lower()
    return _Amount(float(m.group(1)), None if unit.startswith("万") else 1e-4)


def _plain(pattern: re.Pattern[str]) -> Callable[[str], _Amount | None]:
    def read(text: str) -> _Amount | None:
        m = pattern.fullmatch(text)
        return _Amount(float(m.group(1))) if m else None

    return read


_READERS: dict[str, tuple[Callable[[str], _Amount | None], str]] = {
    "price": (_price, "is not a price"),
    "area": (_plain(_AREA), "is not an area in ㎡"),
    "rooms": (_plain(_ROOMS), "is not a number of rooms"),
    "floor": (_plain(_FLOOR), "is not a floor"),
    "year": (_plain(_YEAR), "is not a year"),
    "mileage": (_mileage, "is not a mileage in 万公里"),
    "salary": (_salary, "is not a monthly salary"),
}


def read_limit(field: str, value: str, now: float) -> Limit | str:
    """``value`` (what follows ``field:``) as a Limit, or why it cannot be one."""
    op, rest = _split_compare(value)
    if field == "posted":
        return _posted(op, rest, now)
    read, problem = _READERS[field]
    if not rest:
        return problem
    if op:
        one = read(rest)
        if one is None:
            return problem
        return _compare(field, op, _value(one), one.unit)
    if rest.endswith("+") and (one := read(rest[:-1].strip())) is not None:
        return Limit(field, low=_value(one), unit=one.unit)
    pair = _pair(rest, read)
    if pair is None:
        one = read(rest)
        if one is None:
            return problem
        return Limit(field, low=_value(one), high=_value(one), unit=one.unit)
    low, high = pair
    if low.unit and high.unit and low.unit != high.unit:
        return f"mixes two kinds of price ({low.unit} and {high.unit})"
    # "1-2万" is 1万-2万, but "6000-1万" is 6000元-1万: a bare low end takes
    # the high end's 万 only when its number reads as smaller.
    if low.factor is None and high.factor is not None and low.value <= high.value:
        low = _Amount(low.value, high.factor, low.unit)
    unit = high.unit or low.unit
    if _value(low) > _value(high):
        return "runs from high to low: put the smaller number first"
    return Limit(field, low=_value(low), high=_value(high), unit=unit)


def _split_compare(value: str) -> tuple[str, str]:
    m = _COMPARE.fullmatch(value.strip())
    assert m is not None  # (.*) matches anything
    op = {"≤": "<=", "≥": ">="}.get(m.group(1) or "", m.group(1) or "")
    return op, m.group(2).strip()


def _value(amount: _Amount) -> float:
    return amount.value * (amount.factor or 1)


def _compare(field: str, op: str, number: float, unit: str | None) -> Limit:
    if op == "=":
        return Limit(field, low=number, high=number, unit=unit)
    if op[0] == "<":
        return Limit(field, high=number, high_open=op == "<", unit=unit)
    return Limit(field, low=number, low_open=op == ">", unit=unit)


def _pair(text: str, read: Callable[[str], _Amount | None]) -> tuple[_Amount, _Amount] | None:
    """``N-M`` (or ``..``, ``~``, 到) read on both sides; None when ``text`` is no such pair.
    A leading minus is a negative number (``floor:-2--1``), not a separator."""
    for sep in _SEPARATORS:
        cut = text.find(sep, 1)
        if cut < 0:
            continue
        left, right = read(text[:cut].strip()), read(text[cut + len(sep) :].strip())
        if left is not None and right is not None:
            return left, right
    return None


def _posted(op: str, rest: str, now: float) -> Limit | str:
    """Ages (``<7d``: younger than) count back from ``now``; days are whole days at +08:00."""
    problem = "is not an age like 7d or a day like 2026-11-01"
    if not rest:
        return problem
    if _DAY.match(rest):
        return _posted_days(op, rest) or problem
    ages = [_age(part) for part in (rest.split("..", 1) if ".." in rest else re.split(r"-|~|～|到", rest, maxsplit=1))]
    if any(a is None for a in ages):
        return problem
    if len(ages) == 2:
        young, old = sorted(a for a in ages if a is not None)
        return Limit("posted", low=now - old, high=now - young)
    age = ages[0]
    assert age is not None
    if op in ("", "<", "<="):  # posted:7d is "in the last 7 days" too
        return Limit("posted", low=now - age, low_open=op == "<")
    if op in (">", ">="):
        return Limit("posted", high=now - age, high_open=op == ">")
    return problem  # "=" an age: a moment, never what anyone means


def _age(text: str) -> float | None:
    m = _AGE.fullmatch(text.strip())
    return int(m.group(1)) * _SECONDS[m.group(2).lower()] if m else None


def _posted_days(op: str, rest: str) -> Limit | None:
    parts = rest.split("..", 1)
    days = [_day(p.strip()) for p in parts]
    if any(d is None for d in days) or (op and len(days) == 2):
        return None
    first, last = days[0], days[-1]
    assert first is not None and last is not None
    if first > last or last == date.max:
        return None
    start, end = _midnight(first), _midnight(last + timedelta(days=1))
    if op == "<":
        return Limit("posted", high=start, high_open=True)
    if op == "<=":
        return Limit("posted", high=end, high_open=True)
    if op == ">":
        return Limit("posted", low=end)
    if op == ">=":
        return Limit("posted", low=start)
    return Limit("posted", low=start, high=end, high_open=True)


def _day(text: str) -> date | None:
    m = _DAY.fullmatch(text)
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _midnight(day: date) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=CHINA).timestamp()
