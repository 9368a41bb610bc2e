"""``tui-reader profile check URL|FILE``: what a site profile finds on one page.

Gets the page (over the network, or from a saved file in any encoding), runs
:func:`tui_reader.sites.check.check_page` and prints the report: a table of
selectors for people, one object with ``--json`` for scripts. The report says
how the page's bytes were decoded, and when the bytes overruled the charset
the server or the page declared: a profile written against mojibake would
match nothing on the real page. Every string from the page is sanitised here,
at the edge, in both forms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from tui_reader import errors
from tui_reader.render import clean_line, counted

_PAGE_WORDS = {
    "listings": "a listing page",
    "cities": "a city list",
    "categories": "a category list",
    "article": "an article",
    "nothing": "nothing the profile or the generic extractor can read",
}


def emit_profile_check(args: argparse.Namespace) -> int:
    from tui_reader.cli.config import read_config
    from tui_reader.cli.session import find_profile
    from tui_reader.cli.targets import is_local_file
    from tui_reader.client import check_page, download_explained, read_saved_page

    if args.demo and not is_local_file(args.target):
        return _check_on_demo(args)
    config = read_config()
    profile = find_profile(
        args.demo, args.site, config, args.base_url or (args.target if "://" in args.target else None)
    )
    if "://" in args.target:
        decoded, url = asyncio.run(download_explained(args.target, config))
    elif is_local_file(args.target):
        decoded, url = read_saved_page(args.target)
    else:
        raise errors.ReaderError(f"no such file: {args.target} (give a saved page or an http(s) address)")
    _print(check_page(decoded.text, url, profile, decoded).to_dict(), as_json=args.json)
    return 0


def _check_on_demo(args: argparse.Namespace) -> int:
    """``--demo``: the bundled portal is started as for any command, and a path
    (``/lianyungang/``) or the demo's usual address is read from wherever it runs."""
    from tui_reader.cli.session import DEMO_PORTS, DEMO_STYLES, RunOptions, open_session
    from tui_reader.client import check_page, download_explained

    session = open_session(RunOptions(demo=True, site=args.site, offline=args.offline))
    try:
        session.start_network()
        usual = f"http://127.0.0.1:{DEMO_PORTS[DEMO_STYLES[session.profile.name]]}"
        target = args.target
        if target.startswith("/"):
            target = session.base_url + target
        elif target == usual or target.startswith(usual + "/"):
            target = session.base_url + target[len(usual) :]
        elif "://" not in target:
            raise errors.ReaderError(
                f"no such file: {target} (give a saved page, a path like /lianyungang/, or an address)"
            )
        decoded, url = asyncio.run(download_explained(target, session.config))
        _print(check_page(decoded.text, url, session.profile, decoded).to_dict(), as_json=args.json)
    finally:
        session.close()
    return 0


def _print(report: dict[str, Any], *, as_json: bool) -> None:
    if as_json:
        json.dump(_sanitised(report), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_report(report)


def _sanitised(value: Any) -> Any:
    if isinstance(value, str):
        return clean_line(value)
    if isinstance(value, dict):
        return {key: _sanitised(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_sanitised(item) for item in value]
    return value


def _print_report(report: dict[str, Any]) -> None:
    report = _sanitised(report)
    where = f" ({report['profile_file']})" if report["profile_file"] else ""
    print(f"profile {report['profile']}{where}")
    print(f"page    {report['url']}")
    print(f"reads as {_PAGE_WORDS[report['page']]}")
    kind = report["kind"]
    if kind["kind"]:
        print(f"kind    {kind['kind']} ({kind['reason']})")
    if report["charset"]:
        _print_charset(report["charset"])
    section = None
    for row in report["selectors"]:
        if row["section"] != section:
            section = row["section"]
            print(f"\n[{section}]")
        scope = "" if row["scope"] == "page" else f" (in {row['scope']})"
        count = counted(row["count"], "match")
        values = f"  {' | '.join(row['values'])}" if row["values"] else ""
        print(f"  {row['key']:<14} {row['selector']}{scope}: {count}{values}")
    print()
    result = report["result"]
    if report["page"] == "article":
        generic = ", ".join(report["generic"])
        print(f"generic extraction: {generic or 'none, every part came from the profile'}")
        for key in ("title", "published", "views", "city", "category", "paragraphs", "first_paragraph"):
            print(f"  {key:<15} {result[key] if result[key] is not None else '-'}")
    elif report["page"] == "listings":
        last = f" of {result['last_number']}" if result["last_number"] else ""
        print(f"{counted(result['rows'], 'row')}, page {result['number']}{last}, next: {result['next_url'] or '-'}")
    elif report["page"] in ("cities", "categories"):
        names = [item["name"] for item in result[report["page"]]]
        noun = "city" if report["page"] == "cities" else "category"
        print(f"{counted(len(names), noun)}: {' '.join(names[:12])}{' …' if len(names) > 12 else ''}")
    for note in report["notes"]:
        print(f"note: {note}")


def _print_charset(charset: dict[str, Any]) -> None:
    declared = ", ".join(f"{d['label']} in the {d['source']}" for d in charset["declared"])
    print(f"charset {charset['used']} ({'declared ' + declared if declared else 'nothing declared'})")
    if charset["note"]:
        print(f"        {charset['note']}")
