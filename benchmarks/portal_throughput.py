"""Parse + extract throughput on the demo portal's pages, both site styles, one core.

The pages are fetched once from the demo portal (in this process, on
loopback): --listings listing pages and --articles article pages per style,
spread over cities and categories. Then, with the network out of the
picture, each page is parsed the way the reader parses it, through its
site's profile (``demo`` for style a, ``demo-b`` for style b):

- listing pages: ``parse_listings`` (rows, dates, views, prices, pager);
- article pages: ``parse_any_article`` (title, meta or JSON-LD, body,
  contact; the generic extractor only where the profile finds no body), and
  the article's classifieds ``fields``, which are worked out when an article
  is shown rather than when it is parsed;
- the same article pages with no profile at all: ``parse_article_generic``
  (what ``read URL`` costs on a site we have no profile for), for comparison.

Each pass over a set of pages is timed --runs times; pages/s is the set's
size over the median pass. The process is pinned to one CPU where the OS
allows it. Target: >= 100 pages/s for portal pages.

    .venv/bin/python benchmarks/portal_throughput.py
    .venv/bin/python benchmarks/portal_throughput.py --runs 9 --listings 40 --articles 200
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from collections.abc import Callable

from tui_reader.demo.site.content import DemoSite
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.fetch.fetcher import Fetcher
from tui_reader.sites import parse
from tui_reader.sites.pager import page_url
from tui_reader.sites.profile import SiteProfile, load_profile

STYLES = {"a": "demo", "b": "demo-b"}
TARGET = 100.0
ARTICLES_PER_CATEGORY = 200


def page_addresses(base: str, profile: SiteProfile, listings: int, articles: int) -> tuple[list[str], list[str]]:
    """Listing page URLs and article URLs, spread over the demo's cities and boards."""
    site = DemoSite(articles_per_category=ARTICLES_PER_CATEGORY)
    boards = [(city, category) for city in site.cities for category in site.categories]
    step = max(1, len(boards) // max(listings, articles))
    spread = boards[::step]
    lists, posts = [], []
    for n in range(listings):
        city, category = spread[n % len(spread)]
        number = 1 + n % site.page_count(city, category)
        lists.append(page_url(profile.listings, f"{base}/{city.slug}/{category.slug}/", number) or "")
    for n in range(articles):
        city, category = spread[n % len(spread)]
        posts.append(base + site.head(city, category, n % ARTICLES_PER_CATEGORY).path)
    return lists, posts


async def download(urls: list[str]) -> list[tuple[str, str]]:
    async with Fetcher() as fetcher:
        pages = []
        for url in urls:
            response = await fetcher.get(url)
            pages.append((response.text or "", response.url))
        return pages


def median_rate(pages: list[tuple[str, str]], parse_one: Callable[[str, str], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        for html, url in pages:
            parse_one(html, url)
        timings.append(time.perf_counter() - started)
    return len(pages) / statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed passes per set (default 7)")
    parser.add_argument("--listings", type=int, default=40, help="listing pages per style (default 40)")
    parser.add_argument("--articles", type=int, default=200, help="article pages per style (default 200)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    rows = []
    for style, profile_name in STYLES.items():
        profile = load_profile(profile_name)
        options = DemoOptions(style=style, articles_per_category=ARTICLES_PER_CATEGORY)
        with DemoServer(options=options, log=lambda _line: None) as server:
            list_urls, post_urls = page_addresses(server.base_url, profile, args.listings, args.articles)
            listing_pages = asyncio.run(download(list_urls))
            article_pages = asyncio.run(download(post_urls))
        # One untimed pass: imports and caches warm, as in a reader that has shown a page.
        for html, url in listing_pages[:3]:
            parse.parse_listings(html, url, profile)
        for html, url in article_pages[:3]:
            parse.parse_any_article(html, url, profile)
        size = sum(len(html) for html, _ in article_pages) / len(article_pages) / 1024
        rows.append(
            (
                f"style {style} ({profile_name}) listing pages",
                len(listing_pages),
                median_rate(
                    listing_pages, lambda h, u, profile=profile: parse.parse_listings(h, u, profile), args.runs
                ),
                None,
            )
        )
        rows.append(
            (
                f"style {style} ({profile_name}) article pages",
                len(article_pages),
                median_rate(
                    article_pages,
                    lambda h, u, profile=profile: parse.parse_any_article(h, u, profile).fields,
                    args.runs,
                ),
                size,
            )
        )
        rows.append(
            (
                f"style {style} article pages, no profile",
                len(article_pages),
                median_rate(article_pages, lambda h, u: parse.parse_article_generic(h, u).fields, args.runs),
                None,
            )
        )

    print(f"parse + extract throughput, one core, median of {args.runs} passes (target >= {TARGET:.0f} pages/s)")
    for label, count, rate, size in rows:
        extra = f", {size:.1f} KiB/page" if size else ""
        verdict = "ok" if rate >= TARGET else "MISSED"
        print(f"  {label:<44} {rate:8.0f} pages/s  ({count} pages{extra})  {verdict}")


if __name__ == "__main__":
    main()
