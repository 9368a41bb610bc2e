"""The listing's phone numbers and the person behind them, read from the page's markup.

Portals rarely print the contact as "电话：…" prose. They put the number in
a ``tel:`` link, in an element of its own (a card under the title, a bar
fixed to the bottom, a "查看完整电话" popup that is hidden until clicked),
often masked in one place ("1585141****") and whole in another. The name
stands beside it, unlabelled, with the poster's role ("吴尚超" "经纪人",
"吴尚超(经纪人)"). So contacts are read from elements whose whole text is
a number, and a name is looked for only in the small block around such a
number (its contact card).

Numbers in the portal's furniture (header, footer: the 客服 line, the
400 hotline) are not the listing's, nor is a number next to 客服, 热线,
投诉 or 举报 anywhere on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui_reader.limits import PARSE_LIMITS
from tui_reader.models import phones_in
from tui_reader.sites.furniture import INLINE_TAGS, SKIPPED_TAGS, is_furniture
from tui_reader.sites.text import clean_whitespace

__all__ = ["PageContacts", "page_contacts", "unmask"]

MAX_ELEMENTS = PARSE_LIMITS.max_scanned
"""Elements looked at on one page; a hostile page may have millions."""
MAX_PHONES = 50
"""Numbers taken from one page: a listing shows one or two, a hostile page thousands."""
_MAX_PHONE_TEXT = 32
_CARD_LEVELS = 3
"""How far above a number its contact card may reach (number → row → card)."""
_MAX_CARD_TEXT = 160
_BESIDE = 40

_PHONE_LABEL = r"(?:联系电话|联系手机|联系方式|电话号码|手机号码?|电话|手机|座机|固话|tel|phone|mobile)"
_PHONE_ONLY = re.compile(rf"^(?:{_PHONE_LABEL}\s*[:：]?\s*)?[+(（]?\d[\d\s\-()（）]{{5,22}}\d$", re.I)
_MASKED = re.compile(rf"^(?:{_PHONE_LABEL}\s*[:：]?\s*)?(?P<number>1[3-9][\d*]{{9}}|0\d{{2,3}}-?[\d*]{{7,8}})$", re.I)
# A number next to these words is the portal's (or a complaint line), not the advertiser's.
_SERVICE_WORDS = re.compile(r"客服|热线|投诉|举报|监督|服务电话|官方|全国统一")
_SERVICE_NUMBER = re.compile(r"^[48]00")

ROLES = frozenset(
    "经纪人 个人 房东 业主 中介 商家 企业 公司 个人房源 职业房东 品牌公寓 置业顾问 房产经纪人 "
    "转租 二房东 车主 车商 个人车源 卖家 买家 招聘方 求职者 店主".split()
)
_NAME = r"[\u4e00-\u9fffA-Za-z·][\u4e00-\u9fffA-Za-z· ]{0,10}"
_NAME_WITH_ROLE = re.compile(rf"^(?P<name>{_NAME})\s*[(（]\s*(?P<role>[\u4e00-\u9fff]{{2,6}})\s*[)）]$")
_HONORIFIC = re.compile(r"^[\u4e00-\u9fff]{1,3}(?:先生|女士|小姐|经理|老师|师傅|总|阿姨)$")
_NAME_CLASS = re.compile(r"name|linkman|person|contact-?er|poster|owner|broker|agent", re.I)
_NOT_A_NAME = re.compile(r"\d|[:：]|电话|短信|微信|在线|咨询|沟通|收藏|举报|联系|查看|拨打|关注|分享|认证|实名")


@dataclass(frozen=True, slots=True)
class PageContacts:
    phones: tuple[str, ...] = ()
    """The listing's phone numbers, normalised, in page order."""
    person: tuple[tuple[str, str], ...] = ()
    """("联系人", name) and ("身份", role) from a contact card, when it shows them."""
    texts: tuple[str, ...] = ()
    """The texts these were read from, so the body need not repeat them."""


def _text(node: LexborNode) -> str:
    return clean_whitespace(node.text(deep=True, separator=" "))


def _has_element_children(node: LexborNode, *, inline_too: bool = True) -> bool:
    child = node.child
    while child is not None:
        if child.is_element_node and child.tag not in ("br", "wbr") and (inline_too or child.tag not in INLINE_TAGS):
            return True
        child = child.next
    return False


def _beside(node: LexborNode) -> str:
    """The node's text and its neighbours' (a label is the previous sibling, or
    the parent's text before it), a few dozen characters each way at most."""
    parts = []
    for sibling in (node.prev, node, node.next):
        if sibling is not None and (sibling.is_element_node or sibling.is_text_node):
            parts.append((sibling.text(deep=True) or "")[:_BESIDE])
    if node.parent is not None and node.prev is None:
        parent = node.parent.prev
        if parent is not None and (parent.is_element_node or parent.is_text_node):
            parts.insert(0, (parent.text(deep=True) or "")[-_BESIDE:])
    return " ".join(parts)


