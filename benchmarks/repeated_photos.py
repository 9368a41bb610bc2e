"""What leaving out the site's repeated pictures costs: per article opened, and per batch stored.

Fills a real SQLite cache through ``Store.put_many`` (the path reading and sync
use) with ``--articles`` articles of 6 photos each, every one of them also
listing the same banner (the worst case for the count: its key has a row per
article), keys made by ``client.repeated_photos.photo_keys_of`` as the client
makes them. Then times:

- ``open``: ``without_repeated`` for random cached articles (the one indexed
  query an opened article costs, photo keys computed included), p50/p95;
- the same for a listing reposted 50 times (its photos' keys read 50 rows each,
  none of them another post's: its photos stay);
- ``store``: ``put_many`` of a 64-article batch (a sync's batch size) with the
  photo keys and the same batch without them (keys off), medians and ratio.

    .venv/bin/python benchmarks/repeated_photos.py [--articles 20000] [--opens 500] [--rounds 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from tui_reader.client.repeated_photos import photo_keys_of, without_repeated
from tui_reader.limits import PHOTO_REPEATS
from tui_reader.models import Article, Photo, utcnow
from tui_reader.store.cache import Store
from tui_reader.store.entry import CacheEntry

BANNER = Photo("http://img1.x.test/static/safety_tips_600x100.png?w=600", "安全提示")


def _article(n: int) -> Article:
    own = tuple(Photo(f"http://img{n % 4}.x.test/photos/{n}/{k}_800x600.jpg", f"图{k}") for k in range(6))
    return Article(
        url=f"http://x.test/a/{n}.html",
        title=f"两室一厅 {n}",
        body=("出租。" * 40,),
        photos=(*own[:3], BANNER, *own[3:]),
    )


def _entries(first: int, count: int, *, keys: bool) -> list[CacheEntry]:
    out = []
    for n in range(first, first + count):
        payload = _article(n).to_dict()
        noted = photo_keys_of(payload) if keys else None
        out.append(CacheEntry("article", f"http://x.test/a/{n}.html", payload, None, None, utcnow(), noted))
    return out


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--opens", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "c.sqlite3") as store:
        for start in range(0, args.articles, 500):
            store.put_many(_entries(start, min(500, args.articles - start), keys=True))
        rng = random.Random(7)
        opens = []
        for _ in range(args.opens):
            n = rng.randrange(args.articles)
            article = _article(n)
            began = time.perf_counter()
            shown = without_repeated(store, article, article.url)
            opens.append((time.perf_counter() - began) * 1000)
            assert len(shown.photos) == 6  # the banner left out, the own photos kept
        print(f"{args.articles:,} articles, banner in all, N = {PHOTO_REPEATS}")
        print(
            f"open   without_repeated  p50 {statistics.median(opens):.3f} ms  p95 {_pct(opens, 0.95):.3f} ms"
            f"  ({args.opens} opens)"
        )
        # A listing reposted 50 times: its photos' keys have 50 rows, none another article's.
        reposts = [_article(0)] * 50
        store.put_many(
            [
                CacheEntry(
                    "article",
                    f"http://x.test/r/{k}.html",
                    a.to_dict(),
                    None,
                    None,
                    utcnow(),
                    photo_keys_of(a.to_dict()),
                )
                for k, a in enumerate(reposts)
            ]
        )
        repost_opens = []
        for _ in range(args.opens):
            began = time.perf_counter()
            shown = without_repeated(store, reposts[0], "http://x.test/r/0.html")
            repost_opens.append((time.perf_counter() - began) * 1000)
        print(
            f"open   a post reposted 50x  p50 {statistics.median(repost_opens):.3f} ms"
            f"  p95 {_pct(repost_opens, 0.95):.3f} ms  (kept {len(shown.photos)} of 7)"
        )
        with_keys, without = [], []
        next_n = args.articles
        for _ in range(args.rounds):  # interleaved: noise hits both alike
            for keys, times in ((True, with_keys), (False, without)):
                batch = _entries(next_n, 64, keys=keys)
                next_n += 64
                began = time.perf_counter()
                store.put_many(batch)
                times.append((time.perf_counter() - began) * 1000)
        a, b = statistics.median(with_keys), statistics.median(without)
        print(
            f"store  put_many(64)  with keys {a:.2f} ms  without {b:.2f} ms  ratio {a / b:.2f}  ({args.rounds} rounds)"
        )


if __name__ == "__main__":
    main()
