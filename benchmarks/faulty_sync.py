"""Sync under faults: ``tui-reader sync --json`` twice against a demo portal that misbehaves.

The demo portal serves on loopback (in this process, access log counted) with
--articles articles in each of the city's categories, and faults drawn per
request (``DemoOptions``' ``*_rate``, seeded, so each round is reproducible):

- --fail-rate of the listing and article answers a 5xx (500, 502, 503, 504);
- --truncate-rate cut off half-way (short of Content-Length, or a chunked body cut);
- --drip-rate dripped at a byte per --drip seconds;
- the host answering every request with a captcha page after --captcha-at requests
  (default: two thirds of what the first sync asks), for --cooldown seconds.

The sync runs as the installed command does (``python -m tui_reader``, this
interpreter, a fresh TUI_READER_HOME per round) with ``[sync] concurrency`` =
--concurrency, ``delay = 0`` and ``deadline`` = --deadline: a drip costs the
sync that many seconds, not the hour it would take. The second sync starts once
the captcha's cool-down is over, as a user's next sync would.

Per run it prints the articles stored and reported (with a reason), the
retries the fetch layer did, the wall time of the process, the requests the
portal answered, and "lost": articles the listing pages showed that are
neither stored nor reported (must be 0). Medians over --rounds rounds (each
with its own fault seed) at the end.

    .venv/bin/python benchmarks/faulty_sync.py                # 12 categories x 20 articles, 3 rounds
    .venv/bin/python benchmarks/faulty_sync.py --articles 40 --pages 2 --rounds 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tui_reader.demo.site.content import CATEGORIES, PAGE_SIZE
from tui_reader.demo.web.server import DemoOptions, DemoServer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _installed import compile_reader

CITY = "连云港"


class Log:
    """The portal's access log: GET lines, and the fault each one met."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, line: str) -> None:
        with self.lock:
            self.lines.append(line)

    def take(self) -> list[str]:
        with self.lock:
            lines, self.lines = self.lines, []
            return lines


@dataclass
class Run:
    stored: int
    reported: int
    retried: int
    seconds: float
    requests: int
    faults: Counter[str]
    lost: int
    failed_urls: set[str]
    unseen: int
    """Articles on listing pages that failed: not known to this sync, asked by the next."""
    reasons: Counter[str]


def sync_once(base: str, home: Path, pages: int, log: Log, drip: float) -> Run:
    env = {**os.environ, "TUI_READER_HOME": str(home)}
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "tui_reader", "sync", CITY, "--pages", str(pages), "--json", "--quiet"]
        + ["--site", "demo", "--base-url", base],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    elapsed = time.monotonic() - started
    if proc.returncode not in (0, 1) or not proc.stdout.startswith("{"):
        raise SystemExit(f"sync failed ({proc.returncode}): {proc.stderr.strip()}")
    report = json.loads(proc.stdout)
    # A dripping answer is logged once the server sees its reader gone, at its next byte.
    time.sleep(drip + 0.2)
    lines = [line for line in log.take() if line.startswith("GET ")]
    failed = {f["url"]: f["reason"] for f in report["failed"]}
    listed_pages = len(CATEGORIES) * pages
    failed_pages = sum(1 for url in failed if not url.endswith(".html"))
    seen = (listed_pages - failed_pages) * PAGE_SIZE
    return Run(
        stored=report["articles_stored"],
        reported=report["articles_reported"],
        retried=report["retried"],
        seconds=elapsed,
        requests=len(lines),
        faults=Counter(line.split()[4] for line in lines if len(line.split()) > 4),
        lost=seen - report["articles_stored"] - report["articles_reported"],
        failed_urls=set(failed),
        unseen=failed_pages * PAGE_SIZE,
        reasons=Counter(_reason_kind(reason) for reason in failed.values()),
    )


