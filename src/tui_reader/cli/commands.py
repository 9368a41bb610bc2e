"""The command line: the TUI by default, plus scriptable sub-commands.

Exit codes: 0 ok, 1 runtime failure (one line on stderr), 2 usage error.
Human output by default, ``--json`` for scripts (see DESIGN.md §3).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from tui_reader import errors
from tui_reader.cli.arguments import parse_arguments
from tui_reader.cli.targets import list_target, looks_like_path
from tui_reader.gcpause import resume_collection

if TYPE_CHECKING:
    from tui_reader.client import Client, Session

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # demo-server has its own flags (faults, port); hand it the rest untouched.
    if argv and argv[0] == "demo-server":
        resume_collection()
        from tui_reader.demo import main as demo_main

        return demo_main(argv[1:])
    args, usage_error = parse_arguments(argv)
    target = list_target(args)
    if target is not None and "://" not in target and not os.path.isfile(os.path.expanduser(target)):
        if looks_like_path(target):
            print(f"tui-reader: no such file: {target}", file=sys.stderr)
            return EXIT_FAILURE
        usage_error(
            f"list: {target!r} is neither a list page's address nor a file; "
            "to list a category give its city too: list CITY CATEGORY"
        )
    if args.command not in (None, "open"):
        resume_collection()  # only the TUI waits for its first screen (see gcpause)
    if args.debug:
        from tui_reader.cli.diagnostics import start_debug_log

        print(f"tui-reader: debug log in {start_debug_log(argv)}", file=sys.stderr)
    if args.demo and args.site is not None:
        from tui_reader.cli.session import DEMO_STYLES

        if args.site not in DEMO_STYLES:
            usage_error(f"--demo reads the demo portal: --site must be one of {', '.join(DEMO_STYLES)}")
    try:
        if args.command is None:
            return _run_tui(args, open_url=None)
        if args.command == "open":
            return _run_tui(args, open_url=args.url)
        return _run_command(args)
    except errors.ReaderError as exc:
        print(f"tui-reader: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`| head`): nothing left to say.
        # Point stdout at /dev/null so the interpreter's final flush is quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug: its traceback goes to a crash log, not over the screen
        return _report_crash(exc, argv)


def _report_crash(error: Exception, argv: list[str]) -> int:
    from tui_reader.cli.diagnostics import write_crash_log

    summary = f"{type(error).__name__}: {error}".strip().rstrip(":")
    try:
        where = f"details in {write_crash_log(error, argv)}"
    except OSError as exc:
        where = f"no crash log could be written ({exc})"
    print(f"tui-reader: unexpected error ({' '.join(summary.split())}); {where}", file=sys.stderr)
    return EXIT_FAILURE


def _options(args: argparse.Namespace) -> Any:
    from tui_reader.cli.session import RunOptions

    named = [getattr(args, "url", None), getattr(args, "target", None)]  # bookmarks add URL too
    base_url = args.base_url
    list_url = list_target(args)
    if list_url is not None and "://" in list_url:
        named.append(list_url)
        if base_url is None and args.site is None and not args.demo:
            # Any list page: read with the profile that claims its host, else discovered.
            from urllib.parse import urlsplit

            parts = urlsplit(list_url)
            base_url = f"{parts.scheme}://{parts.netloc}"
    return RunOptions(
        demo=args.demo,
        site=args.site,
        base_url=base_url,
        offline=args.offline,
        named_urls=tuple(u for u in named if u and "://" in u),
    )


def _run_tui(args: argparse.Namespace, *, open_url: str | None) -> int:
    from tui_reader.cli.session import open_session
    from tui_reader.remembered import Memory
    from tui_reader.ui import ReaderApp, SyncOptions, ui_settings

    # The last site, place and theme: `open URL` names its target, so only
    # the plain reader goes back to the last site.
    memory = Memory.load()
    session = open_session(_options(args), memory if open_url is None else None)
    try:
        settings = ui_settings(session.config)
        memory.bind(session.site_key, settings.theme)
        # The client's HTTP connection pool and SQLite handle are created lazily,
        # so making it here and using it inside the app's event loop is safe.
        client = session.make_client()
        notice = "; ".join(session.notices) or None
        # The S key syncs like `tui-reader sync`: paced by the [sync] settings.
        sync_options = SyncOptions(
            make_client=lambda: session.make_client(for_sync=True),
            concurrency=session.config.sync_concurrency,
        )
        app = ReaderApp(
            client,
            site_title=session.site_title,
            open_url=open_url,
            notice=notice,
            sync_options=sync_options,
            keymap=settings.keymap,
            theme=memory.theme() or settings.theme,
            user_themes=settings.user_themes,
            memory=memory,
            images=settings.images,
        )
        app.run()
    finally:
        session.close()
    if app.unexpected_error is not None:
        raise app.unexpected_error
    return EXIT_OK if app.return_code in (None, 0) else app.return_code


_LOCAL_COMMANDS = frozenset({"search", "history", "cache", "watch", "kill", "export"})
"""Commands that only read local files: they never start the demo portal or fetch."""


Handler = Callable[["Client", argparse.Namespace], Awaitable[int]]
"""A sub-command that reads through a client: it prints, and returns the exit code."""


def _handlers() -> dict[str, Handler]:
    """Every sub-command that needs a client, by name (imported when a command runs)."""
    from tui_reader.cli import export, hunting, library, output

    return {
        "cities": output.emit_cities,
        "categories": output.emit_categories,
        "list": output.emit_list,
        "read": output.emit_read,
        "sync": library.emit_sync,
        "search": library.emit_search,
        "bookmarks": library.emit_bookmarks,
        "bookmark": library.emit_bookmarks,
        "watch": hunting.emit_watch,
        "kill": hunting.emit_kill,
        "export": export.emit_export,
        "history": library.emit_history,
        "cache": library.emit_cache,
    }


def _run_command(args: argparse.Namespace) -> int:
    from tui_reader.cli import output
    from tui_reader.cli.targets import is_local_file

    if args.command == "read" and is_local_file(args.target):
        return output.emit_article_file(args)
    if args.command == "read" and "://" not in args.target:
        raise errors.ReaderError(f"no such file: {args.target}")
    target = list_target(args)
    if target is not None and is_local_file(target):
        return output.emit_list_file(args)
    if args.command == "profile" and args.action == "infer":
        from tui_reader.cli.profile_infer import emit_profile_infer

        return asyncio.run(emit_profile_infer(args))
    if args.command == "profile":
        from tui_reader.cli.profile_check import emit_profile_check

        return emit_profile_check(args)
    if args.command == "config":
        from tui_reader.cli.config import emit_config

        return emit_config(args)

    from tui_reader.cli.session import open_session

    handler = _handlers()[args.command]
    options = _options(args)
    if args.command in _LOCAL_COMMANDS:
        options = options._replace(offline=True)
    session = open_session(options)
    try:
        args.config = session.config
        return asyncio.run(_with_client(session, handler, args))
    finally:
        session.close()


async def _with_client(session: Session, handler: Handler, args: argparse.Namespace) -> int:
    client = session.make_client(for_sync=args.command == "sync")
    try:
        for notice in session.notices:
            print(f"tui-reader: {notice}", file=sys.stderr)
        return await handler(client, args)
    finally:
        await client.aclose()
