"""``tui-reader export bookmarks|search QUERY|watch NAME --format csv|json|md [--mask-contacts] [-o FILE]``.

Rows are the ones ``search`` prints (``rows.hit_row``), bookmarks with their
note and status, a watch's matches with when each was first seen and whether
it is unread. CSV through the ``csv`` module (quoting done right for titles
with commas and quotes), Markdown as one table. ``-o FILE`` is written to a
temporary file beside it and moved into place, so a reader of FILE never
sees half an export; without ``-o`` the export goes to stdout.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui_reader import errors
from tui_reader.cli.rows import bookmark_row, hit_rows, masked, report_bad_query
from tui_reader.render import counted

if TYPE_CHECKING:
    from tui_reader.client import Client

FORMATS = ("csv", "json", "md")


async def emit_export(client: Client, args: argparse.Namespace) -> int:
    what = args.what
    if what == "bookmarks" and args.target is not None:
        return _usage("bookmarks takes nothing more")
    if what != "bookmarks" and not args.target:
        return _usage(f"{what} needs {'a query' if what == 'search' else 'the watch name'}: export {what} ...")
    if what == "bookmarks":
        rows = [bookmark_row(mark) for mark in client.user.bookmarks()]
    elif what == "search":
        try:
            rows = hit_rows(client.user.search(args.target, limit=args.limit), collapse=args.collapse)
        except errors.QueryError as exc:
            return report_bad_query("export search", args.target, exc)
    else:
        matches = client.user.watch_matches(args.target)
        seen = {m.hit.url: m for m in matches}
        rows = [
            {**row, "first_seen": seen[row["url"]].first_seen, "unread": seen[row["url"]].unread}
            for row in hit_rows([m.hit for m in matches], collapse=args.collapse)
        ]
    if args.mask_contacts:
        rows = masked(rows)
    columns = _columns(what) + (["reposts", "places"] if args.collapse and what != "bookmarks" else [])
    text = _FORMATTERS[args.format](rows, columns)
    if args.output is None:
        sys.stdout.write(text)
    else:
        _write_atomically(Path(args.output), text)
        print(f"exported {counted(len(rows), 'row')} to {args.output}", file=sys.stderr)
    return 0


def _usage(message: str) -> int:
    print(f"tui-reader: export: {message}", file=sys.stderr)
    return 2


def _columns(what: str) -> list[str]:
    common = ["url", "title", "city", "category", "posted", "price", "price_value", "price_unit"]
    if what == "bookmarks":
        return [*common, "status", "note", "added_at"]
    if what == "watch":
        return [*common, "first_seen", "unread", "snippet"]
    return [*common, "snippet"]


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


def _write_atomically(path: Path, text: str) -> None:
    path = path.expanduser()
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise errors.ReaderError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        # mkstemp makes the file private (0600); an export gets the mode any new file of the user's would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise errors.ReaderError(f"cannot write {path}: {exc.strerror or exc}") from None
