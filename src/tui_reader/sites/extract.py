"""Main content of any article page, for pages no profile describes (or when it fails).

Two well-kept extractors read the page: trafilatura (precision mode, without
its own slower fallbacks, comments left out) gives the answer, and readability-lxml is a second opinion
consulted only for the two ways trafilatura is known to go wrong: it keeps a
fraction of a long article, or it keeps a stray block (a reprint notice, a
caption) instead of the article. Readability's text wins only when it is at
least twice as long *and* either contains most of trafilatura's text or
trafilatura found next to nothing. On the 181-page article-extraction
benchmark this takes F1 from 0.951 (trafilatura alone, same options) to
0.977, against 0.959 for trafilatura's best single setting; see
benchmarks/extraction_f1.py.

Then our own clean-up for classifieds portals: their boilerplate ("VIP推荐",
"免费发布信息…", 上一篇/下一篇, "分享到", the ICP line, "企业名录", the
"您好,欢迎来到…" top bar, the meta line, the breadcrumb) is dropped paragraph by
paragraph, and so is a paragraph that only repeats the title.

Both libraries are imported inside :func:`extract_main`: they take a good part
of a second to import, and most runs of the reader never need them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Literal

from selectolax.lexbor import LexborHTMLParser

from tui_reader.sites.meta import is_meta_line, page_meta
from tui_reader.sites.text import CHINA, clean_whitespace

__all__ = ["Extracted", "extract_main", "is_portal_noise"]

Method = Literal["trafilatura", "readability", "none"]


@dataclass(frozen=True, slots=True)
class Extracted:
    title: str | None
    paragraphs: tuple[str, ...]
    """Plain-text paragraphs of the main content, in reading order."""
    published: datetime | None = None
    """Aware datetime when the page states one (zone +08:00 when it names none)."""
    views: int | None = None
    city: str | None = None
    category: str | None = None
    site_name: str | None = None
    description: str | None = None
    contact: tuple[tuple[str, str], ...] = ()
    """Labelled contact lines ("电话", "138…") found anywhere on the page."""
    method: Method = "none"
    """Which extractor's text was used: tells a user why a page reads as it does."""

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


# --- deciding between the two extractors ---------------------------------------

# Tokens for comparing texts in any language: a run of letters/digits for
# alphabetic scripts, one character for CJK (which has no spaces to split at).
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_SHINGLE = 4
_LONGER = 2.0
"""Readability must find at least this many times trafilatura's text to be preferred."""
_CONTAINED = 0.6
"""…and hold at least this share of trafilatura's text (so it is the same article, longer)…"""
_NEXT_TO_NOTHING = 50
"""…unless trafilatura found fewer shingles than this (a notice, a caption: not an article)."""


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + _SHINGLE]) for i in range(max(0, len(tokens) - _SHINGLE + 1)))


def _page_shingle_count(tree: LexborHTMLParser) -> int:
    """How many shingles the page's visible text has: no extractor can return more."""
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    body = tree.body
    return sum(_shingles(body.text(separator="\n") if body is not None else "").values())


def _prefer_second_opinion(first: list[str], second: list[str]) -> bool:
    ours, theirs = _shingles("\n".join(first)), _shingles("\n".join(second))
    n_ours, n_theirs = sum(ours.values()), sum(theirs.values())
    if n_theirs < _LONGER * max(n_ours, 1):
        return False
    if n_ours < _NEXT_TO_NOTHING:
        return True
    return sum((ours & theirs).values()) / n_ours >= _CONTAINED


# --- the extractors --------------------------------------------------------------

# lxml refuses str input that declares its own encoding; the text is already decoded.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr td th section article "
    "figure figcaption dd dt dl header footer aside main".split()
)


def _lines(text: str) -> list[str]:
    return [line for line in (clean_whitespace(raw) for raw in text.splitlines()) if line]


_LAYOUT_CONTENT = "td h1, td h2, td div, td p, td ul, td ol, td form"
_LAYOUT_XPATH = ".//td//*[self::h1 or self::h2 or self::div or self::p or self::ul or self::ol or self::form]"


def _untable_layout(html: str, tree: LexborHTMLParser) -> str:
    """Older portals lay whole pages out in <table>s; extractors then read the
    article as table cells (one run-on line, cells joined by "|"). A table
    whose cells hold headings, blocks or lists is layout, not data: it is
    turned into plain <div>s before extraction. Pages without one are
    returned untouched (the check is cheap, the rewrite is not)."""
    if tree.css_first(_LAYOUT_CONTENT) is None:
        return html
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, ParserError):
        return html
    layout = [table for table in root.iter("table") if table.xpath(_LAYOUT_XPATH)]
    for table in layout:
        _table_to_divs(table)
    rewritten: str = lxml.html.tostring(root, encoding="unicode")  # lxml is untyped here
    return rewritten


def _table_to_divs(table: Any) -> None:
    # Only this table's own rows and cells: a data table nested in a layout
    # cell keeps its structure.
    own = [
        table,
        *table.xpath("./tr | ./*/tr | ./tr/td | ./tr/th | ./*/tr/td | ./*/tr/th | ./thead | ./tbody | ./tfoot"),
    ]
    for part in own:
        part.tag = "div"


def _trafilatura(html: str, url: str | None) -> list[str]:
    import trafilatura

    text = trafilatura.extract(
        html,
        url=url,
        favor_precision=True,
        fast=True,
        include_comments=False,
        include_tables=True,
        with_metadata=False,
        deduplicate=False,
    )
    return _lines(text or "")


