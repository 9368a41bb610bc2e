"""Pull the classifieds fields out of plain text: phones, WeChat, QQ, prices, areas,
address and contact name.

Listings on these portals bury the useful bits in prose ("联系电话138 1234 5678，
微信同号，月租1200元/月，90平米"). The patterns here are tuned to find them
while leaving alone the numbers that merely look similar: dates, times, order
numbers and 18-digit ID numbers. The main guard is that a phone number must
not touch other digits on either side, so a run of digits that is longer than
a phone number never yields one. Besides: digits inside a web address, and a
number right after an id or registration label (编号, 订单号, ICP备, 公网安备)
or a complaint line (举报, 投诉), are never a phone, whatever their shape.

The text is an article's ``field_text``: title, body, contact lines and
facts ("电话：…", "租金：…"), which the page parser read from the markup.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = ["contact_spans", "extract_fields", "field_meaning", "normalize_text", "phones_in"]

# Full-width digits, letters and punctuation (U+FF01..U+FF5E) map onto ASCII by a
# fixed offset; the ideographic space becomes a plain space.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH[0x3000] = 0x20
_FULL_WIDTH[0x00A0] = 0x20  # no-break space, common in copied text


def _starting_with(first: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` behind a look-ahead for the characters a match can start with.

    ``re`` tries a pattern at every position of the text, and most patterns
    here open with look-behinds, which keep ``re`` from skipping ahead to the
    positions that could match: every character of an article paid for them.
    The look-ahead turns those positions away with one test; it halves what
    ``extract_fields`` costs a sync (about 0.12 ms an article before). It
    must name every possible first character, or matches are lost.
    """
    return re.compile(f"(?={first})(?:{pattern})", flags)


# A number must not be glued to other digits, nor continue a decimal or a
# dash-joined number ("2024-13812345678" is not a phone; "电话-138…" is).
_NOT_AFTER_DIGIT = r"(?<!\d)(?<!\d[.\-])"
_NOT_BEFORE_DIGIT = r"(?![\d])"

_MOBILE = _starting_with(
    "[+81]",
    _NOT_AFTER_DIGIT + r"(?:\+?86[ \-]?)?" + r"(1[3-9]\d)[ \-]?(\d{4})[ \-]?(\d{4})" + _NOT_BEFORE_DIGIT,
)
# Area code 0xx or 0xxx, then a local number of 7–8 digits that never starts
# with 0 or 1. The separator (or parentheses) is required: unpunctuated
# 0-leading digit runs are too often order numbers.
# The local number may itself be split ("0518-8523 4567", "(0518)8523-4567").
_LANDLINE = _starting_with(
    r"[(0]",
    _NOT_AFTER_DIGIT
    + r"(?:\((0[1-9]\d{1,2})\)\s?|(0[1-9]\d{1,2})[ \-])([2-9]\d{2,3})[ \-]?(\d{4})"
    + _NOT_BEFORE_DIGIT,
)
# Nationwide service numbers: 400-xxx-xxxx.
_HOTLINE = _starting_with("4", _NOT_AFTER_DIGIT + r"(400)[ \-]?(\d{3})[ \-]?(\d{4})" + _NOT_BEFORE_DIGIT)

# WeChat IDs are 6–20 characters starting with a letter; many people use their
# mobile number instead. "微信同号" (same as the phone) has no ID to take.
_WECHAT = _starting_with(
    "[微wv]",
    r"(?:微信号?|weixin|wechat|V信|vx|wx)\s*(?:号码?)?\s*[:：]?\s*"
    r"([A-Za-z][\w\-]{5,19}|1[3-9]\d{9})(?![\w\-])",
    re.IGNORECASE | re.ASCII,
)
_QQ = re.compile(r"(?:QQ|扣扣)\s*(?:号码?)?\s*[:：]?\s*([1-9]\d{4,11})(?!\d)", re.IGNORECASE)

_NUMBER = r"\d+(?:\.\d+)?"
# "元/月" and "元每月" say the same; both are read, and are one price (see field_meaning).
_PER = r"(?:\s*[/每]\s*(?:月|年|天|日|小时|次|平米|平方米|㎡|套|个|件|斤|人|课时|节))?"
# Units that follow "万" when the number is not money: mileage, people, words…
_NOT_MONEY_AFTER_WAN = r"(?!\s*(?:公里|km|KM|人|次|字|条|辆|平|㎡|多人|粉|余人|册|台))"
_PRICE = _starting_with(
    r"[面¥￥\d]",
    r"面议"
    + r"|[¥￥]\s*"
    + _NUMBER
    + r"(?:\s*[万千])?(?:\s*元)?"
    + _PER
    + r"|"
    + _NOT_AFTER_DIGIT
    + _NUMBER
    + r"\s*[-~～至到]\s*"
    + _NUMBER
    + r"\s*(?:[万千]\s*)?元"
    + _PER
    + r"|"
    + _NOT_AFTER_DIGIT
    + _NUMBER
    + r"\s*(?:[万千]\s*)?元"
    + _PER
    + r"|"
    + _NOT_AFTER_DIGIT
    + _NUMBER
    + r"\s*万"
    + _NOT_MONEY_AFTER_WAN,
)
_AREA = _starting_with(
    r"\d", _NOT_AFTER_DIGIT + _NUMBER + r"\s*(?:平方米|平米|平方(?!公里)|㎡|m²|m2(?![\d])|平(?![台均安时方]))"
)

