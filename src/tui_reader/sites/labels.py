"""Labels and label: value lines, as text: what a label is and how it is said.

A label on these pages is a word or two ("租金", "联系人", "QQ号"),
sometimes padded to line up with the labels around it ("地　　址",
"联 系 人", "装&nbsp;修"), sometimes boxed ("【租金】") and followed by a
colon; a reader says it plainly: 地址, 联系人, 装修, 租金. A text that is
too long, holds digits or sentence punctuation, or is a navigation word
(上一篇, 分享到) is no label.

A line of pairs is what portals print where they use no markup for a facts
block: "租金：2500元/月 户型：2室1厅". :func:`split_pairs` reads one only
when the whole line is pairs; a sentence with a lead-in ("岗位职责：负责…，…。")
is prose.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tui_reader.sites.text import clean_whitespace

__all__ = [
    "CJK",
    "COLONS",
    "LABEL_EDGES",
    "MAX_LABEL",
    "MAX_LINE_VALUE",
    "STOP_LABELS",
    "line_key",
    "normalise_label",
    "split_pairs",
]

MAX_LABEL = 12
"""Characters in a label: a label is a word or two, not a sentence."""
MAX_LINE_VALUE = 60
"""Characters in a value read from a line of text ("租金：…"), where the markup says less."""
_MAX_COLON_LESS_LABEL = 8

CJK = "\u3400-\u9fff\uf900-\ufaff"
_LABEL_CHARS = re.compile(rf"[{CJK}A-Za-z][{CJK}A-Za-z /&·_\-]*")
_INNER_SPACE = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")
LABEL_EDGES = "·•●■◆▪*【】[]「」 "
COLONS = "：:"
STOP_LABELS = frozenset(
    "上一篇 下一篇 上一条 下一条 上一页 下一页 上一个 下一个 分享到 分享 当前位置 您的位置 你的位置 所在位置 "
    "相关搜索 热门搜索 热门推荐 友情链接 猜你喜欢 温馨提示 提示 注意 小贴士 免责声明 声明 "
    "related also see|also read|more trending share search|for you|are|here filed|under loaded image photo".split()
)
"""Navigation and caption words, never facts ("|" stands for a space)."""

# A colon after a word inside a value: a label that did not pass ("R : 50,000₩"),
# so the line is not clean pairs. Times ("08:05") and addresses ("http://") are fine.
_STRAY_COLON = re.compile(r"(?<!\d)[:：](?!//)")
_LINE_PUNCTUATION = re.compile(r"[，。！？；!?;]|,(?!\d)|\.(?=\s|$)")


_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.、)])\s+")
_KEY_DROP = re.compile(r"[\s\u3000\u00a0:：|｜]+")
_COLON = re.compile(r"[：:]")
_ONE_CJK = re.compile(rf"[{CJK}]")


# The three below are pure functions of a string, asked again and again for the
# same texts (an element, its parent, its label on every page of a portal):
# cached, they cost a sync about a seventh less of its fact reading.
@lru_cache(maxsize=4096)
def line_key(text: str) -> str:
    """A text as compared with facts: no list bullet ("- " is how an
    extractor writes a list item), spaces, colons or bars; lower case."""
    return _KEY_DROP.sub("", _BULLET.sub("", text)).lower()


@lru_cache(maxsize=4096)
def normalise_label(text: str, *, colon_less: bool = False) -> str | None:
    """The label a reader would say ("地　　址：" → "地址"), or None when the
    text is no label: too long, digits, sentence punctuation, a navigation word."""
    text = clean_whitespace(text).rstrip(COLONS + " ").strip(LABEL_EDGES).rstrip(COLONS + " ")
    text = _INNER_SPACE.sub("", text)
    if not 1 <= len(text) <= (_MAX_COLON_LESS_LABEL if colon_less else MAX_LABEL):
        return None
    if not _LABEL_CHARS.fullmatch(text) or text.lower().replace(" ", "|") in STOP_LABELS:
        return None
    if len(text) == 1 and text.isascii():
        return None  # "Q:", "A:" open a question and its answer
    return text


def _label_start(text: str, colon: int) -> tuple[int, str | None]:
    """Where the label before the colon at ``colon`` starts, and the label.

    The label is the last space-free token before the colon; a run of
    single characters parted by spaces ("联 系 人") is one padded label."""
    end = colon
    while end > 0 and text[end - 1] == " ":
        end -= 1
    start = end
    while start > 0 and text[start - 1] != " ":
        start -= 1
    if end - start == 1 and _ONE_CJK.match(text[start]):
        while (
            start >= 2
            and text[start - 1] == " "
            and _ONE_CJK.match(text[start - 2])
            and (start == 2 or text[start - 3] == " ")
        ):
            start -= 2
    return start, normalise_label(text[start:end])


@lru_cache(maxsize=4096)
def split_pairs(text: str) -> tuple[tuple[str, str], ...] | None:
    """ "租金：2500元/月 户型：2室1厅" → [("租金", "2500元/月"), ("户型", "2室1厅")].

    None unless the whole line is pairs: it starts with a label and each
    value is one short clause (no sentence punctuation, at most
    :data:`MAX_LINE_VALUE` characters). A colon inside a value ("08:05",
    "http://") is part of the value. A value may be empty ("价格：" before
    an image): the caller decides."""
    text = clean_whitespace(text).lstrip(LABEL_EDGES)
    starts: list[tuple[int, int, str]] = []
    for found in _COLON.finditer(text):
        colon = found.start()
        if not text.startswith("//", colon + 1):
            start, label = _label_start(text, colon)
            if label is not None and (not starts or start > starts[-1][1]):
                starts.append((start, colon, label))
    if not starts or starts[0][0] != 0:
        return None
    pairs = []
    for index, (_start, colon, label) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        value = text[colon + 1 : end].strip(" |｜;；,，/")
        if len(value) > MAX_LINE_VALUE or _LINE_PUNCTUATION.search(value) or _STRAY_COLON.search(value):
            return None
        pairs.append((label, value))
    return tuple(pairs)
