"""Heavy pages: wall time and peak memory of `tui-reader read URL --json` per shape.

Serves every shape of ``demo.site.heavy`` from the demo portal on 127.0.0.1
and runs the reader on each, a fresh home per run (nothing cached), as a
real process: start-up included. Prints, per shape, the median wall time of
N runs, the largest peak RSS, the exit code and the reader's cut notes.
Goal: every shape within 3 s and 300 MB on one core.

    .venv/bin/python benchmarks/heavy_pages.py [--runs 3] [--site demo|auto] [--shape NAME …]

Key latency in the reader while such a page opens: ``heavy_keys.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _installed import compile_reader
from tui_reader.demo.site.heavy import SHAPES
from tui_reader.demo.web.server import DemoOptions, DemoServer

# Runs the reader as its only child, so the children's peak RSS is the reader's.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
try:
    proc = subprocess.run(sys.argv[2:], capture_output=True, timeout=float(sys.argv[1]))
    code, out = proc.returncode, proc.stdout
except subprocess.TimeoutExpired:
    code, out = "killed", b""
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
sys.stdout.write(f"{wall} {peak} {code}\\n")
sys.stdout.buffer.write(out)
"""


def measure(command: list[str], home: str, timeout: float) -> tuple[float, float, str, dict[str, object] | None]:
    """Wall seconds, peak RSS in MB, exit code (or "killed"), and the printed article (or None)."""
    env = {**os.environ, "TUI_READER_HOME": home}
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(timeout), *command], capture_output=True, env=env)
    first, _, rest = done.stdout.partition(b"\n")
    wall, peak, code = first.decode().split()
    try:
        article = json.loads(rest)
    except ValueError:
        article = None
    return float(wall), float(peak), code, article


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", default="demo", help="demo (the profile) or auto (discovery)")
    parser.add_argument("--shape", action="append", choices=SHAPES, help="only these shapes")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a run is killed")
    args = parser.parse_args()
    compile_reader()
    shapes = args.shape or list(SHAPES)

    with DemoServer(port=0, options=DemoOptions(encoding="utf-8"), log=lambda _l: None) as portal:
        print(f"runs per shape: {args.runs}, site: {args.site}, killed after {args.timeout:.0f} s")
        print(f"{'shape':<16} {'wall (median)':>13} {'peak RSS':>9}  exit  title/intro  cuts")
        for shape in shapes:
            url = f"{portal.base_url}/heavy/{shape}.html"
            command = [sys.executable, "-m", "tui_reader", "--site", args.site, "--base-url", portal.base_url]
            walls, peaks, codes = [], [], set()
            article: dict[str, object] | None = None
            for _ in range(args.runs):
                with tempfile.TemporaryDirectory() as home:
                    wall, peak, code, printed = measure([*command, "read", url, "--json"], home, args.timeout)
                walls.append(wall)
                peaks.append(peak)
                codes.add(code)
                article = printed or article
                if code == "killed":
                    break  # once is enough to know
            shown = "-"
            cuts: object = "-"
            if article is not None:
                title_ok = str(article.get("title", "")).startswith("重负页面测试")
                intro_ok = "拎包入住" in str(article.get("body", ""))
                shown = f"{'yes' if title_ok else 'NO'}/{'yes' if intro_ok else 'NO'}"
                cuts = "; ".join(str(c) for c in article.get("cuts", ()) or ()) or "-"  # type: ignore[union-attr]
            wall_text = f">{args.timeout:.0f} s" if "killed" in codes else f"{statistics.median(walls):.2f} s"
            print(
                f"{shape:<16} {wall_text:>13} {max(peaks):>6.0f} MB  {','.join(sorted(codes)):>4}  {shown:>11}  {cuts}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
