"""What a picture on a portal's page is, and where it stands: the rules :mod:`.photos`
(an article's photos) and :mod:`.row_photos` (a list row's thumbnail) share.

See :mod:`.photos` for what is told apart and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from selectolax.lexbor import LexborNode

from tui_reader.sites.furniture import is_furniture
from tui_reader.sites.image_address import url_words
from tui_reader.sites.nodes import class_words
from tui_reader.sites.text import clean_whitespace

__all__ = ["CANDIDATES", "CHROME", "OK", "OTHER", "Places", "alt_of", "candidates", "is_photo_itself"]

CANDIDATES = "img, [style*='url('], [data-bg], [data-background], [data-background-image], [data-bg-src]"
"""Elements that can show a picture: images, and elements with a background picture."""

# Class or id words (split at -, _ and camelCase) of a picture or a box around it
# that name what is not a listing's photo.
_NOT_PHOTO_WORDS = frozenset(
    "logo logos icon icons ico iconfont avatar avatars portrait headimg headpic userpic face "
    "qr qrcode qrcodes erweima ewm barcode wxcode "
    "ad ads adv advert adverts advertisement gg guanggao banner banners promo promotion sponsor sponsored "
    "tuiguang app download downloads badge badges emoji emoticon sprite sprites btn button tag tags "
    "modal dialog popup captcha wechat weixin".split()
)
# Words of a picture's file path that say the same.
_NOT_PHOTO_PATH = frozenset(
    "logo logos icon icons ico favicon iconfont avatar avatars sprite sprites qrcode qr erweima ewm "
    "emoji emotion emoticon badge btn button ad ads adv advert banner banners track tracking tracker "
    "beacon pixel captcha vcode verifycode checkcode svg".split()
)
# Host names of ad servers and counters ("tracklog.58.com", "hm.baidu.com").
_NOT_PHOTO_HOST = frozenset(
    "ad ads adserver adservice track tracking tracklog tracker stat stats analytics beacon pixel "
    "log logs click hm cnzz count counter".split()
)
_NOT_PHOTO_ALT = re.compile(
    r"\b(?:logo|icon|avatar|app|qr\s*code|qr)\b|二维码|扫码|扫一扫|图标|头像|广告|验证码|公众号|下载", re.I
)
_NOT_PHOTO_EXTENSION = re.compile(r"\.(?:svg|ico|cur)$", re.I)
_SMALLEST = 48
"""Pixels: a picture the page states narrower or lower than this is an icon or a pixel."""
_INLINE = frozenset("a span label button em i b strong abbr small font u sup sub".split())
_LINKS_UP = 3
"""Levels above a picture where a link around it is looked for."""
_MAX_ALT = 200


# --- what a picture is, by itself -------------------------------------------------------


def _pixels(value: str | None) -> int | None:
    match = re.match(r"^\s*(\d{1,5})(?:\.\d+)?\s*(?:px)?\s*$", value or "")
    return int(match.group(1)) if match else None


def _stated_size(node: LexborNode) -> tuple[int | None, int | None]:
    attributes = node.attributes
    width, height = _pixels(attributes.get("width")), _pixels(attributes.get("height"))
    style = attributes.get("style") or ""
    if style:
        for name, found in re.findall(r"(?<![-\w])(width|height)\s*:\s*(\d{1,5})px", style, re.I):
            if name.lower() == "width" and width is None:
                width = int(found)
            elif name.lower() == "height" and height is None:
                height = int(found)
    return width, height


def _site(host: str) -> str:
    """The registrable part of a host, near enough: "img4.baixing.net" → "baixing.net"."""
    labels = host.lower().split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in ("com", "net", "org", "gov", "edu", "co", "ac") else 2
    return ".".join(labels[-keep:])


def _host_of(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0].split("@")[-1].split(":")[0].lower()


def _beside_words(node: LexborNode) -> bool:
    """A picture inside an inline element (a link, a label) with words of its own
    beside it: the label's icon ("[img] 免费发送到微信"), not a photo."""
    parent = node.parent
    if parent is None or parent.tag not in _INLINE:
        return False
    child = parent.child
    while child is not None:
        if not child.is_element_node and clean_whitespace(child.text(deep=False) or ""):
            return True
        child = child.next
    return False


