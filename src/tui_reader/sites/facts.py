"""Facts: the label → value pairs a listing page shows as such (租金 → 3200元/月).

They are read from the page's structure, not guessed from flattened text,
in every shape portals use:

- tables: ``th`` + ``td``, or a label ``td`` + a value ``td``;
- ``dl``: ``dt`` + its ``dd``\\s;
- one row (``li``, ``p``, ``div``…) holding a label element and a value:
  ``<span>联系人：</span>王先生``, ``<label>服务范围：</label><div>…</div>``,
  or a bare label and a value element: ``卧室<i>1室0厅</i>``;
- one line of text with one or more pairs: "租金：2500元/月",
  "小区: 北洼西里小区 楼层: 低层/共18层".

Labels are normalised as a reader would say them: padding inside a label
goes ("地　　址", "联 系 人", "装&nbsp;修" → 地址, 联系人, 装修) and so do
trailing colons. A label is short (at most :data:`MAX_LABEL` characters, no
digits, no sentence punctuation); a value is one short line, not prose.

Where: the whole page except its furniture (see :mod:`.furniture`), hidden
elements and links — pairs inside a link belong to the page it leads to
(a 推荐 box's "搬家服务 / 行李太多搬不动？"). Navigation labels (上一篇,
分享到, 当前位置), a label repeated with many values (each item of a
list has its "价格"), the portal's own lines (客服电话, 举报热线) and view
counters (a number that changes on every visit, and which script fills in)
are not facts.

Order: the listing's own facts first, then when it was posted, then who to
contact — each group in page order. Portals scatter these (the date above
the title, a contact card floating at the bottom) and a reader wants them
together. Values the page hides from scrapers say so (:mod:`.numbers`); a
masked phone ("1585141****") becomes the whole number when the page shows
it elsewhere (:mod:`.contacts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui_reader.limits import PARSE_LIMITS
from tui_reader.sites.contacts import PageContacts, page_contacts, unmask
from tui_reader.sites.furniture import INLINE_TAGS, SKIPPED_TAGS, is_furniture, is_hidden
from tui_reader.sites.labels import CJK, COLONS, MAX_LABEL, line_key, normalise_label, split_pairs
from tui_reader.sites.nodes import contains_match, has_image, line_text
from tui_reader.sites.numbers import hidden_kind, hidden_note, is_obfuscated
from tui_reader.sites.text import clean_whitespace

__all__ = [
    "MAX_DEPTH",
    "MAX_FACTS",
    "MAX_LABEL",
    "PageFacts",
    "line_key",
    "normalise_label",
    "page_facts",
    "split_pairs",
]

MAX_FACTS = 60
"""Pairs kept from one page: a facts block is a few dozen at most."""
MAX_VALUE = 80
"""Characters in a value read from markup; a longer one is content."""
MAX_ELEMENTS = PARSE_LIMITS.max_scanned
"""Elements looked at on one page; a hostile page may have millions."""
MAX_DEPTH = min(80, PARSE_LIMITS.max_depth)
"""Nesting below which no facts block is looked for (``sites.bounds`` unwraps what is deeper
than ``max_depth`` before anything is read; a facts block sits far higher than that)."""
_MAX_ROW_SEGMENTS = 8
_REPEATED = 3
"""A label with this many different values on one page labels a list's items."""

