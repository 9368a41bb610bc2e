"""How ``search`` and ``watch run`` print their rows for people, and how a bad query is
pointed at. The rows themselves (and ``--json``'s) are ``render.exporting``'s."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from tui_reader.cli.output import _clean
from tui_reader.render import counted, hit_rows, masked_rows

__all__ = ["found_line", "hit_rows", "masked_rows", "print_hits", "repost_line", "report_bad_query"]

if TYPE_CHECKING:
    from tui_reader.errors import QueryError


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
