"""Contacts masked out of text that is shared (``export --mask-contacts``): phone
numbers, WeChat ids, QQ numbers and contact names, wherever an article names them.

How much stays visible: a phone keeps its first three digits (the carrier's
prefix; a landline keeps its area code instead, which names a city, not a
person) and its last two — "138******78" — enough to tell two listings'
numbers apart in a list, too little to call (a million candidates; the usual
"138****5678" leaves ten thousand). A WeChat id or QQ number keeps its first
two characters, a name its first ("王先生" → "王**", "张三" → "张*").

Every masked character becomes one "*", so a text keeps its length: parts of
one paragraph split by markup (``[["电话：138", 0], ["1234 5678", 0]]``) are
masked joined and cut back where they were. A name or id found once (after
"联系人：" in the contact block) is masked everywhere else too (in the title,
in the body's "请联系王先生"), so nothing recognisable is left behind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from tui_reader.models import contact_spans

if TYPE_CHECKING:
    from tui_reader.models import Article

__all__ = ["mask_article_dict", "mask_contacts", "masked_article"]

MASK = "*"
_PHONE_HEAD = 3
_TAIL = 2
_ID_HEAD = 2
_NAME_HEAD = 1
_KEEP = {"phones": _PHONE_HEAD, "wechat": _ID_HEAD, "qq": _ID_HEAD, "contact": _NAME_HEAD}
_DIGIT = re.compile(r"\d")
_AREA_CODE = re.compile(r"\(?(0\d{2,3})\D")
# Any other run of seven digits or more (an ID card number, a phone glued to a
# date, "2024-13812345678", which the phone pattern turns away) is masked like
# a phone: a price in 元 is the one long number that says nothing about anyone.
_LONG_NUMBER = re.compile(r"(?<!\d)\d{7,}(?![\d.]|\s*[万元])")
_PASSES = 3
"""Masking again until nothing changes: a number a neighbour's digits hid from the
phone pattern ("2024-138…") shows once the neighbour is masked. Two passes do."""

# Which kind of contact a label (of a fact or a contact line) says its value is:
# the value is masked whole by that kind, whether or not a pattern knows its shape.
_LABEL_KINDS = (
    ("phones", re.compile(r"电话|手机|座机|热线|tel|phone|mobile", re.I)),
    ("wechat", re.compile(r"微信|weixin|wechat|vx|wx", re.I)),
    ("qq", re.compile(r"qq|扣扣", re.I)),
    ("contact", re.compile(r"联系人|姓名|称呼|经纪人|发布人")),
)
# Keys of an article or search-row dict that hold no remote prose: left alone.
_PLAIN_KEYS = frozenset({"url", "next_url", "href", "published", "posted", "fetched_at", "source", "kind", "link"})


def mask_contacts(text: str, also: Mapping[str, int] | None = None) -> str:
    """``text`` with every phone number, WeChat id, QQ number and contact name masked,
    and every word of ``also`` (word → characters kept) wherever it appears."""
    for _ in range(_PASSES):
        masked = _mask_once(text, also or {})
        if masked == text:
            break
        text = masked
    return text


def _mask_once(text: str, also: Mapping[str, int]) -> str:
    hidden = bytearray(len(text))
    for start, end, kind in contact_spans(text):
        _hide(text, hidden, start, end, kind)
    for match in _LONG_NUMBER.finditer(text):
        _hide(text, hidden, *match.span(), "phones")
    for word, keep in also.items():
        at = text.find(word)
        while at >= 0:
            hidden[at + keep : at + len(word)] = b"\1" * (len(word) - keep)
            at = text.find(word, at + 1)
    if not any(hidden):
        return text
    return "".join(MASK if hide else char for char, hide in zip(text, hidden, strict=True))


def _hide(text: str, hidden: bytearray, start: int, end: int, kind: str) -> None:
    """Mark the characters of one contact in ``text[start:end]`` to be masked."""
    if kind != "phones":
        keep = _KEEP[kind]
        hidden[start + keep : end] = b"\1" * max(0, end - start - keep)
        return
    span = text[start:end]
    digits = [start + m.start() for m in _DIGIT.finditer(span)]
    head = _PHONE_HEAD
    if area := _AREA_CODE.match(span):
        head = len(area.group(1))
    elif span.lstrip("+").startswith("86") and len(digits) > 11:
        head += 2  # the country code is no one's
    for position in digits[head : len(digits) - _TAIL]:
        hidden[position] = 1


def _value_kind(label: str) -> str | None:
    return next((kind for kind, pattern in _LABEL_KINDS if pattern.search(label)), None)


def _mask_value(value: str, kind: str | None, also: Mapping[str, int]) -> str:
    """A value whose label says what it is: masked whole by that kind."""
    if kind is None or not value:
        return mask_contacts(value, also)
    hidden = bytearray(len(value))
    _hide(value, hidden, 0, len(value), kind)
    masked = "".join(MASK if hide else char for char, hide in zip(value, hidden, strict=True))
    return mask_contacts(masked, also)


def _labelled(label: str, value: str, also: Mapping[str, int]) -> str:
    """The value of "label：value", masked as the whole line reads (the label tells
    the patterns what follows) and as its label says."""
    line = mask_contacts(f"{label}：{value}", also)
    return _mask_value(line[len(label) + 1 :], _value_kind(label), also)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(item)
            if isinstance(item, str):
                yield f"{key}：{item}"
    elif isinstance(value, list | tuple):
        if _is_inline(value):
            yield "".join(part for part, _ in value)
        elif len(value) == 2 and all(isinstance(v, str) for v in value):
            yield f"{value[0]}：{value[1]}"
        else:
            for item in value:
                yield from _strings(item)


def _found_words(data: Mapping[str, Any]) -> dict[str, int]:
    """Names and ids the article names anywhere, to mask wherever else they appear."""
    words: dict[str, int] = {}
    for text in _strings(data):
        for start, end, kind in contact_spans(text):
            word = text[start:end].strip()
            if kind != "phones" and len(word) > _KEEP[kind]:
                words[word] = _KEEP[kind]
    for key in ("contact", "facts"):
        pairs = data.get(key)
        items = pairs.items() if isinstance(pairs, Mapping) else pairs if isinstance(pairs, list) else ()
        for pair in items:
            if len(pair) == 2 and all(isinstance(v, str) for v in pair):
                said = _value_kind(pair[0])
                value = pair[1].strip()
                if said in ("wechat", "qq", "contact") and len(value) > _KEEP[said]:
                    words[value] = _KEEP[said]
    fields = data.get("fields")
    if isinstance(fields, Mapping):
        for kind in ("wechat", "qq", "contact"):
            for value in fields.get(kind) or ():
                if isinstance(value, str) and len(value) > _KEEP[kind]:
                    words[value] = _KEEP[kind]
    # Longest first, so "王先生" is masked before a shorter word inside it could leave a part.
    return dict(sorted(words.items(), key=lambda item: -len(item[0])))


def _is_inline(value: Any) -> bool:
    """A run of text parts and link numbers (``models.blocks``' inline text)."""
    return (
        isinstance(value, list | tuple)
        and bool(value)
        and all(
            isinstance(p, list | tuple) and len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], int)
            for p in value
        )
    )