_COUNTER_LABEL = re.compile(
    r"^(?:浏览|浏览次数|浏览量|阅读|阅读数|阅读量|点击|点击数|点击量|查看次数|人气|访问量|热度|围观)$"
)
_COUNTER_VALUE = re.compile(r"^\d*\s*(?:次|人|人次)?$")
# The portal's own lines ("客服电话", "举报热线") are furniture wherever they stand.
_SERVICE_LABEL = re.compile(r"客服|热线|投诉|举报|监督")
_TIME_LABEL = re.compile(r"(?:时间|日期)$|^(?:发布|更新|刷新)于?$")
CONTACT_LABELS = frozenset(
    "联系人 联系 联系方式 联系电话 联系手机 电话 手机 手机号 手机号码 座机 固话 传真 微信 微信号 qq qq号 "
    "邮箱 电子邮箱 email e-mail 姓名 称呼 身份".split()
)
# Button texts that stand next to a value ("1585141**** 查看完整号码").
_ACTIONS = re.compile(r"(?:点击)?(?:查看|显示|获取)(?:完整)?(?:号码|电话|手机号?|联系方式|微信)|点击(?:拨打|复制)")
_SENTENCE = re.compile(r"[。！？!?]")
_WORDY = re.compile(rf"[{CJK}A-Za-z0-9]")
_PARENTHESISED = re.compile(r"[(（][^)）]*[)）]")
# A pair inside a would-be value: the would-be label heads a section of pairs.
_NESTED_PAIR = re.compile(rf"(?:^|\s)[{CJK}A-Za-z]{{1,{MAX_LABEL}}}\s*[：:](?!//)")
# Class words that mark an element as a label. Not "title": that marks a
# section heading ("小区周边" over a map), not a label.
_LABEL_CLASS = re.compile(r"label|(?:^|[-_])(?:key|attr|term|field-?name)(?:$|[-_])", re.I)
_FORM_CONTROLS = "input, textarea, select"
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_BLOCK_TAGS = frozenset(
    "div p ul ol dl table section article blockquote h1 h2 h3 h4 h5 h6 li dd dt tr pre figure".split()
)
_LAYOUT_INSIDE = "div, p, ul, ol, table, h1, h2, h3, h4, h5, h6, form, section"


@dataclass(frozen=True, slots=True)
class PageFacts:
    facts: tuple[tuple[str, str], ...] = ()
    """Label → value, in the order described at the top of this module."""
    contacts: PageContacts = field(default_factory=PageContacts)
    lines: frozenset[str] = frozenset()
    """:func:`line_key`\\s of every page text that is only facts or contact
    details: a body paragraph with one of these keys repeats them."""


# --- reading the page ------------------------------------------------------------------


def _children(node: LexborNode) -> list[LexborNode]:
    """Text and elements of a row that can carry a label or value, in order."""
    out = []
    child = node.child
    while child is not None:
        if child.is_text_node:
            if (child.text(deep=False) or "").strip():
                out.append(child)
        elif child.is_element_node and child.tag not in SKIPPED_TAGS and child.tag not in ("br", "wbr"):
            if child.tag == "img" or (child.text(deep=True) or "").strip() or child.css_first("img") is not None:
                out.append(child)
        child = child.next
    return out


def _text(node: LexborNode, separator: str = " ") -> str:
    if node.is_text_node:
        return clean_whitespace(node.text(deep=False) or "")
    return clean_whitespace(node.text(deep=True, separator=separator))


