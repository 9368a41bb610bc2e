"""Typed numbers of one listing: price (with its unit family), area, rooms,
floor, year, mileage, salary and district, read from its facts, title and body.

The store keeps them as indexed columns (the raw text stays in the article),
so ``price:<5万 area:>=60 rooms:2`` is an index lookup, not a scan.

Where a value is read, in order: the facts (label → value; a label is matched
by what it means — 租金, 售价, 月薪, 建筑面积 …), then the title, then the
start of the body (``BODY_CHARS``). The title and body are read only through
phrases that say what a number is ("建于2008年", "6.5万公里", "5/18层"): a
wrong number is worse than none, so a bare number is never guessed at.
Money is read by ``money.money_in``, the project's one price reader; a text
whose digits an obfuscating font drew is never read (``money.is_obfuscated``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from tui_reader.models.money import Money, ascii_digits, is_obfuscated, money_in

__all__ = ["BODY_CHARS", "Measures", "PricePoint", "measures_of"]

BODY_CHARS = 3000
"""How much of a body is read: the numbers of a listing are in its first lines,
and a sync measures every article it stores."""


@dataclass(frozen=True, slots=True)
class Measures:
    """What a listing's numbers say; None where the page does not say it."""

    price_value: float | None = None
    """The amount in 元 (the low end of a range such as 2000-3000元/月); None for 面议 or no price."""
    price_high: float | None = None
    """The high end of a range; the same as ``price_value`` for a single amount."""
    price_unit: str | None = None
    """The family prices are compared within: "元" (a total), "元/月", "元/㎡", …"""
    price_text: str | None = None
    """The price as the page shows it."""
    area: float | None = None
    """Floor area in ㎡."""
    rooms: int | None = None
    """Bedrooms (the 2 of 户型 2室1厅)."""
    halls: int | None = None
    floor: int | None = None
    """The floor the flat is on (the 5 of 5/18层); negative for basements."""
    floors: int | None = None
    """Floors of the building (the 18 of 5/18层)."""
    year: int | None = None
    """Year built (a flat) or first registered (a car)."""
    mileage: float | None = None
    """A car's mileage in 万公里."""
    salary_low: float | None = None
    """A job's monthly pay in 元 (low end)."""
    salary_high: float | None = None
    district: str | None = None
    """The district or area the page names (海州区, 新浦), for ``city:`` queries."""


@dataclass(frozen=True, slots=True)
class PricePoint:
    """A price an article was seen at (``Store.price_history``), oldest first in a history."""

    seen_at: datetime
    value: float | None
    high: float | None
    unit: str | None
    text: str | None


# --- what a fact's label means -----------------------------------------------------

_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("salary", re.compile(r"薪|工资|待遇|salary", re.I)),
    ("area", re.compile(r"面积|平米|area", re.I)),
    ("rooms", re.compile(r"户型|房型|格局|厅室|卧室|居室")),
    ("floor", re.compile(r"楼层|层数|所在层")),
    ("mileage", re.compile(r"里程|公里数|mileage", re.I)),
    ("year", re.compile(r"年代|年份|建成|竣工|建造|上牌|登记日期|购买时间|车龄")),
    ("price", re.compile(r"租金|价|租|费用|收费|报价|预算|金额|price|rent", re.I)),
    ("district", re.compile(r"区域|地址|位置|所在地|地区|地段|商圈|地点|城区|区县")),
)


@lru_cache(maxsize=1024)
def _meaning(label: str) -> str | None:
    for meaning, pattern in _LABELS:
        if pattern.search(label):
            return meaning
    return None


# --- the readers, one per number ------------------------------------------------------

