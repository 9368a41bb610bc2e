"""HTTP/1.1 for the fetch layer: httptools (llhttp) in an asyncio protocol, connections kept alive per origin.

Why not httpx's default transport (httpcore): a sync fetches thousands of
small pages from one host, and it is CPU-bound on the client. Measured on
loopback against the demo portal, 2,000 article pages, 4 in flight, client
CPU per page: httpcore 0.66 ms, h11 on asyncio streams 0.27 ms, httptools on
asyncio streams 0.11 ms. httpcore's cost is its generality (anyio streams and
locks, a pool scheduling HTTP/2 and HTTP/1.1 alike, trace hooks), h11's its
pure-Python state machine and event objects; httptools is llhttp, Node's
parser, in C. The reader needs HTTP/1.1 GETs with keep-alive, which is this
module.

It is an ``httpx.AsyncBaseTransport`` (``handle_async_request``), and the
fetch layer calls its ``send`` with the request as it goes on the wire; both
answer with an ``httpx.Response``, and everything it raises is an httpx
exception that ``_fetch_errors`` already turns into our sentences:

- ``ConnectError`` / ``ConnectTimeout`` while connecting (TLS included);
- ``WriteError`` / ``WriteTimeout``, ``ReadError`` / ``ReadTimeout`` on the wire;
- ``RemoteProtocolError`` when the server breaks HTTP: bad framing, or the
  connection closed before the answer (or its body) was complete;
- ``LocalProtocolError`` for a request header that would break the request
  (a line break in a validator a hostile server sent us earlier).

A connection goes back to the idle pool only after a complete response that
both sides agree can be followed by another (llhttp knows ``Connection:
close`` and HTTP/1.0); a body abandoned half-way closes its connection. An
idle connection the server has closed meanwhile fails before any answer
arrives; that GET is sent once more on a new connection, as browsers do.
"""

from __future__ import annotations

import asyncio
import re
import ssl
from collections.abc import AsyncIterator, Mapping, Sequence

import httpx

from tui_reader.fetch.connection import Connection, Stale

__all__ = ["KeepAliveTransport"]

_DEFAULT_PORTS = {"http": 80, "https": 443}
_IDLE_PER_ORIGIN = 8

_Origin = tuple[str, str, int]

# What may go into a request line or header (RFC 9110 tokens; no NUL, CR or
# LF anywhere): anything else could end the header early and smuggle a second one in.
_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_LINE_BREAKING = re.compile(rb"[\x00\r\n]")


