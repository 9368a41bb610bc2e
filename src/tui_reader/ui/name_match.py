"""What the user types, matched against Chinese names: characters, full pinyin, initials.

连云港 is found by "连云", "lianyungang", "LianYunGang", "lian yun", "lyg", and
by any run of syllables each typed whole or cut short ("lianyg", "lyungang").
The city filter, the category filter and the command palette all match this
way, so a name is found by the same words everywhere.

pypinyin costs about 0.15 s to import, more than the first screen may spend:
it is imported on the first match (or by :func:`warm_up`, in a thread, when a
filter opens), and each name's syllables are worked out once, not per key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

EXACT = 0
PREFIX = 1
CONTAINS = 2
"""How well a query matches, best first: the whole name, its start, somewhere inside."""

_SPACES = re.compile(r"\s+")
_LATIN = re.compile(r"[0-9a-z]+")


def _pinyin(name: str) -> list[str]:
    # Lazy on purpose (see the module's docstring).
    from pypinyin import lazy_pinyin

    return lazy_pinyin(name)


@lru_cache(maxsize=8192)
def syllables(name: str) -> tuple[str, ...]:
    """``name`` as lower-case syllables: 连云港 → ("lian", "yun", "gang").

    Runs that are not Chinese come back from pypinyin whole ("ABC 二手车" →
    "ABC ", er, shou, che); their words count as syllables of their own.
    """
    found: list[str] = []
    for part in _pinyin(name):
        found.extend(_LATIN.findall(part.lower()))
    return tuple(found)


def warm_up(names: Iterable[str]) -> None:
    """Import pypinyin and work out the syllables of ``names`` ahead of the first key."""
    for name in names:
        syllables(name)


def _runs_from(query: str, parts: Sequence[str], start: int) -> bool:
    """Whether ``query`` is the syllables from ``start`` on, each typed whole or cut
    short (at least its first letter), and nothing else."""
    # Stack of (position in query, syllable index): names are a few syllables
    # long, so trying the longer piece of each syllable first stays cheap.
    pending = [(0, start)]
    while pending:
        at, index = pending.pop()
        if at == len(query):
            return True
        if index == len(parts):
            continue
        part = parts[index]
        longest = 0
        while longest < len(part) and at + longest < len(query) and query[at + longest] == part[longest]:
            longest += 1
        pending.extend((at + size, index + 1) for size in range(1, longest + 1))
    return False


def rank(query: str, name: str) -> int | None:
    """``EXACT``, ``PREFIX`` or ``CONTAINS`` for the best way ``query`` matches
    ``name``, or None when it does not. An empty query matches everything."""
    typed = query.strip().lower()
    if not typed:
        return CONTAINS
    text = name.lower()
    if typed == text:
        return EXACT
    if text.startswith(typed):
        return PREFIX
    best = CONTAINS if typed in text else None
    compact = _SPACES.sub("", typed)  # "lian yun" is "lianyun"
    if not compact.isascii() or not compact.isalnum():
        return best  # characters (or punctuation) never spell pinyin
    parts = syllables(name)
    if not parts:
        return best
    if compact in ("".join(parts), "".join(p[0] for p in parts)):
        return EXACT
    if _runs_from(compact, parts, 0):
        return PREFIX
    if best is None and any(_runs_from(compact, parts, i) for i in range(1, len(parts))):
        return CONTAINS
    return best


def best_rank(query: str, names: Sequence[str]) -> tuple[int, int] | None:
    """The best ``(rank, which name)`` over ``names`` (listed most important first),
    or None when none matches: a city's own name counts before its province's."""
    found = [(r, i) for i, name in enumerate(names) if name and (r := rank(query, name)) is not None]
    return min(found) if found else None
