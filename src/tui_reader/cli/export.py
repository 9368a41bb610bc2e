"""``tui-reader export bookmarks|search QUERY|watch NAME --format csv|json|md [--mask-contacts] [-o FILE]``.

Rows are the ones ``search`` prints, bookmarks with their note and status, a
watch's matches with when each was first seen and whether it is unread
(``client.exporting``, ``render.exporting``). ``-o FILE`` is written whole or
not at all; without ``-o`` the export goes to stdout.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tui_reader import errors
from tui_reader.cli.rows import report_bad_query
from tui_reader.render import counted

if TYPE_CHECKING:
    from tui_reader.client import Client


async def emit_export(client: Client, args: argparse.Namespace) -> int:
    what = args.what
    if what == "bookmarks" and args.target is not None:
        return _usage("bookmarks takes nothing more")
    if what != "bookmarks" and not args.target:
        return _usage(f"{what} needs {'a query' if what == 'search' else 'the watch name'}: export {what} ...")
    try:
        done = client.user.export(
            what, args.format, args.target, limit=args.limit, collapse=args.collapse, mask=args.mask_contacts
        )
    except errors.QueryError as exc:
        return report_bad_query("export search", args.target, exc)
    if args.output is None:
        sys.stdout.write(done.text)
    else:
        client.user.save_export(args.output, done.text)
        print(f"exported {counted(done.rows, 'row')} to {args.output}", file=sys.stderr)
    return 0


def _usage(message: str) -> int:
    print(f"tui-reader: export: {message}", file=sys.stderr)
    return 2
