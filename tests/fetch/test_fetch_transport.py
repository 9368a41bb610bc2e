"""The Fetcher over httpx's transport (``httpx.AsyncHTTPTransport``) against real servers on loopback.

What this file pins, each rule by a test that fails when the rule breaks:

- keep-alive: sequential GETs to one origin share one TCP connection (counted
  on the server side), redirects, 304s and short error pages included (the
  Fetcher reads what is left of a small unwanted body so the connection can
  be pooled; a big one is not read, and its connection is closed);
- a response that ends the connection (``Connection: close``, HTTP/1.0) is
  never reused, and the next request opens a new one;
- a kept-alive connection the server closed while idle costs the caller
  nothing: the GET goes out again on a new connection (never when the
  connection that failed was new);
- a body the Fetcher refuses half-way (over the cap) closes its connection;
- every wire fault becomes one of our errors with its sentence: cut bodies,
  garbage instead of a status line, refused connections, silent servers,
  headers too large, unsendable validators, untrusted certificates;
- chunked bodies, 1xx answers and bare-LF lines are read; a body sent fast
  is not held whole; ``aclose()`` hangs up idle connections; TLS keeps
  its connection alive too.

Two kinds of server, both real sockets on 127.0.0.1: ``_KeepAliveServer``, a
``ThreadingHTTPServer`` speaking HTTP/1.1 keep-alive, for the well-behaved
cases; ``_RawServer``, which runs a per-connection script byte by byte, for
the faults and for counting exactly what arrives on which connection.
"""

from __future__ import annotations

import asyncio
import gc
import socket
import socketserver
import ssl
import struct
import threading
import time
import tracemalloc
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpcore
import httpx
import pytest
import trustme

from support.serving import serving
from tui_reader.errors import BadContent, Blocked, ConnectError, FetchError, HTTPStatusError, Timeout, TooLarge
from tui_reader.fetch import Fetcher, FetchLimits

PAGE = b"<html><body><p>hello</p></body></html>"
TEXT = PAGE.decode()
BIG = b"<p>" + "房".encode() * 100_000 + b"</p>"
"""300 kB: many reads' worth."""
WAIT = 2.0
"""Upper bound for waiting on a server-side event; a passing test never waits this long."""


def _limits(**overrides: float) -> FetchLimits:
    values = {"connect_timeout": 2.0, "read_timeout": 2.0, "total_deadline": 5.0, **overrides}
    return FetchLimits(**values)  # type: ignore[arg-type]


async def _wait(event: threading.Event, timeout: float = WAIT) -> bool:
    return await asyncio.to_thread(event.wait, timeout)


@contextmanager
def _nothing_left_unclosed() -> Iterator[None]:
    """Fail if a connection was dropped instead of closed.

    asyncio's transports close a forgotten connection in ``__del__`` (with a
    ResourceWarning) as soon as the last reference goes, so the server would
    see the hang-up either way; only the warning tells a leak from a close.
    """
    gc.collect()  # garbage from before the block is not this block's to answer for
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        yield
        gc.collect()
    unclosed = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert not unclosed, unclosed


# --- a well-behaved HTTP/1.1 server -------------------------------------------------


