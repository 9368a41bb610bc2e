"""The ``demo-server`` command in a process of its own, as a user starts it, for the
tests that stop it as a user does: Ctrl-C (SIGINT)."""

from __future__ import annotations

import signal
import subprocess
import sys

_CODE = "import sys; from tui_reader.demo.web.command import main; sys.exit(main(sys.argv[1:]))"


def _interruptible() -> None:
    # A suite started in the background (``make test &``) ignores SIGINT, and a
    # child inherits that: Python then installs no KeyboardInterrupt for it, and
    # Ctrl-C would never reach the command under test.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_demo_server(*args: str) -> subprocess.Popen[str]:
    """``tui-reader demo-server ARGS``, its output piped, answering SIGINT as in a terminal."""
    return subprocess.Popen(
        [sys.executable, "-c", _CODE, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_interruptible,
    )
