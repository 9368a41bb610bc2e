"""--debug writes a log; a bug anywhere leaves a crash log and one line, never a traceback on screen."""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

import tui_reader
from support.cli import run
from tui_reader.cli import main


def test_debug_logs_fetches_cache_hits_and_settings(home: Path) -> None:
    run(home, "--debug", "--demo", "cities")
    log = (home / "log" / "debug.log").read_text(encoding="utf-8")
    assert "settings from" in log
    assert "GET http://127.0.0.1:" in log and "-> 200 in " in log
    # After the sub-command too, like every global flag; the second run is served from the cache.
    proc = run(home, "--demo", "cities", "--debug")
    assert f"debug log in {home / 'log' / 'debug.log'}" in proc.stderr
    log = (home / "log" / "debug.log").read_text(encoding="utf-8")
    assert "cache hit: cities" in log


def test_no_debug_log_without_debug(home: Path) -> None:
    run(home, "--demo", "cities")
    assert not (home / "log" / "debug.log").exists()


def _crash_logs(home: Path) -> list[Path]:
    return sorted((home / "log").glob("crash-*.log"))


def test_a_bug_in_a_sub_command_is_one_line_and_a_crash_log(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui_reader.cli import library

    async def planted(client: object, args: argparse.Namespace) -> int:
        raise KeyError("planted fault")

    monkeypatch.setenv("TUI_READER_HOME", str(home))
    monkeypatch.setattr(library, "emit_history", planted)
    assert main(["history"]) == 1
    out, err = capsys.readouterr()
    [log] = _crash_logs(home)
    assert err == f"tui-reader: unexpected error (KeyError: 'planted fault'); details in {log}\n"
    assert out == ""
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "planted fault" in text and "['history']" in text


_PLANTED = """
import sys
from tui_reader.ui.screens.browse import BrowseScreen
def planted(self):
    raise RuntimeError("planted fault")
BrowseScreen.action_refresh = planted
from tui_reader.cli import main
sys.exit(main(["--demo"]))
"""


@pytest.mark.tmux
def test_a_bug_in_the_tui_shows_one_line_in_a_real_terminal(home: Path) -> None:
    tmux = shutil.which("tmux")
    if tmux is None:
        pytest.fail("tmux is required for the real-terminal test")
    session = f"tui-reader-crash-{uuid.uuid4().hex[:8]}"
    src = Path(tui_reader.__file__).parents[1]
    command = (
        f"TUI_READER_HOME={shlex.quote(str(home))} PYTHONPATH={shlex.quote(str(src))} "
        f"{shlex.quote(sys.executable)} -c {shlex.quote(_PLANTED)}; echo EXIT=$?; sleep 60"
    )
    subprocess.run([tmux, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command], check=True)

    def screen() -> str:
        return subprocess.run([tmux, "capture-pane", "-p", "-J", "-t", session], capture_output=True, text=True).stdout

    def wait_for(text: str) -> str:
        deadline = time.monotonic() + 30  # bounds a hang; nothing is timed
        while time.monotonic() < deadline:
            shown = screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"never saw {text!r}; the screen was:\n{screen()}")

    try:
        wait_for("连云港")
        subprocess.run([tmux, "send-keys", "-t", session, "r"], check=True)
        shown = wait_for("EXIT=")
    finally:
        subprocess.run([tmux, "kill-session", "-t", session], capture_output=True)
    [log] = _crash_logs(home)
    lines = [line for line in shown.splitlines() if line.strip()]
    assert lines == [
        f"tui-reader: unexpected error (RuntimeError: planted fault); details in {log}",
        "EXIT=1",
    ]
    assert "planted fault" in log.read_text(encoding="utf-8")
