"""Running the installed command as a real process, in a home of its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run(home: Path, *args: str, check_exit: int | None = 0) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TUI_READER_HOME": str(home)}
    proc = subprocess.run(
        [sys.executable, "-m", "tui_reader", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    if check_exit is not None:
        assert proc.returncode == check_exit, proc.stderr
    return proc


def run_json(home: Path, *args: str) -> object:
    return json.loads(run(home, *args, "--json").stdout)


def fast_sync(home: Path, extra: str = "") -> None:
    """No politeness delay against our own loopback portal: tests stay quick."""
    config = home / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"[sync]\nconcurrency = 4\ndelay = 0\n{extra}", encoding="utf-8")