def _readability(html: str) -> list[str]:
    import lxml.html
    from lxml.etree import ParserError, iterwalk
    from readability import Document

    try:
        summary = Document(html).summary(html_partial=True)
        root = lxml.html.fromstring(summary)
    except (ParserError, ValueError):
        return []
    # The text as text_content() would give it, plus a line break after every
    # block, so words of neighbouring blocks stay apart. Collected rather than
    # written into the tree: lxml refuses to store text with control
    # characters that it parsed without complaint (hostile pages carry them).
    parts: list[str] = []
    for event, element in iterwalk(root, events=("start", "end")):
        is_element = isinstance(element.tag, str)  # comments and PIs add no text, only their tail
        if event == "start":
            if is_element and element.text:
                parts.append(element.text)
            continue
        if is_element and element.tag.lower() in _BLOCK_TAGS:
            parts.append("\n")
        if element is not root and element.tail:
            parts.append(element.tail)
    return _lines("".join(parts))


# --- portal boilerplate -----------------------------------------------------------

# Anywhere in a paragraph of any length: these only ever appear in footers.
_NOISE_ANYWHERE = re.compile(r"ICP\s*[备证]|公网安备|增值电信业务经营许可证")
# In a short paragraph: the paragraph *is* the widget.
_NOISE_SHORT = re.compile(
    r"VIP推荐|免费发布信息|免费发信息|^\s*(?:上一篇|下一篇|上一条|下一条)|分享到|企业名录|"
    r"您好\s*[,，]?\s*欢迎(?:来到|光临|访问)|请说是在.{0,20}看到的|"
    r"^(?:当前位置|您的位置)\s*[：:]|版权所有|Copyright\s*(?:©|&copy;|\(c\))|网站地图|"
    r"^\s*(?:登录|注册|首页)(?:\s*[|｜/]\s*(?:登录|注册|首页))+\s*$",
    re.I,
)
_SHORT = 80
# A line that is nothing but the date and view count ("2024/2/10 12:21:21发布24次查看").
_META_ONLY = re.compile(
    r"^[\s|｜]*(?:(?:发布|更新)?(?:时间|日期)\s*[：:]\s*)?\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:发布)?[\s|｜]*(?:(?:浏览次数|浏览|查看|阅读|点击|人气)\s*[：:]?\s*)?(?:\d+\s*次(?:查看|浏览)?)?[\s|｜]*$"
)
# "站名 > 连云港分类信息网 > 房产": short parts joined by two or more '>'.
_BREADCRUMB = re.compile(r"^[^>]{1,30}(?:\s*(?:>|›|»|＞)\s*[^>]{1,30}){2,}$")
# A navigation bar read as text: "首页 房产 招聘 车辆", short words after 首页 (home).
_NAV_BAR = re.compile(r"^首页(?:\s*[|｜/]?\s*[^\s|｜/]{1,6}){2,}$")
_COMPARE = re.compile(r"\W+")


def is_portal_noise(paragraph: str) -> bool:
    """True for a paragraph that is portal furniture, not article text."""
    if _NOISE_ANYWHERE.search(paragraph):
        return True
    if len(paragraph) <= _SHORT and (
        _NOISE_SHORT.search(paragraph)
        or _META_ONLY.match(paragraph)
        or _BREADCRUMB.match(paragraph)
        or (len(paragraph) <= 40 and _NAV_BAR.match(paragraph))
        or is_meta_line(paragraph)
    ):
        return True
    return False


def _clean(paragraphs: list[str], title: str | None) -> tuple[str, ...]:
    title_key = _COMPARE.sub("", title).lower() if title else None
    kept: list[str] = []
    for paragraph in paragraphs:
        if is_portal_noise(paragraph):
            continue
        if title_key and _COMPARE.sub("", paragraph).lower() == title_key:
            continue  # the title is shown on its own; repeating it as a paragraph is noise
        kept.append(paragraph)
    return tuple(kept)


def extract_main(html: str, url: str | None = None, *, tz: timezone = CHINA) -> Extracted:
    """The article's title, body paragraphs and the metadata the page states.

    Never raises for odd markup: a page with no article gives no paragraphs."""
    html = _XML_DECLARATION.sub("", html, count=1)
    tree = LexborHTMLParser(html)
    meta = page_meta(tree, tz)
    html = _untable_layout(html, tree)
    paragraphs: tuple[str, ...] = ()
    method: Method = "none"
    try:
        paragraphs = _clean(_trafilatura(html, url), meta.title)
        method = "trafilatura"
    except ValueError:  # lxml gives up on some malformed documents
        paragraphs = ()
    # The second opinion can only win by finding twice trafilatura's text;
    # when the whole page has less than that, it is not worth asking.
    # Both are compared after clean-up, so portal furniture never tips the scale.
    ours = sum(_shingles("\n".join(paragraphs)).values())
    if _page_shingle_count(tree) >= _LONGER * max(ours, 1):
        second = _clean(_readability(html), meta.title)
        if second and _prefer_second_opinion(list(paragraphs), list(second)):
            paragraphs, method = second, "readability"
    if not paragraphs:
        method = "none"
    return Extracted(
        title=meta.title,
        paragraphs=paragraphs,
        published=meta.published,
        views=meta.views,
        city=meta.city,
        category=meta.category,
        site_name=meta.site_name,
        description=meta.description,
        contact=meta.contact,
        method=method,
    )
