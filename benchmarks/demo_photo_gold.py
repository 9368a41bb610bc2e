"""Saves demo portal pages of every style with their photo gold, for measuring photo extraction.

The gold comes from ``demo.site.gold_photos`` (the content model, not the
pages); the files are in the shape ``benchmarks/photo_extraction.py`` reads
(``details``: article pages and their photos; ``lists``: listing pages and
each row's thumbnail and photo count), one gold file per style:

    .venv/bin/python benchmarks/demo_photo_gold.py --out /tmp/demo-photos
    .venv/bin/python benchmarks/photo_extraction.py /tmp/demo-photos/demo_*_gold.json --pages /tmp/demo-photos

Pages are saved as UTF-8 (style "a"'s GBK decoded, its ``<meta charset>`` left
as it is, as a browser's "save page" does not do either). It prints where it
wrote, it never asserts.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import httpx

from tui_reader.demo.site.content import DemoSite
from tui_reader.demo.site.gold_photos import gold_article_photos, gold_listing_photos
from tui_reader.demo.web.server import DemoOptions, DemoServer

ARTICLES = 200
ENCODINGS = {"a": "gb18030", "b": "utf-8", "c": "utf-8"}


def _quiet(_line: str) -> None:
    """The access log is not wanted here."""


def _list_path(style: str, city: str, board: str, number: int) -> str:
    base = f"/{city}/{board}/"
    if number == 1:
        return base
    return {"a": f"{base}?page={number}", "b": f"{base}list/{number}/", "c": f"{base}pn{number}/"}[style]


def save_style(style: str, out: Path, articles: int, lists: int) -> Path:
    site = DemoSite(articles_per_category=ARTICLES)
    boards = [(city, board) for city in site.cities for board in site.categories if board.slug != "zhuangxiu"]
    step = max(1, len(boards) // max(articles, lists, 1))
    spread = boards[::step]
    details, rows = [], []
    # Style "c"'s refusals (login wall, soft 404) are not article pages: off here.
    options = DemoOptions(style=style, articles_per_category=ARTICLES, login_wall=False, soft_404=False)
    with DemoServer(options=options, log=_quiet) as server, httpx.Client(base_url=server.base_url) as http:
        for n in range(articles):
            city, board = spread[n % len(spread)]
            head = site.head(city, board, n % ARTICLES)
            path = f"/{city.slug}/{board.slug}/{head.id}" + ("x.shtml" if style == "c" else ".html")
            name = f"demo-{style}-article-{n:03d}.html"
            (out / name).write_text(http.get(path).content.decode(ENCODINGS[style]), encoding="utf-8")
            photos = gold_article_photos(site, style, server.base_url + path)
            details.append(
                {
                    "file": name,
                    "url": server.base_url + path,
                    "photos": [{"url": p.url, "alt": p.alt} for p in photos],
                }
            )
        for n in range(lists):
            city, board = spread[n % len(spread)]
            number = 1 + n % site.page_count(city, board)
            path = _list_path(style, city.slug, board.slug, number)
            name = f"demo-{style}-list-{n:03d}.html"
            (out / name).write_text(http.get(path).content.decode(ENCODINGS[style]), encoding="utf-8")
            gold = gold_listing_photos(site, style, city.slug, board.slug, number, server.base_url)
            rows.append(
                {
                    "file": name,
                    "url": server.base_url + path,
                    "rows": [{"title": r.title, "thumb": r.thumb, "photo_count": r.photo_count or None} for r in gold],
                }
            )
    gold_file = out / f"demo_{style}_gold.json"
    about = f"demo portal style {style}: gold from tui_reader.demo.site.gold_photos"
    gold_file.write_text(
        json.dumps({"about": about, "details": details, "lists": rows}, ensure_ascii=False, indent=1), "utf-8"
    )
    return gold_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the pages and gold files")
    parser.add_argument("--articles", type=int, default=40, help="article pages per style (default 40)")
    parser.add_argument("--lists", type=int, default=10, help="listing pages per style (default 10)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for style in ("a", "b", "c"):
        print(save_style(style, args.out, args.articles, args.lists))


if __name__ == "__main__":
    main()