class _Reader:
    def __init__(self, contacts: PageContacts) -> None:
        self.contacts = contacts
        self.pairs: list[tuple[str, str]] = []
        self.keys: list[set[str]] = []
        """Per pair, the line keys of the texts it was read from."""
        self.furniture: set[str] = set()
        """Line keys of pairs that are the portal's (客服电话, a view counter)."""

    # -- values ----------------------------------------------------------------------

    def add(self, label: str, value: str, *, image: bool = False, source: str = "") -> None:
        raw = value
        value = clean_whitespace(_ACTIONS.sub(" ", value))
        if not value:
            if not image or hidden_kind(label) == "value":
                return  # nothing, or a button or icon beside a word
            value = hidden_note(label, "image")
        elif not _WORDY.search(_PARENTHESISED.sub("", value)):
            return  # "*", "(required)": a form's marks, not a value
        elif is_obfuscated(value):
            value = hidden_note(label, "font")
        else:
            value = unmask(value, self.contacts.phones) or value
        keys = {line_key(t) for t in (label, raw, value, label + raw, source) if t}
        if (_COUNTER_LABEL.match(label) and _COUNTER_VALUE.match(value)) or _SERVICE_LABEL.search(label):
            self.furniture |= keys  # no fact, and no body text either: page furniture
            return
        self.pairs.append((label, value))
        self.keys.append(keys)

    def repeated_labels(self) -> frozenset[str]:
        """Labels the page gives many different values: the items of a list
        (each offer's "价格", each product's "See it now"), not this listing's facts."""
        values: dict[str, set[str]] = {}
        for label, value in self.pairs:
            values.setdefault(label, set()).add(value)
        return frozenset(label for label, seen in values.items() if len(seen) >= _REPEATED)

    def kept(self) -> tuple[list[tuple[str, str]], set[str]]:
        repeated = self.repeated_labels()
        pairs, lines = [], set(self.furniture)
        for (label, value), keys in zip(self.pairs, self.keys, strict=False):
            if label not in repeated:
                pairs.append((label, value))
                lines |= keys
        return pairs, lines

    def add_markup_pair(self, label: str, segments: list[LexborNode], source: str = "") -> bool:
        value = clean_whitespace(" ".join(_text(s) for s in segments))
        if len(value) > MAX_VALUE or _SENTENCE.search(value) or value.count("，") > 2:
            return False
        self.add(label, value, image=has_image(segments), source=source)
        return True

    # -- shapes ----------------------------------------------------------------------

    def table(self, node: LexborNode) -> bool:
        if contains_match(node, _LAYOUT_INSIDE):
            return False  # page layout, not data: its cells are read as rows
        rows = [[c for c in tr.iter() if c.tag in ("th", "td")] for tr in node.css("tr")]
        headed = any(len(cells) >= 2 and all(c.tag == "th" for c in cells) for cells in rows)
        if headed:
            return True  # a data table with column headings: its rows are records, not facts
        before = len(self.pairs)
        for cells in rows:
            self.table_row(cells)
        return len(self.pairs) > before

    def table_row(self, cells: list[LexborNode]) -> None:
        index = 0
        while index < len(cells):
            cell, text = cells[index], _text(cells[index])
            has_value = index + 1 < len(cells) and cells[index + 1].tag == "td"
            ends_with_colon = text.endswith(tuple(COLONS))
            even_row = len(cells) % 2 == 0 and index % 2 == 0
            label = normalise_label(text, colon_less=not ends_with_colon) if text else None
            if has_value and label and (cell.tag == "th" or ends_with_colon or even_row):
                value = cells[index + 1]
                self.add_markup_pair(label, [value], source=text + _text(value))
                index += 2
                continue
            for pair_label, pair_value in split_pairs(text) or ():
                self.add(pair_label, pair_value, image=has_image([cell]), source=text)
            index += 1

    def definition_list(self, node: LexborNode) -> bool:
        items: list[LexborNode] = []
        for child in node.iter():  # HTML allows each dt/dd group wrapped in a <div>
            items.extend([child] if child.tag in ("dt", "dd") else [c for c in child.iter() if c.tag in ("dt", "dd")])
        before = len(self.pairs)
        label: str | None = None
        values: list[LexborNode] = []
        for item in [*items, None]:
            if item is None or item.tag == "dt":
                if label and values:
                    self.add_markup_pair(label, values)
                label, values = (normalise_label(_text(item)) if item is not None else None), []
            elif label:
                values.append(item)
        return len(self.pairs) > before

    def row(self, node: LexborNode) -> bool:
        if node.tag in _HEADINGS:
            return False  # "Trump: trade talks going well" is a headline
        segments = _children(node)
        if not segments or len(segments) > _MAX_ROW_SEGMENTS * 4:
            return False
        if segments[0].is_element_node and segments[0].tag == "a":
            return False  # a link's words are the linked page's: "推广：豪宅" in a 推荐 box
        inline = all(s.is_text_node or s.tag in INLINE_TAGS for s in segments)
        if inline and self.pair_elements(segments):
            return True
        if inline:
            line = line_text(segments)
            pairs = split_pairs(line) if any(c in line for c in COLONS) else None
            if pairs and not contains_match(node, _FORM_CONTROLS):
                for label, value in pairs:
                    self.add(label, value, image=has_image(segments), source=line)
                return True
        if len(segments) > _MAX_ROW_SEGMENTS:
            return False
        return self.labelled_row(node, segments)

    def pair_elements(self, segments: list[LexborNode]) -> bool:
        """A line of elements that are each a whole pair, beside buttons:
        "<span>发布时间：…</span><span>信息编号：879009</span><a>举报</a>" —
        the 举报 link is no part of the last value. Loose text among them
        would be (a unit after "<span>租金：2500</span>元/月"), so then not."""
        pairs: list[tuple[str, tuple[tuple[str, str], ...]]] = []
        for segment in segments:
            text = _text(segment)
            found = split_pairs(text) if segment.is_element_node and any(c in text for c in COLONS) else None
            if found and all(value for _label, value in found):
                pairs.append((text, found))
            elif segment.is_text_node or any(c in text for c in COLONS):
                return False
        if len(pairs) < 2 and len(pairs) == len(segments):
            return False  # one pair alone: the whole line reads the same
        for text, found in pairs:
            for label, value in found:
                self.add(label, value, source=text)
        return bool(pairs)

    def labelled_row(self, node: LexborNode, segments: list[LexborNode]) -> bool:
        first, rest = segments[0], segments[1:]
        if not rest or (first.is_element_node and first.tag == "img"):
            return False
        first_text = _text(first)
        with_colon = first_text.endswith(tuple(COLONS))
        if first.is_element_node:
            marked = (
                with_colon
                or first.tag in ("label", "dt", "th")
                or bool(_LABEL_CLASS.search(first.attributes.get("class") or ""))
            )
        else:  # a bare text label: "卧室<i>1室0厅</i>" (not "第一行<br>第二行", nor "拎包入住<ol>…</ol>")
            marked = with_colon or (len(rest) == 1 and rest[0].is_element_node and rest[0].tag in INLINE_TAGS)
        label = normalise_label(first_text, colon_less=not with_colon) if marked else None
        if label is None:
            return False
        if _NESTED_PAIR.search(" ".join(_text(s) for s in rest)):
            return False  # "其他联系：… 微信号: …": a heading over pairs of its own
        if contains_match(node, _FORM_CONTROLS):
            return False  # a form's field: its "value" is a hint or an error message
        if not with_colon and all(s.is_element_node and s.tag == "a" for s in rest):
            return False  # a heading over a list of links is navigation
        value_segments = rest[:1]
        if not with_colon and rest[0].is_element_node and contains_match(rest[0], _LAYOUT_INSIDE):
            return False  # an unmarked word over a block of blocks is a section heading
        if not (rest[0].is_element_node and rest[0].tag in _BLOCK_TAGS):
            value_segments = []
            for segment in rest:
                if segment.is_element_node and segment.tag in _BLOCK_TAGS:
                    break
                value_segments.append(segment)
        return self.add_markup_pair(label, value_segments, source=first_text + " ".join(_text(s) for s in rest))

    def read(self, node: LexborNode) -> bool:
        """Read ``node`` as a facts shape; True when it was one (its inside is done)."""
        if node.tag == "table":
            return self.table(node)
        if node.tag == "dl":
            return self.definition_list(node)
        return self.row(node)

    def walk(self, root: LexborNode) -> None:
        stack = [(root, 0)]
        budget = MAX_ELEMENTS
        while stack and budget > 0 and len(self.pairs) < 4 * MAX_FACTS:
            node, depth = stack.pop()
            budget -= 1
            if node is not root and self.read(node):
                continue
            if depth >= MAX_DEPTH:
                continue
            children = []
            child = node.child
            while child is not None:
                if (
                    child.is_element_node
                    and child.tag not in SKIPPED_TAGS
                    and child.tag != "a"
                    and not is_furniture(child)
                    and not is_hidden(child)
                ):
                    children.append(child)
                child = child.next
            stack.extend((child, depth + 1) for child in reversed(children))


