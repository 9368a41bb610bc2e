"""What the sub-commands print: plain text for people, JSON for scripts.

Page-derived text is passed through ``sanitize.clean`` before it reaches the
terminal, so a hostile title cannot move the cursor or retitle the window.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tui_reader.models import Article, Sourced


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _clean(text: str) -> str:
    from tui_reader.sanitize import clean

    return clean(text)


def _freshness(result: Sourced[Any]) -> str | None:
    """A line for stderr when the answer did not come fresh from the portal."""
    if result.source == "stale-cache":
        from tui_reader.timefmt import ago

        why = f" ({result.note})" if result.note else ""
        return f"showing cached data from {ago(result.fetched_at)}{why}"
    return None


def _report(result: Sourced[Any]) -> None:
    line = _freshness(result)
    if line:
        print(f"tui-reader: {line}", file=sys.stderr)


async def emit_cities(client: Any, args: argparse.Namespace) -> int:
    result = await client.cities()
    _report(result)
    if args.json:
        _print_json([c.to_dict() for c in result.value])
        return 0
    by_province: dict[str, list[str]] = {}
    for city in result.value:
        by_province.setdefault(city.province or "-", []).append(_clean(city.name))
    for province, names in by_province.items():
        print(f"{_clean(province)}: {' '.join(names)}")
    return 0


async def emit_categories(client: Any, args: argparse.Namespace) -> int:
    city = await client.find_city(args.city)
    result = await client.categories(city)
    _report(result)
    if args.json:
        _print_json([c.to_dict() for c in result.value])
        return 0
    for category in result.value:
        print(f"{_clean(category.name)}\t{category.url}")
    return 0


async def emit_list(client: Any, args: argparse.Namespace) -> int:
    city = await client.find_city(args.city)
    category = await client.find_category(city, args.category)
    result = await client.listing_page(category, args.page)
    _report(result)
    page = result.value
    if args.json:
        from tui_reader.models import page_of_listings_to_dict

        _print_json({**page_of_listings_to_dict(page), "source": result.source})
        return 0
    for item in page.items:
        date = item.published.strftime("%Y-%m-%d") if item.published else "          "
        views = f"{item.views}次" if item.views is not None else ""
        price = f"  {_clean(item.price)}" if item.price else ""
        print(f"{date}  {views:>7}  {_clean(item.title)}{price}\n            {item.url}")
    last = f" of {page.last_number}" if page.last_number else ""
    print(f"-- page {page.number}{last}{' (more: --page ' + str(page.number + 1) + ')' if page.has_next else ''}")
    return 0


async def emit_read(client: Any, args: argparse.Namespace) -> int:
    result = await client.article(args.target)
    _report(result)
    client.opened(result.value, args.target)  # history and read mark, as in the reader
    _print_article(result.value, result.source, args.json)
    return 0


def is_local_file(target: str) -> bool:
    return "://" not in target and Path(target).expanduser().is_file()


def emit_article_file(args: argparse.Namespace) -> int:
    """``read FILE``: a saved page, read with the configured site's profile when
    it fits and with the generic extractor when it does not."""
    from tui_reader.config import load_config
    from tui_reader.session import find_profile
    from tui_reader.sites import parse

    profile = find_profile(args.demo, args.site, load_config())
    text, url = read_saved_page(args.target)
    article = parse.parse_any_article(text, url, profile)
    _print_article(article, "file", args.json)
    return 0


def read_saved_page(target: str) -> tuple[str, str]:
    """A saved page's text (bytes decoded as a browser would) and its file:// URL."""
    from tui_reader import errors
    from tui_reader.fetch import decode_html

    path = Path(target).expanduser()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise errors.ReaderError(f"cannot read {path}: {exc.strerror}") from None
    text, _encoding = decode_html(raw, None)
    return text, path.resolve().as_uri()


def _print_article(article: Article, source: str, as_json: bool) -> None:
    if as_json:
        data = article.to_dict()
        data["body"] = article.body_text
        data["fields"] = article.fields  # derived from the text, so not in to_dict
        data["source"] = source
        _print_json(data)
        return
    # The reader's own rendering, printed: structure, fields, numbered links
    # and their list. Rich colours only a terminal (and honours NO_COLOR);
    # piped output is plain text 80 columns wide.
    from rich.console import Console
    from rich.text import Text

    from tui_reader.render import article_heading, article_text
    from tui_reader.render_fields import fields_table

    console = Console(highlight=False, markup=False, emoji=False)
    parts: list[Any] = [article_heading(article)]
    table = fields_table(article)
    if table is not None:
        parts += [Text("Fields", style="bold underline"), table]
    parts.append(article_text(article, width=console.width))
    if console.is_terminal:
        console.print(*parts)
        return
    with console.capture() as captured:
        console.print(*parts)
    # Tables pad their cells to the width: no trailing blanks in a file.
    print("\n".join(line.rstrip() for line in captured.get().splitlines()))
