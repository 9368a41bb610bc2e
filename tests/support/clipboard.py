"""A session's clipboard set up for a test: a real tool on PATH, or none at all.

The fake tool is a real executable (a shell script) found through PATH the way
``wl-copy`` or ``xclip`` would be; it writes what it is given on stdin to a
file, and its arguments to another.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SESSION_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "TMUX", "TERM_PROGRAM", "WT_SESSION")


def no_clipboard(monkeypatch: pytest.MonkeyPatch, term: str = "xterm-256color") -> None:
    """No desktop, no tmux, a terminal not known to take OSC 52."""
    for name in SESSION_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", term)


def fake_tool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str = "xclip", status: int = 0) -> Path:
    """Put a clipboard tool called ``name`` on PATH (an X session); returns the file it fills."""
    no_clipboard(monkeypatch)
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    received = tmp_path / f"{name}.out"
    script = folder / name
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{received}.args"\ncat > "{received}"\nexit {status}\n')
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv(
        "WAYLAND_DISPLAY" if name == "wl-copy" else "DISPLAY", "wayland-0" if name == "wl-copy" else ":0"
    )
    return received
