"""What the hunting sub-commands print: ``watch``, ``kill``, and a bookmark's note and status.

Same rules as ``output``: page-derived text through ``sanitize.clean``, one
JSON document with ``--json``, notes on stderr. ``watch run`` is for cron:
exit 0, and in human mode nothing at all on stdout when nothing is new.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tui_reader import errors
from tui_reader.cli.output import _clean, _print_json
from tui_reader.cli.rows import hit_rows, masked_rows, print_hits, report_bad_query
from tui_reader.render import counted

if TYPE_CHECKING:
    from tui_reader.client import Client
    from tui_reader.models import WatchInfo

EXIT_USAGE = 2


def _usage(command: str, message: str) -> int:
    print(f"tui-reader: {command}: {message}", file=sys.stderr)
    return EXIT_USAGE


async def emit_watch(client: Client, args: argparse.Namespace) -> int:
    action = args.action
    if action == "add":
        if not args.name or args.query is None:
            return _usage("watch", "add needs a name and a query: watch add NAME QUERY")
        try:
            info = client.user.watch_add(args.name, args.query)
        except errors.QueryError as exc:
            return report_bad_query("watch add", args.query, exc)
        if args.json:
            _print_json(_watch_dict(info))
        else:
            print(f"watching {_clean(info.name)}: {counted(info.matches, 'match')} now")
        return 0
    if args.query is not None:
        return _usage("watch", f"{action} takes no query")
    if action == "remove":
        if not args.name:
            return _usage("watch", "remove needs the watch's name")
        client.user.watch_remove(args.name)
        if args.json:
            _print_json({"removed": args.name})
        else:
            print(f"removed watch {_clean(args.name)}")
        return 0
    if action == "run":
        return _watch_run(client, args)
    if args.name:
        return _usage("watch", "list takes no name")
    watches = client.user.watches()
    if args.json:
        _print_json([_watch_dict(w) for w in watches])
        return 0
    for info in watches:
        print(f"{_clean(info.name)}: {_clean(info.query)}  ({counted(info.matches, 'match')}, {info.new} new)")
    if not watches:
        print("no watches yet: watch add NAME QUERY", file=sys.stderr)
    return 0


def _watch_run(client: Client, args: argparse.Namespace) -> int:
    try:
        runs = client.user.watch_runs(args.name)
    except errors.QueryError as exc:
        print(f"tui-reader: watch run: {exc}", file=sys.stderr)
        return 1  # a kept query this version cannot read: not the caller's typing
    rows = [{**row, "watch": name} for name, hits in runs.items() for row in hit_rows(hits, collapse=args.collapse)]
    if args.mask_contacts:
        rows = masked_rows(rows)
    if args.json:
        _print_json(rows)
        return 0
    for name in runs:
        mine = [row for row in rows if row["watch"] == name]
        if mine:
            print(f"== {_clean(name)}: {counted(len(mine), 'new match')}")
            print_hits(mine)
    return 0


def _watch_dict(info: WatchInfo) -> dict[str, object]:
    return {
        "name": info.name,
        "query": info.query,
        "created": info.created,
        "matches": info.matches,
        "new": info.new,
        "last_run": info.last_run,
    }


async def emit_kill(client: Client, args: argparse.Namespace) -> int:
    from tui_reader.models import KILL_KINDS

    action = args.action
    if action in ("add", "remove"):
        if args.kind not in KILL_KINDS or not args.value:
            return _usage(
                "kill", f"{action} needs what to kill and its value: kill {action} {'|'.join(KILL_KINDS)} VALUE"
            )
        if action == "add":
            kill = client.user.kill_add(args.kind, args.value)
            message: dict[str, str] = {"killed": kill.kind, "value": kill.value}
            line = f"hiding listings with {kill.kind} {_clean(kill.value)}"
        else:
            client.user.kill_remove(args.kind, args.value)
            message = {"unkilled": args.kind, "value": args.value}
            line = f"showing listings with {args.kind} {_clean(args.value)} again"
        if args.json:
            _print_json(message)
        else:
            print(line)
        return 0
    if args.kind or args.value:
        return _usage("kill", "list takes nothing more")
    kills = client.user.kills()
    if args.json:
        _print_json([{"kind": k.kind, "value": k.value, "added": k.added} for k in kills])
        return 0
    for kill in kills:
        print(f"{kill.kind:<7} {_clean(kill.value)}")
    return 0


async def emit_bookmark_change(client: Client, args: argparse.Namespace) -> int:
    """``bookmarks note URL TEXT`` and ``bookmarks status URL STATUS`` ("" clears either)."""
    from tui_reader.models import BOOKMARK_STATUSES, check_bookmark_status

    action = args.action
    if not args.url or args.value is None:
        what = "TEXT" if action == "note" else "|".join(repr(s) for s in BOOKMARK_STATUSES)
        return _usage("bookmarks", f"{action} needs the article's URL and {what}")
    if action == "note":
        client.user.bookmark_note(args.url, args.value)
        changed = {"url": args.url, "note": args.value.strip()}
    else:
        try:
            status = check_bookmark_status(args.value)
        except errors.ReaderError as exc:  # an unknown status is the caller's typing: a usage error
            return _usage("bookmarks", str(exc))
        changed = {"url": args.url, "status": client.user.bookmark_status(args.url, status)}
    if args.json:
        _print_json(changed)
    else:
        key = "note" if action == "note" else "status"
        print(f"{key} of {args.url}: {_clean(changed[key]) or '(none)'}")
    return 0