def _mask_inline(parts: list[Any], also: Mapping[str, int]) -> list[list[Any]]:
    masked = mask_contacts("".join(part for part, _ in parts), also)
    out: list[list[Any]] = []
    at = 0
    for part, link in parts:
        out.append([masked[at : at + len(part)], link])
        at += len(part)
    return out


def _walk(value: Any, key: str | None, also: Mapping[str, int]) -> Any:
    if isinstance(value, str):
        if key in _PLAIN_KEYS:
            return value
        return _mask_value(value, key, also) if key in _KEEP else mask_contacts(value, also)
    if isinstance(value, Mapping):
        if key == "facts":
            return {
                label: _labelled(str(label), item, also) if isinstance(item, str) else item
                for label, item in value.items()
            }
        return {
            k: _walk(item, k if k in _KEEP or k in _PLAIN_KEYS else key if key in _KEEP else None, also)
            for k, item in value.items()
        }
    if isinstance(value, list | tuple):
        if _is_inline(value):
            return _mask_inline(list(value), also)
        if key == "contact" and all(isinstance(p, list | tuple) and len(p) == 2 for p in value):
            return [[p[0], _labelled(str(p[0]), p[1], also)] if isinstance(p[1], str) else list(p) for p in value]
        return [_walk(item, key, also) for item in value]
    return value


def mask_article_dict(data: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of an article's dict (``read --json``'s shape: title, body, blocks,
    facts, contact, fields…) or of a search row, with every contact masked in
    every text it holds; addresses, times and the like are left as they are."""
    also = _found_words(data)
    return {key: _walk(value, key, also) for key, value in data.items()}


def masked_article(article: Article) -> Article:
    """``article`` with its contacts masked, its fields included: they are the real
    article's, masked (read again from the masked text they would come out wrong:
    no phone, a name cut to its first character, contact rows taken for facts)."""
    from tui_reader.models import Article

    masked = mask_article_dict({**article.to_dict(), "fields": article.fields})
    shown = Article.from_dict(masked)
    object.__setattr__(shown, "_fields", masked["fields"])  # the derived-fields slot (Article.fields)
    return shown