_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "俩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_SMALL = r"(\d{1,2}|[一二两俩三四五六七八九十])"
_ROOMS = re.compile(rf"{_SMALL}\s*(?:室|房(?!东|源|租|子|屋|间|产|主|客))(?:\s*{_SMALL}\s*厅)?")
_ROOMS_TEXT = re.compile(
    rf"{_SMALL}\s*室\s*{_SMALL}\s*厅|{_SMALL}\s*室(?!友|内|外)|(?<![\d房])([一二两三四五六])房(?!东|源|租|子|屋|间|产|主|客)"
)
_AREA = re.compile(r"(\d+(?:\.\d+)?)\s*(?:㎡|平方米|平米|平方(?!公里)|m²|m2|平(?![台安方衡板房价均时常]))")
_FLOOR_PAIR = re.compile(r"(?:第\s*)?(地下\s*)?(-?\d{1,3})\s*层?\s*/\s*(?:共\s*)?(\d{1,3})\s*层")
_FLOOR_ONE = re.compile(r"^\s*(?:第\s*)?(地下\s*|负\s*|-)?(\d{1,3})\s*(?:层|楼)")
_FLOORS = re.compile(r"共\s*(\d{1,3})\s*层")
_YEAR_ANY = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_YEAR_TEXT = re.compile(
    r"(?:建于|建成于|竣工于|上牌时间[:：]?\s*|首次上牌[:：]?\s*)(19[5-9]\d|20\d\d)"
    r"|(?<!\d)(19[5-9]\d|20\d\d)\s*年\s*(?:建|上牌|竣工|落成|的(?:房|楼|车))"
    r"|^\s*(19[5-9]\d|20\d\d)\s*年(?!\d)"
)
_CAR_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)\s*年的")
_MILEAGE_WAN = re.compile(r"(\d+(?:\.\d+)?)\s*万\s*(?:公里|km|KM)")
_MILEAGE_KM = re.compile(r"(?<![\d.])(\d{3,7})\s*(?:公里|km|KM)")
_NOT_DISTRICTS = (
    "小区",
    "学区",
    "社区",
    "园区",
    "景区",
    "城区",
    "市区",
    "郊区",
    "街区",
    "校区",
    "商区",
    "片区",
    "辖区",
    "厂区",
    "营业区",
)
_PART_SPLIT = re.compile(r"\s*[-－—/·|｜>＞]\s*|\s+")
_JOB = re.compile(
    r"\d\s*[kK]?\s*[-~～]\s*\d+(?:\.\d+)?\s*[kK](?![A-Za-z])|招聘|诚聘|急招|招工|高薪|聘请|诚招|招(?!商|租|标|牌|生|聘会)|兼职|日结|月薪|底薪|任职要求|岗位"
)
_NEGOTIABLE = re.compile(r"面议|电议|议价|商议|待定")


def _small(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) if text.isdigit() else _CN_DIGITS.get(text)


def _rooms(text: str, pattern: re.Pattern[str]) -> tuple[int, int | None] | None:
    match = pattern.search(text)
    if match is None:
        return None
    groups = [g for g in match.groups()]
    rooms = _small(next((g for g in groups if g), None))
    halls = _small(groups[1]) if pattern is _ROOMS or groups[0] else None
    if rooms is None or not 0 < rooms <= 20:
        return None
    return rooms, halls if halls is not None and halls <= 10 else None


def _area(text: str) -> float | None:
    match = _AREA.search(text)
    if match is None:
        return None
    value = float(match.group(1))
    return value if 1 <= value <= 100_000 else None


def _floor(text: str, labelled: bool) -> tuple[int | None, int | None]:
    pair = _FLOOR_PAIR.search(text)
    if pair is not None:
        on, of = int(pair.group(2)), int(pair.group(3))
        on = -abs(on) if pair.group(1) else on
        if 0 < of <= 200 and on <= of and on != 0:
            return on, of
        return None, None
    floors_match = _FLOORS.search(text)
    floors = int(floors_match.group(1)) if floors_match and 0 < int(floors_match.group(1)) <= 200 else None
    if labelled:
        one = _FLOOR_ONE.match(text)
        if one is not None and int(one.group(2)) <= 200:
            floor = int(one.group(2))
            floor = -floor if one.group(1) else floor
            if floor != 0 and (floors is None or floor <= floors):
                return floor, floors
    return None, floors


