"""What the killfile costs a search, and what `watch run` costs: p50/p95 with and without kills.

Fills a real cache (``Store.put``, as sync does; reused from --db) with demo
listings, then times ``client.user.search`` for common two-character queries
(出租, 转让, 招聘 …: hundreds of hits each) with no kills, with word kills only
(checked on the hit alone), and with a phone and a poster kill (which read the
hits' cached articles, one query per search); then ``update_watches`` and
``watch_run`` for five watches.

    .venv/bin/python benchmarks/killfile_search.py                  # 20,000 articles
    .venv/bin/python benchmarks/killfile_search.py --articles 5000 --rounds 20
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from search_latency import (
    fill,  # the same cache the search benchmark fills (run as a script: its folder is on the path)
)
from tui_reader.client import Client
from tui_reader.sites import load_profile
from tui_reader.store import Library, Store

QUERIES = ("出租", "转让", "招聘", "二手", "整租", "九成新")


def timed(job: Callable[[], object], rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        job()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "tui-reader-killfile-bench.sqlite3")
    args = parser.parse_args()
    store = Store(args.db)
    fill(store, args.db, args.articles)
    with tempfile.TemporaryDirectory() as folder:
        library = Library(Path(folder) / "library.sqlite3")
        client = Client(
            profile=load_profile("demo"), base_url="http://127.0.0.1:8964", store=store, offline=True, library=library
        )
        user = client.user
        hits = sum(len(user.search(q)) for q in QUERIES)
        print(f"{args.articles} articles; {hits} hits over {len(QUERIES)} queries per round")

        def searches() -> None:
            for q in QUERIES:
                user.search(q)

        base = timed(searches, args.rounds)
        for word in ("中介", "急售", "押金", "代理", "微商"):
            user.kill_add("word", word)
        words = timed(searches, args.rounds)
        user.kill_add("phone", "13812345678")
        user.kill_add("poster", "王先生")
        full = timed(searches, args.rounds)
        for label, (p50, p95) in (("no kills", base), ("5 word kills", words), ("+ phone and poster", full)):
            print(f"  {label:<20} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  ({p50 / base[0]:.2f}x)")

        for n, q in enumerate(QUERIES[:5]):
            user.watch_add(f"w{n}", q)
        update = timed(user.update_watches, max(3, args.rounds // 5))
        runs = timed(user.watch_run, max(3, args.rounds // 5))
        print(f"  update_watches (5)   p50 {update[0]:7.1f} ms  p95 {update[1]:7.1f} ms")
        print(f"  watch_run (5)        p50 {runs[0]:7.1f} ms  p95 {runs[1]:7.1f} ms")
        library.close()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
