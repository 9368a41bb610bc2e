"""Start-up before ``App.run()``: where the reader's own milliseconds go, per path.

Each path of benchmarks/_startup_paths.py (homes prepared the same way) runs
in a fresh ``python`` that first imports ``textual.app`` (every Textual app
pays that) and then replays ``cli.commands._run_tui`` step by step, up to
but not including ``app.run()``, with a ``perf_counter`` mark after each step:

    commands   import tui_reader.cli.commands
    parse      parse the arguments (commands.parse_arguments)
    session    import cli.session and remembered
    ui         import tui_reader.ui.app (ReaderApp) and ui.settings
    memory     Memory.load()
    open       open_session(): config, profile, base URL
    settings   ui_settings(): keymap and themes checked
    client     session.make_client()
    app        ReaderApp(...)

It prints the median of each step per path, and the total, in milliseconds.
Garbage collection is paused as ``launch`` pauses it.

    .venv/bin/python benchmarks/before_run.py [--runs 9] [--paths offline,demo-warm]

To compare with another checkout, put its ``src`` first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

STEPS = ("commands", "parse", "session", "ui", "memory", "open", "settings", "client", "app")
PATH_NAMES = ("demo-warm", "offline", "open-url", "auto-saved", "demo-auto")
"""The paths whose work before the first screen differs; the online ones do the same as ``offline``."""


def replay(argv: list[str]) -> dict[str, float]:
    """One start, in this (fresh) process: milliseconds per step."""
    import gc
    from time import perf_counter

    gc.disable()
    import textual.app  # noqa: F401  (every Textual app pays this: not ours)

    marks = [perf_counter()]
    from tui_reader.cli import commands

    marks.append(perf_counter())
    if hasattr(commands, "parse_arguments"):
        args, _ = commands.parse_arguments(argv)
    else:  # an older reader, for a before/after comparison
        args = commands.build_parser().parse_args(argv)
    marks.append(perf_counter())
    from tui_reader.cli.session import open_session
    from tui_reader.remembered import Memory

    marks.append(perf_counter())
    from tui_reader.ui import ReaderApp, SyncOptions, ui_settings

    marks.append(perf_counter())
    memory = Memory.load()
    marks.append(perf_counter())
    open_url = args.url if args.command == "open" else None
    session = open_session(commands._options(args), memory if open_url is None else None)
    marks.append(perf_counter())
    settings = ui_settings(session.config)
    memory.bind(session.site_key, settings.theme)
    marks.append(perf_counter())
    client = session.make_client()
    marks.append(perf_counter())
    ReaderApp(
        client,
        site_title=session.site_title,
        open_url=open_url,
        notice=None,
        sync_options=SyncOptions(make_client=session.make_client, concurrency=1),
        keymap=settings.keymap,
        theme=memory.theme() or settings.theme,
        user_themes=settings.user_themes,
        memory=memory,
    )
    marks.append(perf_counter())
    session.close()
    return {step: (marks[i + 1] - marks[i]) * 1000 for i, step in enumerate(STEPS)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--paths", default=",".join(PATH_NAMES), help=f"comma-separated, of: {', '.join(PATH_NAMES)}")
    parser.add_argument("--replay", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.replay is not None:
        print(json.dumps(replay(args.replay)))
        return 0
    wanted = [name.strip() for name in args.paths.split(",") if name.strip()]
    if not wanted or any(name not in PATH_NAMES for name in wanted):
        parser.error(f"--paths: comma-separated, of: {', '.join(PATH_NAMES)}")

    from _installed import compile_reader
    from _startup_paths import Homes, prepare
    from tui_reader.paths import HOME_ENV

    compile_reader()
    with tempfile.TemporaryDirectory(prefix="tui-reader-before-run-") as root, ExitStack() as portals:
        print("preparing the homes …", file=sys.stderr)
        paths = prepare(Homes(Path(root), portals, None), wanted)
        timings: dict[str, list[dict[str, float]]] = {path.name: [] for path in paths}
        for _ in range(args.runs):
            for path in paths:
                env = {**os.environ, HOME_ENV: str(path.home)}
                done = subprocess.run(
                    [sys.executable, __file__, "--replay", *path.args],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                timings[path.name].append(json.loads(done.stdout))
    width = max(len(name) for name in timings)
    print(f"{'path':<{width}} " + " ".join(f"{step:>8}" for step in (*STEPS, "total")) + "   (ms, medians)")
    for name, runs in timings.items():
        medians = [statistics.median(run[step] for run in runs) for step in STEPS]
        total = statistics.median(sum(run.values()) for run in runs)
        print(f"{name:<{width}} " + " ".join(f"{value:8.1f}" for value in (*medians, total)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
