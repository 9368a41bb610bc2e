"""The command line's grammar: every option and sub-command (``build_parser``),
and the quick parse of the usual start (``parse_arguments``).

``commands`` dispatches what this parses.
"""

from __future__ import annotations

import argparse
import typing
from collections.abc import Callable

from tui_reader import __version__

__all__ = ["build_parser", "parse_arguments"]

_COMMON_FLAGS = frozenset({"--demo", "--offline", "--debug"})
_COMMON_VALUES = ("--site", "--base-url")


def parse_arguments(argv: list[str]) -> tuple[argparse.Namespace, Callable[[str], typing.NoReturn]]:
    """The parsed command line, and how to report a usage error (the parser's ``error``).

    The usual starts of the reader (no sub-command, or ``open URL``) name only
    global options written out in full: those are parsed without building the
    parsers of the twenty sub-commands (3 ms before the first screen). Anything
    else (another sub-command, ``--help``, an abbreviation, a mistake) goes to
    the full parser, so help, usage and error messages are always the full parser's."""
    words = _words_among_common_options(argv)
    if words == [] or (words is not None and len(words) == 2 and words[0] == "open"):
        quick = _common_options(_QuickParser(add_help=False), defaults=True)
        if words:
            quick.add_argument("command")
            quick.add_argument("url")
        try:
            return quick.parse_args(argv, argparse.Namespace(command=None)), _usage_error
        except _NotQuick:
            pass
    parser = build_parser()
    return parser.parse_args(argv), parser.error


def _words_among_common_options(argv: list[str]) -> list[str] | None:
    """The words that are no option (nor an option's value), when every option is a
    global one written out in full; None otherwise."""
    words: list[str] = []
    expects_value = False
    for arg in argv:
        if expects_value:
            if arg.startswith("-"):
                return None  # argparse has its own words for that
            expects_value = False
        elif arg in _COMMON_VALUES:
            expects_value = True
        elif not arg.startswith("-"):
            words.append(arg)
        elif arg not in _COMMON_FLAGS and not arg.startswith(tuple(f"{name}=" for name in _COMMON_VALUES)):
            return None
    return None if expects_value else words


class _NotQuick(Exception):
    """The quick parser found something only the full parser may judge."""


class _QuickParser(argparse.ArgumentParser):
    """The global options alone; leaves every complaint to the full parser."""

    def error(self, message: str) -> typing.NoReturn:
        raise _NotQuick(message)


def _usage_error(message: str) -> typing.NoReturn:
    """A usage error after a quick parse: said with the full parser's usage."""
    build_parser().error(message)


