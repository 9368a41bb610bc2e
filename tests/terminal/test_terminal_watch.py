"""`tui-reader watch run` as cron would see it, in a real terminal: the installed command,
new matches the first time, an empty screen and exit 0 the next."""

from __future__ import annotations

import shlex
from pathlib import Path

from support.cli import fast_sync, run
from support.terminal import open_terminal
from tui_reader.demo.web.server import DemoServer


def test_watch_run_prints_new_matches_once(tmp_path: Path, portal: DemoServer) -> None:
    home = tmp_path / "home"  # the home open_terminal gives the command
    base = ("--site", "demo", "--base-url", portal.base_url)
    fast_sync(home)
    run(home, "sync", "连云港", "二手", "--quiet", *base)
    run(home, "watch", "add", "二手连云港", "city:连云港 cat:二手", *base)
    flags = " ".join(shlex.quote(f) for f in ("watch", "run", *base, "--offline"))

    for terminal in open_terminal(tmp_path, flags, "; echo EXIT=$?; sleep 30", width=200, height=100):
        screen = terminal.wait_for(lambda s: "EXIT=" in s, "the first run to end")
        assert screen.startswith("== 二手连云港: ") and "new matches" in screen.splitlines()[0]
        assert "EXIT=0" in screen and portal.base_url in screen

    for terminal in open_terminal(tmp_path, flags, "; echo EXIT=$?; sleep 30", width=200, height=100):
        screen = terminal.wait_for(lambda s: "EXIT=" in s, "the second run to end")
        assert screen.strip() == "EXIT=0"
