"""What a page is, decided before anything is read from it.

Every page a portal answers with is one of: an ``article``, a ``listing``
(a category's rows), an ``index`` (a city chooser, a city's categories), or
a page that is not content at all and is refused: a ``captcha`` (验证码,
slider checks), a ``login`` wall (登录后查看), a ``not-found`` page served
with status 200 (信息已删除, 页面不存在), or a ``js-only`` shell that needs
scripts to show anything. A refused page must never be read as an article
titled 请输入验证码, nor cached over good content.

The refusals are recognised by their words in the places a person looks
first (the ``<title>``, the main heading) or anywhere on a page that has little
else to say: real article pages also carry a login pop-up with "获取验证码" in
it, so a cue in the body alone counts only when the page's own text (not its
links) is short. The other kinds come from the page's structure: a run of
like rows with titles (see :mod:`.discover`), a chooser of hundreds of short
names of one link shape (see :mod:`.discover_links`), or text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui_reader.models import PageKind
from tui_reader.sites.discover import RowGroup, find_rows
from tui_reader.sites.discover_links import CityList, discover_categories, discover_cities
from tui_reader.sites.nodes import without_gc_pauses
from tui_reader.sites.text import clean_whitespace

__all__ = ["PageVerdict", "classify", "refusal"]

_CAPTCHA = re.compile(
    r"验证码|安全验证|人机验证|滑动验证|拖动滑块|滑块验证|访问验证|请完成验证|身份核验|异常访问|访问过于频繁|请求过于频繁"
    r"|captcha|are you a robot|verify you are human",
    re.I,
)
_NOT_FOUND = re.compile(
    r"(?:页面|网页|信息|帖子|内容|文章|房源|职位|商品|链接)(?:不存在|已被?删除|已过期|已失效|已下架|已关闭|找不到)"
    r"|无法找到|找不到(?:您|你|该|此|页面|网页|信息)|已被删除|not found",
    re.I,
)
# A bare "404" is a status only where a title or heading says little else ("404",
# "404 - 出错了"): a body's "404次查看" or a title's "近404路公交站" are not.
_BARE_404 = re.compile(r"^\W*404(?!\d)(?:\W|$)|(?<!\d)404\s*(?:error|错误|not found|页面|出错)", re.I)
_LOGIN = re.compile(r"登录后|请先登录|请登录|需要登录|用户登录|会员登录|账号登录|帐号登录|登录|log ?in|sign ?in", re.I)
_ENABLE_JS = re.compile(r"javascript|启用脚本|开启脚本", re.I)

SHORT_TEXT = 600
"""A page whose own text (links left out) is shorter than this says little besides a cue."""
_EMPTY = 40
"""Visible characters below which a page with scripts is an empty shell."""
MIN_LIST_ROWS = 5
_ARTICLE_BLOCK = 140
"""Characters of running text in one block that make a page read as an article."""


@dataclass(frozen=True)
class PageVerdict:
    kind: PageKind
    reason: str
    """Why, in a few words ("the title says 请输入验证码"): for messages and ``profile check``."""
    rows: RowGroup | None = None
    cities: CityList | None = None

    @property
    def refused(self) -> bool:
        return self.kind in ("captcha", "login", "not-found", "js-only")


@dataclass(frozen=True)
class _Text:
    title: str
    heading: str
    visible: int
    own: int
    """Visible characters outside links."""
    body: str


def _heads(tree: LexborHTMLParser) -> tuple[str, str]:
    title_node = tree.css_first("title")
    title = clean_whitespace(title_node.text()) if title_node is not None else ""
    heading_node = tree.css_first("h1") or tree.css_first("h2")
    heading = clean_whitespace(heading_node.text()) if heading_node is not None else ""
    return title, heading


def _visible_text(body: LexborNode) -> tuple[str, int]:
    """The body's text (scripts included, as the parser gives it) and how much of it is visible."""
    text = clean_whitespace(body.text(deep=True, separator=" "))
    hidden = sum(
        len(clean_whitespace(n.text(deep=True, separator=" "))) for n in body.css("script, style, noscript, template")
    )
    return text, max(0, len(text) - hidden)


def _text_of(tree: LexborHTMLParser) -> _Text:
    title, heading = _heads(tree)
    body = tree.body
    if body is None:
        return _Text(title, heading, 0, 0, "")
    text, visible = _visible_text(body)
    linked = sum(len(clean_whitespace(a.text(deep=True))) for a in body.css("a"))
    return _Text(title, heading, visible, max(0, visible - linked), text)


def refusal(tree: LexborHTMLParser) -> PageVerdict | None:
    """The page's refused kind when it is a captcha, login wall, soft 404 or script shell; else None.

    Cheap, so every page a sync fetches can be asked: a page with visible text,
    no cue word anywhere and no password field is let through after one look
    at its text; only the others are weighed in full (links counted apart)."""
    title, heading = _heads(tree)
    body = tree.body
    if body is not None:
        text, visible = _visible_text(body)
        prominent = f"{title} {heading}"
        if (
            visible >= _EMPTY
            and not _CAPTCHA.search(text)
            and not _NOT_FOUND.search(text)
            and not _CAPTCHA.search(prominent)
            and not _NOT_FOUND.search(prominent)
            and not _BARE_404.search(title)
            and not _BARE_404.search(heading)
            and tree.css_first("input[type=password]") is None
        ):
            return None
    return _refusal(tree, _text_of(tree))


