"""What the offline-library sub-commands print: sync, search, bookmarks, history, cache
(watches, the killfile and a bookmark's note and status: ``hunting``; exports: ``export``).

Same rules as ``output``: page-derived text goes through ``sanitize.clean``,
``--json`` prints one JSON document on stdout, progress and notes go to stderr.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from tui_reader import errors
from tui_reader.cli.output import _clean, _print_json
from tui_reader.render import counted

if TYPE_CHECKING:
    from tui_reader.client import Client


async def emit_sync(client: Client, args: argparse.Namespace) -> int:
    from tui_reader.client import sync

    config = args.config
    with _progress_bar(enabled=sys.stderr.isatty() and not args.quiet) as on_progress:
        report = await sync(
            client,
            args.city,
            args.category,
            pages=args.pages,
            concurrency=config.sync_concurrency,
            on_progress=on_progress,
            photos=args.photos,
        )
    if args.json:
        _print_json(report.to_dict())
    else:
        print(f"sync: {report.summary()}")
        for name, new in report.watches.items():
            if new:
                print(f"  watch {_clean(name)}: {counted(new, 'new match')}")
        for url, reason in report.failed[:20]:
            print(f"  failed: {url}: {_clean(reason)}")
        if len(report.failed) > 20:
            print(f"  … and {len(report.failed) - 20} more")
        for url, reason in report.photos_failed[:5]:
            print(f"  photo not cached: {url}: {_clean(reason)}")
        if len(report.photos_failed) > 5:
            print(f"  … and {len(report.photos_failed) - 5} more photos")
    for host in report.backed_off:
        print(
            f"tui-reader: {_clean(host)} asked for a captcha; the sync stopped asking it "
            "(what was stored is kept; try again later)",
            file=sys.stderr,
        )
    if report.failed:
        print(f"tui-reader: {counted(len(report.failed), 'page')} could not be synced", file=sys.stderr)
        return 1
    return 0


class _progress_bar:
    """A Rich progress bar on stderr (counts, rate, ETA), fed by sync's callback."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> Any:
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("sync"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("{task.fields[counts]}"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task("sync", total=None, rate="", counts="")
        return self._update

    def _update(self, state: Any) -> None:
        task = self._progress.tasks[0]
        speed = task.speed
        counts = f"{state.new} new {state.updated} upd {state.unchanged} same {state.current} cur {state.failed} fail"
        self._progress.update(
            self._task,
            completed=state.done,
            total=max(state.total, state.done),
            rate=f"{speed:.1f}/s" if speed else "",
            counts=counts,
        )

    def __exit__(self, *exc_info: object) -> None:
        if self._progress is not None:
            self._progress.stop()


async def emit_search(client: Client, args: argparse.Namespace) -> int:
    from tui_reader.cli.rows import found_line, hit_rows, masked_rows, print_hits, report_bad_query

    try:
        hits = client.user.search(args.query, limit=args.limit)
    except errors.QueryError as exc:
        return report_bad_query("search", args.query, exc)  # bad syntax is a usage error
    rows = hit_rows(hits, collapse=args.collapse)
    if args.mask_contacts:
        rows = masked_rows(rows)
    if args.json:
        _print_json(rows)
        return 0
    print_hits(rows)
    print(found_line(len(rows), args.limit), file=sys.stderr)
    return 0


async def emit_bookmarks(client: Client, args: argparse.Namespace) -> int:
    action = args.action
    if action in ("note", "status"):
        from tui_reader.cli.hunting import emit_bookmark_change

        return await emit_bookmark_change(client, args)
    if args.value is not None:
        print(f"tui-reader: bookmarks: {action} takes one URL at most", file=sys.stderr)
        return 2
    if action == "add":
        if not args.url:
            raise errors.ReaderError("bookmarks add needs the article's URL")
        article = await client.user.bookmark(args.url)
        if args.json:
            _print_json({"added": args.url, "title": article.title})
        else:
            print(f"bookmarked: {_clean(article.title)}")
        return 0
    if action == "remove":
        if not args.url:
            raise errors.ReaderError("bookmarks remove needs the article's URL")
        if not client.user.unbookmark(args.url):
            raise errors.NotFound(f"{args.url} is not bookmarked")
        if args.json:
            _print_json({"removed": args.url})
        else:
            print(f"removed: {args.url}")
        return 0
    marks = client.user.bookmarks()
    if args.json:
        _print_json([{k: m[k] for k in ("url", "title", "added_at", "status", "note")} for m in marks])
        return 0
    for mark in marks:
        status = f"  [{mark['status']}]" if mark["status"] else ""
        note = f"\n    note: {_clean(mark['note'])}" if mark["note"] else ""
        print(f"{mark['added_at'][:16].replace('T', ' ')}  {_clean(mark['title'])}{status}\n    {mark['url']}{note}")
    return 0


async def emit_history(client: Client, args: argparse.Namespace) -> int:
    entries = client.user.history(args.limit)
    if args.json:
        _print_json(entries)
        return 0
    for entry in entries:
        print(f"{entry['opened_at'][:16].replace('T', ' ')}  {_clean(entry['title'])}\n    {entry['url']}")
    return 0


async def emit_cache(client: Client, args: argparse.Namespace) -> int:
    action = args.action
    if action == "stats":
        data = client.user.cache_stats()
        if args.json:
            _print_json(data)
        else:
            for key, value in data.items():
                print(f"{key}: {value}")
        return 0
    if action == "check":
        problems = client.user.cache_problems()
        if args.json:
            _print_json({"ok": not problems, "problems": problems})
        else:
            print("the cache is sound" if not problems else "\n".join(problems))
        if problems:
            print(f"tui-reader: the cache has {counted(len(problems), 'problem')}", file=sys.stderr)
            return 1
        return 0
    message: dict[str, object]
    if action == "clear":
        if not args.yes and not _confirmed_clear(client.user.cached_pages(), client.user.cached_photos()):
            return 0
        message = {"cleared": client.user.clear_cache()}
    else:  # vacuum
        message = {**client.user.vacuum_cache()}
    if args.json:
        _print_json(message)
    else:
        print(", ".join(f"{k}: {v}" for k, v in message.items()))
    return 0


def _confirmed_clear(pages: int, photos: int) -> bool:
    """Ask on a terminal; without one there is nobody to ask, so refuse (nothing deleted)."""
    if not sys.stdin.isatty():
        raise errors.ReaderError("cache clear asks first; add --yes to clear without a question")
    what = counted(pages, "cached page") + (f" and {counted(photos, 'photo')}" if photos else "")
    print(f"Delete {what} (bookmarks and history are kept)? [y/N] ", end="", file=sys.stderr)
    sys.stderr.flush()
    if sys.stdin.readline().strip().casefold() in ("y", "yes"):
        return True
    print("nothing deleted", file=sys.stderr)
    return False
