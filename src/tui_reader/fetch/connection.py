"""One HTTP/1.1 connection of the fetch layer's transport (``_fetch_transport``).

An asyncio protocol: the event loop hands it the bytes that arrive, and the
transport's request task feeds them to httptools (llhttp) in ``receive``,
waiting on a future of its own when nothing is there yet. Failures are raised
as the httpx exceptions the fetch layer knows (``ReadTimeout``, ``ReadError``,
``RemoteProtocolError``), or as ``Stale`` for a kept-alive connection the
server closed before answering, which the transport sends again.
"""

from __future__ import annotations

import asyncio

import httptools
import httpx

__all__ = ["Connection", "Message", "Stale"]

_READ_SIZE = 64 * 1024
"""A body arriving faster than it is read is held up to four of these."""


def _time_out(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_exception(TimeoutError())


class Stale(Exception):
    """A reused connection was closed by the server before it answered."""


class Message:
    """One response as it arrives."""

    __slots__ = ("reason", "headers", "chunks", "head", "complete", "status", "trailing")

    def __init__(self) -> None:
        self.reason = b""
        self.headers: list[tuple[bytes, bytes]] = []
        self.chunks: list[bytes] = []
        self.head = False
        """The status line and headers of the final (not 1xx) response are in."""
        self.complete = False
        self.status = 0
        self.trailing = False
        """Bytes came after the complete response: the connection is not reusable."""


class Connection(asyncio.Protocol):
    """One socket, and the parser reading the answer to the request on it.

    Why a protocol and not asyncio's streams: streams put a general reader
    and an ``asyncio.timeout`` (which arms a timer and cancels the task)
    around every read, where this waits, with one timer, only when nothing
    has arrived yet. A page's round trip (system calls, inflating and
    decoding included) cost 0.32 ms of CPU with streams and 0.28 ms with
    this (medians of 7 rounds of 1,000 pages, 4 in flight, demo portal in
    its own process). A received end or reset is kept until the bytes before
    it have been read.

    The ``on_*`` methods are httptools' callbacks, called from ``feed_data``."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.reused = False
        self._incoming: list[bytes] = []
        self._buffered = 0
        self._eof = False
        self._lost: Exception | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._reading_paused = False
        self._writing_paused = False
        self.expect_answer(head_only=False)

    # -- what the event loop calls ------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # a socket's: always a Transport

    def data_received(self, data: bytes) -> None:
        self._incoming.append(data)
        self._buffered += len(data)
        # A body arriving faster than it is read stays bounded in memory.
        if self._buffered >= _READ_SIZE * 4 and not self._reading_paused and self.transport is not None:
            self._reading_paused = True
            self.transport.pause_reading()
        self._wake()

    def eof_received(self) -> bool:
        self._eof = True
        self._wake()
        return False  # nothing more to send either: the transport closes

    def connection_lost(self, exc: Exception | None) -> None:
        self._eof = True
        self._lost = exc
        self._wake()

    def pause_writing(self) -> None:
        self._writing_paused = True

    def resume_writing(self) -> None:
        self._writing_paused = False
        self._wake()

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def _wait(self, timeout: float | None) -> None:
        """Until the loop calls back (data, end, room to write) or ``timeout`` passes (TimeoutError)."""
        loop = asyncio.get_running_loop()
        self._waiter = waiter = loop.create_future()
        timer = loop.call_later(timeout, _time_out, waiter) if timeout is not None else None
        try:
            await waiter
        finally:
            self._waiter = None
            if timer is not None:
                timer.cancel()

    # -- what the transport calls -------------------------------------------------

    def usable(self) -> bool:
        """Idle and open: nothing arrived since its last answer, not even the end."""
        transport = self.transport
        return not self._eof and not self._incoming and transport is not None and not transport.is_closing()

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    async def send(self, data: bytes, timeout: float | None) -> None:
        """Hand the request to the socket; wait only while the socket takes no more of it."""
        assert self.transport is not None
        if self._eof:
            # Closed while idle, and noticed only now: as if the write had failed.
            raise ConnectionResetError("the server closed the connection")
        self.transport.write(data)
        while self._writing_paused and not self._eof:
            await self._wait(timeout)

    def expect_answer(self, head_only: bool) -> None:
        """Ready for the answer to a request about to be sent."""
        self.message = Message()
        self.parser = httptools.HttpResponseParser(self)
        # Hostile and old portals end lines with a bare LF; browsers read those.
        self.parser.set_dangerous_leniencies(lenient_optional_cr_before_lf=True)
        self.head_only = head_only
        self.received = False
        self.until_close = False
        """The body has no length and ends when the server hangs up."""
        self.reusable = False

    def on_message_begin(self) -> None:
        message = self.message
        if message.complete:
            message.trailing = True  # the server says more than it was asked: ignored
        else:
            # A 1xx answer (100 Continue, 103 Early Hints) is a message of its
            # own before the real one: forget it.
            message.reason, message.headers, message.chunks = b"", [], []

    def on_status(self, reason: bytes) -> None:
        if not self.message.complete:
            self.message.reason += reason

    def on_header(self, name: bytes, value: bytes) -> None:
        if not self.message.complete:
            self.message.headers.append((name, value))

    def on_body(self, body: bytes) -> None:
        if not self.message.complete:
            self.message.chunks.append(body)

    def on_headers_complete(self) -> None:
        message = self.message
        status = self.parser.get_status_code()
        if status < 200 or message.complete:
            return  # a 1xx (the real answer follows), or bytes after the answer
        message.status, message.head = status, True
        if self.head_only:
            # llhttp cannot be told a HEAD answer has no body; it would wait
            # for Content-Length bytes that never come. Done, and not reused.
            message.complete = True
            return
        names = {name.lower() for name, _ in message.headers}
        self.until_close = (
            status not in (204, 304) and b"content-length" not in names and b"transfer-encoding" not in names
        )

    def on_message_complete(self) -> None:
        message = self.message
        if message.head and not message.complete:
            message.complete = True
            self.reusable = self.parser.should_keep_alive()

    def unanswered(self) -> bool:
        """A kept-alive connection that has sent us nothing since the request: stale, not broken."""
        return self.reused and not self.received

    async def receive(self, timeout: float | None) -> None:
        """Feed the parser what the server sent since the last call, waiting for it if need be."""
        try:
            while not self._incoming and not self._eof:
                await self._wait(timeout)
        except TimeoutError:
            raise httpx.ReadTimeout("the server sent nothing for too long") from None
        if self._incoming:
            data = self._incoming[0] if len(self._incoming) == 1 else b"".join(self._incoming)
            self._incoming.clear()
            self._buffered = 0
            if self._reading_paused and self.transport is not None:
                self._reading_paused = False
                self.transport.resume_reading()
        elif isinstance(self._lost, OSError):
            if self.unanswered():
                raise Stale() from self._lost
            raise httpx.ReadError(str(self._lost) or type(self._lost).__name__) from self._lost
        else:
            data = b""
        if not data:
            self._hung_up()
            return
        self.received = True
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            raise httpx.RemoteProtocolError("the server switched to another protocol") from None
        except httptools.HttpParserError as exc:
            if self.message.complete:
                self.message.trailing = True  # garbage after a whole answer: the answer stands
            else:
                raise httpx.RemoteProtocolError(str(exc) or "the server broke HTTP") from None

    def _hung_up(self) -> None:
        message = self.message
        if message.head and self.until_close:
            message.complete = True  # such a body ends exactly here
            self.reusable = False
        elif self.unanswered():
            raise Stale()
        elif not message.head:
            raise httpx.RemoteProtocolError("the server closed the connection without answering")
        elif not message.complete:
            raise httpx.RemoteProtocolError("the server closed the connection during the body")

    def finished(self) -> bool:
        """Whether the whole answer is in and the connection may carry another request."""
        message = self.message
        return message.complete and self.reusable and not message.trailing and not self.head_only