def _links_elsewhere(node: LexborNode, page: str) -> bool:
    """A picture that links to a page of another site: an ad or a partner's banner."""
    current = node.parent
    for _ in range(_LINKS_UP):
        if current is None:
            return False
        if current.tag == "a":
            href = (current.attributes.get("href") or "").strip()
            # Only an absolute address can be elsewhere; read without parsing it
            # (list pages link through redirects of a thousand characters).
            if not href.lower().startswith(("http://", "https://", "//")):
                return False
            if _IMAGE_EXTENSION.search(href.split("?", 1)[0]):
                return False  # the picture itself, larger
            return _site(_host_of(href)) != _site(_host_of(page))
        current = current.parent
    return False


_IMAGE_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp|avif)$", re.I)


def is_photo_itself(node: LexborNode, url: str, page: str) -> bool:
    """What the picture and its address say about themselves (not where it stands)."""
    if set(class_words(node)) & _NOT_PHOTO_WORDS:
        return False
    alt = f"{node.attributes.get('alt') or ''} {node.attributes.get('title') or ''}"
    if alt.strip() and _NOT_PHOTO_ALT.search(alt):
        return False
    width, height = _stated_size(node)
    if (width is not None and width < _SMALLEST) or (height is not None and height < _SMALLEST):
        return False
    path = url.split("?", 1)[0]
    if _NOT_PHOTO_EXTENSION.search(path) or url_words(path) & _NOT_PHOTO_PATH:
        return False
    if set(_host_of(url).split(".")[:-2]) & _NOT_PHOTO_HOST:
        return False
    if node.tag == "img" and _beside_words(node):
        return False
    return not _links_elsewhere(node, page)


def alt_of(node: LexborNode) -> str:
    attributes = node.attributes
    text = attributes.get("alt") or attributes.get("title") or attributes.get("aria-label") or ""
    return clean_whitespace(text)[:_MAX_ALT]


# --- where a picture stands ---------------------------------------------------------------

OK, CHROME, OTHER = 0, 1, 2
"""A picture's place: among the listing's, in the site's chrome (header, nav, footer), elsewhere."""
_CHROME_NAMES = frozenset("header top topbar top-bar nav navbar nav-bar menu toolbar tool-bar".split())


def _box_verdict(node: LexborNode) -> int:
    if node.tag in ("header", "footer", "nav"):
        return CHROME
    attributes = node.attributes
    for name in f"{attributes.get('class') or ''} {attributes.get('id') or ''}".split():
        lowered = name.lower()
        if lowered in _CHROME_NAMES or "footer" in lowered or "copyright" in lowered:
            return CHROME
    if is_furniture(node) or set(class_words(node)) & _NOT_PHOTO_WORDS:
        return OTHER
    return OK


class Places:
    """Where each picture stands, its boxes judged once however many pictures share them."""

    def __init__(self, top: LexborNode | None, other_box: Callable[[LexborNode], bool] | None = None) -> None:
        """``top``: the element the pictures are looked for in (not judged itself), None
        for the whole page; ``other_box``: one more test for a picture's parent."""
        self.top = top.mem_id if top is not None else None
        self.other_box = other_box
        self.seen: dict[int, int] = {}

    def verdict(self, node: LexborNode) -> int:
        path: list[int] = []
        verdict = OK
        current = node.parent
        # The row itself is not judged: 百姓网 calls every post an "ad" (class listing-ad).
        while current is not None and current.mem_id != self.top and current.tag not in ("body", "html", "#document"):
            known = self.seen.get(current.mem_id)
            if known is not None:
                verdict = known
                break
            path.append(current.mem_id)
            verdict = _box_verdict(current)
            if verdict != OK:
                break
            current = current.parent
        for mem_id in path:
            self.seen[mem_id] = verdict  # every box below a bad one shares its verdict
        if verdict == OK and self.other_box is not None and node.parent is not None and self.other_box(node.parent):
            verdict = OTHER
        return verdict


def candidates(roots: Iterable[LexborNode]) -> list[LexborNode]:
    found: list[LexborNode] = []
    seen: set[int] = set()
    for root in roots:
        for node in root.css(CANDIDATES):
            if node.mem_id not in seen:
                seen.add(node.mem_id)
                found.append(node)
    return found
