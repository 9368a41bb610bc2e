"""Start-up: process start → first screen painted, on every path a person starts by.

Each path (benchmarks/_startup_paths.py) runs ``python -m tui_reader`` in a
pseudo-terminal of 160×50 in a home of its own, prepared before timing, and is
timed until a text that proves its screen is painted appears:

    demo-warm    --demo, warm cache                 a cached city name
    demo-cold    --demo, empty home                 the loading state ("loading cities")
    cold-cities  the same                           a city name, from the in-process portal
                                                    (for information: no goal of its own)
    site-online  configured site (0.3 s portal)     a cached city name
    offline      the same, --offline                a cached city name
    open-url     open URL of a cached article       its title
    auto-saved   --base-url on a portal that a      a cached city name
                 saved `profile infer` claims
    demo-auto    --demo --site auto, warm cache     a cached city name
    first-rows   configured site, online, warm,     the first row's title
                 a remembered category

Runs are interleaved with a one-label Textual app (bare_textual_app.py): every
round runs each path once, each followed by one bare run, so noise hits both
alike. A path's ratio is its median over the median of the bare runs paired
with it; its memory is the peak RSS (VmHWM) when the text appeared, against
the bare runs'. Goals: first screen <= 1.3x the bare app, first rows <= 1.5x,
peak RSS <= 1.5x.

``--articles N`` first copies a cache of N demo articles (built once into
/tmp/tui-reader-startup-N.sqlite3, some of them in the categories shown) into
every warm home, so that no path may get slower as the cache grows.

    .venv/bin/python benchmarks/startup.py [--runs 7] [--paths demo-warm,first-rows]
    .venv/bin/python benchmarks/startup.py --articles 100000 --runs 3   # builds once, ~minutes
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _installed import compile_reader
from _startup_paths import PATHS, READER, Homes, StartPath, prepare
from _terminal import Painted, run_until_painted
from search_latency import fill
from tui_reader.paths import HOME_ENV
from tui_reader.store import Store

HERE = Path(__file__).resolve().parent
BARE = (sys.executable, str(HERE / "bare_textual_app.py"))
BARE_NEEDLE = "bare-app-ready"
RSS_GOAL = 1.5


@dataclass
class Timings:
    path: StartPath
    ours: list[Painted] = field(default_factory=list)
    bare: list[Painted] = field(default_factory=list)
    """The bare app's runs, each right after one of ``ours``."""
    failures: list[str] = field(default_factory=list)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="rounds; each runs every path and the bare app once")
    parser.add_argument("--paths", default=",".join(PATHS), help=f"comma-separated, of: {', '.join(PATHS)}")
    parser.add_argument("--articles", type=int, default=0, help="cached articles added to every warm home first")
    args = parser.parse_args()
    wanted = [name.strip() for name in args.paths.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in PATHS]
    if unknown or not wanted:
        parser.error(f"unknown path(s) {', '.join(unknown) or '(none given)'}; known: {', '.join(PATHS)}")
    compile_reader()
    big = big_cache(args.articles) if args.articles else None

    with tempfile.TemporaryDirectory(prefix="tui-reader-startup-") as root, ExitStack() as portals:
        print("preparing the homes …", file=sys.stderr)
        paths = prepare(Homes(Path(root), portals, big), wanted)
        timings = [Timings(path) for path in paths]
        for round_ in range(args.runs):
            print(f"round {round_ + 1}/{args.runs}", file=sys.stderr)
            for timing in timings:
                run_pair(timing, Path(root))

    print(f"runs: {args.runs}; cached articles added: {args.articles}; terminal 160x50")
    report(timings)
    return 0


def big_cache(count: int) -> Path:
    """A cache file with ``count`` demo articles, built once and kept in /tmp."""
    db = Path(f"/tmp/tui-reader-startup-{count}.sqlite3")
    print(f"filling {db} up to {count} articles …", file=sys.stderr)
    with Store(db) as store:
        fill(store, db, count)  # adds only what is missing
    return db


def run_pair(timing: Timings, root: Path) -> None:
    """One run of the path, then one of the bare app (both or neither are kept)."""
    home = timing.path.home or Path(tempfile.mkdtemp(dir=root, prefix="cold-"))
    try:
        ours = run_until_painted([*READER, *timing.path.args], timing.path.needle, env={HOME_ENV: str(home)})
    except (TimeoutError, RuntimeError) as exc:
        timing.failures.append(str(exc))
        return
    timing.ours.append(ours)
    timing.bare.append(run_until_painted(BARE, BARE_NEEDLE))


def report(timings: list[Timings]) -> None:
    every_bare = [run for timing in timings for run in timing.bare]
    header = (
        f"{'path':<12} {'median':>7} {'min':>6} {'max':>6} {'bare':>6}  {'ratio':>5} {'goal':>6}"
        f"  {'RSS MB':>6} {'bare':>5}  {'ratio':>5} {'goal':>6}  what (needle)"
    )
    print(header)
    print("-" * len(header))
    for timing in timings:
        path = timing.path
        if not timing.ours:
            print(f"{path.name:<12} no run painted its screen: {timing.failures[0]}")
            continue
        seconds = [run.seconds * 1000 for run in timing.ours]
        bare_ms = statistics.median(run.seconds * 1000 for run in timing.bare)
        rss = statistics.median(run.peak_rss_mb for run in timing.ours)
        bare_rss = statistics.median(run.peak_rss_mb for run in timing.bare)
        median = statistics.median(seconds)
        print(
            f"{path.name:<12} {median:7.0f} {min(seconds):6.0f} {max(seconds):6.0f} {bare_ms:6.0f}"
            f"  {median / bare_ms:4.2f}x {'<=' + format(path.goal, '.1f') + 'x' if path.goal else '-':>6}"
            f"  {rss:6.1f} {bare_rss:5.1f}  {rss / bare_rss:4.2f}x {'<=' + format(RSS_GOAL, '.1f') + 'x':>6}"
            f"  {path.what} ({path.needle})"
        )
        if timing.failures:
            print(f"{'':<12} {len(timing.failures)} run(s) failed, e.g. {timing.failures[0]}")
    if every_bare:
        ms = [run.seconds * 1000 for run in every_bare]
        print(
            f"{'bare app':<12} {statistics.median(ms):7.0f} {min(ms):6.0f} {max(ms):6.0f}"
            f"  (all {len(ms)} runs; peak RSS {statistics.median(run.peak_rss_mb for run in every_bare):.1f} MB)"
        )
    print("times in ms from spawn to the needle painted; 'bare': median of the bare runs paired with the path")


if __name__ == "__main__":
    raise SystemExit(main())
