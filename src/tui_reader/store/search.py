"""Search, eviction and checks over the cache's tables (private to ``store``).

Functions here take an open connection from ``Store`` (which owns locking,
transactions and error wording) and hold the SQL for one job each.

Search and Chinese: the index is FTS5 with the trigram tokenizer, which finds
any substring of three or more characters but returns nothing for shorter
queries, and Chinese queries are often two characters ("单车", "租房"). For
those we look up, in the index's own term list, every trigram that *starts*
with the two characters — each column is indexed with a trailing newline, so
every occurrence has one — and match any of them: still an index lookup, and
exact. A one-character query has too many such trigrams to be worth it and
scans the table with LIKE instead (correct, slower, capped by the limit).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from tui_reader.models import Query, SearchHit
from tui_reader.store.schema import DROP_TRIGGER_DELETE, TRIGGER_DELETE

__all__ = ["SearchHit", "check", "clear", "details", "evict", "search", "used_bytes"]

_MAX_PREFIX_TERMS = 2000
"""More trigrams than this behind a two-character query and the OR gets
slower than reading rows; such a pair is in most texts anyway."""


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _escaped(term: str) -> str:
    """``term`` for LIKE ... ESCAPE '\\': its own % and _ match only themselves."""
    return re.sub(r"([\\%_])", r"\\\1", term)


def _like(term: str) -> str:
    return "%" + _escaped(term) + "%"


def _snippet(body: str, terms: list[str], width: int = 60) -> str:
    lowered = body.casefold()
    at = min((i for i in (lowered.find(t.casefold()) for t in terms) if i >= 0), default=0)
    start = max(0, at - width // 3)
    text = " ".join(body[start : start + width].split())
    return ("…" if start else "") + text + ("…" if start + width < len(body) else "")


def search(conn: Any, query: Query, limit: int) -> list[SearchHit]:
    terms = [t for t in query.words if t]
    if not terms and not query.filtered:
        return []
    match: list[str] = []
    likes: list[str] = []
    for term in terms:
        if len(term) >= 3:
            match.append(_phrase(term))
        elif len(term) == 2:
            low = term.casefold()
            rows = conn.execute(
                "SELECT term FROM articles_terms WHERE term >= ? AND term < ? LIMIT ?",
                (low, low + "\U0010ffff", _MAX_PREFIX_TERMS + 1),
            ).fetchall()
            if not rows:
                return []  # no indexed text contains it
            if len(rows) > _MAX_PREFIX_TERMS:
                likes.append(term)
            else:
                match.append("(" + " OR ".join(_phrase(r[0]) for r in rows) + ")")
        else:
            likes.append(term)
    where = ["(a.title LIKE ? ESCAPE '\\' OR a.body LIKE ? ESCAPE '\\')" for _ in likes]
    args: list[Any] = [p for t in likes for p in (_like(t), _like(t))]
    for column, kind, wanted in (("city", "cities", query.city), ("category", "categories", query.category)):
        if wanted:
            where.append(_PLACE.format(column=column))
            args.extend((_like(wanted), kind, "%/" + _escaped(wanted.strip("/"))))
    columns = "a.url, a.title, a.city, a.category, a.published, a.body"
    if match:
        sql = (
            f"SELECT {columns} FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
            f"WHERE articles_fts MATCH ? {''.join(' AND ' + w for w in where)} "
            "ORDER BY f.rank LIMIT ?"
        )
        rows = conn.execute(sql, (" AND ".join(match), *args, limit)).fetchall()
    else:
        sql = f"SELECT {columns} FROM articles a WHERE {' AND '.join(where)} ORDER BY a.rowid DESC LIMIT ?"
        rows = conn.execute(sql, (*args, limit)).fetchall()
    return [SearchHit(u, t, c, k, p, _snippet(b, terms)) for u, t, c, k, p, b in rows]


# A place (city or category) by name, contains-match; or by slug, the last
# part of its address in the cached city or category lists ("city:lianyungang").
_PLACE = """(a.{column} LIKE ? ESCAPE '\\' OR a.{column} IN (
    SELECT json_extract(item.value, '$.name') FROM entries e, json_each(e.payload, '$.items') item
    WHERE e.kind = ? AND rtrim(json_extract(item.value, '$.url'), '/') LIKE ? ESCAPE '\\'))"""


def used_bytes(conn: Any) -> int:
    """Bytes of the file in use (free pages left by deletes not counted)."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    return int((pages - free) * size)


_KEEP = "(SELECT value FROM json_each(?))"


def evict(conn: Any, *, before: str | None, max_bytes: int | None, keep: Iterable[str]) -> int:
    """Delete entries fetched before ``before``, then the oldest until the
    file's used bytes fit ``max_bytes``; never a URL in ``keep``. Returns rows removed."""
    kept = json.dumps(sorted(set(keep)), ensure_ascii=False)
    removed = 0
    if before is not None:
        removed += conn.execute(
            f"DELETE FROM entries WHERE fetched_at < ? AND key NOT IN {_KEEP}", (before, kept)
        ).rowcount
        conn.execute(f"DELETE FROM articles WHERE fetched_at < ? AND url NOT IN {_KEEP}", (before, kept))
    while max_bytes is not None and used_bytes(conn) > max_bytes:
        oldest = conn.execute(
            f"SELECT kind, key FROM entries WHERE key NOT IN {_KEEP} ORDER BY fetched_at LIMIT 200", (kept,)
        ).fetchall()
        if not oldest:
            break
        conn.executemany("DELETE FROM entries WHERE kind = ? AND key = ?", oldest)
        conn.executemany("DELETE FROM articles WHERE url = ?", [(k,) for kind, k in oldest if kind == "article"])
        removed += len(oldest)
    return removed


def clear(conn: Any) -> None:
    """Everything out; the index emptied in one step instead of row by row."""
    conn.execute("DELETE FROM entries")
    conn.execute(DROP_TRIGGER_DELETE)
    conn.execute("DELETE FROM articles")
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
    conn.execute(TRIGGER_DELETE)


def check(conn: Any) -> list[str]:
    """Problems found, in words; empty when the cache is sound."""
    problems = [row[0] for row in conn.execute("PRAGMA quick_check") if row[0] != "ok"]
    try:
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    except Exception as exc:  # sqlite3 errors only: nothing else runs here
        problems.append(f"the search index is damaged ({exc}); 'cache vacuum' rebuilds it")
    orphans = conn.execute(
        "SELECT COUNT(*) FROM entries e WHERE e.kind = 'article' "
        "AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.url = e.key)"
    ).fetchone()[0]
    if orphans:
        problems.append(f"{orphans} cached articles are missing from the search table")
    return problems


def rebuild_index(conn: Any) -> None:
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, body) SELECT rowid, title || char(10), body || char(10) FROM articles"
    )
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")


def details(conn: Any) -> dict[str, Any]:
    """Counts and ages for ``cache stats``."""
    row = conn.execute("SELECT COUNT(*), MIN(fetched_at), MAX(fetched_at) FROM entries").fetchone()
    return {
        "articles_indexed": conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
        "oldest": row[1],
        "newest": row[2],
        "used_bytes": used_bytes(conn),
    }