def _reason_kind(reason: str) -> str:
    for word in ("captcha", "deadline", "truncated", "retries", "answered"):
        if word in reason:
            return word
    return reason[:40]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20, help="articles per category (default 20: one page)")
    parser.add_argument("--pages", type=int, default=1, help="listing pages synced per category (default 1)")
    parser.add_argument("--fail-rate", type=float, default=0.10)
    parser.add_argument("--truncate-rate", type=float, default=0.05)
    parser.add_argument("--drip-rate", type=float, default=0.05)
    parser.add_argument("--drip", type=float, default=1.0, help="seconds per byte of a drip (default 1)")
    parser.add_argument("--captcha-at", type=int, default=0, help="default: 2/3 of the first sync's requests")
    parser.add_argument("--cooldown", type=float, default=2.0, help="seconds the captcha lasts (default 2)")
    parser.add_argument("--deadline", type=float, default=3.0, help="[sync] deadline, seconds (default 3)")
    parser.add_argument("--concurrency", type=int, default=4, help="[sync] concurrency (default 4)")
    parser.add_argument("--rounds", type=int, default=3, help="pairs of syncs, each with its own fault seed")
    args = parser.parse_args()
    pages = min(args.pages, -(-args.articles // PAGE_SIZE))
    articles = len(CATEGORIES) * min(args.articles, pages * PAGE_SIZE)
    captcha_at = args.captcha_at or (2 * (articles + len(CATEGORIES) * pages)) // 3
    compile_reader()
    print(
        f"portal: {CITY}, {len(CATEGORIES)} categories x {pages} listing page(s) = {articles} articles; faults: "
        f"{args.fail_rate:.0%} 5xx, {args.truncate_rate:.0%} cut off, {args.drip_rate:.0%} dripped at "
        f"1 byte/{args.drip:g} s, captcha after {captcha_at} requests for {args.cooldown:g} s; "
        f"sync concurrency {args.concurrency}, deadline {args.deadline:g} s"
    )
    firsts: list[Run] = []
    seconds: list[Run] = []
    for round_ in range(1, args.rounds + 1):
        options = DemoOptions(
            articles_per_category=args.articles,
            fail_rate=args.fail_rate,
            truncate_rate=args.truncate_rate,
            drip_rate=args.drip_rate,
            drip=args.drip,
            captcha_at=captcha_at,
            captcha_cooldown=args.cooldown,
            fault_seed=round_,
        )
        log = Log()
        with DemoServer(port=0, options=options, log=log) as server, tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp)
            (home / "config").mkdir()
            (home / "config" / "config.toml").write_text(
                f"[sync]\nconcurrency = {args.concurrency}\ndelay = 0\ndeadline = {args.deadline}\n", encoding="utf-8"
            )
            first = sync_once(server.base_url, home, pages, log, args.drip)
            time.sleep(args.cooldown)  # the next sync comes after the captcha's cool-down
            second = sync_once(server.base_url, home, pages, log, args.drip)
        firsts.append(first)
        seconds.append(second)
        for name, run in (("first ", first), ("second", second)):
            print(
                f"round {round_} {name}: {run.stored} articles stored, {run.reported} reported, "
                f"{run.retried} retried, {run.seconds:.2f} s wall, {run.requests} requests, lost {run.lost}; "
                f"faults met {dict(run.faults)}; reasons {dict(run.reasons)}"
            )
        expected = len(first.failed_urls) + first.unseen + second.retried + 1
        print(
            f"round {round_}: the second sync made {second.requests} requests; the first missed "
            f"{len(first.failed_urls)} pages and left {first.unseen} articles of missed listing pages unseen, "
            f"+ {second.retried} retries + robots.txt = {expected}"
        )

    def median(runs: list[Run], field: str) -> float:
        return statistics.median(getattr(run, field) for run in runs)

    for name, runs in (("first ", firsts), ("second", seconds)):
        print(
            f"median {name} sync: {median(runs, 'stored'):.0f} stored, {median(runs, 'reported'):.0f} reported, "
            f"{median(runs, 'retried'):.0f} retried, {median(runs, 'seconds'):.2f} s wall, "
            f"{median(runs, 'requests'):.0f} requests; lost in any round: {sum(run.lost for run in runs)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
