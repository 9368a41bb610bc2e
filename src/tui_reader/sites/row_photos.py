"""A list row's thumbnail and the photo count it shows ("6图", "共8张", a camera icon and 6).

The thumbnail is the row's first picture that passes the rules of
:mod:`.photo_rules` (lazy-loaded addresses included), judged within the row:
the agent's avatar or a VIP badge beside the title are not the listing's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from selectolax.lexbor import LexborNode

from tui_reader.sites.image_address import image_address
from tui_reader.sites.nodes import class_words
from tui_reader.sites.photo_rules import CANDIDATES, OK, Places, candidates, is_photo_itself
from tui_reader.sites.text import clean_whitespace

__all__ = ["photo_count_in", "row_photos"]

# The count may stand in brackets of its own ("[6图]", "（共8张）").
_COUNT_AFTER = re.compile(
    r"^[(（\[【]?\s*(?:共|有)?\s*(\d{1,3})\s*(?:张(?:图片?|照片|相片)?|幅|图片?|照片|相片|[Pp]|pics?|photos?)\s*[)）\]】]?$",
    re.I,
)
_COUNT_BEFORE = re.compile(r"^(?:图片|照片|相片|图)\s*[:：]?\s*[(（\[]?\s*(\d{1,3})\s*[)）\]]?\s*张?$")
_BARE_COUNT = re.compile(r"^[(（\[]?\s*(\d{1,3})\s*[)）\]]?$")
_COUNT_WORDS = frozenset(
    "pic pics img imgs image images photo photos picture pictures tu tupian zhaopian camera album".split()
)
_SHORT_PIECE = 12


def photo_count_in(text: str) -> int | None:
    """The photo count a short text states ("6图", "共8张", "[6图]", "图片(5)"), or None."""
    text = clean_whitespace(text)
    if len(text) > _SHORT_PIECE:
        return None
    match = _COUNT_AFTER.match(text) or _COUNT_BEFORE.match(text)
    return int(match.group(1)) if match else None


def _row_count(row: LexborNode) -> int | None:
    for piece in row.text(deep=True, separator="\n").split("\n"):
        if piece.strip():
            count = photo_count_in(piece)
            if count is not None:
                return count
    # A number beside a camera or picture icon: <span class="pic-num"><i class="icon-camera"></i>6</span>.
    for node in row.traverse(include_text=False):
        if node.mem_id == row.mem_id or not set(class_words(node)) & _COUNT_WORDS:
            continue
        for holder in (node, node.parent):
            if holder is None:
                continue
            text = clean_whitespace(holder.text(deep=True))
            match = _BARE_COUNT.match(text) if len(text) <= _SHORT_PIECE else None
            if match:
                return int(match.group(1))
    return None


def _row_thumb(row: LexborNode, nodes: Sequence[LexborNode], url: str, *, judged: bool) -> str | None:
    places = Places(row) if judged else None
    for node in nodes[:50]:
        address = image_address(node, url)
        if address is None:
            continue
        if places is not None and (places.verdict(node) != OK or not is_photo_itself(node, address[0], url)):
            continue
        return address[0]
    return None


def row_photos(
    row: LexborNode, url: str, *, thumb: str | None = None, count: str | None = None
) -> tuple[str | None, int | None]:
    """A list row's thumbnail address and the photo count it shows (None for each it
    does not). ``thumb`` and ``count``: a profile's selectors for them, inside the row."""
    if thumb:
        nodes = candidates(n for n in row.css(thumb))
        picture = _row_thumb(row, nodes, url, judged=False)
    else:
        picture = _row_thumb(row, row.css(CANDIDATES), url, judged=True)
    if count:
        node = row.css_first(count)
        text = clean_whitespace(node.text(deep=True)) if node is not None else ""
        digits = re.search(r"\d{1,3}", text)
        number = int(digits.group()) if digits else None
    else:
        number = _row_count(row)
    return picture, number
