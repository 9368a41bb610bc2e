"""Run a full-screen program in a pseudo-terminal and time until text shows up.

The benchmarks measure what a person sees: from process start until a given
piece of text has been painted, read back from the terminal's output stream.
``run_until_painted`` also reads the program's peak memory at that moment.
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
from typing import NamedTuple


class Painted(NamedTuple):
    seconds: float
    """From spawning the program until the text appeared in its output."""
    peak_rss_mb: float
    """The program's peak resident memory (VmHWM) when the text appeared, in MB."""


def time_until_painted(
    argv: Sequence[str],
    needle: str,
    *,
    env: dict[str, str] | None = None,
    size: tuple[int, int] = (160, 50),
    timeout: float = 30.0,
) -> float:
    """Seconds from spawning ``argv`` until ``needle`` appears in its output."""
    return run_until_painted(argv, needle, env=env, size=size, timeout=timeout).seconds


def run_until_painted(
    argv: Sequence[str],
    needle: str,
    *,
    env: dict[str, str] | None = None,
    size: tuple[int, int] = (160, 50),
    timeout: float = 30.0,
) -> Painted:
    """Time and peak memory of ``argv`` when ``needle`` appears in its output.

    The memory is the spawned process's own (not its children's): measure a
    program that does its work in one process."""
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
                # Read before the kill below: the peak is what the first screen cost.
                return Painted(time.perf_counter() - started, _peak_rss_mb(proc.pid))
            seen = seen[-4096:]
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        os.close(master)


def _peak_rss_mb(pid: int) -> float:
    """VmHWM of a running process, in MB (10^6 bytes, as ``ps`` and the issue count)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    raise RuntimeError(f"no VmHWM in /proc/{pid}/status")


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]