class _Seen:
    """One accepted connection: the paths asked on it, and whether it has ended."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.ended = threading.Event()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 5  # a handler thread never outlives a test by much

    def log_message(self, format: str, *args: object) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        server: _KeepAliveServer = self.server  # type: ignore[assignment]
        self.seen = _Seen()
        with server.lock:
            server.connections.append(self.seen)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.seen.ended.set()

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.seen.paths.append(self.path)
        if self.path == "/page":
            self._send(200, PAGE)
        elif self.path == "/close":
            self._send(200, PAGE, {"Connection": "close"})
        elif self.path == "/bye":
            # Answered as keep-alive, then the server hangs up the idle connection.
            self._send(200, PAGE)
            self.close_connection = True
        elif self.path == "/big":
            self._send(200, BIG)
        elif self.path == "/empty":
            self._send(200)
        elif self.path == "/big-error":
            self._send(404, b"x" * 1_000_000)
        elif self.path == "/not-modified":
            self.send_response(304)
            self.send_header("ETag", '"v1"')
            self.end_headers()
        elif self.path.startswith("/hops/"):
            left = int(self.path.rsplit("/", 1)[1])
            self._send(302, headers={"Location": "/page" if left == 0 else f"/hops/{left - 1}"})
        elif self.path == "/half":
            # Promise 100 kB, send 2 kB, then wait for the client to hang up.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<p>" + b"x" * 2000)
            self.wfile.flush()
            self.rfile.read(1)  # b"" once the client closes; the timeout bounds it otherwise
            self.close_connection = True
        else:
            self._send(404, b"no such page")


class _KeepAliveServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.connections: list[_Seen] = []

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client hanging up mid-answer is what several tests do on purpose

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def accepted(self) -> int:
        with self.lock:
            return len(self.connections)


@pytest.fixture
def server() -> Iterator[_KeepAliveServer]:
    srv = _KeepAliveServer()
    with serving(srv, poll_interval=0.02):
        yield srv


# --- a scripted raw server ----------------------------------------------------------


class _Peer:
    """The server's end of one accepted connection, driven by a test's script."""

    def __init__(self, sock: socket.socket, index: int) -> None:
        self.sock = sock
        self.index = index
        self.requests: list[bytes] = []
        self.eof = threading.Event()
        """Set when the client closed its side (recv returned b"")."""
        self._buffer = b""

    def read_request(self) -> bytes | None:
        """The next request head (its body, if any, is left unread); None at EOF."""
        while b"\r\n\r\n" not in self._buffer:
            data = self.sock.recv(65536)
            if not data:
                self.eof.set()
                return None
            self._buffer += data
        head, self._buffer = self._buffer.split(b"\r\n\r\n", 1)
        self.requests.append(head)
        return head

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def wait_for_eof(self) -> None:
        while self.sock.recv(65536):
            pass
        self.eof.set()

    def answer_all(self, response: bytes) -> None:
        """Answer every request on this connection the same way, until the client hangs up."""
        while self.read_request() is not None:
            self.send(response)


Script = Callable[[_Peer], None]


class _RawHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        server: _RawServer = self.server  # type: ignore[assignment]
        self.request.settimeout(5)
        with server.lock:
            peer = _Peer(self.request, len(server.peers))
            server.peers.append(peer)
        try:
            server.script(peer)
        except OSError:
            pass
        # Returning closes the connection: that is how a script hangs up.


class _RawServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, script: Script) -> None:
        super().__init__(("127.0.0.1", 0), _RawHandler)
        self.script = script
        self.lock = threading.Lock()
        self.peers: list[_Peer] = []

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def accepted(self) -> int:
        with self.lock:
            return len(self.peers)

    def peer(self, index: int) -> _Peer:
        with self.lock:
            return self.peers[index]


@contextmanager
def _serving(script: Script) -> Iterator[_RawServer]:
    srv = _RawServer(script)
    with serving(srv, poll_interval=0.02):
        yield srv


def _response(body: bytes = PAGE, *headers: str, status: str = "200 OK", version: str = "1.1") -> bytes:
    head = [f"HTTP/{version} {status}", "Content-Type: text/html", f"Content-Length: {len(body)}", *headers]
    return ("\r\n".join(head) + "\r\n\r\n").encode("ascii") + body


def _path(head: bytes) -> str:
    return head.split(b"\r\n", 1)[0].split(b" ")[1].decode("ascii")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- 1. keep-alive --------------------------------------------------------------------


async def test_fetcher_keeps_one_connection_across_gets_and_redirects(server: _KeepAliveServer) -> None:
    async with Fetcher(_limits()) as fetcher:
        for _ in range(3):
            assert (await fetcher.get(server.base + "/page")).text == TEXT
        # Two 302s with empty bodies, not wanted by the Fetcher: still the same connection.
        assert (await fetcher.get(server.base + "/hops/1")).url == server.base + "/page"
        assert isinstance(fetcher._transports._direct, httpx.AsyncHTTPTransport)
    assert server.accepted == 1
    assert server.connections[0].paths == ["/page"] * 3 + ["/hops/1", "/hops/0", "/page"]


async def test_answers_read_after_each_other_on_one_connection_stay_in_order(server: _KeepAliveServer) -> None:
    async with Fetcher(_limits()) as fetcher:
        first = await fetcher.get(server.base + "/page")
        with pytest.raises(HTTPStatusError) as missing:
            await fetcher.get(server.base + "/nowhere")
        empty = await fetcher.get(server.base + "/empty")
    assert (first.status, first.text) == (200, TEXT)
    assert str(missing.value) == f"{server.base[7:]} answered 404 Not Found for /nowhere"
    assert (empty.status, empty.text) == (200, "")
    assert server.accepted == 1


# --- 2. responses that end the connection -------------------------------------------


async def test_connection_close_response_is_not_reused(server: _KeepAliveServer) -> None:
    async with Fetcher(_limits()) as fetcher:
        with _nothing_left_unclosed():
            assert (await fetcher.get(server.base + "/close")).text == TEXT
            assert (await fetcher.get(server.base + "/page")).text == TEXT
            assert await _wait(server.connections[0].ended)
    assert server.accepted == 2
    assert [c.paths for c in server.connections] == [["/close"], ["/page"]]


async def test_connection_close_is_honoured_even_if_the_server_would_keep_talking() -> None:
    # This server keeps the connection open and answers whatever comes: only the
    # client's own reading of "Connection: close" keeps it from sending again.
    with _serving(lambda peer: peer.answer_all(_response(PAGE, "Connection: close"))) as srv:
        async with Fetcher(_limits()) as fetcher:
            with _nothing_left_unclosed():
                for _ in range(3):
                    assert (await fetcher.get(srv.base + "/x")).text == TEXT
                # The client hung up each closing connection itself.
                assert all([await _wait(srv.peer(i).eof) for i in range(3)])
        assert srv.accepted == 3
        assert [len(srv.peer(i).requests) for i in range(3)] == [1, 1, 1]


async def test_http_10_response_is_not_reused() -> None:
    with _serving(lambda peer: peer.answer_all(_response(PAGE, version="1.0"))) as srv:
        async with Fetcher(_limits()) as fetcher:
            with _nothing_left_unclosed():
                for _ in range(2):
                    response = await fetcher.get(srv.base + "/x")
                    assert (response.status, response.text) == (200, TEXT)
                assert await _wait(srv.peer(0).eof)
        assert srv.accepted == 2
        assert [len(srv.peer(i).requests) for i in range(2)] == [1, 1]


async def test_http_10_body_read_to_the_end_of_the_connection() -> None:
    def script(peer: _Peer) -> None:
        peer.read_request()
        peer.send(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n")
        peer.send(PAGE)  # no Content-Length: the body ends when the server hangs up

    with _serving(script) as srv:
        async with Fetcher(_limits()) as fetcher:
            first = await fetcher.get(srv.base + "/a")
            second = await fetcher.get(srv.base + "/b")
        assert first.text == second.text == TEXT
        assert srv.accepted == 2


# --- 3. stale idle connections --------------------------------------------------------


async def test_idle_connection_closed_by_the_server_is_replaced(server: _KeepAliveServer) -> None:
    async with Fetcher(_limits()) as fetcher:
        assert (await fetcher.get(server.base + "/bye")).text == TEXT
        assert await _wait(server.connections[0].ended)  # the server hung up the idle connection
        await asyncio.sleep(0.05)  # and the client's loop has seen the FIN
        response = await fetcher.get(server.base + "/page")
    assert (response.status, response.text) == (200, TEXT)
    assert server.accepted == 2
    assert [c.paths for c in server.connections] == [["/bye"], ["/page"]]


async def test_get_on_a_connection_closed_before_answering_is_sent_again() -> None:
    # The race the stale rule exists for: the request goes out on the idle
    # connection, and the server (closing it meanwhile) hangs up without a word.
    def script(peer: _Peer) -> None:
        if peer.index == 0:
            peer.read_request()
            peer.send(_response(b"first"))
            peer.read_request()
            return  # hang up without answering
        peer.answer_all(_response(b"again"))

    with _serving(script) as srv:
        async with Fetcher(_limits()) as fetcher:
            assert (await fetcher.get(srv.base + "/one")).text == "first"
            response = await fetcher.get(srv.base + "/two")
        assert (response.status, response.text) == (200, "again")
        assert srv.accepted == 2
        assert [_path(h) for h in srv.peer(0).requests] == ["/one", "/two"]
        assert [_path(h) for h in srv.peer(1).requests] == ["/two"]


async def test_get_on_a_reset_idle_connection_is_sent_again() -> None:
    def script(peer: _Peer) -> None:
        if peer.index == 0:
            peer.read_request()
            peer.send(_response(b"first"))
            peer.read_request()
            # RST instead of FIN: SO_LINGER with a zero timeout.
            peer.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        peer.answer_all(_response(b"again"))

    with _serving(script) as srv:
        async with Fetcher(_limits()) as fetcher:
            assert (await fetcher.get(srv.base + "/one")).text == "first"
            assert (await fetcher.get(srv.base + "/two")).text == "again"
        assert srv.accepted == 2


async def test_new_connection_closed_before_answering_is_an_error_not_a_retry() -> None:
    def script(peer: _Peer) -> None:
        peer.read_request()
        if peer.index == 0:
            return  # hang up without answering, on a connection never used before
        peer.send(_response(b"would have been a silent retry"))

    with _serving(script) as srv:
        async with Fetcher(_limits()) as fetcher:
            with pytest.raises(FetchError) as caught:
                await fetcher.get(srv.base + "/x")
        assert str(caught.value) == f"127.0.0.1:{srv.port} broke the connection before answering for /x"
        assert srv.accepted == 1


# --- 4. bodies the Fetcher does not read ------------------------------------------------


async def test_fetcher_closes_a_connection_whose_body_it_refused(server: _KeepAliveServer) -> None:
    # 100 kB promised, capped at 1000 bytes: the Fetcher stops reading and must not pool the rest.
    async with Fetcher(_limits(max_bytes=1000)) as fetcher:
        with _nothing_left_unclosed():
            with pytest.raises(TooLarge):
                await fetcher.get(server.base + "/half")
            assert await _wait(server.connections[0].ended)
        assert (await fetcher.get(server.base + "/page")).status == 200
    assert server.accepted == 2
    assert [c.paths for c in server.connections] == [["/half"], ["/page"]]


@pytest.mark.parametrize("path", ["/not-modified", "/nowhere"])
async def test_unwanted_short_answer_keeps_its_connection(server: _KeepAliveServer, path: str) -> None:
    async with Fetcher(_limits()) as fetcher:
        if path == "/not-modified":
            assert (await fetcher.get(server.base + path, etag='"v1"')).status == 304
        else:
            with pytest.raises(HTTPStatusError):
                await fetcher.get(server.base + path)
        assert (await fetcher.get(server.base + "/page")).status == 200
    assert server.accepted == 1
    assert server.connections[0].paths == [path, "/page"]


async def test_short_error_page_sent_with_its_head_keeps_its_connection() -> None:
    # Head and body in one write: both are here when the Fetcher turns the answer down.
    with _serving(lambda peer: peer.answer_all(_response(b"not found", status="404 Not Found"))) as srv:
        async with Fetcher(_limits()) as fetcher:
            for path in ("/missing", "/again"):
                with pytest.raises(HTTPStatusError):
                    await fetcher.get(srv.base + path)
        assert srv.accepted == 1
        assert [_path(h) for h in srv.peer(0).requests] == ["/missing", "/again"]


async def test_big_error_page_is_not_read_and_its_connection_is_closed(server: _KeepAliveServer) -> None:
    async with Fetcher(_limits()) as fetcher:
        with _nothing_left_unclosed():
            with pytest.raises(HTTPStatusError):
                await fetcher.get(server.base + "/big-error")
            assert await _wait(server.connections[0].ended)
        assert (await fetcher.get(server.base + "/page")).status == 200
    assert server.accepted == 2


# --- 5. connection closed mid-body ------------------------------------------------------


def _cut_mid_body(peer: _Peer) -> None:
    if peer.read_request() is None:
        return
    peer.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<p>partial")
    # return: hang up 990 bytes short


async def test_connection_closed_mid_body_is_a_truncated_page_and_not_pooled() -> None:
    with _serving(_cut_mid_body) as srv, _nothing_left_unclosed():
        async with Fetcher(_limits()) as fetcher:
            for _ in range(2):  # the broken connection is not pooled: the next request gets a new one
                with pytest.raises(BadContent) as caught:
                    await fetcher.get(srv.base + "/cut")
                assert str(caught.value) == f"127.0.0.1:{srv.port} sent a truncated page for /cut"
        assert srv.accepted == 2


async def test_chunked_body_cut_mid_chunk_is_a_truncated_page() -> None:
    def script(peer: _Peer) -> None:
        peer.read_request()
        peer.send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nonly eight")

    with _serving(script) as srv:
        async with Fetcher(_limits()) as fetcher:
            with pytest.raises(BadContent, match="truncated"):
                await fetcher.get(srv.base + "/x")


# --- 6. connect refused, silent server ------------------------------------------------


async def test_fetcher_connection_refused_is_our_connect_error() -> None:
    port = _free_port()
    async with Fetcher(_limits()) as fetcher:
        with pytest.raises(ConnectError) as caught:
            await fetcher.get(f"http://127.0.0.1:{port}/")
    assert str(caught.value) == f"could not connect to 127.0.0.1:{port} (connection refused)"


def _silent(peer: _Peer) -> None:
    peer.read_request()
    peer.wait_for_eof()  # never answer; note when the client gives up


async def test_server_that_never_answers_is_our_timeout_and_the_connection_is_dropped() -> None:
    with _serving(_silent) as srv:
        async with Fetcher(_limits(read_timeout=0.2)) as fetcher:
            with _nothing_left_unclosed():
                with pytest.raises(Timeout) as caught:
                    await fetcher.get(srv.base + "/x")
                assert await _wait(srv.peer(0).eof)  # closed, not pooled
    # The read timeout, not the total deadline, ended it.
    assert str(caught.value) == f"127.0.0.1:{srv.port} did not answer within 0.2 s"


async def test_body_that_stalls_is_our_timeout_and_the_connection_is_dropped() -> None:
    def script(peer: _Peer) -> None:
        peer.read_request()
        peer.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n<p>")
        peer.wait_for_eof()

    with _serving(script) as srv:
        async with Fetcher(_limits(read_timeout=0.2)) as fetcher:
            with _nothing_left_unclosed():
                with pytest.raises(Timeout) as caught:
                    await fetcher.get(srv.base + "/x")
                assert await _wait(srv.peer(0).eof)
    assert str(caught.value) == f"127.0.0.1:{srv.port} did not answer within 0.2 s"


# --- 7. framing: chunked bodies, informational answers, garbage, big heads --------------


async def test_informational_response_is_skipped_for_the_final_one() -> None:
    hints = b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
    with _serving(lambda peer: peer.answer_all(hints + _response(b"final"))) as srv:
        async with Fetcher(_limits()) as fetcher:
            first = await fetcher.get(srv.base + "/a")
            second = await fetcher.get(srv.base + "/b")
        assert (first.status, first.text) == (200, "final")
        assert (second.status, second.text) == (200, "final")
        assert srv.accepted == 1


async def test_chunked_body_is_delivered_whole_and_the_connection_reused() -> None:
    big = b"y" * 100_000  # one chunk larger than a single socket read

    def script(peer: _Peer) -> None:
        while peer.read_request() is not None:
            peer.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n")
            for part in (b"<p>", b"hello ", big, b"</p>"):
                peer.send(b"%x\r\n%s\r\n" % (len(part), part))
                time.sleep(0.005)
            peer.send(b"0\r\n\r\n")

    with _serving(script) as srv:
        async with Fetcher(_limits()) as fetcher:
            first = await fetcher.get(srv.base + "/a")
            second = await fetcher.get(srv.base + "/b")
        assert first.text == second.text == (b"<p>hello " + big + b"</p>").decode()
        assert srv.accepted == 1


@pytest.mark.parametrize(
    "garbage",
    [b"SSH-2.0-OpenSSH_9.6\r\n\r\n", b"NOT HTTP AT ALL", b"HTTP/1.1 abc Broken\r\n\r\n", b"garbage\r\n\r\n"],
    ids=["banner", "no-line-end-then-close", "bad-status-code", "garbage"],
)
async def test_garbage_instead_of_a_status_line_is_a_fetch_error_naming_the_host(garbage: bytes) -> None:
    def script(peer: _Peer) -> None:
        peer.read_request()
        peer.send(garbage)

    with _serving(script) as srv:
        async with Fetcher(_limits()) as fetcher:
            with pytest.raises(FetchError) as caught:
                await fetcher.get(srv.base + "/x")
        assert str(caught.value) == f"127.0.0.1:{srv.port} broke the connection before answering for /x"
        assert srv.accepted == 1  # a fresh connection's failure is not retried


async def test_lines_ended_by_a_bare_lf_are_read() -> None:
    # Old and hostile portals end header lines with LF alone; browsers read them.
    bare = b"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: %d\n\n%s" % (len(PAGE), PAGE)
    with _serving(lambda peer: peer.answer_all(bare)) as srv:
        async with Fetcher(_limits()) as fetcher:
            first = await fetcher.get(srv.base + "/a")
            second = await fetcher.get(srv.base + "/b")
        assert (first.status, first.text, second.text) == (200, TEXT, TEXT)
        assert srv.accepted == 1


def _with_head_of(size: int) -> Script:
    """Answers whose head (status line and headers) is about ``size`` bytes."""
    filler = "".join(f"X-Filler-{n}: {'f' * 1000}\r\n" for n in range(size // 1024))
    answer = _response(PAGE, filler.rstrip("\r\n")) if filler else _response(PAGE)
    return lambda peer: peer.answer_all(answer)


async def test_answer_with_a_head_over_100_kib_is_refused_saying_so() -> None:
    # The limit is h11's (in httpcore's transport), not ours: the sentence names it.
    assert httpcore._async.http11.AsyncHTTP11Connection.MAX_INCOMPLETE_EVENT_SIZE == 100 * 1024
    with _serving(_with_head_of(200 * 1024)) as srv:
        async with Fetcher(_limits()) as fetcher:
            with _nothing_left_unclosed():
                with pytest.raises(FetchError) as caught:
                    await fetcher.get(srv.base + "/x")
    assert str(caught.value) == f"127.0.0.1:{srv.port} sent headers too large to read (over 100 KiB) for /x"


async def test_answer_with_a_head_under_100_kib_is_read() -> None:
    with _serving(_with_head_of(90 * 1024)) as srv:
        async with Fetcher(_limits()) as fetcher:
            assert (await fetcher.get(srv.base + "/x")).text == TEXT


@pytest.mark.xfail(
    strict=True,
    reason="httpx's transport cannot enforce this: httpcore pools a connection whose h11 buffer still holds "
    "bytes sent after a complete answer, and h11 reads a well-formed answer there as the next one; only "
    "httpcore's internals show that buffer. Garbage there is survived (see the Content-Length test below).",
)
async def test_bytes_after_a_whole_answer_leave_the_answer_and_drop_the_connection() -> None:
    def script(peer: _Peer) -> None:
        while peer.read_request() is not None:
            peer.send(_response() + b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nextra" + b"\x00junk")

    with _serving(script) as srv:
        async with Fetcher(_limits()) as fetcher:
            first = await fetcher.get(srv.base + "/a")
            second = await fetcher.get(srv.base + "/b")
        assert first.text == second.text == TEXT  # nothing of the unasked-for bytes leaks in
        assert srv.accepted == 2  # a connection that said more than asked is not trusted again


async def test_content_length_shorter_than_the_body_costs_the_next_page_nothing() -> None:
    # A Content-Length counted in characters, not bytes (PHP portals with
    # multi-byte text do it): the page ends where the server said, and the
    # rest of it, left on the connection, is no answer to the next request.
    text = "<p>房产</p>"
    body = text.encode()
    short = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s" % (len(text), body)
    with _serving(lambda peer: peer.answer_all(short)) as srv:
        async with Fetcher(_limits()) as fetcher:
            first = await fetcher.get(srv.base + "/a")
            second = await fetcher.get(srv.base + "/b")
        assert first.text == second.text == body[: len(text)].decode()
        assert srv.accepted == 2
        # The leftover bytes broke the second answer on the kept connection;
        # the GET went out once more on a new one.
        assert [_path(h) for h in srv.peer(0).requests] == ["/a", "/b"]
        assert [_path(h) for h in srv.peer(1).requests] == ["/b"]


async def test_bytes_arriving_on_an_idle_connection_drop_it() -> None:
    # The server speaks again after its answer has been read, while the
    # connection waits in the pool: that connection is not trusted with the
    # next request (its bytes would be taken for the next answer).
    first_read = threading.Event()
    junk_sent = threading.Event()

    def script(peer: _Peer) -> None:
        if peer.read_request() is not None:
            peer.send(_response())
            if peer.index == 0 and first_read.wait(WAIT):
                peer.send(_response(b"stale"))
                junk_sent.set()
            peer.wait_for_eof()

    with _serving(script) as srv:
        async with Fetcher(_limits()) as fetcher:
            first = await fetcher.get(srv.base + "/a")
            first_read.set()
            assert await _wait(junk_sent)
            await asyncio.sleep(0.2)  # loopback delivers at once; the loop takes it in on its next turn
            second = await fetcher.get(srv.base + "/b")
        assert first.text == second.text == TEXT
        assert srv.accepted == 2


async def test_a_body_sent_fast_is_not_held_in_memory_all_at_once() -> None:
    # The server sends 8 MB as fast as it can; the Fetcher's cap is 1 MiB.
    # Bytes are taken from the socket only as they are read (64 KiB at a
    # time), so memory stays far below the body's size whatever the speeds.
    size = 8 * 1024 * 1024
    answer = _response(b"z" * size)

    with _serving(lambda peer: peer.answer_all(answer)) as srv:
        async with Fetcher(_limits(max_bytes=1024 * 1024)) as fetcher:
            tracemalloc.start()
            try:
                with pytest.raises(TooLarge):
                    await fetcher.get(srv.base + "/big")
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
        assert peak < size / 4, peak


@pytest.mark.parametrize("value", ["a\r\nX-Injected: 1", "a\nb", "a\x00b"], ids=["crlf", "lf", "nul"])
async def test_validator_that_would_break_the_request_is_never_sent(value: str) -> None:
    # An ETag from a hostile server goes back as If-None-Match: it must not
    # be able to add headers of its own to our next request.
    with _serving(lambda peer: peer.answer_all(_response())) as srv:
        async with Fetcher(_limits()) as fetcher:
            with pytest.raises(FetchError) as caught:
                await fetcher.get(srv.base + "/x", etag=value)
        await asyncio.sleep(0.05)
        # A connection may have been opened; not one byte of a request went out on it.
        assert all(not srv.peer(i).requests for i in range(srv.accepted))
    assert str(caught.value) == f"refused to ask 127.0.0.1:{srv.port} for /x: a header value would break the request"


# --- 8. aclose --------------------------------------------------------------------------


async def test_fetcher_aclose_hangs_up_idle_connections(server: _KeepAliveServer) -> None:
    fetcher = Fetcher(_limits())
    await fetcher.get(server.base + "/page")
    transport = fetcher._transports._direct  # held, so only aclose (not garbage collection) can hang up
    assert transport is not None
    assert not server.connections[0].ended.is_set()  # idle, kept
    with _nothing_left_unclosed():
        await fetcher.aclose()
        assert await _wait(server.connections[0].ended)
    assert fetcher._transports._direct is None


# --- 9. schemes -------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["ftp", "ws", "file"])
async def test_non_http_scheme_is_refused_before_connecting(scheme: str) -> None:
    with _serving(lambda peer: peer.answer_all(_response())) as srv:
        async with Fetcher(_limits()) as fetcher:
            with pytest.raises(Blocked):
                await fetcher.get(f"{scheme}://127.0.0.1:{srv.port}/x")
        await asyncio.sleep(0.02)
        assert srv.accepted == 0


# --- 10. TLS ------------------------------------------------------------------------------


@pytest.fixture
def tls_server() -> Iterator[tuple[_KeepAliveServer, trustme.CA]]:
    """The well-behaved server behind TLS, with a certificate for "localhost" from a test CA."""
    ca = trustme.CA()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("localhost").configure_cert(context)
    srv = _KeepAliveServer()
    srv.socket = context.wrap_socket(srv.socket, server_side=True)
    with serving(srv, poll_interval=0.02):
        yield srv, ca


async def test_https_gets_share_one_connection_and_a_large_body_arrives_whole(
    tls_server: tuple[_KeepAliveServer, trustme.CA], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    srv, ca = tls_server
    port = srv.server_address[1]
    # The Fetcher's transport trusts what SSL_CERT_FILE names, as httpx reads it.
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
    async with Fetcher(_limits()) as fetcher:
        answers = [await fetcher.get(f"https://localhost:{port}{path}") for path in ("/page", "/big", "/page")]
    assert [a.text for a in answers] == [TEXT, BIG.decode(), TEXT]
    assert srv.accepted == 1


async def test_https_to_a_certificate_nobody_vouches_for_is_a_connect_error(
    tls_server: tuple[_KeepAliveServer, trustme.CA], monkeypatch: pytest.MonkeyPatch
) -> None:
    srv, _ca = tls_server
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    port = srv.server_address[1]
    async with Fetcher(_limits()) as fetcher:
        with pytest.raises(ConnectError) as caught:
            await fetcher.get(f"https://localhost:{port}/page")
    assert str(caught.value).startswith(f"could not connect to localhost:{port} (")
    assert "certificate verify failed" in str(caught.value)