class _Body(httpx.AsyncByteStream):
    """The response body as it arrives; hands the connection back when it is complete."""

    def __init__(self, transport: KeepAliveTransport, origin: _Origin, conn: Connection, timeout: float | None):
        self._transport = transport
        self._origin = origin
        self._conn: Connection | None = conn
        self._timeout = timeout

    async def __aiter__(self) -> AsyncIterator[bytes]:
        conn = self._conn
        if conn is None:
            return
        message = conn.message
        try:
            while True:
                if message.chunks:
                    chunks, message.chunks = message.chunks, []
                    for chunk in chunks:
                        yield chunk
                if message.complete:
                    break
                await conn.receive(self._timeout)
        except BaseException:
            await self.aclose()
            raise
        self._conn = None
        self._transport._release(self._origin, conn)

    async def aclose(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            # Redirects, 304s and error pages are closed unread; when their
            # (empty or short) body is already here, the connection is still good.
            self._transport._release(self._origin, conn)


class KeepAliveTransport(httpx.AsyncBaseTransport):
    """HTTP/1.1 GETs over kept-alive connections; see the module's docstring."""

    def __init__(self, ssl_context: ssl.SSLContext | None = None) -> None:
        self._ssl_context = ssl_context
        self._idle: dict[_Origin, list[Connection]] = {}
        # Set by aclose(): a response still being read then must not hand its
        # connection back to a pool nobody will close again.
        self._closed = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.send(
            request.method, request.url, request.headers.raw, request.extensions.get("timeout", {}), await request.aread()
        )

    async def send(
        self,
        method: str,
        url: httpx.URL,
        headers: Sequence[tuple[bytes, bytes]],
        timeouts: Mapping[str, float | None],
        body: bytes = b"",
    ) -> httpx.Response:
        """One request, given as what goes on the wire (``headers`` include Host).

        The fetch layer calls this directly: making an ``httpx.Request`` first
        (headers normalised into a new object, the URL copied) costs more than
        parsing the answer does. The response has no ``request``."""
        scheme = url.scheme
        if scheme not in _DEFAULT_PORTS:
            raise httpx.UnsupportedProtocol(f"{scheme!r} is not http or https")
        origin = (scheme, url.host, url.port or _DEFAULT_PORTS[scheme])
        head = _request_head(method, url.raw_path, headers, body)
        while True:
            conn = self._take_idle(origin) or await self._connect(origin, timeouts.get("connect"))
            try:
                await self._exchange(conn, method == "HEAD", head, timeouts)
            except Stale:
                conn.close()
                if method not in ("GET", "HEAD"):
                    raise httpx.RemoteProtocolError("the server closed a kept-alive connection") from None
                continue  # only a reused connection can be stale: the next one is new or another idle one
            except BaseException:
                conn.close()
                raise
            message = conn.message
            return httpx.Response(
                status_code=message.status,
                headers=message.headers,
                stream=_Body(self, origin, conn, timeouts.get("read")),
                extensions={
                    "http_version": b"HTTP/" + conn.parser.get_http_version().encode("ascii"),
                    "reason_phrase": message.reason,
                },
            )

    async def aclose(self) -> None:
        self._closed = True
        idle, self._idle = self._idle, {}
        for conns in idle.values():
            for conn in conns:
                conn.close()

    def _take_idle(self, origin: _Origin) -> Connection | None:
        conns = self._idle.get(origin)
        while conns:
            conn = conns.pop()
            if conn.usable():
                return conn
            conn.close()
        return None

    def _release(self, origin: _Origin, conn: Connection) -> None:
        if not self._closed and conn.finished():
            conn.reused = True
            conns = self._idle.setdefault(origin, [])
            if len(conns) < _IDLE_PER_ORIGIN:
                conns.append(conn)
                return
        conn.close()

    async def _connect(self, origin: _Origin, timeout: float | None) -> Connection:
        scheme, host, port = origin
        context = None
        if scheme == "https":
            if self._ssl_context is None:
                self._ssl_context = httpx.create_ssl_context()
            context = self._ssl_context
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                _, conn = await loop.create_connection(
                    Connection, host, port, ssl=context, server_hostname=host if context else None
                )
        except TimeoutError:
            raise httpx.ConnectTimeout(f"no connection to {host}:{port} in time") from None
        except (OSError, ssl.SSLError) as exc:
            raise httpx.ConnectError(str(exc) or type(exc).__name__) from exc
        return conn

    async def _exchange(
        self, conn: Connection, head_only: bool, data: bytes, timeouts: Mapping[str, float | None]
    ) -> None:
        """Send the request and read until the final answer's status and headers are in."""
        conn.expect_answer(head_only)
        try:
            await conn.send(data, timeouts.get("write"))
        except TimeoutError:
            raise httpx.WriteTimeout("the server took no more of the request for too long") from None
        except OSError as exc:
            if conn.reused:
                raise Stale() from exc
            raise httpx.WriteError(str(exc) or type(exc).__name__) from exc
        while not conn.message.head:
            await conn.receive(timeouts.get("read"))


def _request_head(method: str, target: bytes, headers: Sequence[tuple[bytes, bytes]], body: bytes) -> bytes:
    """The request's bytes on the wire; ``LocalProtocolError`` for anything that would break them."""
    verb = method.encode("ascii", errors="replace")
    if not _TOKEN.fullmatch(verb) or not target or b" " in target or _LINE_BREAKING.search(target):
        raise httpx.LocalProtocolError(f"refused to send {method} {target!r}: not a valid request line")
    lines = [b"%s %s HTTP/1.1" % (verb, target)]
    names = set()
    for name, value in headers:
        if not _TOKEN.fullmatch(name):
            raise httpx.LocalProtocolError(f"refused to send the header {name!r}: it is not a header name")
        if b"\r" in value or b"\n" in value or b"\0" in value:
            raise httpx.LocalProtocolError(f"refused to send the header {name!r}: its value would break the request")
        lowered = name.lower()
        if body and lowered == b"transfer-encoding":
            continue  # the body was read whole: it goes with a length instead
        names.add(lowered)
        lines.append(b"%s: %s" % (name, value))
    if body and b"content-length" not in names:
        lines.append(b"Content-Length: %d" % len(body))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body