# An address is only taken after its label and a colon ("地址：…", also from
# the contact block, which the parser adds to the text as "label：value"): a
# sentence that merely mentions 地址, or "地址栏", gives none. "IP地址" and
# "网址" are not places. The value runs to the end of the clause (commas are
# ASCII by then: see normalize_text).
_ADDRESS = _starting_with(
    "[详联所地住位]",
    r"(?<![A-Za-z网邮])(?:详细地址|联系地址|所在地址|地址|住址|位置|地点)\s*[:：]\s*"
    r"([^\s,，。；;！!？?|]{4,60})",
)
# A contact name after its label ("联系人：王先生"; digits or punctuation end
# it), or a one-character surname with an honorific right before a phone
# number ("张女士 13812345678", "联系陈经理：139…"): names in prose with no
# number after them are not taken.
_CJK = "\u4e00-\u9fff"
_CONTACT_LABELLED = re.compile(
    rf"(?:联系人|联 系 人|联系人姓名|称呼|姓名)\s*[:：]\s*([{_CJK}]{{1,8}}|[A-Za-z][A-Za-z .]{{1,30}}[A-Za-z])(?![{_CJK}A-Za-z])"
)
_CONTACT_BY_PHONE = re.compile(rf"([{_CJK}](?:先生|女士|小姐|经理|老师|师傅))\s*[:：]?\s*(?=(?:\+?86[ \-]?)?1[3-9]\d)")

_SPACES = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Full-width digits and punctuation to ASCII, so one set of patterns fits all."""
    return text.translate(_FULL_WIDTH)


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


# Digits inside a web address are part of a path or a query, never a phone
# ("…/zufang/13812345678x.shtml"). tel: links are numbers, so they stay.
_URL = re.compile(r"(?:https?://|www\.)[^\s，。；、)）\]】>\"']+", re.I)
# A number right after one of these labels is an id, a registration or the
# portal's complaint line, whatever its shape: "编号：13812345678",
# "苏ICP备…号", "举报电话：021-…". The portal's own 客服 line never reaches
# the article text (page furniture is dropped before); an advertiser's 客服
# or 热线 number is theirs and is kept.
_NOT_A_CONTACT_BEFORE = re.compile(
    r"(?:编号|编码|单号|订单号?|流水号|工号|账号|帐号|卡号|身份证号?|证件号码?|车架号|(?<![A-Za-z])ID|"
    r"ICP[备证]?|公网安备|许可证|举报(?:电话|热线)?|投诉(?:电话|热线)?|监督电话)"
    r"\s*(?:号码?)?\s*[:：]?\s*(?:\+?86[ \-]?)?[(]?$",
    re.I,
)
_LOOK_BEHIND = 12


def _in_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _is_contact_number(text: str, start: int, urls: list[tuple[int, int]]) -> bool:
    if urls and _in_spans(start, urls):
        return False
    return not _NOT_A_CONTACT_BEFORE.search(text[max(0, start - _LOOK_BEHIND) : start])


def _phones(text: str) -> list[str]:
    # Collect with positions so mobiles, landlines and hotlines come out in
    # the order the text mentions them.
    found: list[tuple[int, str]] = []
    for match in _MOBILE.finditer(text):
        found.append((match.start(), "".join(match.groups())))
    for match in _LANDLINE.finditer(text):
        area = match.group(1) or match.group(2)
        found.append((match.start(), f"{area}-{match.group(3)}{match.group(4)}"))
    for match in _HOTLINE.finditer(text):
        found.append((match.start(), "-".join(match.groups())))
    if not found:
        return []
    urls = [m.span() for m in _URL.finditer(text)] if ("://" in text or "www." in text.lower()) else []
    return _unique([number for start, number in sorted(found) if _is_contact_number(text, start, urls)])


def phones_in(text: str) -> list[str]:
    """The phone numbers of a short text, normalised ("13812345678",
    "0518-85234567", "400-800-1234"), in text order."""
    return _phones(normalize_text(text))


def _contacts(text: str) -> list[str]:
    found = [(m.start(), m.group(1).strip()) for m in _CONTACT_LABELLED.finditer(text)]
    found += [(m.start(), m.group(1)) for m in _CONTACT_BY_PHONE.finditer(text)]
    return _unique([name for _, name in sorted(found)])


def contact_spans(text: str) -> list[tuple[int, int, str]]:
    """Where ``text`` names a way to reach someone: ``(start, end, kind)`` for every
    phone-shaped number ("phones", the whole number with its separators), WeChat
    id and QQ number (the id alone) and contact name ("contact"), in text order.

    For masking, so it errs the other way from ``extract_fields``: a phone-shaped
    number after an id label or inside a web address is a span too. Positions
    are the text's own (normalising full-width characters keeps every position)."""
    text = normalize_text(text)
    spans = [
        (m.start(), m.end(), "phones") for pattern in (_MOBILE, _LANDLINE, _HOTLINE) for m in pattern.finditer(text)
    ]
    spans += [(*m.span(1), "wechat") for m in _WECHAT.finditer(text)]
    spans += [(*m.span(1), "qq") for m in _QQ.finditer(text)]
    spans += [
        (*m.span(1), "contact") for pattern in (_CONTACT_LABELLED, _CONTACT_BY_PHONE) for m in pattern.finditer(text)
    ]
    return sorted(spans)