def _is_service(node: LexborNode, number: str) -> bool:
    """The portal's own line: a 400/800 number, or 客服/热线/… beside it."""
    return bool(_SERVICE_NUMBER.match(number) or _SERVICE_WORDS.search(_beside(node)))


class _Scan:
    def __init__(self) -> None:
        self.phones: list[str] = []
        self.nodes: list[LexborNode] = []
        self.texts: list[str] = []

    def add(self, node: LexborNode, text: str, numbers: list[str]) -> None:
        if len(self.nodes) >= MAX_PHONES:
            return
        for number in numbers:
            if not _is_service(node, number):
                if number not in self.phones:
                    self.phones.append(number)
                self.nodes.append(node)
                self.texts.append(text)

    def element(self, node: LexborNode) -> None:
        if node.tag == "a":
            href = (node.attributes.get("href") or "").strip()
            if href.lower().startswith("tel:"):
                self.add(node, "", phones_in(href[4:]))
        if _has_element_children(node, inline_too=False):
            return  # "电话：<span>138…</span>" is one line; a block of blocks is not
        text = _text(node)
        if text and len(text) <= _MAX_PHONE_TEXT and _PHONE_ONLY.match(text):
            self.add(node, text, phones_in(text))


def _elements(tree: LexborHTMLParser, root: LexborNode | None = None) -> list[LexborNode]:
    """The elements of ``root`` (the body) outside the furniture (sidebars included), page order, bounded."""
    root = root if root is not None else tree.body
    if root is None:
        return []
    found: list[LexborNode] = []
    stack = [root]
    while stack and len(found) < MAX_ELEMENTS:
        node = stack.pop()
        found.append(node)
        children = []
        child = node.child
        while child is not None:
            if child.is_element_node and child.tag not in SKIPPED_TAGS and not is_furniture(child, sidebars=False):
                children.append(child)
            child = child.next
        stack.extend(reversed(children))
    return found


def _person_in(card: LexborNode) -> tuple[tuple[str, str], ...]:
    name = role = ""
    for leaf in card.css("*"):
        if _has_element_children(leaf) or leaf.tag in SKIPPED_TAGS:
            continue
        text = _text(leaf)
        if not text or len(text) > 20:
            continue
        both = _NAME_WITH_ROLE.match(text)
        if both and both.group("role") in ROLES and not _NOT_A_NAME.search(both.group("name")):
            name, role = name or both.group("name").strip(), role or both.group("role")
        elif text in ROLES:
            role = role or text
        elif not name and not _NOT_A_NAME.search(text):
            hinted = _NAME_CLASS.search(" ".join([leaf.attributes.get("class") or "", leaf.attributes.get("id") or ""]))
            if _HONORIFIC.match(text) or (hinted and 2 <= len(text) <= 12):
                name = text
    pairs = []
    if name:
        pairs.append(("联系人", name))
    if role:
        pairs.append(("身份", role))
    return tuple(pairs)


def _person(nodes: list[LexborNode]) -> tuple[tuple[str, str], ...]:
    """The name (and role) in the nearest small block around a number."""
    for node in nodes:
        card = node
        for _level in range(_CARD_LEVELS):
            above = card.parent
            if above is None or above.tag in ("body", "html"):
                break
            card = above
            if len(_text(card)) > _MAX_CARD_TEXT:
                break
            person = _person_in(card)
            if any(label == "联系人" for label, _ in person):
                return person
    return ()


def page_contacts(tree: LexborHTMLParser, root: LexborNode | None = None) -> PageContacts:
    """Phone numbers (``tel:`` links and elements that are only a number) and
    the contact person beside them, from everywhere but the page's furniture."""
    scan = _Scan()
    for node in _elements(tree, root):
        scan.element(node)
    person = _person(scan.nodes)
    texts = [t for t in scan.texts if t] + [value for _, value in person]
    return PageContacts(tuple(scan.phones), person, tuple(dict.fromkeys(texts)))


def unmask(text: str, phones: tuple[str, ...] | list[str]) -> str | None:
    """The whole number a masked one ("1585141****", "158****8889") stands
    for, when the page shows it whole elsewhere; None when it does not, or
    when ``text`` is not a masked number."""
    if "*" not in text:
        return None  # most values: no mask to fill in
    match = _MASKED.match(clean_whitespace(text).replace(" ", ""))
    if match is None or "*" not in match.group("number"):
        return None
    masked = match.group("number").replace("-", "")
    for phone in phones:
        digits = phone.replace("-", "")
        if len(digits) == len(masked) and all(m in ("*", d) for m, d in zip(masked, digits, strict=False)):
            return phone
    return None
