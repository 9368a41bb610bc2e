"""A sync as a real process, and the demo portal's access log, for the sync tests."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest


class AccessLog:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, line: str) -> None:
        with self._lock:
            self.lines.append(line)

    def article_gets(self) -> list[str]:
        """Paths of article pages requested (GET ... .html), in order."""
        with self._lock:
            return [line.split()[1] for line in self.lines if line.startswith("GET ") and ".html" in line.split()[1]]

    def clear(self) -> None:
        with self._lock:
            self.lines.clear()


def start_sync(home: Path, base_url: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "TUI_READER_HOME": str(home)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tui_reader",
            "sync",
            "连云港",
            "房产",
            "招聘",
            "二手",
            "--pages",
            "2",
            "--quiet",
            "--site",
            "demo",
            "--base-url",
            base_url,
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )


def wait_for(condition: Callable[[], object], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)