def _year_ok(value: int, now_year: int) -> int | None:
    return value if 1950 <= value <= now_year + 1 else None


def _mileage(text: str, labelled: bool) -> float | None:
    wan = _MILEAGE_WAN.search(text)
    if wan is not None:
        value = float(wan.group(1))
        return value if 0 <= value <= 100 else None
    km = _MILEAGE_KM.search(text)
    if km is not None and (labelled or int(km.group(1)) >= 1000):
        value = int(km.group(1)) / 10_000
        return value if value <= 100 else None
    return None


def _district(value: str, city: str | None) -> str | None:
    """The district a 区域/地址 value names: "海州-新浦" → 海州, "连云港-海州区" → 海州区,
    "连云港市海州区幸福路15号" → 海州区."""
    named = _text_district(value, city, towns=True)
    if named is not None:
        return named
    parts = [p for p in _PART_SPLIT.split(value.strip()) if p]
    several = len(parts) > 1
    if city:
        parts = [p for p in parts if p not in (city, f"{city}市")]
    # "无锡-江阴市": a later part that is a district or county town names the place better.
    for part in parts[1:]:
        if part.endswith(("区", "县", "市", "旗")) and not part.endswith(_NOT_DISTRICTS):
            return part
    if several and parts and re.fullmatch(r"[\u4e00-\u9fff]{2,6}", parts[0]):
        return parts[0]
    return None


@lru_cache(maxsize=256)
def _district_after(city: str | None, towns: bool) -> re.Pattern[str]:
    """A district after a province or at the start (区/县), or after a 市 or the listing's
    own city, where a county-level 市 is a district too ("无锡市江阴市", "连云港灌南县")."""
    after_city = f"{re.escape(city)}市?|市" if city else "市"
    ends = "区|县|市" if towns else "区|县"
    return re.compile(
        rf"(?:^|省)([\u4e00-\u9fff]{{1,4}}?(?:区|县))|(?:{after_city})(?!市)([\u4e00-\u9fff]{{1,4}}?(?:{ends}))"
    )


def _text_district(text: str, city: str | None, *, towns: bool = False) -> str | None:
    """``towns``: a county-level 市 counts (in an address, not in prose: "人力资源市场")."""
    for match in _district_after(city, towns).finditer(text):
        name = match.group(1) or match.group(2)
        if not name.endswith(_NOT_DISTRICTS) and len(name) >= 2 and not (city and name.startswith(city)):
            return name
    return None


# --- putting it together --------------------------------------------------------------


