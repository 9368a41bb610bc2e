"""The rows ``search``, ``watch run`` and ``export`` print, and how a bad query is pointed at.

One shape for every command that lists articles (DESIGN §3): ``url``,
``title``, ``city``, ``category``, ``posted`` (``published`` kept as its
alias: ``search --json`` printed it first), ``price`` as the page shows it,
``price_value`` + ``price_unit`` when the price was understood.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tui_reader.cli.output import _clean
from tui_reader.render import counted

if TYPE_CHECKING:
    from tui_reader.errors import QueryError
    from tui_reader.models import SearchHit

KEPT_AS_THEY_ARE = frozenset({"url", "posted", "published", "added_at", "first_seen", "price_value", "price_unit"})
"""Row keys ``--mask-contacts`` leaves alone: addresses, times and typed numbers, no contact in them."""


def hit_row(hit: SearchHit) -> dict[str, Any]:
    return {
        "url": hit.url,
        "title": hit.title,
        "city": hit.city,
        "category": hit.category,
        "posted": hit.posted,
        "published": hit.published,
        "price": hit.price,
        "price_value": hit.price_value,
        "price_unit": hit.price_unit,
        "snippet": hit.snippet,
    }


REPOST_KEYS = ("url", "title", "city", "category", "posted", "price")
"""What a collapsed row says of each of its reposts."""


def hit_rows(hits: Sequence[SearchHit], *, collapse: bool = False) -> list[dict[str, Any]]:
    """One row per hit; with ``collapse`` one per post (``models.collapse``): its reposts
    under ``reposts`` and every place it was posted in under ``places``."""
    if not collapse:
        return [hit_row(hit) for hit in hits]
    from tui_reader.models import collapse as into_posts

    rows = []
    for post in into_posts(list(hits)):
        row = hit_row(post.lead)
        row["reposts"] = [{k: other[k] for k in REPOST_KEYS} for other in map(hit_row, post.others)]
        row["places"] = list(post.places)
        rows.append(row)
    return rows


def bookmark_row(mark: dict[str, Any]) -> dict[str, Any]:
    """A ``UserLibrary.bookmarks()`` entry as a row: its saved copy gives place, time and price."""
    from tui_reader.models import measures_of

    article = mark.get("article") or {}
    facts = article.get("facts") or {}
    pairs = [(str(k), str(v)) for k, v in facts.items()] if isinstance(facts, dict) else []
    body = article.get("body") or ()
    measures = measures_of(mark["title"], pairs, body if isinstance(body, str) else "\n\n".join(map(str, body)))
    return {
        "url": mark["url"],
        "title": mark["title"],
        "city": article.get("city"),
        "category": article.get("category"),
        "posted": article.get("published"),
        "price": measures.price_text,
        "price_value": measures.price_value,
        "price_unit": measures.price_unit,
        "added_at": mark["added_at"],
        "status": mark.get("status", ""),
        "note": mark.get("note", ""),
    }


def masked(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``--mask-contacts``: phones, WeChat/QQ ids and contact names masked in every text of every row."""
    from tui_reader.render import mask_contacts

    def mask(key: str, value: Any) -> Any:
        if isinstance(value, str):
            return value if key in KEPT_AS_THEY_ARE else mask_contacts(value)
        if isinstance(value, list):  # a collapsed row's reposts
            return masked(value) if all(isinstance(v, dict) for v in value) else value
        return value

    return [{k: mask(k, v) for k, v in row.items()} for row in rows]


def print_hits(rows: list[dict[str, Any]]) -> None:
    """Rows for people: title, place, price and time; the snippet; the address."""
    for row in rows:
        place = " › ".join(_clean(p) for p in (row["city"], row["category"]) if p)
        extra = "  ".join(
            x for x in (f"[{place}]" if place else "", _clean(row["price"] or ""), row["posted"] or "") if x
        )
        print(f"{_clean(row['title'])}{'  ' + extra if extra else ''}\n    {_clean(row['snippet'])}\n    {row['url']}")
        if row.get("reposts"):
            print(f"    {repost_line(row)}")


def repost_line(row: dict[str, Any]) -> str:
    """ "+3 reposts · also in 海州, 赣榆" for a collapsed row."""
    places = [_clean(p) for p in row.get("places", ())[1:]]
    also = f" · also in {', '.join(places)}" if places else ""
    return f"+{counted(len(row['reposts']), 'repost')}{also}"


def report_bad_query(command: str, text: str, error: QueryError) -> int:
    """The message, the query, and a caret under the bad part, on stderr; the usage exit code."""
    from rich.cells import cell_len  # display width: a CJK character takes two columns

    line = " ".join(text.splitlines())
    at = min(max(error.at, 0), len(line))
    print(f"tui-reader: {command}: {error}", file=sys.stderr)
    print(f"  {_clean(line)}\n  {' ' * cell_len(_clean(line[:at]))}^", file=sys.stderr)
    return 2


def found_line(count: int, limit: int | None) -> str:
    more = " (more: --limit)" if limit is not None and count == limit else ""
    return f"-- {counted(count, 'article')} found{more}"
