"""What went wrong with a download, in one sentence naming the host.

``fetch_error`` turns what httpx (or our total deadline) raised into one of
our ``FetchError`` subclasses, so the layers above never see an httpx type
and can show the message as is. httpx's transport raises httpx exceptions
only: it wraps httpcore's, which wrap h11's and the socket's (kept as the
``__cause__``, where ``root_cause`` and ``_head_too_large`` look).
"""

from __future__ import annotations

import httpx

from tui_reader.errors import Blocked, ConnectError, FetchError, Timeout
from tui_reader.fetch.messages import host_label as _host_label
from tui_reader.fetch.messages import path_label as _path_label
from tui_reader.fetch.messages import root_cause as _root_cause
from tui_reader.fetch.messages import seconds as _seconds
from tui_reader.limits import FetchLimits

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
        if _head_too_large(exc):
            return FetchError(
                f"{_host_label(current)} sent headers too large to read (over 100 KiB) for {_path_label(current)}",
                url=url,
            )
        return FetchError(
            f"{_host_label(current)} broke the connection before answering for {_path_label(current)}", url=url
        )
    if isinstance(exc, httpx.LocalProtocolError):
        # A validator (ETag, Last-Modified) a server sent earlier that h11
        # will not put into a request: a line break in it would add headers.
        return FetchError(
            f"refused to ask {_host_label(current)} for {_path_label(current)}: a header value would break the request",
            url=url,
        )
    reason = _root_cause(exc) or type(exc).__name__
    return FetchError(f"reading from {_host_label(current)} failed ({reason})", url=url)


def _head_too_large(exc: BaseException) -> bool:
    """h11's "Receive buffer too long": the answer's head outgrew httpcore's limit
    (100 KiB). h11 marks it with the status a server would answer, 431; httpcore
    and httpx chain their own exceptions to it."""
    seen: set[int] = set()
    item: BaseException | None = exc
    while item is not None and id(item) not in seen:
        seen.add(id(item))
        if getattr(item, "error_status_hint", None) == 431:
            return True
        item = item.__cause__ or item.__context__
    return False
