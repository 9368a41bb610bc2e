"""Which parts of a page are the portal's furniture, not the listing.

Facts and contacts are read from the listing, and a portal wraps every
listing in the same furniture: a header with its own hotline, navigation, a
breadcrumb, share buttons, sidebars of other people's ads, a footer with the
ICP number and the 客服 line. Those are told apart here by markup alone —
the HTML5 sectioning tags and the class/id words front-end developers use
for them — never by one portal's class names.

Hidden elements are a separate question: a popup that holds the full phone
number is hidden until clicked but is the listing's; a hidden duplicate of
the description is not a fact block. Callers decide which they skip.
"""

from __future__ import annotations

import re
from functools import lru_cache

from selectolax.lexbor import LexborNode

__all__ = ["INLINE_TAGS", "SKIPPED_TAGS", "is_furniture", "is_hidden"]

SKIPPED_TAGS = frozenset(
    "script style noscript template head title meta link iframe svg math select option textarea button input".split()
)
"""Never text of the page: code, styling, form controls."""

INLINE_TAGS = frozenset(
    "a abbr b big cite code del em font i img ins kbd label mark q s small span strong sub sup time u br wbr".split()
)
"""Elements that run inside a line of text: a row made only of these is one line."""

# Not <form>: ASP.NET portals wrap the whole page in one.
_FURNITURE_TAGS = frozenset({"header", "footer", "nav", "aside"})
# A class or id that *is* one of these names a page region ("header",
# "top-bar"); the longer words below may stand anywhere in the name
# ("footer-cities", "bdshare", "breadcrumb-nav"). Short words such as
# "head" or "top" only count as the whole name: "viewad-header" is the
# listing's own heading block.
_FURNITURE_NAMES = frozenset(
    "header head top topbar top-bar toolbar nav menu foot bottom side banner login user-tools gotop".split()
)
_FURNITURE_WORDS = re.compile(
    r"footer|sidebar|side-bar|copyright|crumb|recommend|tuijian|related|navbar|nav-bar|toolbar|share|"
    r"guess|youlike|you-like|friendlink|friend-link|hotsearch|hot-search",
    re.I,
)
# The seller's card often stands in the side column: where contacts are
# looked for, a sidebar is not furniture.
_SIDE_TAGS = frozenset({"aside"})
_SIDE_NAMES = frozenset({"side"})
_SIDE_WORDS = re.compile(r"sidebar|side-bar", re.I)
_HIDDEN_CLASSES = frozenset({"hide", "hidden", "d-none", "is-hidden", "invisible", "none"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def is_furniture(node: LexborNode, *, sidebars: bool = True) -> bool:
    """True for an element that holds portal furniture (header, nav, footer,
    breadcrumb, share bar, recommendation box, and — unless ``sidebars`` is
    False — the side column)."""
    attributes = node.attributes
    return _furniture(node.tag, attributes.get("class") or "", attributes.get("id") or "", sidebars)


@lru_cache(maxsize=4096)
def _furniture(tag: str, classes: str, ids: str, sidebars: bool) -> bool:
    # Cached by markup: a page repeats a handful of tag/class pairs hundreds of times.
    if tag in _FURNITURE_TAGS:
        return sidebars or tag not in _SIDE_TAGS
    for name in (*classes.split(), *ids.split()):
        lowered = name.lower()
        if lowered in _FURNITURE_NAMES:
            if sidebars or lowered not in _SIDE_NAMES:
                return True
        elif (found := _FURNITURE_WORDS.search(lowered)) and (sidebars or not _SIDE_WORDS.fullmatch(found.group())):
            return True
    return False


def is_hidden(node: LexborNode) -> bool:
    """True for an element the page keeps out of sight (``hidden``,
    ``display:none``, a hide/hidden class, "…-hide")."""
    attributes = node.attributes
    if "hidden" in attributes:
        return True
    if _HIDDEN_STYLE.search(attributes.get("style") or ""):
        return True
    for name in (attributes.get("class") or "").split():
        lowered = name.lower()
        if lowered in _HIDDEN_CLASSES or lowered.endswith(("-hide", "_hide", "-hidden", "_hidden")):
            return True
    return False
