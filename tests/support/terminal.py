"""The installed command in a real terminal: tmux runs it, keys go in, the screen is read back."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
# The console script installed next to this interpreter (`pip install -e .` put it there).
COMMAND = Path(sys.executable).with_name("tui-reader")


class Terminal:
    def __init__(self, session: str) -> None:
        self.session = session

    def keys(self, *keys: str) -> None:
        subprocess.run([TMUX, "send-keys", "-t", self.session, *keys], check=True)

    def text(self, *keys: str) -> None:
        """Type text literally (no key-name lookup), e.g. Chinese."""
        subprocess.run([TMUX, "send-keys", "-t", self.session, "-l", *keys], check=True)

    def screen(self) -> str:
        return subprocess.run(
            [TMUX, "capture-pane", "-p", "-t", self.session], check=True, capture_output=True, text=True
        ).stdout

    def wait_for(self, predicate: Callable[[str], bool], what: str, limit: float = 30.0) -> str:
        """Poll the screen until ``predicate`` holds; ``limit`` only bounds a hang."""
        deadline = time.monotonic() + limit
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"never saw {what}; the screen was:\n{screen}")

    def alive(self) -> bool:
        return subprocess.run([TMUX, "has-session", "-t", self.session], capture_output=True).returncode == 0


def open_terminal(
    tmp_path: Path, *flags: str, width: int = 160, height: int = 40, env: dict[str, str] | None = None
) -> Iterator[Terminal]:
    """The command with ``flags`` in a ``width``×``height`` window (at 160 columns every pane shows),
    its home in ``tmp_path/home``, with ``env`` added to its environment."""
    if TMUX is None:
        pytest.fail("tmux is required for the real-terminal test (.ci/run installs it)")
    assert COMMAND.exists(), f"the installed command is missing: {COMMAND}"
    session = f"tui-reader-test-{uuid.uuid4().hex[:8]}"
    home = tmp_path / "home"
    # A tmux server started by someone else has its own environment: name
    # what this command needs (PYTHONPATH picks the source tree under test).
    names = {"TUI_READER_HOME": str(home), **(env or {})}
    if os.environ.get("PYTHONPATH"):
        names["PYTHONPATH"] = os.path.abspath(os.environ["PYTHONPATH"])
    assignments = " ".join(f"{name}={shlex.quote(value)}" for name, value in names.items())
    # COLUMNS and LINES, when the test run has them, would override the window's
    # real size in the reader (Textual reads them first).
    command = f"env -u COLUMNS -u LINES {assignments} {shlex.quote(str(COMMAND))} {' '.join(flags)}"
    # The window gets its size before the command starts: a tmux server with no
    # client may first shrink a new window to its default 80×24, and a reader
    # started then would draw its first screen at that size.
    size = ["-x", str(width), "-y", str(height)]
    subprocess.run([TMUX, "new-session", "-d", "-s", session, *size, "sleep 600"], check=True)
    subprocess.run([TMUX, "set-option", "-t", session, "window-size", "manual"], capture_output=True)
    subprocess.run([TMUX, "resize-window", "-t", session, *size], capture_output=True)
    subprocess.run([TMUX, "respawn-pane", "-k", "-t", session, command], check=True)
    try:
        yield Terminal(session)
    finally:
        subprocess.run([TMUX, "kill-session", "-t", session], capture_output=True)


def wait_until_closed(terminal: Terminal, limit: float = 15.0) -> None:
    """Wait for the command to end (``limit`` only bounds a hang)."""
    deadline = time.monotonic() + limit
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.alive(), "the reader did not quit"
