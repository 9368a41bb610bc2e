"""A socketserver test server run in a thread for the length of a ``with`` block."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

S = TypeVar("S", bound=socketserver.BaseServer)


@contextmanager
def serving(server: S, poll_interval: float = 0.5) -> Iterator[S]:
    """``server`` answering in a daemon thread; shut down and closed on the way out.

    A short ``poll_interval`` makes the shutdown quick for tests that start many servers.
    """
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": poll_interval}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
