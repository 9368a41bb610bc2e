"""The one search language of the TUI's search box, ``tui-reader search``, watches and export.

    2室 -中介 (整租 OR 合租) city:连云港,海州 cat:租房 price:2000-3000 area:>=60 posted:<7d sort:price

- **Words** are ANDed, found in the title or the body, case-insensitive. A word
  needs two or more characters: one character is in nearly every listing and
  no index can serve it, so ``房`` is an error that says so — quoted (``"房"``)
  it is searched anyway, by a slower scan. ``2室`` is a word like any other.
- **"Quoted phrases"** are one word with its spaces; quotes also make text that
  looks like a qualifier (``"foo:bar"``) a word.
- **Exclusions** ``-中介`` drop articles that contain the word (``-"个人 中介"`` too).
- **OR groups** ``(整租 OR 合租)`` need any one of their words; ``|`` is the same
  as ``OR``, and ``整租 OR 合租`` works without the parentheses (OR binds closer
  than the spaces between words, as in web search engines). A group holds
  words and phrases, not qualifiers or exclusions. Full-width （）“” work too.
- **Qualifiers** ``name:value`` (``：`` too):
  ``city:`` a city or a district of it, by name (contained) or by the slug of a
  cached city, comma = any of (``city:连云港,海州``); ``cat:``/``category:`` the
  same for categories. Ranges: ``N``, ``<N``, ``<=N``, ``>N``, ``>=N``, ``N+``,
  ``N-M`` / ``N..M`` / ``N~M`` (bounds inclusive) for
  ``price:`` — 万/千/k multiply; a unit restricts to its family: ``元`` or ``万``
  is a total (``元``), ``元/月`` (or ``/月``) a rent, ``元/㎡`` (``/平``) a price
  per area; a bare number (``price:2000-3000``) matches prices of any family in
  range, since rents and totals are both "a price" to the person typing it.
  The unit or multiplier of the upper bound also applies to a bare lower one
  (``1-2万`` is 1万-2万). A listing priced as a range matches when its range
  overlaps the asked one. ``area:`` in ㎡ (平/平米 allowed), ``rooms:`` (室),
  ``floor:`` (层; negative for basements), ``year:``, ``mileage:`` in 万公里
  (``km``/公里 convert), ``salary:`` in 元 a month (``8k``, ``1万``; overlaps
  like price). ``posted:<7d`` is within the last 7 days (m h d w), ``posted:>30d``
  older than that; dates are whole days at +08:00: ``posted:2026-11-01..2026-11-30``,
  ``posted:>=2026-11-01``. ``sort:price|-price|posted|-posted|area|-area`` (also
  rooms, floor, year, mileage, salary): smallest first, ``-`` reverses, except
  ``posted`` which is newest first. ``is:gone`` keeps only articles the portal
  no longer has, ``-is:gone`` only those it still has.

A colon after something that is not a qualifier's name (``12:30``, ``微信:abc``,
``http://x``) leaves a word alone; an unknown name (``foo:bar``) is an error
with a "did you mean". Every error is a ``QueryError`` whose ``at`` is the
0-based index of the bad part and whose text names it and its character.
"""

from __future__ import annotations

from tui_reader.query.grammar import EXAMPLES, QUALIFIERS, parse_query
from tui_reader.query.matching import narrows, row_matches, unjudged

__all__ = ["EXAMPLES", "QUALIFIERS", "narrows", "parse_query", "row_matches", "unjudged"]