_CHROME = (
    "a, button, form, select, option, label, [style*=none], [class*=pop], [class*=modal], [class*=dialog], "
    "[class*=mask], [class*=layer], [class*=login], [class*=hide], [class*=hidden]"
)
_HIDDEN_WORDS = re.compile(r"pop|modal|dialog|mask|layer|hide|hidden|display:\s*none", re.I)


def _own_words(tree: LexborHTMLParser, text: _Text) -> str:
    """The page's text without its links, buttons, forms and hidden pop-ups: where a
    cue in the body counts (every page's top bar says 登录, many a pop-up 获取验证码)."""
    own = text.body
    body = tree.body
    if body is None:
        return own
    chunks = {clean_whitespace(node.text(deep=True, separator=" ")) for node in body.css(_CHROME)}
    # Longest first: a short link ("朝阳") must not cut a title that holds it out of shape.
    for chunk in sorted(chunks, key=len, reverse=True):
        if chunk:
            own = own.replace(chunk, " ")
    return own


def _visible_password(tree: LexborHTMLParser) -> bool:
    for field in tree.css("input[type=password]"):
        node = field.parent
        hidden = False
        for _ in range(8):
            if node is None or node.tag == "body":
                break
            attrs = node.attributes
            if _HIDDEN_WORDS.search(f"{attrs.get('class') or ''} {attrs.get('id') or ''} {attrs.get('style') or ''}"):
                hidden = True
                break
            node = node.parent
        if not hidden:
            return True
    return False


def _refusal(tree: LexborHTMLParser, text: _Text) -> PageVerdict | None:
    prominent = f"{text.title} {text.heading}"
    short = text.own < SHORT_TEXT
    own_words: str | None = None
    if text.visible < _EMPTY and (tree.css_first("script") is not None or _ENABLE_JS.search(text.body)):
        return PageVerdict("js-only", "the page is an empty shell that needs scripts")
    bare = _BARE_404.search(text.title) or _BARE_404.search(text.heading)
    if bare and (short or text.own < 3 * SHORT_TEXT):
        return PageVerdict("not-found", f"the page's title says {bare.group(0).strip()}")
    cues: tuple[tuple[PageKind, re.Pattern[str]], ...] = (("captcha", _CAPTCHA), ("not-found", _NOT_FOUND))
    for kind, cue in cues:
        found = cue.search(prominent)
        if found and (short or text.own < 3 * SHORT_TEXT):
            return PageVerdict(kind, f"the page's title says {found.group(0)}")
        if short and cue.search(text.body):
            own_words = own_words if own_words is not None else _own_words(tree, text)
            found = cue.search(own_words)
            if found:
                return PageVerdict(kind, f"the page says {found.group(0)} and little else")
    if short and _visible_password(tree):
        own_words = own_words if own_words is not None else _own_words(tree, text)
        found = _LOGIN.search(prominent) or _LOGIN.search(own_words)
        if found:
            return PageVerdict("login", f"the page asks to log in ({found.group(0)})")
    return None


def _longest_block(tree: LexborHTMLParser) -> int:
    """The longest run of text one element holds itself (not in its children): an article's paragraph."""
    best = 0
    body = tree.body
    if body is None:
        return 0
    for node in body.css("p, div, td, dd, article, section, pre, li, span, font"):
        length = len(clean_whitespace(node.text(deep=False)))
        if length > best:
            best = length
    return best


@without_gc_pauses
def classify(tree: LexborHTMLParser, url: str) -> PageVerdict:
    """The kind of the page at ``url``, with what was found on the way (rows, cities)."""
    text = _text_of(tree)
    refused = _refusal(tree, text)
    if refused is not None:
        return refused
    rows = find_rows(tree)
    block = _longest_block(tree)
    # The best rows of a page whose only list is a 推荐 box are no list of its own.
    count = len(rows.rows) if rows is not None and not rows.noise else 0
    if rows is not None and count >= 3 * MIN_LIST_ROWS and _list_beats_text(rows, block):
        # Many rows of titles: no city chooser looks like that; skip looking for one.
        return PageVerdict("listing", f"{count} rows of like markup", rows=rows)
    cities = discover_cities(tree, url)
    if len(cities.cities) >= 3 * MIN_LIST_ROWS and len(cities.cities) > 2 * count and block < _ARTICLE_BLOCK:
        return PageVerdict("index", f"{len(cities.cities)} city links", rows=rows, cities=cities)
    if rows is not None and count >= MIN_LIST_ROWS and _list_beats_text(rows, block):
        return PageVerdict("listing", f"{count} rows of like markup", rows=rows)
    if block < _ARTICLE_BLOCK and count < MIN_LIST_ROWS:
        categories = discover_categories(tree, url, "")
        if len(categories) >= MIN_LIST_ROWS:
            return PageVerdict("index", f"{len(categories)} category links", rows=rows, cities=cities)
        if (cities.cities or cities.chooser_url) and _is_home(url):
            return PageVerdict("index", "a home page that leads to its cities", rows=rows, cities=cities)
    return PageVerdict("article", "running text", rows=rows, cities=cities)


def _is_home(url: str) -> bool:
    path = urlsplit(url).path
    return path in ("", "/") or bool(re.fullmatch(r"/index\.\w+", path))


def _list_beats_text(rows: RowGroup, block: int) -> bool:
    """A page with rows and a long text is a list only when the rows outweigh the text:
    an article page's 推荐 box has rows too, a list page's foot an SEO blurb."""
    titles = sum(len(clean_whitespace(t.text(deep=True))) for t in rows.titles)
    return block < _ARTICLE_BLOCK or titles > 3 * block
