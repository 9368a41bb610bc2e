"""Search latency over a large cache: p50/p95 for 3+-character and for 2-character queries.

Fills a real SQLite cache (through ``Store.put``, the path sync uses, so the
FTS index is built by the same triggers) with articles from the demo
portal's generator — real-looking Chinese listings — then times
``Store.search`` for queries cut from the stored titles and bodies: phrases of
3–4 characters (served by the trigram index directly) and pairs of characters
(served through the index's term list), plus fixed common pairs such as 出租.

    .venv/bin/python benchmarks/search_latency.py              # 100,000 articles (builds once, ~minutes)
    .venv/bin/python benchmarks/search_latency.py --articles 20000 --queries 100

The database is kept in --db (default /tmp/tui-reader-search-bench.sqlite3)
and reused when it already holds enough articles. Target: p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from tui_reader.demo.site.content import DemoSite
from tui_reader.models.content import Article, utcnow
from tui_reader.store.cache import Store


def fill(store: Store, count: int) -> None:
    have = store.stats()["article"]
    if have >= count:
        return
    site = DemoSite(seed=7, articles_per_category=10_000)
    pairs = [(city, cat) for city in site.cities for cat in site.categories]
    started = time.monotonic()
    for n in range(have, count):
        city, cat = pairs[n % len(pairs)]
        demo = site.article(city, cat, n // len(pairs))
        url = f"http://127.0.0.1:8964/{city.slug}/{cat.slug}/{demo.head.id}.html"
        article = Article(url=url, title=demo.head.title, body=demo.paragraphs, city=city.name, category=cat.name)
        store.put("article", url, article.to_dict(), fetched_at=utcnow())
        if n % 10_000 == 0 and n:
            print(f"  filled {n} ({n / (time.monotonic() - started):.0f}/s)", file=sys.stderr)


def queries(store: Store, rng: random.Random, count: int, length: int) -> list[str]:
    hits = store.search("的", limit=5000) or store.search("元", limit=5000)
    texts = [h.title for h in hits]
    out: list[str] = []
    while len(out) < count:
        text = "".join(rng.choice(texts).split())
        if len(text) < length:
            continue
        start = rng.randrange(len(text) - length + 1)
        out.append(text[start : start + length])
    return out


def timed(store: Store, qs: list[str]) -> tuple[float, float, float]:
    times = []
    found = 0
    for q in qs:
        t0 = time.perf_counter()
        found += len(store.search(q, limit=50))
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], found / len(qs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--db", type=Path, default=Path("/tmp/tui-reader-search-bench.sqlite3"))
    args = parser.parse_args()
    with Store(args.db) as store:
        fill(store, args.articles)
        print(f"{store.stats()['article']} articles, {store.stats()['bytes'] / 2**20:.0f} MiB")
        rng = random.Random(7)
        store.search("预热")  # first query pays for opening the index pages
        groups = {
            "3-4 characters": queries(store, rng, args.queries // 2, 3) + queries(store, rng, args.queries // 2, 4),
            "2 characters": queries(store, rng, args.queries - 6, 2) + ["出租", "单车", "招聘", "二手", "转让", "电话"],
            "1 character (LIKE scan)": queries(store, rng, 20, 1),
        }
        for name, qs in groups.items():
            p50, p95, avg = timed(store, qs)
            print(
                f"{name:<24} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   ({len(qs)} queries, {avg:.0f} hits each, limit 50)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
