"""Search, eviction and checks over the cache's tables (private to ``store``).

Functions here take an open connection from ``Store`` (which owns locking,
transactions and error wording) and hold the SQL for one job each.

Search and Chinese: the index is FTS5 with the trigram tokenizer, which finds
any substring of three or more characters but returns nothing for shorter
queries, and Chinese queries are often two characters ("单车", "租房"). For
those we look up, in the index's own term list, every trigram that *starts*
with the two characters — each column is indexed with a trailing newline, so
every occurrence has one — and match any of them: still an index lookup, and
exact. A one-character word (the query language asks for quotes around it)
has too many such trigrams to be worth it and scans the table with LIKE
instead (correct, slower). How a whole query becomes SQL: ``query_sql``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from tui_reader.models import Query, SearchHit
from tui_reader.store.photos import photo_bytes
from tui_reader.store.query_sql import NOTHING, compile_query
from tui_reader.store.schema import DROP_TRIGGER_DELETE, TRIGGER_DELETE

__all__ = ["SearchHit", "check", "clear", "details", "evict", "search", "used_bytes"]


def _snippet(body: str, terms: tuple[str, ...], width: int = 60) -> str:
    lowered = body.casefold()
    at = min((i for i in (lowered.find(t.casefold()) for t in terms) if i >= 0), default=0)
    start = max(0, at - width // 3)
    text = " ".join(body[start : start + width].split())
    return ("…" if start else "") + text + ("…" if start + width < len(body) else "")


def search(conn: Any, query: Query, limit: int | None) -> list[SearchHit]:
    """The articles ``query`` asks for (the SQL: ``query_sql``); ``limit=None``: all of them."""
    if query.empty:
        return []
    compiled = compile_query(conn, query, limit)
    if compiled is NOTHING:
        return []
    terms = query.highlights
    return [
        SearchHit(
            url,
            title,
            city,
            category,
            published,
            _snippet(body, terms),
            price=price,
            price_value=value,
            price_unit=unit,
            area=area,
            rooms=rooms,
            district=district,
            phones=tuple(phones.split()) if phones else (),
            likeness=likeness,
            gone_at=gone_at,
        )
        for url, title, city, category, published, body, price, value, unit, area, rooms, district, phones, likeness, gone_at in conn.execute(
            compiled.sql, compiled.args
        )
    ]


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
    # Photos have a budget of their own (store/photos.py): only pages count here.
    while max_bytes is not None and used_bytes(conn) - photo_bytes(conn) > max_bytes:
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
