"""How long the demo portal takes to build its pages and draw its pictures, in process, one core.

Pages: ``routes.resolve`` for listing and article pages of every style
(the HTML text, before encoding and HTTP), spread over cities and boards.
Pictures: a listing photo drawn and encoded (JPEG for styles a and c, PNG
for b), then the same photo again from the routes' memory.

Each set is timed --runs times; the figure is the median pass over the set's
size, with the p95 of single items over all passes.

    .venv/bin/python benchmarks/demo_pages.py
    .venv/bin/python benchmarks/demo_pages.py --runs 9 --pages 200
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

from tui_reader.demo.site.content import DemoSite
from tui_reader.demo.web import routes

ARTICLES = 200


def _paths(site: DemoSite, style: str, count: int) -> tuple[list[str], list[str]]:
    boards = [(city, board) for city in site.cities for board in site.categories]
    step = max(1, len(boards) // count)
    lists, posts = [], []
    for n in range(count):
        city, board = boards[(n * step) % len(boards)]
        number = 1 + n % site.page_count(city, board)
        base = f"/{city.slug}/{board.slug}/"
        lists.append(
            base
            if number == 1
            else {"a": f"{base}?page={number}", "b": f"{base}list/{number}/", "c": f"{base}pn{number}/"}[style]
        )
        head = site.head(city, board, n % ARTICLES)
        posts.append(f"{base}{head.id}x.shtml" if style == "c" else head.path)
    return lists, posts


def _time(items: list[str], serve: Callable[[str], object], runs: int) -> tuple[float, float]:
    """Median milliseconds per item (over passes) and the p95 of single items."""
    passes, singles = [], []
    for _ in range(runs):
        started = time.perf_counter()
        for item in items:
            one = time.perf_counter()
            serve(item)
            singles.append(time.perf_counter() - one)
        passes.append((time.perf_counter() - started) / len(items))
    singles.sort()
    return statistics.median(passes) * 1000, singles[int(len(singles) * 0.95)] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed passes per set (default 7)")
    parser.add_argument("--pages", type=int, default=100, help="pages of each kind per style (default 100)")
    parser.add_argument("--no-pictures", action="store_true", help="time the pages only")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    site = DemoSite(articles_per_category=ARTICLES)
    print(f"demo portal, one core, median of {args.runs} passes (p95 of single items)")
    for style in ("a", "b", "c"):
        charset = "gbk" if style == "a" else "utf-8"
        lists, posts = _paths(site, style, args.pages)
        for label, paths in (("listing pages", lists), ("article pages", posts)):
            median, p95 = _time(paths, lambda p, s=style, c=charset: routes.resolve(site, p, c, s), args.runs)
            print(f"  style {style} {label:<22} {median:7.3f} ms/page  (p95 {p95:.3f} ms, {len(paths)} pages)")
        if args.no_pictures:
            continue
        from tui_reader.demo.site.photos import photo_count, photo_path

        heads = [site.head(city, board, 0) for city in site.cities[:8] for board in site.categories]
        photos = [photo_path(style, h, n) for h in heads for n in range(1, photo_count(h) + 1)][: args.pages]
        cold, cold_p95 = _time(photos, lambda p, s=style: routes.resolve(site, p, "utf-8", s), 1)
        warm, warm_p95 = _time(photos, lambda p, s=style: routes.resolve(site, p, "utf-8", s), args.runs)
        print(
            f"  style {style} photos drawn           {cold:7.3f} ms/photo (p95 {cold_p95:.3f} ms, {len(photos)} photos)"
        )
        print(f"  style {style} photos from memory     {warm:7.3f} ms/photo (p95 {warm_p95:.3f} ms)")


if __name__ == "__main__":
    main()
