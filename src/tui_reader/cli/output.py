"""What the sub-commands print: plain text for people, JSON for scripts.

Page-derived text is passed through ``sanitize.clean`` before it reaches the
terminal, so a hostile title cannot move the cursor or retitle the window.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from tui_reader.models import Article, City, Listing, Page, PricePoint, Sourced
from tui_reader.render import counted

if TYPE_CHECKING:
    from tui_reader.client import Client


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _clean(text: str) -> str:
    from tui_reader.render import clean

    return clean(text)


def _freshness(result: Sourced[Any]) -> str | None:
    """A line for stderr when the answer did not come fresh from the portal: why,
    then what still works ("127.0.0.1 asks for a captcha; showing 20 cached listings from 2 h ago")."""
    if result.source != "stale-cache":
        return None
    from tui_reader.render import ago

    showing = f"showing {_cached_what(result.value)} from {ago(result.fetched_at)}"
    return f"{result.note}; {showing}" if result.note and result.note != "offline" else showing


def _cached_what(value: Any) -> str:
    if isinstance(value, Page):
        return counted(len(value.items), "cached listing")
    if isinstance(value, Article):
        return "the cached copy"
    if isinstance(value, tuple) and value:
        return counted(len(value), "cached city" if isinstance(value[0], City) else "cached category")
    return "cached data"


def _report(result: Sourced[Any]) -> None:
    line = _freshness(result)
    if line:
        print(f"tui-reader: {line}", file=sys.stderr)


async def emit_cities(client: Client, args: argparse.Namespace) -> int:
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


async def emit_categories(client: Client, args: argparse.Namespace) -> int:
    city = await client.find_city(args.city)
    result = await client.categories(city)
    _report(result)
    if args.json:
        _print_json([c.to_dict() for c in result.value])
        return 0
    for category in result.value:
        print(f"{_clean(category.name)}\t{category.url}")
    return 0


async def emit_list(client: Client, args: argparse.Namespace) -> int:
    from tui_reader.cli.targets import list_target

    target = list_target(args)
    if target is not None:
        result = await client.list_page(target)
    else:
        city = await client.find_city(args.city)
        category = await client.find_category(city, args.category)
        result = await client.listing_page(category, args.page)
    _report(result)
    _print_list(result.value, result.source, args.json, by_number=target is None)
    return 0


def emit_list_file(args: argparse.Namespace) -> int:
    """``list FILE``: a saved list page, read with ``--site``'s profile, the one that
    claims ``--base-url``'s host, or by discovery; links resolve against ``--base-url``."""
    from tui_reader.cli.config import read_config
    from tui_reader.cli.session import find_profile
    from tui_reader.client import auto_profile, saved_listings

    config = read_config()
    profile = (
        find_profile(args.demo, args.site, config, args.base_url)
        if (args.site or args.demo or args.base_url)
        else auto_profile()
    )
    page = saved_listings(args.city, profile, args.base_url)
    _print_list(page, "file", args.json)
    return 0


def listing_json(item: Listing) -> dict[str, Any]:
    """A list row as ``--json`` prints it (DESIGN §3): ``posted`` (``published`` kept as
    an alias) and the price typed as ``price_value`` + ``price_unit`` when it reads as one."""
    from tui_reader.client import price_of

    data = item.to_dict()
    data["posted"] = data["published"]
    data["photo_count"], data["thumb"] = item.photo_count, item.thumb  # null when the row shows none
    typed = price_of(item.price) if item.price else None
    data["price_value"], data["price_unit"] = typed if typed else (None, None)
    return data


def _print_list(page: Page[Listing], source: str, as_json: bool, *, by_number: bool = False) -> None:
    if as_json:
        _print_json(
            {
                "items": [listing_json(item) for item in page.items],
                "next_url": page.next_url,
                "number": page.number,
                "last_number": page.last_number,
                "source": source,
            }
        )
        return
    for item in page.items:
        date = item.published.strftime("%Y-%m-%d") if item.published else "          "
        views = f"{item.views}次" if item.views is not None else ""
        price = (
            f"  {_clean(item.price)}"
            if item.price
            else ("  (price shown as an image on the site)" if item.price_hidden else "")
        )
        print(f"{date}  {views:>7}  {_clean(item.title)}{price}\n            {item.url}")
    last = f" of {page.last_number}" if page.last_number else ""
    more = (
        ""
        if not page.has_next
        else (f" (more: --page {page.number + 1})" if by_number else f" (next: {page.next_url})")
    )
    print(f"-- page {page.number}{last}{more}")


