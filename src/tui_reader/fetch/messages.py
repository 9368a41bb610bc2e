"""How fetch errors name things: hosts, paths, durations, sizes, OS reasons."""

from __future__ import annotations

import socket
from http import HTTPStatus
from urllib.parse import urlsplit

__all__ = ["host_label", "mib", "path_label", "reason", "root_cause", "seconds"]


def host_label(url: str) -> str:
    """ "127.0.0.1:8964" or "example.com": what messages call the server."""
    parts = urlsplit(url)
    return parts.netloc.rpartition("@")[2] or url


def path_label(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def seconds(value: float) -> str:
    # "0.3 s", "30 s", "3600 s": never "2.3e+09 s" for a date far ahead.
    return f"{value:g} s" if value < 100 else f"{round(value)} s"


def mib(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MiB"
    return f"{size} bytes"


def reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "error"


def root_cause(exc: BaseException) -> str | None:
    """Walk the exception chain for the OS-level reason a connection failed."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        item = stack.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, ConnectionRefusedError):
            return "connection refused"
        if isinstance(item, socket.gaierror):
            return "host name not found"
        if isinstance(item, ConnectionResetError):
            return "connection reset"
        if isinstance(item, OSError) and item.errno is not None and item.strerror:
            return item.strerror.lower()
        stack.extend([item.__cause__, item.__context__, *getattr(item, "exceptions", ())])
    return None
