"""Run a full-screen program in a pseudo-terminal and time until text shows up.

The benchmarks measure what a person sees: from process start until a given
piece of text has been painted, read back from the terminal's output stream.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence


def time_until_painted(
    argv: Sequence[str],
    needle: str,
    *,
    env: dict[str, str] | None = None,
    size: tuple[int, int] = (160, 50),
    timeout: float = 30.0,
) -> float:
    """Seconds from spawning ``argv`` until ``needle`` appears in its output."""
    master, slave = pty.openpty()
    columns, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    wanted = needle.encode("utf-8")
    seen = b""
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "TERM": "xterm-256color", **(env or {})},
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    try:
        while True:
            left = timeout - (time.perf_counter() - started)
            if left <= 0:
                raise TimeoutError(f"{needle!r} did not appear within {timeout} s: {seen[-300:]!r}")
            ready, _, _ = select.select([master], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the program exited
                raise RuntimeError(f"program ended before {needle!r} appeared: {seen[-300:]!r}") from None
            seen += chunk
            if wanted in seen:
                return time.perf_counter() - started
            seen = seen[-4096:]
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        os.close(master)


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]
