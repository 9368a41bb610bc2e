"""Articles as rows of plain values, and rows as CSV, JSON or Markdown: what ``search``,
``watch run`` and ``export`` print, and what the reader's own export writes.

One shape for every list of articles (DESIGN §3): ``url``, ``title``,
``city``, ``category``, ``posted`` (``published`` kept as its alias: ``search
--json`` printed it first), ``price`` as the page shows it, ``price_value`` +
``price_unit`` when the price was understood. CSV through the ``csv`` module
(quoting done right for titles with commas and quotes), Markdown as one table.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui_reader.models import SearchHit

__all__ = [
    "EXPORT_FORMATS",
    "bookmark_row",
    "export_columns",
    "export_text",
    "hit_row",
    "hit_rows",
    "masked_rows",
]

EXPORT_FORMATS = ("csv", "json", "md")

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


def masked_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``--mask-contacts``: phones, WeChat/QQ ids and contact names masked_rows in every text of every row."""
    from tui_reader.render import mask_contacts

    def mask(key: str, value: Any) -> Any:
        if isinstance(value, str):
            return value if key in KEPT_AS_THEY_ARE else mask_contacts(value)
        if isinstance(value, list):  # a collapsed row's reposts
            return masked_rows(value) if all(isinstance(v, dict) for v in value) else value
        return value

    return [{k: mask(k, v) for k, v in row.items()} for row in rows]


def export_columns(what: str, *, collapse: bool = False) -> list[str]:
    """The columns of an export of ``bookmarks``, a ``search`` or a ``watch``'s matches."""
    common = ["url", "title", "city", "category", "posted", "price", "price_value", "price_unit"]
    if what == "bookmarks":
        return [*common, "status", "note", "added_at"]
    folded = ["reposts", "places"] if collapse else []
    if what == "watch":
        return [*common, "first_seen", "unread", "snippet", *folded]
    return [*common, "snippet", *folded]


def export_text(rows: list[dict[str, Any]], columns: list[str], fmt: str) -> str:
    """``rows`` (their ``columns``, in order) as a whole ``csv``, ``json`` or ``md`` document."""
    return _FORMATTERS[fmt](rows, columns)


def _as_json(rows: list[dict[str, Any]], columns: list[str]) -> str:
    return json.dumps([{c: row.get(c) for c in columns} for row in rows], ensure_ascii=False, indent=2) + "\n"


def _as_csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({c: _flat(row.get(c)) for c in columns} for row in rows)
    return out.getvalue()


def _flat(value: Any) -> Any:
    """A cell of a table: a collapsed row's reposts by their addresses, its places by name."""
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(v["url"]) if isinstance(v, dict) else str(v) for v in value)
    return value


def _as_markdown(rows: list[dict[str, Any]], columns: list[str]) -> str:
    def cell(value: Any) -> str:
        # One line per row, and a | in a title must not open a new column.
        text = str(_flat(value))
        return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(row.get(c)) for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"


_FORMATTERS = {"csv": _as_csv, "json": _as_json, "md": _as_markdown}
