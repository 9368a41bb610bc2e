"""HTTP/1.1 for the fetch layer: h11 over asyncio streams, connections kept alive per origin.

Why not httpx's default transport (httpcore): a sync fetches thousands of
small pages from one host, and httpcore spends more CPU per request than the
request itself costs the portal. Measured on loopback against the demo portal,
2,000 article pages, 4 in flight: httpcore 0.66 ms of client CPU per page,
h11 on asyncio streams 0.28 ms. httpcore's cost is its generality (anyio
streams and locks, a pool scheduling HTTP/2 and HTTP/1.1 alike, trace hooks);
the reader needs HTTP/1.1 GETs with keep-alive, which is this module.

It is an ``httpx.AsyncBaseTransport``, so ``httpx.AsyncClient`` stays the
fetch layer's client (headers, cookies, proxies from the environment, which
httpx mounts on its own transports) and everything it raises is an httpx
exception that ``_fetch_errors`` already turns into our sentences:

- ``ConnectError`` / ``ConnectTimeout`` while connecting (TLS included);
- ``WriteError`` / ``WriteTimeout``, ``ReadError`` / ``ReadTimeout`` on the wire;
- ``RemoteProtocolError`` when the server breaks HTTP: bad framing, or the
  connection closed before the answer (or its body) was complete.

A connection goes back to the idle pool only after a complete response that
both sides agree can be followed by another (h11 knows ``Connection: close``
and HTTP/1.0); a body abandoned half-way closes its connection. An idle
connection the server has closed meanwhile fails before any answer arrives;
that GET is sent once more on a new connection, as browsers do.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator

import h11
import httpx

__all__ = ["KeepAliveTransport"]

_READ_SIZE = 64 * 1024
_DEFAULT_PORTS = {"http": 80, "https": 443}
_IDLE_PER_ORIGIN = 8

_Origin = tuple[str, str, int]


class _Stale(Exception):
    """A reused connection was closed by the server before it answered."""


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.h11 = h11.Connection(h11.CLIENT)
        self.reused = False

    def usable(self) -> bool:
        return not self.reader.at_eof() and not self.writer.is_closing()

    def close(self) -> None:
        self.writer.close()

    def _unanswered(self) -> bool:
        """A kept-alive connection that has sent us nothing since the request: stale, not broken."""
        return self.reused and self.h11.their_state is h11.SEND_RESPONSE

    def finished_early(self) -> bool:
        """Whether the rest of the answer (none: a 304, or a short body) is already buffered."""
        while True:
            try:
                event = self.h11.next_event()
            except h11.RemoteProtocolError:
                return False
            if isinstance(event, h11.EndOfMessage):
                return True
            if not isinstance(event, h11.Data):
                return False

    async def next_event(self, timeout: float | None) -> h11.Event | type[h11.PAUSED]:
        """The next h11 event, reading from the socket as h11 asks."""
        while True:
            try:
                event = self.h11.next_event()
            except h11.RemoteProtocolError as exc:
                raise httpx.RemoteProtocolError(str(exc)) from exc
            if event is not h11.NEED_DATA:
                return event
            try:
                async with asyncio.timeout(timeout):
                    data = await self.reader.read(_READ_SIZE)
            except TimeoutError:
                raise httpx.ReadTimeout("the server sent nothing for too long") from None
            except OSError as exc:
                if self._unanswered():
                    raise _Stale() from exc
                raise httpx.ReadError(str(exc) or type(exc).__name__) from exc
            if not data and self._unanswered():
                raise _Stale()
            try:
                self.h11.receive_data(data)
            except h11.RemoteProtocolError as exc:
                raise httpx.RemoteProtocolError(str(exc)) from exc


class _Body(httpx.AsyncByteStream):
    """The response body as it arrives; hands the connection back when it is complete."""

    def __init__(self, transport: KeepAliveTransport, origin: _Origin, conn: _Connection, timeout: float | None):
        self._transport = transport
        self._origin = origin
        self._conn: _Connection | None = conn
        self._timeout = timeout

    async def __aiter__(self) -> AsyncIterator[bytes]:
        conn = self._conn
        if conn is None:
            return
        try:
            while True:
                event = await conn.next_event(self._timeout)
                if isinstance(event, h11.Data):
                    yield bytes(event.data)
                elif isinstance(event, h11.EndOfMessage):
                    break
                elif isinstance(event, h11.ConnectionClosed):
                    raise httpx.RemoteProtocolError("the server closed the connection during the body")
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
            if conn.finished_early():
                self._transport._release(self._origin, conn)
            else:
                conn.close()


class KeepAliveTransport(httpx.AsyncBaseTransport):
    """HTTP/1.1 GETs over kept-alive connections; see the module's docstring."""

    def __init__(self, ssl_context: ssl.SSLContext | None = None) -> None:
        self._ssl_context = ssl_context
        self._idle: dict[_Origin, list[_Connection]] = {}
        # Set by aclose(): a response still being read then must not hand its
        # connection back to a pool nobody will close again.
        self._closed = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        scheme = url.scheme
        if scheme not in _DEFAULT_PORTS:
            raise httpx.UnsupportedProtocol(f"{scheme!r} is not http or https")
        origin = (scheme, url.host, url.port or _DEFAULT_PORTS[scheme])
        timeouts = request.extensions.get("timeout", {})
        body = await request.aread()
        while True:
            conn = self._take_idle(origin) or await self._connect(origin, timeouts.get("connect"))
            try:
                response = await self._exchange(conn, request, body, timeouts)
            except _Stale:
                conn.close()
                if request.method not in ("GET", "HEAD"):
                    raise httpx.RemoteProtocolError("the server closed a kept-alive connection") from None
                continue  # only a reused connection can be stale: the next one is new or another idle one
            except BaseException:
                conn.close()
                raise
            return httpx.Response(
                status_code=response.status_code,
                headers=response.headers,
                stream=_Body(self, origin, conn, timeouts.get("read")),
                extensions={"http_version": b"HTTP/" + response.http_version, "reason_phrase": response.reason},
            )

    async def aclose(self) -> None:
        self._closed = True
        idle, self._idle = self._idle, {}
        for conns in idle.values():
            for conn in conns:
                conn.close()

    def _take_idle(self, origin: _Origin) -> _Connection | None:
        conns = self._idle.get(origin)
        while conns:
            conn = conns.pop()
            if conn.usable():
                return conn
            conn.close()
        return None

    def _release(self, origin: _Origin, conn: _Connection) -> None:
        if not self._closed and conn.h11.our_state is h11.DONE and conn.h11.their_state is h11.DONE:
            conn.h11.start_next_cycle()
            conn.reused = True
            conns = self._idle.setdefault(origin, [])
            if len(conns) < _IDLE_PER_ORIGIN:
                conns.append(conn)
                return
        conn.close()

    async def _connect(self, origin: _Origin, timeout: float | None) -> _Connection:
        scheme, host, port = origin
        context = None
        if scheme == "https":
            if self._ssl_context is None:
                self._ssl_context = httpx.create_ssl_context()
            context = self._ssl_context
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(
                    host, port, ssl=context, server_hostname=host if context else None, limit=_READ_SIZE
                )
        except TimeoutError:
            raise httpx.ConnectTimeout(f"no connection to {host}:{port} in time") from None
        except (OSError, ssl.SSLError) as exc:
            raise httpx.ConnectError(str(exc) or type(exc).__name__) from exc
        return _Connection(reader, writer)

    async def _exchange(
        self, conn: _Connection, request: httpx.Request, body: bytes, timeouts: dict[str, float | None]
    ) -> h11.Response:
        target = request.url.raw_path
        try:
            data = conn.h11.send(h11.Request(method=request.method, target=target, headers=request.headers.raw))
            if body:
                data += conn.h11.send(h11.Data(data=body))
            data += conn.h11.send(h11.EndOfMessage())
        except h11.LocalProtocolError as exc:
            raise httpx.LocalProtocolError(str(exc)) from exc
        try:
            conn.writer.write(data)
            async with asyncio.timeout(timeouts.get("write")):
                await conn.writer.drain()
        except TimeoutError:
            raise httpx.WriteTimeout("the server took no more of the request for too long") from None
        except OSError as exc:
            if conn.reused:
                raise _Stale() from exc
            raise httpx.WriteError(str(exc) or type(exc).__name__) from exc
        while True:
            event = await conn.next_event(timeouts.get("read"))
            if isinstance(event, h11.Response):
                return event
            if isinstance(event, h11.ConnectionClosed):
                raise httpx.RemoteProtocolError("the server closed the connection without answering")
            # h11.InformationalResponse (100 Continue, 103 Early Hints): wait for the real answer.
