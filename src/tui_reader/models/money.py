"""Amounts of money in the short texts portals print, and whether their digits can be trusted.

The one price reader of the project: ``sites.numbers.price_of`` (list rows,
fact values) and ``measures.measures_of`` (the typed columns the store
keeps) both read money through :func:`money_in`.

Portals hide the digits that matter from scrapers. 58 and its kin draw them
with a page-embedded ``@font-face`` whose glyphs give digit shapes to
code points that are not digits — Private Use Area characters, or rare
ideographs such as 鑶 龒 驋 — so the text reads "驋鑶龒元/月" while the
screen shows "3200元/月" (:func:`is_obfuscated`): no number is ever read
out of such a text.

Pure functions on ``str``; no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Money", "ascii_digits", "is_obfuscated", "money_in"]

# Full-width digits and signs as ASCII (the same mapping as sites.fields).
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH[0x3000] = 0x20
_FULL_WIDTH[0x00A0] = 0x20


def ascii_digits(text: str) -> str:
    """``text`` with full-width digits, letters and signs as ASCII (１２００ → 1200)."""
    return text.translate(_FULL_WIDTH)


# --- obfuscated digits --------------------------------------------------------------

_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
# Chinese numerals that GB2312 keeps out of its common level, or has not at all.
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟萬億兩")
# What follows a number in a price, area or room count: the obfuscated
# glyph stands right before one of these.
_UNIT_AFTER_NUMBER = frozenset("元万千㎡平室厅卫层块岁")
# The same units as a pattern: found by the regex engine, not by a Python loop over every
# character (a body's first 3,000 characters are checked for each article stored).
_UNIT_AT = re.compile("[" + "".join(sorted(_UNIT_AFTER_NUMBER)) + "]")
_DIGIT_MARKS = frozenset("0123456789.,")


@lru_cache(maxsize=4096)
def _is_rare_ideograph(char: str) -> bool:
    """An ideograph outside GB2312's 3,755 common characters (level 1, lead
    bytes B0–D7): never a digit on a page, and what obfuscating fonts use."""
    if char in _NUMERALS or not ("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"):
        return False
    try:
        lead = char.encode("gb2312")[0]
    except UnicodeEncodeError:
        return True
    return not 0xB0 <= lead <= 0xD7


@lru_cache(maxsize=4096)
def is_obfuscated(text: str) -> bool:
    """True when ``text`` (a short value: a price cell, a fact value) holds
    digits drawn by an obfuscating web font, so its characters are not the
    number the page shows.

    Two signs, both of which real digits never give: a Private Use Area
    character anywhere; or a rare ideograph (outside GB2312's common level)
    standing for a digit of a number before a unit — "驋龒元/月",
    "3鑶00㎡", "驋室龒厅". A rare character elsewhere ("新臺幣1,000元") is
    prose, not a digit. Digits remapped to *other* digits by a font cannot
    be told from the text alone and are not detected.
    """
    if _PRIVATE_USE.search(text):
        return True
    text = ascii_digits(text)
    return any(_number_is_drawn(text, unit.start()) for unit in _UNIT_AT.finditer(text, 1))


def _number_is_drawn(text: str, unit: int) -> bool:
    """Whether the number right before ``text[unit]`` holds glyph stand-ins:
    a rare ideograph after one of its digits ("3鑶00"), or a number made of
    nothing else that starts a word ("：驋鑶龒"). Rare characters *before*
    the digits are a word ("新臺幣1,000")."""
    start = unit
    while start > 0 and (text[start - 1] in _DIGIT_MARKS or _is_rare_ideograph(text[start - 1])):
        start -= 1
    number = text[start:unit]
    if not any(_is_rare_ideograph(c) for c in number):
        return False
    first_digit = next((i for i, c in enumerate(number) if c.isdigit()), None)
    if first_digit is not None:
        return any(_is_rare_ideograph(c) for c in number[first_digit:])
    return start == 0 or not ("\u3400" <= text[start - 1] <= "\u9fff")


# --- money ------------------------------------------------------------------------

_MULTIPLIER = {
    "万": 10_000.0,
    "w": 10_000.0,
    "W": 10_000.0,
    "千": 1_000.0,
    "k": 1_000.0,
    "K": 1_000.0,
    "亿": 100_000_000.0,
}
_AREA = r"(?:㎡|平方米|平米|平方|平|m²|m2)"
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_AMOUNT = re.compile(
    # A range's low end, with its own multiplier ("8千-1.2万") or the high end's ("8-12K").
    rf"(?P<currency>[¥￥])?\s*(?:(?P<low>{_NUMBER})\s*(?P<low_multiplier>[万千kK](?![A-Za-z]))?\s*(?:-|~|～|—|至|到)\s*)?"
    rf"(?P<number>{_NUMBER})\s*"
    r"(?P<multiplier>[万千亿wWkK](?![A-Za-z]))?\s*(?P<yuan>元|块|RMB)?"
    rf"(?:\s*(?P<slash>/|每|一个)\s*(?P<per>月|年|天|日|小时|课时|次|期|{_AREA})(?:\s*[·/]\s*(?P<per2>月|天|日|年))?)?"
)
_RANGE_BEFORE = re.compile(r"\d\s*(?:-|~|～|—|至|到)\s*$")
_RANGE_AFTER = re.compile(r"^\s*(?:-|~|～|—|至|到)\s*\d")
_MONTHLY_WORDS = re.compile(r"月租|月薪|每月|包月")
_PERIOD = {"月": "月", "年": "年", "天": "天", "日": "天", "小时": "小时", "课时": "课时", "次": "次", "期": "期"}
_PHONE_LIKE = re.compile(r"\d{7,}")
"""Seven digits or more with no thousands commas: a phone or an id, never a price."""


@dataclass(frozen=True, slots=True)
class Money:
    """One amount (or range) of money as a text shows it."""

    low: float
    high: float
    """The same as ``low`` for a single amount."""
    unit: str
    """"元" (a total), "元/月", "元/㎡", "元/天", "元/小时", …"""
    text: str
    """The words of the text that say it ("2000-3000元/月")."""
    ranged: bool
    """A range ("4000-6000元"), or an amount that stands next to one."""


def _unit(per: str | None, per2: str | None, text: str) -> str:
    if per is None:
        return "元/月" if _MONTHLY_WORDS.search(text) else "元"
    if per in _PERIOD:
        return f"元/{_PERIOD[per]}"
    return f"元/㎡·{_PERIOD[per2]}" if per2 else "元/㎡"


def money_in(text: str) -> Money | None:
    """The first amount of money in ``text``, or None.

    An amount is money when something says so: ¥, 元/块, a multiplier
    (万 ×10,000, 千/k ×1,000, 亿 ×10⁸), or a period after a slash
    ("2500/月"). "90㎡" is an area and "13812345678" a phone, not money.
    None for obfuscated text (:func:`is_obfuscated`) and for 面议.

    >>> money_in("月租 2000-3000元/月")
    Money(low=2000.0, high=3000.0, unit='元/月', text='2000-3000元/月', ranged=True)
    >>> money_in("8-12K"), money_in("１２０万").low
    (Money(low=8000.0, high=12000.0, unit='元', text='8-12K', ranged=True), 1200000.0)
    """
    if is_obfuscated(text):
        return None
    text = ascii_digits(text)
    for match in _AMOUNT.finditer(text):
        per_is_period = match.group("slash") is not None and match.group("per") in _PERIOD
        if not (match.group("currency") or match.group("yuan") or match.group("multiplier") or per_is_period):
            continue
        number = match.group("number")
        if _PHONE_LIKE.fullmatch(number) or (match.group("low") and _PHONE_LIKE.fullmatch(match.group("low"))):
            continue
        multiplier = _MULTIPLIER.get(match.group("multiplier") or "", 1.0)
        high = float(number.replace(",", "")) * multiplier
        low_text = match.group("low")
        if low_text is None:
            low = high
        else:
            low_multiplier = match.group("low_multiplier")
            low = float(low_text.replace(",", "")) * (_MULTIPLIER[low_multiplier] if low_multiplier else multiplier)
        ranged = (
            low_text is not None
            or _RANGE_BEFORE.search(text[: match.start()]) is not None
            or _RANGE_AFTER.match(text[match.end("number") :]) is not None
        )
        if low > high:
            low, high = high, low
        unit = _unit(match.group("per"), match.group("per2"), text)
        return Money(low, high, unit, match.group(0).strip(), ranged)
    return None