def _ordered(pairs: list[tuple[str, str]], person: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """One value per label (the first), grouped: the listing, its time, its contact.

    The contact group starts at the first contact label in page order and
    keeps what follows it (a contact block's 地址 line); a name and role
    read from a contact card come last. Only the time facts move."""
    first: dict[str, str] = {}
    for label, value in pairs:
        first.setdefault(label, value)
    for label, value in person:
        first.setdefault(label, value)
    ordered = list(first.items())
    cut = next((i for i, (k, _v) in enumerate(ordered) if k.lower() in CONTACT_LABELS), len(ordered))
    own = [(k, v) for k, v in ordered[:cut] if not _TIME_LABEL.search(k)]
    when = [(k, v) for k, v in ordered if _TIME_LABEL.search(k)]
    who = [(k, v) for k, v in ordered[cut:] if not _TIME_LABEL.search(k)]
    return tuple([*own, *when, *who][:MAX_FACTS])


def page_facts(tree: LexborHTMLParser, root: LexborNode | None = None) -> PageFacts:
    """The page's facts and contact details, and the texts they were read from;
    ``root``: only inside that element (the article, when a profile says where it is)."""
    root = root if root is not None else tree.body
    contacts = page_contacts(tree, root)
    reader = _Reader(contacts)
    if root is not None:
        reader.walk(root)
    pairs, lines = reader.kept()
    facts = _ordered(pairs, contacts.person)
    lines |= {line_key(t) for t in contacts.texts}
    return PageFacts(facts, contacts, frozenset(k for k in lines if k))
