"""What went wrong with a download, in one sentence naming the host.

``fetch_error`` turns what httpx (or our total deadline) raised into one of
our ``FetchError`` subclasses, so the layers above never see an httpx type
and can show the message as is.
"""

from __future__ import annotations

import httpx

from tui_reader.limits import FetchLimits
from tui_reader.fetch.messages import host_label as _host_label
from tui_reader.fetch.messages import path_label as _path_label
from tui_reader.fetch.messages import root_cause as _root_cause
from tui_reader.fetch.messages import seconds as _seconds
from tui_reader.errors import Blocked, ConnectError, FetchError, Timeout

__all__ = ["fetch_error"]


def fetch_error(
    exc: TimeoutError | httpx.HTTPError | httpx.InvalidURL, *, url: str, current: str, limits: FetchLimits
) -> FetchError:
    """The error for ``exc`` raised while fetching ``url`` (at ``current``, after redirects)."""
    if isinstance(exc, TimeoutError):
        # Only our own asyncio.timeout raises the builtin: the total deadline.
        return Timeout(
            f"{_host_label(current)} did not deliver {_path_label(current)} "
            f"within the {_seconds(limits.total_deadline)} deadline",
            url=url,
        )
    if isinstance(exc, httpx.ConnectTimeout):
        return Timeout(
            f"could not connect to {_host_label(current)} within {_seconds(limits.connect_timeout)}", url=url
        )
    if isinstance(exc, httpx.TimeoutException):
        return Timeout(f"{_host_label(current)} did not answer within {_seconds(limits.read_timeout)}", url=url)
    if isinstance(exc, httpx.ConnectError):
        reason = _root_cause(exc) or "no connection"
        return ConnectError(f"could not connect to {_host_label(current)} ({reason})", url=url)
    if isinstance(exc, httpx.UnsupportedProtocol):
        return Blocked(f"refused to fetch {current!r}: only http and https are allowed", url=url)
    if isinstance(exc, httpx.InvalidURL):
        return FetchError(f"{current!r} is not a valid web address", url=url)
    if isinstance(exc, httpx.RemoteProtocolError):
        return FetchError(
            f"{_host_label(current)} broke the connection before answering for {_path_label(current)}", url=url
        )
    reason = _root_cause(exc) or type(exc).__name__
    return FetchError(f"reading from {_host_label(current)} failed ({reason})", url=url)
