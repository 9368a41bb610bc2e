"""Typed numbers out of the short texts portals print: prices, and whether they can be read at all.

Portals hide the digits that matter from scrapers. 58 and its kin draw them
with a page-embedded ``@font-face`` whose glyphs give digit shapes to
code points that are not digits — Private Use Area characters, or rare
ideographs such as 鑶 龒 驋 — so the text reads "驋鑶龒元/月" while the
screen shows "3200元/月". Others draw the price or phone as an ``<img>``.
Either way the text holds no number, and showing it would show garbage: the
reader says the value is hidden instead (:func:`hidden_note`).

Pure functions on ``str``: the listing discovery calls them on list-row
cells, the facts reader on fact values.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["hidden_kind", "hidden_note", "is_obfuscated", "price_of"]

# Full-width digits and signs as ASCII (the same mapping as sites.fields).
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH[0x3000] = 0x20
_FULL_WIDTH[0x00A0] = 0x20


def _ascii(text: str) -> str:
    return text.translate(_FULL_WIDTH)


# --- obfuscated digits --------------------------------------------------------------

_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
# Chinese numerals that GB2312 keeps out of its common level, or has not at all.
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟萬億兩")
# What follows a number in a price, area or room count: the obfuscated
# glyph stands right before one of these.
_UNIT_AFTER_NUMBER = frozenset("元万千㎡平室厅卫层块岁")
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
    text = _ascii(text)
    for index in range(1, len(text)):
        if text[index] in _UNIT_AFTER_NUMBER and _number_is_drawn(text, index):
            return True
    return False


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


# --- prices ------------------------------------------------------------------------

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
_AMOUNT = re.compile(
    r"(?P<currency>[¥￥])?\s*(?P<number>\d+(?:,\d{3})*(?:\.\d+)?)\s*"
    r"(?P<multiplier>[万千亿wWkK](?![A-Za-z]))?\s*(?P<yuan>元|块|RMB)?"
    rf"(?:\s*(?:/|每|一个)\s*(?P<per>月|年|天|日|{_AREA})(?:\s*[·/]\s*(?P<per2>月|天|日|年))?)?"
)
_RANGE_BEFORE = re.compile(r"\d\s*(?:-|~|～|至|到)\s*$")
_RANGE_AFTER = re.compile(r"^\s*(?:-|~|～|至|到)\s*\d")
_MONTHLY_WORDS = re.compile(r"月租|月薪|每月|包月")
_PERIOD = {"月": "月", "年": "年", "天": "天", "日": "天"}


def _unit(per: str | None, per2: str | None, text: str) -> str:
    if per is None:
        return "元/月" if _MONTHLY_WORDS.search(text) else "元"
    if per in _PERIOD:
        return f"元/{_PERIOD[per]}"
    return f"元/㎡·{_PERIOD[per2]}" if per2 else "元/㎡"


def price_of(text: str) -> tuple[float, str] | None:
    """The first amount of money in ``text`` as ``(value in 元, unit)``, or None.

    The unit is one of the families prices are compared within: ``"元"`` (a
    total), ``"元/月"`` (a rent or salary), ``"元/㎡"`` (per square metre);
    other periods come through as written (``"元/年"``, ``"元/天"``,
    ``"元/㎡·天"``). ``万``/``w`` multiply by 10,000, ``千``/``k`` by 1,000,
    ``亿`` by 10⁸; full-width digits and thousands commas are read.

    >>> price_of("2500元/月"), price_of("5万"), price_of("120万元"), price_of("8000元/㎡")
    ((2500.0, '元/月'), (50000.0, '元'), (1200000.0, '元'), (8000.0, '元/㎡'))

    None when there is no single amount: "面议" (negotiable), a bare number
    with no 元/¥/万 to say it is money ("90㎡" is an area), a range
    ("4000-6000元"), or digits an obfuscating font drew (:func:`is_obfuscated`).
    """
    if is_obfuscated(text):
        return None
    text = _ascii(text)
    for match in _AMOUNT.finditer(text):
        if not (match.group("currency") or match.group("yuan") or match.group("multiplier")):
            continue
        if _RANGE_BEFORE.search(text[: match.start()]) or _RANGE_AFTER.match(text[match.end("number") :]):
            return None
        value = float(match.group("number").replace(",", ""))
        value *= _MULTIPLIER.get(match.group("multiplier") or "", 1.0)
        return value, _unit(match.group("per"), match.group("per2"), text)
    return None


# --- saying a value is hidden ---------------------------------------------------------

_PRICE_LABEL = re.compile(r"价|租|薪|费|金额|报价|预算|price", re.I)
_PHONE_LABEL = re.compile(r"电话|手机|座机|固话|联系|tel|phone", re.I)


def hidden_kind(label: str) -> str:
    """ "price", "phone" or "value": what a labelled value is, for saying it is hidden.
    Only prices and phones are drawn as images to hide them; another label
    next to an image is a button or an icon."""
    return "price" if _PRICE_LABEL.search(label) else "phone" if _PHONE_LABEL.search(label) else "value"


def hidden_note(label: str, how: str) -> str:
    """What to show instead of a value the page hides: "price shown as an
    image on the site", "phone shown in a web font on the site". ``how`` is
    ``"image"`` or ``"font"``; the label says which kind of value it is."""
    shown = "as an image" if how == "image" else "in a web font"
    return f"{hidden_kind(label)} shown {shown} on the site"