async def emit_read(client: Client, args: argparse.Namespace) -> int:
    result = await client.article(args.target)
    _report(result)
    gone = None if result.gone_at is None else _in_portal_zone(result.gone_at, result.value.published)
    if gone is not None:
        print(f"tui-reader: gone from the site since {gone}; this is the cached copy", file=sys.stderr)
    client.user.opened(result.value, args.target)  # history and read mark, as in the reader
    prices = client.price_history(args.target)
    _print_article(result.value, result.source, args.json, gone=gone, mask=args.mask_contacts, prices=prices)
    return 0


def emit_article_file(args: argparse.Namespace) -> int:
    """``read FILE``: a saved page, read with the configured site's profile when
    it fits and with the generic extractor when it does not."""
    from tui_reader.cli.config import read_config
    from tui_reader.cli.session import find_profile
    from tui_reader.client import saved_article

    profile = find_profile(args.demo, args.site, read_config(), args.base_url)
    article = saved_article(args.target, profile, args.base_url)
    _print_article(article, "file", args.json, mask=args.mask_contacts)
    return 0


def _numbers(article: Article) -> dict[str, Any]:
    """The article's typed numbers, as search and watches compare them: ``price_value`` and
    ``price_unit`` as list rows print them, and every number under ``measures`` (None where unknown)."""
    from dataclasses import asdict

    from tui_reader.models import measures_of

    measures = measures_of(article.title, article.facts, article.body_text, city=article.city)
    return {"price_value": measures.price_value, "price_unit": measures.price_unit, "measures": asdict(measures)}


def _price_point(point: PricePoint, published: datetime | None) -> dict[str, Any]:
    from tui_reader.render import money_text

    return {
        "seen_at": _in_portal_zone(point.seen_at, published),
        "price": money_text(point),
        "price_value": point.value,
        "price_high": point.high,
        "price_unit": point.unit,
    }


def _in_portal_zone(moment: datetime, published: datetime | None) -> str:
    """``moment`` as ISO text in the zone the article's own dates are in (+08:00 when it states none)."""
    zone = published.tzinfo if published is not None and published.tzinfo is not None else _CHINA
    return moment.astimezone(zone).isoformat(timespec="seconds")


_CHINA = timezone(timedelta(hours=8))


def _print_article(
    article: Article,
    source: str,
    as_json: bool,
    *,
    gone: str | None = None,
    mask: bool = False,
    prices: Sequence[PricePoint] = (),
) -> None:
    if mask:
        from tui_reader.render import masked_article

        article = masked_article(article)
    if as_json:
        data = article.to_dict()
        data["body"] = article.body_text
        data["fields"] = article.fields  # derived from the text, so not in to_dict
        data["source"] = source
        data["cuts"] = list(article.cuts)  # what was left out to read the page quickly; [] when whole
        data["photos"] = [photo.to_dict() for photo in article.photos]  # [] when it has none
        data.update(_numbers(article))
        if gone is not None:
            data["gone"] = gone
        if len(prices) > 1:
            data["price_history"] = [_price_point(p, article.published) for p in prices]
        _print_json(data)
        return
    # The reader's own rendering, printed: structure, fields, numbered links
    # and their list. Rich colours only a terminal (and honours NO_COLOR);
    # piped output is plain text 80 columns wide.
    from rich.console import Console
    from rich.text import Text

    from tui_reader.render import article_heading, article_text, fields_table

    console = Console(highlight=False, markup=False, emoji=False)
    from tui_reader.render import price_change

    heading: Any = article_heading(article)
    if article.photos:
        from rich.console import Group

        heading = Group(heading, Text(f"📷 {len(article.photos)}", style="dim"))  # how many photos the page has
    parts: list[Any] = [heading]
    change = price_change(prices)
    if change is not None:
        parts.append(Text(f"price {change}", style="bold"))
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