def build_parser() -> argparse.ArgumentParser:
    common = _common_options(argparse.ArgumentParser(add_help=False), defaults=True)
    # The same options after a sub-command; SUPPRESS keeps the sub-parser from
    # overwriting a value given before the sub-command with its own default.
    common_after = _common_options(argparse.ArgumentParser(add_help=False), defaults=False)

    parser = argparse.ArgumentParser(
        prog="tui-reader",
        description="A terminal reader for classifieds portals. With no command, opens the reader.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"tui-reader {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str, aliases: list[str] | None = None) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help, description=help, parents=[common_after], aliases=aliases or [])

    def with_json(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument("--json", action="store_true", help="print JSON instead of text")
        return sub

    with_json(command("cities", "list the portal's cities"))
    sub = with_json(command("categories", "list a city's categories"))
    sub.add_argument("city", help="city name (连云港) or slug (lianyungang)")
    sub = with_json(command("list", "list the articles of a category, or the rows of any list page"))
    sub.add_argument(
        "city",
        metavar="CITY|URL|FILE",
        help="a city (then a category), or the address of any list page, or a saved one",
    )
    sub.add_argument("category", nargs="?", help="category name (房产) or slug (fangchan)")
    sub.add_argument("--page", type=_positive_int, default=1, metavar="N", help="page number (default 1)")
    sub = with_json(command("read", "print one article (a URL, or a saved .html file)"))
    sub.add_argument("target", metavar="URL|FILE")
    _mask_option(sub)
    sub = command("open", "open the reader on one article")
    sub.add_argument("url", metavar="URL")
    sub = with_json(
        command("profile", "check a site profile against a page (check), or infer one from a portal's pages (infer)")
    )
    sub.add_argument("action", choices=("check", "infer"))
    sub.add_argument("target", metavar="URL|FILE")
    sub.add_argument("--name", metavar="NAME", help="infer: the new profile's name (default: from the host)")
    sub.add_argument("--save", action="store_true", help="infer: write it to your profiles folder")
    _library_commands(command, with_json)
    sub = command("config", "the settings file: print its path, check it, or write the commented defaults")
    sub.add_argument("action", choices=("path", "check", "init"))
    sub.add_argument("--force", action="store_true", help="init: replace an existing file")
    commands.add_parser(
        "demo-server",
        help="serve the demo portal (see demo-server --help)",
        add_help=False,
    )
    return parser


def _library_commands(
    command: Callable[..., argparse.ArgumentParser],
    with_json: Callable[[argparse.ArgumentParser], argparse.ArgumentParser],
) -> None:
    """sync, search, bookmarks, history, cache: the offline library (cli/library.py)."""
    sub = with_json(command("sync", "fetch listing pages and their articles for offline reading"))
    sub.add_argument("city")
    sub.add_argument("category", nargs="*", help="categories to sync (default: all of the city's)")
    sub.add_argument(
        "--pages", type=_positive_int, default=1, metavar="N", help="listing pages per category (default 1)"
    )
    sub.add_argument("--quiet", action="store_true", help="no progress bar")
    sub.add_argument(
        "--photos", action="store_true", help="also fetch the synced articles' photos into the photo cache"
    )
    sub = with_json(command("search", "search every cached article (works offline)"))
    sub.add_argument(
        "query", help="the search language: 2室 -中介 (整租 OR 合租) city:连云港 price:2000-3000 sort:price"
    )
    sub.add_argument("--limit", type=_positive_int, default=None, metavar="N", help="most results shown (default all)")
    _mask_option(sub)
    _collapse_option(sub)
    sub = with_json(
        command(
            "bookmarks",
            "list, add or remove bookmarks, or set one's note or status (to call, called, visited, rejected)",
            aliases=["bookmark"],
        )
    )
    sub.add_argument("action", nargs="?", choices=("list", "add", "remove", "note", "status"), default="list")
    sub.add_argument("url", nargs="?", metavar="URL")
    sub.add_argument("value", nargs="?", metavar="TEXT|STATUS", help="note: the text; status: the status ('' clears)")
    _hunting_commands(command, with_json)
    sub = with_json(command("history", "articles opened, most recent first"))
    sub.add_argument("--limit", type=_positive_int, default=50, metavar="N")
    sub = with_json(command("cache", "cache housekeeping: stats, check, clear, vacuum"))
    sub.add_argument("action", choices=("stats", "check", "clear", "vacuum"))
    sub.add_argument("--yes", action="store_true", help="clear: do not ask first")


def _hunting_commands(
    command: Callable[..., argparse.ArgumentParser],
    with_json: Callable[[argparse.ArgumentParser], argparse.ArgumentParser],
) -> None:
    """watch, kill, export: saved searches, the killfile, exports (cli/hunting.py, cli/export.py)."""
    sub = with_json(
        command("watch", "saved searches: add NAME QUERY, list, remove NAME, run [NAME] (new since last run)")
    )
    sub.add_argument("action", choices=("add", "list", "remove", "run"))
    sub.add_argument("name", nargs="?", metavar="NAME")
    sub.add_argument("query", nargs="?", metavar="QUERY")
    _mask_option(sub)
    _collapse_option(sub)
    sub = with_json(
        command("kill", "hide listings by phone, word or poster name: add KIND VALUE, list, remove KIND VALUE")
    )
    sub.add_argument("action", choices=("add", "list", "remove"))
    sub.add_argument("kind", nargs="?", metavar="phone|word|poster")
    sub.add_argument("value", nargs="?", metavar="VALUE")
    sub = command("export", "write bookmarks, a search's hits or a watch's matches as CSV, JSON or Markdown")
    sub.add_argument("what", choices=("bookmarks", "search", "watch"))
    sub.add_argument("target", nargs="?", metavar="QUERY|NAME", help="search: the query; watch: its name")
    sub.add_argument("--format", choices=("csv", "json", "md"), default="csv", help="default csv")
    sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE (replaced whole) instead of stdout")
    sub.add_argument("--limit", type=_positive_int, default=None, metavar="N", help="search: most rows (default all)")
    _mask_option(sub)
    _collapse_option(sub)


def _collapse_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--collapse", action="store_true", help="one row per post: its reposts (reworded, repriced, elsewhere) under it"
    )


def _mask_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--mask-contacts", action="store_true", help="mask phones, WeChat/QQ ids and contact names in the output"
    )


def _common_options(parser: argparse.ArgumentParser, *, defaults: bool) -> argparse.ArgumentParser:
    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    parser.add_argument(
        "--demo", action="store_true", default=default(False), help="read the bundled demo portal (served on 127.0.0.1)"
    )
    parser.add_argument(
        "--site", metavar="NAME", default=default(None), help="site profile to use (default: from config.toml)"
    )
    parser.add_argument(
        "--base-url", metavar="URL", default=default(None), help="the portal's address (overrides the profile's)"
    )
    parser.add_argument(
        "--offline", action="store_true", default=default(False), help="never touch the network; read the cache only"
    )
    parser.add_argument(
        "--debug", action="store_true", default=default(False), help="log fetches, cache hits and settings to a file"
    )
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value
