"""Typed numbers out of the short texts portals print: prices, and whether they can be read at all.

Portals hide the digits that matter from scrapers. 58 and its kin draw them
with a page-embedded ``@font-face`` whose glyphs give digit shapes to
code points that are not digits — Private Use Area characters, or rare
ideographs such as 鑶 龒 驋 — so the text reads "驋鑶龒元/月" while the
screen shows "3200元/月". Others draw the price or phone as an ``<img>``.
Either way the text holds no number, and showing it would show garbage: the
reader says the value is hidden instead (:func:`hidden_note`).

Pure functions on ``str``: the listing discovery calls them on list-row
cells, the facts reader on fact values.
"""

from __future__ import annotations

import re

from tui_reader.models import is_obfuscated, money_in

__all__ = ["hidden_kind", "hidden_note", "is_obfuscated", "price_of"]

# --- prices ------------------------------------------------------------------------


def price_of(text: str) -> tuple[float, str] | None:
    """The first amount of money in ``text`` as ``(value in 元, unit)``, or None.

    The unit is one of the families prices are compared within: ``"元"`` (a
    total), ``"元/月"`` (a rent or salary), ``"元/㎡"`` (per square metre);
    other periods come through as written (``"元/年"``, ``"元/天"``,
    ``"元/㎡·天"``). ``万``/``w`` multiply by 10,000, ``千``/``k`` by 1,000,
    ``亿`` by 10⁸; full-width digits and thousands commas are read.

    >>> price_of("2500元/月"), price_of("5万"), price_of("120万元"), price_of("8000元/㎡")
    ((2500.0, '元/月'), (50000.0, '元'), (1200000.0, '元'), (8000.0, '元/㎡'))

    None when there is no single amount: "面议" (negotiable), a bare number
    with no 元/¥/万 to say it is money ("90㎡" is an area), a range
    ("4000-6000元"), or digits an obfuscating font drew (:func:`is_obfuscated`).
    The reading itself is ``models.money.money_in``, shared with the typed
    numbers the cache keeps.
    """
    money = money_in(text)
    if money is None or money.ranged:
        return None
    return money.low, money.unit


# --- saying a value is hidden ---------------------------------------------------------

_PRICE_LABEL = re.compile(r"价|租|薪|费|金额|报价|预算|price", re.I)
_PHONE_LABEL = re.compile(r"电话|手机|座机|固话|联系|tel|phone", re.I)


def hidden_kind(label: str) -> str:
    """ "price", "phone" or "value": what a labelled value is, for saying it is hidden.
    Only prices and phones are drawn as images to hide them; another label
    next to an image is a button or an icon."""
    return "price" if _PRICE_LABEL.search(label) else "phone" if _PHONE_LABEL.search(label) else "value"


def hidden_note(label: str, how: str) -> str:
    """What to show instead of a value the page hides: "price shown as an
    image on the site", "phone shown in a web font on the site". ``how`` is
    ``"image"`` or ``"font"``; the label says which kind of value it is."""
    shown = "as an image" if how == "image" else "in a web font"
    return f"{hidden_kind(label)} shown {shown} on the site"
