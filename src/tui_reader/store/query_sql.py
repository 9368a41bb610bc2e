"""A ``models.Query`` compiled to one SELECT over ``articles`` (private to ``store``).

- Words, OR groups and exclusions become one FTS5 MATCH expression where the
  index can serve them (see ``search`` on two-character words): required
  words ANDed, a group ``(x OR y)``, exclusions ``NOT (…)`` after them. A word
  the index cannot serve (one quoted character, a too-common pair) is a LIKE
  instead; an exclusion with no word to hang a NOT on is ``NOT IN`` the rows
  that match it.
- ``city:``/``cat:`` are a contains-match on the name (the city also on the
  district), or the slug of a cached city/category list; comma = any of.
- Ranges are plain indexed comparisons. A price (or salary) is a range on the
  page (``[price_value, price_high]``, one number: both the same) and matches
  when it overlaps the asked range, so 2000-2600元/月 is found by
  ``price:2500-3000``. A unit keeps to its family (``price_unit =``); no unit:
  any family.
- Order: ``sort:`` in SQL with articles lacking the number last; else
  relevance (FTS rank) when there are indexed words, else newest posted first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tui_reader.models import MEASURED, SORTS, Limit, Query

__all__ = ["Compiled", "NOTHING", "compile_query"]

_MAX_PREFIX_TERMS = 2000
"""More trigrams than this behind a two-character word and the OR gets
slower than reading rows; such a pair is in most texts anyway."""

NOTHING = None
"""What ``compile_query`` returns when no article can match (a word no text has)."""

_COLUMNS = (
    "a.url, a.title, a.city, a.category, a.published, a.body, a.price_text, a.price_value, "
    "a.price_unit, a.area, a.rooms, a.district, a.phones, a.likeness, a.gone_at"
)
# (low column, high column) a range compares against: overlap for ranges on the page.
_SPANS = {
    "price": ("a.price_value", "coalesce(a.price_high, a.price_value)"),
    "salary": ("a.salary_low", "coalesce(a.salary_high, a.salary_low)"),
    "posted": ("a.posted_at", "a.posted_at"),
}
_SORT_COLUMN = {"price": "a.price_value", "salary": "a.salary_low", "posted": "a.posted_at"}

# A place (city or category) by name, contains-match; or by slug, the last
# part of its address in the cached city or category lists ("city:lianyungang").
_PLACE = """a.{column} IN (
    SELECT json_extract(item.value, '$.name') FROM entries e, json_each(e.payload, '$.items') item
    WHERE e.kind = ? AND rtrim(json_extract(item.value, '$.url'), '/') LIKE ? ESCAPE '\\')"""
_IN_INDEX = "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"


def phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def escaped(term: str) -> str:
    """``term`` for LIKE ... ESCAPE '\\': its own % and _ match only themselves."""
    return re.sub(r"([\\%_])", r"\\\1", term)


def _like(term: str) -> str:
    return "%" + escaped(term) + "%"


@dataclass
class Compiled:
    sql: str
    args: list[Any] = field(default_factory=list)


@dataclass
class _Term:
    """How one word is found: an FTS expression, or a LIKE on title and body."""

    fts: str | None = None
    like: str | None = None

    def condition(self, args: list[Any]) -> str:
        if self.fts is not None:
            args.append(self.fts)
            return _IN_INDEX
        args.extend((_like(self.like or ""), _like(self.like or "")))
        return "(a.title LIKE ? ESCAPE '\\' OR a.body LIKE ? ESCAPE '\\')"


def _term(conn: Any, word: str) -> _Term | None:
    """None: no indexed text contains ``word``."""
    if "\x00" in word:  # FTS5's query syntax ends a string at a NUL; LIKE takes it whole
        return _Term(like=word)
    if len(word) >= 3:
        return _Term(fts=phrase(word))
    if len(word) < 2:
        return _Term(like=word)
    low = word.casefold()
    rows = conn.execute(
        "SELECT term FROM articles_terms WHERE term >= ? AND term < ? LIMIT ?",
        (low, low + "\U0010ffff", _MAX_PREFIX_TERMS + 1),
    ).fetchall()
    if not rows:
        return None
    if len(rows) > _MAX_PREFIX_TERMS:
        return _Term(like=word)
    return _Term(fts="(" + " OR ".join(phrase(r[0]) for r in rows) + ")")


def compile_query(conn: Any, query: Query, limit: int | None) -> Compiled | None:
    """The SELECT of ``_COLUMNS`` for ``query``, or ``NOTHING``. ``conn`` is only
    read (the index's term list, for two-character words)."""
    where: list[str] = []
    args: list[Any] = []
    match: list[str] = []
    for word in query.words:
        term = _term(conn, word)
        if term is None:
            return NOTHING
        if term.fts is not None:
            match.append(term.fts)
        else:
            where.append(term.condition(args))
    for group in query.any_of:
        found = [t for t in (_term(conn, w) for w in group) if t is not None]
        if not found:
            return NOTHING
        if all(t.fts is not None for t in found):
            match.append("(" + " OR ".join(str(t.fts) for t in found) + ")")
        else:
            where.append("(" + " OR ".join(t.condition(args) for t in found) + ")")
    unwanted: list[str] = []
    for word in query.without:
        term = _term(conn, word)
        if term is None:
            continue  # nothing has it: nothing to leave out
        if term.fts is not None and match:
            unwanted.append(term.fts)
        else:
            where.append("NOT " + term.condition(args))
    _places(query, where, args)
    for lim in query.limits:
        _limit(lim, where, args, _families(conn) if lim.field == "price" and not lim.unit else ())
    if query.gone is not None:
        where.append("a.gone_at IS NOT NULL" if query.gone else "a.gone_at IS NULL")
    order = _order(query.sort, ranked=bool(match))
    tail = " LIMIT ?" if limit is not None else ""
    if match:
        expression = " AND ".join(match)
        if unwanted:
            expression = f"({expression}) NOT ({' OR '.join(unwanted)})"
        sql = (
            f"SELECT {_COLUMNS} FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
            f"WHERE articles_fts MATCH ?{''.join(' AND ' + w for w in where)} ORDER BY {order}{tail}"
        )
        args.insert(0, expression)
    else:
        sql = f"SELECT {_COLUMNS} FROM articles a WHERE {' AND '.join(where) or '1'} ORDER BY {order}{tail}"
    if limit is not None:
        args.append(limit)
    return Compiled(sql, args)


def _places(query: Query, where: list[str], args: list[Any]) -> None:
    for column, kind, names, also in (
        ("city", "cities", query.cities, "a.district"),
        ("category", "categories", query.categories, None),
    ):
        if not names:
            continue
        anyof: list[str] = []
        for name in names:
            anyof.append(f"a.{column} LIKE ? ESCAPE '\\'")
            args.append(_like(name))
            if also:
                anyof.append(f"{also} LIKE ? ESCAPE '\\'")
                args.append(_like(name))
            anyof.append(_PLACE.format(column=column))
            args.extend((kind, "%/" + escaped(name.strip("/"))))
        where.append("(" + " OR ".join(anyof) + ")")


# Every price family in the cache, one index step each (a skip-scan: SQLite
# does not do one by itself without statistics). A price range without a unit
# is then "price_unit IN (those) AND price_value …", which the
# (price_unit, price_value) index serves as a few range scans.
_FAMILIES = """WITH RECURSIVE family(unit) AS (
    SELECT min(price_unit) FROM articles
    UNION ALL
    SELECT (SELECT min(price_unit) FROM articles WHERE price_unit > family.unit) FROM family WHERE unit IS NOT NULL
) SELECT unit FROM family WHERE unit IS NOT NULL"""


def _families(conn: Any) -> tuple[str, ...]:
    return tuple(row[0] for row in conn.execute(_FAMILIES))


def _limit(lim: Limit, where: list[str], args: list[Any], families: tuple[str, ...]) -> None:
    if lim.field not in MEASURED:  # names become SQL: only ours
        raise ValueError(f"no such typed number: {lim.field!r}")
    low_column, high_column = _SPANS.get(lim.field, (f"a.{lim.field}", f"a.{lim.field}"))
    if lim.field == "price" and (lim.unit or families):
        units = (lim.unit,) if lim.unit else families
        where.append(f"a.price_unit IN ({', '.join('?' * len(units))})")
        args.extend(units)
    if lim.high is not None:
        # The page's low end at most the asked high end …
        where.append(f"{low_column} {'<' if lim.high_open else '<='} ?")
        args.append(lim.high)
    if lim.low is not None:
        # … and its high end at least the asked low end: the two ranges overlap.
        where.append(f"{high_column} {'>' if lim.low_open else '>='} ?")
        args.append(lim.low)
        if high_column != low_column:
            where.append(f"{low_column} IS NOT NULL")


def _order(sort: str, *, ranked: bool) -> str:
    if not sort:
        return "f.rank" if ranked else "a.posted_at DESC, a.rowid DESC"
    key = sort.lstrip("-")
    if key not in SORTS:  # names become SQL: only ours
        raise ValueError(f"cannot sort by {sort!r}")
    column = _SORT_COLUMN.get(key, f"a.{key}")
    # posted: newest first; every other number smallest first; "-" turns either round.
    descending = (key == "posted") != sort.startswith("-")
    # DESC puts NULLs last by itself (SQLite orders NULL lowest), and keeps the index usable.
    return f"{column} DESC, a.rowid DESC" if descending else f"{column} ASC NULLS LAST, a.rowid DESC"