class _Found:
    """Values as they are found; the first one found for a field wins."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}

    def put(self, **values: object) -> None:
        for name, value in values.items():
            if value is not None and name not in self.values:
                self.values[name] = value

    def has(self, name: str) -> bool:
        return name in self.values


def _money(found: _Found, money: Money | None, job: bool) -> None:
    if money is None:
        return
    if job:
        # A job's pay is a salary, not a price; only monthly (or unstated) pay is a salary.
        if money.unit in ("元", "元/月") and not found.has("salary_low") and 500 <= money.low <= 1_000_000:
            found.put(salary_low=money.low, salary_high=money.high)
        return
    if money.high > 1e11:
        return
    found.put(price_value=money.low, price_high=money.high, price_unit=money.unit, price_text=money.text)


def measures_of(
    title: str, facts: Sequence[tuple[str, str]], body: str, *, city: str | None = None, now_year: int | None = None
) -> Measures:
    """The typed numbers of one listing: facts first (租金 → 2500元/月), then the title, then the body.

    ``city``: the listing's city, so "连云港-海州区" names 海州区 and not the
    city; ``now_year``: the latest year a year built may be (before the next).

    >>> m = measures_of("整租 2室1厅 89平 3000元/月", [("楼层", "5/18层"), ("区域", "海州-新浦")], "")
    >>> m.price_value, m.price_unit, m.area, m.rooms, m.floor, m.floors, m.district
    (3000.0, '元/月', 89.0, 2, 5, 18, '海州')
    """
    this_year = now_year or datetime.now().year
    title = ascii_digits(title)
    head = ascii_digits(body[:BODY_CHARS])
    found = _Found()
    job = bool(_JOB.search(title)) or any(_meaning(label) == "salary" for label, _ in facts)
    negotiable = False
    for label, raw in facts:
        meaning = _meaning(label)
        if meaning is None or not raw or is_obfuscated(raw):
            continue
        value = ascii_digits(raw)
        if meaning in ("price", "salary"):
            if _NEGOTIABLE.search(value) and money_in(value) is None:
                negotiable = True
                continue
            _money(found, money_in(value), job or meaning == "salary")
        elif meaning == "area":
            found.put(area=_area(value) or _bare_area(value))
        elif meaning == "rooms":
            rooms = _rooms(value, _ROOMS)
            if rooms is not None:
                found.put(rooms=rooms[0], halls=rooms[1])
        elif meaning == "floor":
            floor, floors = _floor(value, labelled=True)
            found.put(floor=floor, floors=floors)
        elif meaning == "year":
            year = _YEAR_ANY.search(value)
            found.put(year=_year_ok(int(year.group(1)), this_year) if year else None)
        elif meaning == "mileage":
            found.put(mileage=_mileage(value, labelled=True))
        elif meaning == "district":
            found.put(district=_district(value, city))
    job = job or bool(_JOB.search(head[:400]))
    for text in (title, head):
        if is_obfuscated(text):
            continue
        # Each reader runs only while its number is still missing (the first found wins anyway):
        # this runs for every article a sync stores.
        if not negotiable and not found.has("salary_low" if job else "price_value"):
            _money(found, money_in(text) if text is title else _said_money(text), job)
        if not found.has("area"):
            found.put(area=_area(text))
        if not found.has("rooms"):
            rooms = _rooms(text, _ROOMS_TEXT)
            if rooms is not None:
                found.put(rooms=rooms[0], halls=rooms[1])
        if not found.has("floor"):
            floor, floors = _floor(text, labelled=False)
            found.put(floor=floor, floors=floors)
        if not found.has("mileage"):
            found.put(mileage=_mileage(text, labelled=False))
        if not found.has("year"):
            year = _YEAR_TEXT.search(text)
            if year is None and found.has("mileage"):
                year = _CAR_YEAR.search(text)  # "自家2015年的朗逸": a car's year
            if year is not None:
                found.put(year=_year_ok(int(next(g for g in year.groups() if g)), this_year))
        if not found.has("district"):
            found.put(district=_text_district(text, city))
    return replace(Measures(), **found.values)  # type: ignore[arg-type]  # names and types are _Found's by construction


_PRICE_SAID = re.compile(
    r"(?:价格|价钱|售价|总价|单价|租金|月租|收费(?:标准)?|费用|工资|薪资|薪水|月薪|报价|现价)[:：\s为是]{0,3}"
)


def _said_money(body: str) -> Money | None:
    """Money in a body only where a word says it is this listing's price ("租金2500元/月"):
    prose quoting other prices ("电视2500元，电脑1700元") is not the listing's."""
    for said in _PRICE_SAID.finditer(body):
        window = body[said.end() : said.end() + 24]
        money = money_in(window)
        if money is not None and window.lstrip().startswith(money.text[:1]):
            return money
    return None


def _bare_area(value: str) -> float | None:
    """An area fact may leave out its unit ("89"): the label said it is ㎡."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*", value)
    if match is None:
        return None
    area = float(match.group(1))
    return area if 1 <= area <= 100_000 else None
