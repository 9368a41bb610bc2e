"""Start-up: process start → first screen painted with cached data.

Median of N runs of `tui-reader --offline` (cache warmed first from a demo
portal) against a bare Textual app started the same way. Target: ≤ 1.3×.

    .venv/bin/python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _installed import compile_reader
from _terminal import time_until_painted
from tui_reader.demo.web.server import DemoOptions, DemoServer

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    compile_reader()

    with (
        tempfile.TemporaryDirectory() as home,
        DemoServer(port=0, options=DemoOptions(), log=lambda _l: None) as portal,
    ):
        env = {"TUI_READER_HOME": home}
        reader = [sys.executable, "-m", "tui_reader", "--site", "demo", "--base-url", portal.base_url]
        # Warm the cache: city list, then categories of the first city, so the
        # first screen can be painted entirely from it.
        subprocess.run([*reader, "cities"], check=True, env={**os.environ, **env}, capture_output=True)
        subprocess.run([*reader, "categories", "南京"], check=True, env={**os.environ, **env}, capture_output=True)
        portal.stop()

        ours, bare = [], []
        for _ in range(args.runs):  # interleaved, so machine noise hits both alike
            ours.append(time_until_painted([*reader, "--offline"], "连云港", env=env))
            bare.append(time_until_painted([sys.executable, str(HERE / "bare_textual_app.py")], "bare-app-ready"))

    ours_median, bare_median = statistics.median(ours), statistics.median(bare)
    print(f"runs: {args.runs}")
    print(
        f"tui-reader --offline, first screen with cached cities: median {ours_median * 1000:.0f} ms "
        f"(min {min(ours) * 1000:.0f}, max {max(ours) * 1000:.0f})"
    )
    print(
        f"bare Textual app, first screen:                      median {bare_median * 1000:.0f} ms "
        f"(min {min(bare) * 1000:.0f}, max {max(bare) * 1000:.0f})"
    )
    print(f"ratio: {ours_median / bare_median:.2f}x (target <= 1.3x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