def extract_fields(text: str) -> dict[str, list[str]]:
    """Return ``{"phones": [...], "wechat": [...], "qq": [...], "prices": [...],
    "areas": [...], "address": [...], "contact": [...]}`` with only the keys
    that found something, values in text order without duplicates: one
    value spelled twice ("52平" in the title, "52平方米" in the text) is
    listed once, at its first mention, in its fullest spelling (``field_meaning``)."""
    text = normalize_text(text)
    fields = {
        "phones": _phones(text),
        "wechat": _unique([m.group(1) for m in _WECHAT.finditer(text)]),
        "qq": _unique([m.group(1) for m in _QQ.finditer(text)]),
        "prices": _unique_meaning("prices", [_SPACES.sub("", m.group(0)) for m in _PRICE.finditer(text)]),
        "areas": _unique_meaning("areas", [_SPACES.sub("", m.group(0)) for m in _AREA.finditer(text)]),
        "address": _unique([m.group(1) for m in _ADDRESS.finditer(text)]),
        "contact": _contacts(text),
    }
    return {key: values for key, values in fields.items() if values}


# --- one value, several spellings -----------------------------------------------------

# Area units, all square metres, by how much they say: "平" alone is colloquial
# (and could be misread), the others name the unit.
_AREA_UNITS = {"平方米": 4, "平米": 3, "㎡": 3, "m²": 3, "平方": 2, "m2": 2, "平": 1}
_AREA_VALUE = re.compile(r"(\d+(?:\.\d+)?)(" + "|".join(sorted(_AREA_UNITS, key=len, reverse=True)) + ")")
_PRICE_VALUE = re.compile(r"([¥￥])?(\d+(?:\.\d+)?)(?:[-~～至到](\d+(?:\.\d+)?))?([万千])?(元)?(?:[/每](.+))?")
_MULTIPLIERS = {"万": 10000, "千": 1000, None: 1}
# Per-unit words that name one thing: "150元/日" is "150元/天".
_PER_SYNONYMS = {"日": "天", "平米": "㎡", "平方米": "㎡"}
_SEPARATORS = re.compile(r"[\s\-－()（）:：+]+")


def _amount(number: str, multiplier: str | None) -> str:
    try:
        return f"{(Decimal(number) * _MULTIPLIERS[multiplier]).normalize():f}"
    except InvalidOperation:
        return number


def field_meaning(kind: str, value: str) -> str:
    """What a field value of ``kind`` ("areas", "prices", "phones", …) says, in
    one spelling: equal for "52平" and "52平方米", "135万" and "1350000元",
    "3000元/月" and "3000元每月", "136 8145 3575" and "13681453575".

    Only a value that is a spelling as a whole is read as a number ("52㎡
    精装修" is not the area 52㎡); anything else, phones included, is compared
    without spaces, dashes, brackets and case (phones are found normalised)."""
    text = _SPACES.sub("", normalize_text(value))
    if kind == "areas" and (area := _AREA_VALUE.fullmatch(text)):
        return f"{_amount(area.group(1), None)}㎡"
    if kind == "prices" and (price := _PRICE_VALUE.fullmatch(text)) and (price[1] or price[4] or price[5]):
        _sign, low, high, multiplier, _yuan, per = price.groups()
        amounts = "-".join(_amount(n, multiplier) for n in (low, high) if n)
        return f"{amounts}元" + (f"/{_PER_SYNONYMS.get(per, per)}" if per else "")
    return _SEPARATORS.sub("", text).lower()


def _fullness(kind: str, value: str) -> int:
    """How much a spelling says: the area's unit, else its length ("135万元" over "135万")."""
    if kind == "areas" and (area := _AREA_VALUE.fullmatch(value)):
        return _AREA_UNITS[area.group(2)]
    return len(value)


def _unique_meaning(kind: str, values: list[str]) -> list[str]:
    """One value per meaning, where it was first mentioned, in its fullest spelling
    (the first of equally full ones): kept as the page wrote it, so it can be
    found in the text again (highlighted, searched)."""
    chosen: dict[str, str] = {}
    for value in values:
        meaning = field_meaning(kind, value)
        kept = chosen.get(meaning)
        if kept is None or _fullness(kind, value) > _fullness(kind, kept):
            chosen[meaning] = value  # a dict keeps the place of the first mention
    return list(chosen.values())
