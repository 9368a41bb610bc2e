"""The floor: how much of the first screen's time Textual alone takes.

Times the first-screen replica (replica_first_screen.py: the reader's layout
and text, none of its code) against the one-label app, interleaved, in the same
pseudo-terminal as startup.py. Whatever startup.py measures above this floor is
the reader's own work (imports, set-up, data).

    .venv/bin/python benchmarks/screen_floor.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _terminal import run_until_painted

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bare, replica = [], []
    for _ in range(args.runs):
        bare.append(run_until_painted([sys.executable, str(HERE / "bare_textual_app.py")], "bare-app-ready"))
        replica.append(run_until_painted([sys.executable, str(HERE / "replica_first_screen.py")], "连云港"))
    bare_ms = statistics.median(run.seconds * 1000 for run in bare)
    replica_ms = statistics.median(run.seconds * 1000 for run in replica)
    print(f"runs: {args.runs}")
    print(f"one-label app            median {bare_ms:.0f} ms")
    print(f"first-screen replica     median {replica_ms:.0f} ms  ({replica_ms / bare_ms:.2f}x the one-label app)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
