"""One GET through an httpx transport, and what httpcore's pool needs from us to keep connections alive.

The transport is ``httpx.AsyncHTTPTransport`` (httpcore, h11): HTTP/1.1 with
a pool of kept-alive connections per origin. Two things it leaves to its
caller, done here:

- A kept-alive connection the server closes just as our request goes out
  answers with nothing (``RemoteProtocolError``, or ``ReadError`` for a
  reset). httpcore drops such a connection when the close has already
  arrived, but not in that race, and never sends anything twice. Browsers
  send a GET once more on a new connection; so does ``send``, once, and
  only when the request went out on a reused connection: a new connection
  that fails is a server that fails. Whether a connection was opened is
  read from httpcore's ``trace`` extension.
- httpcore pools a connection again only once its answer was read to the
  end; closed unread, the connection is closed too. The bodies the fetch
  layer does not want (redirects, 304s, error pages) are usually empty or
  short, so ``discard`` reads what is left of a body declared small, and
  the next request to that site need not connect again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any

import httpx

__all__ = ["discard", "raw_chunks", "send"]

_DISCARD_MAX = 64 * 1024
"""Largest declared body read to its end only to keep its connection."""

_NO_BODY = frozenset({204, 304})


class _Connecting:
    """httpcore's ``trace`` hook: did this request open a connection, did it go out on one?"""

    __slots__ = ("opened", "sent")

    def __init__(self) -> None:
        self.opened = self.sent = False

    async def __call__(self, event: str, info: Mapping[str, Any]) -> None:
        if event.startswith("connection.connect_"):
            self.opened = True
        elif event == "http11.send_request_headers.started":
            self.sent = True

    @property
    def reused(self) -> bool:
        return self.sent and not self.opened


async def send(
    transport: httpx.AsyncBaseTransport,
    url: httpx.URL,
    headers: Mapping[str, str],
    timeouts: Mapping[str, float | None],
    *,
    sni_hostname: str | None = None,
) -> httpx.Response:
    """GET ``url``; the response's body is not read yet. Raises what the transport raises.

    ``sni_hostname``: the name to ask TLS for, when ``url`` names an address
    other than the site's (``connect_to``)."""
    while True:
        hook = _Connecting()
        extensions: dict[str, Any] = {"timeout": timeouts, "trace": hook}
        if sni_hostname:
            extensions["sni_hostname"] = sni_hostname
        request = httpx.Request("GET", url, headers=headers, extensions=extensions)
        try:
            response = await transport.handle_async_request(request)
        except (httpx.RemoteProtocolError, httpx.ReadError):
            # No answer, not even its status line: if the connection was an
            # idle one, the server closed it meanwhile. The pool drops a
            # connection that failed, so this ends with a new one at the latest.
            if hook.reused:
                continue
            raise
        response.request = request
        return response


def raw_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    """The body as sent, still compressed.

    A response built with ``content=`` (httpx.MockTransport in tests) arrives
    already read; its stream still replays the original bytes, so the same
    bounded inflating applies to it as to a real download.
    """
    if response.is_stream_consumed and isinstance(response.stream, httpx.AsyncByteStream):
        return response.stream.__aiter__()
    return response.aiter_raw()


async def discard(response: httpx.Response) -> None:
    """Close a response whose body nobody wants, reading it first if it is declared small.

    Never raises for the body: a connection that fails here is simply not
    kept. The wait is bounded by the read timeout and the caller's deadline.
    """
    try:
        if not response.is_closed and (response.status_code in _NO_BODY or _small(response.headers)):
            async for _ in raw_chunks(response):
                pass
    except httpx.HTTPError:
        pass
    finally:
        await response.aclose()


def _small(headers: httpx.Headers) -> bool:
    length = headers.get("Content-Length", "").strip()
    return length.isdigit() and length.isascii() and int(length) <= _DISCARD_MAX
