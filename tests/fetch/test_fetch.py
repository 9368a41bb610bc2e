"""Fetcher behaviour against a real HTTP server on loopback, and decode_html cases.

The tiny server below is deliberately not the demo portal: each route plays one
misbehaviour (redirect loops, dripping bytes, cut-off bodies) so one test can
pin one rule. httpx.MockTransport is used only where a real socket cannot
produce the fault (a body shorter than its Content-Length without a protocol
error, a gzip bomb under our control).
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from support.serving import serving
from tui_reader.errors import (
    BadContent,
    Blocked,
    ConnectError,
    HTTPStatusError,
    Timeout,
    TooLarge,
    TooManyRedirects,
)
from tui_reader.fetch.fetcher import Fetcher, FetchLimits, Response, decode_html

PAGE = '<html><head><meta charset="gbk"><title>连云港</title></head><body>房产 出租</body></html>'.encode("gbk")
ETAG = '"v1"'
LAST_MODIFIED = "Sat, 10 Feb 2024 04:21:21 GMT"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        server: _Server = self.server  # type: ignore[assignment]
        path = self.path
        server.seen.append((path, dict(self.headers), time.monotonic()))
        if path == "/page":
            if self.headers.get("If-None-Match") == ETAG or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self._send(304, headers={"ETag": ETAG})
                return
            self._send(200, PAGE, {"Content-Type": "text/html", "ETag": ETAG, "Last-Modified": LAST_MODIFIED})
        elif path == "/missing":
            self._send(404, b"gone", {"Content-Type": "text/html"})
        elif path == "/broken":
            self._send(500, b"oops", {"Content-Type": "text/html"})
        elif path.startswith("/hops/"):
            left = int(path.rsplit("/", 1)[1])
            target = "/page" if left == 0 else f"/hops/{left - 1}"
            self._send(302, headers={"Location": target})
        elif path == "/loop":
            self._send(301, headers={"Location": "/loop"})
        elif path == "/to-ftp":
            self._send(302, headers={"Location": "ftp://127.0.0.1/file"})
        elif path == "/to-bad-host":
            self._send(302, headers={"Location": "http://[:::ffff:127.0.0.1]/"})
        elif path == "/json":
            self._send(200, b"{}", {"Content-Type": "application/json"})
        elif path == "/big":
            self._send(200, b"<p>" + b"x" * 5000, {"Content-Type": "text/html"})
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for _ in range(100):  # bounded, so the thread ends on its own
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
        elif path == "/silent":
            time.sleep(2)
            self._send(200, PAGE, {"Content-Type": "text/html"})
        elif path == "/cut":
            # Promise 1000 bytes, send 10, hang up: a real truncated download.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"<p>partial")
            self.wfile.flush()
            self.close_connection = True
        elif path.startswith("/held"):
            with server.lock:
                server.inflight += 1
                server.max_inflight = max(server.max_inflight, server.inflight)
            time.sleep(0.2)
            with server.lock:
                server.inflight -= 1
            self._send(200, PAGE, {"Content-Type": "text/html"})
        else:
            self._send(404, b"", {"Content-Type": "text/html"})


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.seen: list[tuple[str, dict[str, str], float]] = []
        self.lock = threading.Lock()
        self.inflight = 0
        self.max_inflight = 0

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


@pytest.fixture
def server() -> Iterator[_Server]:
    srv = _Server()
    with serving(srv):
        yield srv


def host_of(srv: _Server) -> str:
    return srv.base.removeprefix("http://")


# --- fetch against the loopback server ---------------------------------------------


async def test_200_decodes_gbk_and_keeps_validators(server: _Server) -> None:
    async with Fetcher() as fetcher:
        response = await fetcher.get(server.base + "/page")
    assert isinstance(response, Response)
    assert response.status == 200
    assert response.url == server.base + "/page"
    assert "房产 出租" in (response.text or "")
    assert response.encoding == "gb18030"
    assert response.etag == ETAG
    assert response.last_modified == LAST_MODIFIED
    assert response.elapsed >= 0


async def test_conditional_request_gets_304(server: _Server) -> None:
    async with Fetcher() as fetcher:
        by_etag = await fetcher.get(server.base + "/page", etag=ETAG)
        by_date = await fetcher.get(server.base + "/page", last_modified=LAST_MODIFIED)
    assert (by_etag.status, by_etag.text, by_etag.etag) == (304, None, ETAG)
    # The server's 304 omits Last-Modified: the one we sent is handed back.
    assert (by_date.status, by_date.text, by_date.last_modified) == (304, None, LAST_MODIFIED)
    assert server.seen[0][1].get("If-None-Match") == ETAG
    assert server.seen[1][1].get("If-Modified-Since") == LAST_MODIFIED


async def test_404_and_500_raise_with_status_and_sentence(server: _Server) -> None:
    async with Fetcher() as fetcher:
        with pytest.raises(HTTPStatusError) as missing:
            await fetcher.get(server.base + "/missing")
        with pytest.raises(HTTPStatusError) as broken:
            await fetcher.get(server.base + "/broken")
    assert missing.value.status_code == 404
    assert str(missing.value) == f"{host_of(server)} answered 404 Not Found for /missing"
    assert broken.value.status_code == 500
    assert str(broken.value) == f"{host_of(server)} answered 500 Internal Server Error for /broken"


async def test_redirects_are_followed_to_the_final_url(server: _Server) -> None:
    async with Fetcher(FetchLimits(max_redirects=3)) as fetcher:
        response = await fetcher.get(server.base + "/hops/2")
    assert response.url == server.base + "/page"
    assert [path for path, _, _ in server.seen] == ["/hops/2", "/hops/1", "/hops/0", "/page"]


async def test_redirect_chain_longer_than_the_limit(server: _Server) -> None:
    async with Fetcher(FetchLimits(max_redirects=2)) as fetcher:
        with pytest.raises(TooManyRedirects):
            await fetcher.get(server.base + "/hops/2")


async def test_redirect_loop_stops(server: _Server) -> None:
    async with Fetcher(FetchLimits(max_redirects=4)) as fetcher:
        with pytest.raises(TooManyRedirects, match=host_of(server)):
            await fetcher.get(server.base + "/loop")
    assert len(server.seen) == 5  # the first request plus four redirects


async def test_redirect_to_another_scheme_is_blocked(server: _Server) -> None:
    async with Fetcher() as fetcher:
        with pytest.raises(Blocked):
            await fetcher.get(server.base + "/to-ftp")
        with pytest.raises(Blocked):
            await fetcher.get("file:///etc/passwd")


async def test_redirect_to_a_malformed_host_is_refused_in_one_sentence(server: _Server) -> None:
    async with Fetcher() as fetcher:
        with pytest.raises(BadContent, match="redirect to an address that cannot be read"):
            await fetcher.get(server.base + "/to-bad-host")


async def test_slow_drip_hits_the_total_deadline(server: _Server) -> None:
    # Each byte arrives well inside the read timeout; only the total deadline ends it.
    limits = FetchLimits(read_timeout=10, total_deadline=1)
    async with Fetcher(limits) as fetcher:
        with pytest.raises(Timeout) as caught:
            await fetcher.get(server.base + "/drip")
    assert host_of(server) in str(caught.value)
    assert "deadline" in str(caught.value)


async def test_silent_server_hits_the_read_timeout(server: _Server) -> None:
    async with Fetcher(FetchLimits(read_timeout=0.3, total_deadline=30)) as fetcher:
        with pytest.raises(Timeout) as caught:
            await fetcher.get(server.base + "/silent")
    assert str(caught.value) == f"{host_of(server)} did not answer within 0.3 s"


async def test_connection_refused_names_host_and_reason() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with Fetcher() as fetcher:
        with pytest.raises(ConnectError) as caught:
            await fetcher.get(f"http://127.0.0.1:{port}/")
    assert str(caught.value) == f"could not connect to 127.0.0.1:{port} (connection refused)"


async def test_non_html_content_type_is_bad_content(server: _Server) -> None:
    async with Fetcher() as fetcher:
        with pytest.raises(BadContent, match="application/json"):
            await fetcher.get(server.base + "/json")


async def test_body_over_the_cap_is_too_large(server: _Server) -> None:
    async with Fetcher(FetchLimits(max_bytes=1000)) as fetcher:
        with pytest.raises(TooLarge):
            await fetcher.get(server.base + "/big")
        # Under a cap it fits, the same page is fine.
    async with Fetcher(FetchLimits(max_bytes=10_000)) as fetcher:
        assert (await fetcher.get(server.base + "/big")).status == 200


async def test_connection_cut_mid_body_is_bad_content(server: _Server) -> None:
    async with Fetcher() as fetcher:
        with pytest.raises(BadContent, match="truncated"):
            await fetcher.get(server.base + "/cut")


async def test_per_host_concurrency_is_capped(server: _Server) -> None:
    async with Fetcher(FetchLimits(per_host_concurrency=2)) as fetcher:
        await asyncio.gather(*(fetcher.get(f"{server.base}/held{i}") for i in range(6)))
    assert 1 <= server.max_inflight <= 2


async def test_per_host_delay_spaces_request_starts(server: _Server) -> None:
    # A lower bound only: a slow machine makes gaps longer, never shorter.
    async with Fetcher(FetchLimits(per_host_delay=0.3)) as fetcher:
        await asyncio.gather(*(fetcher.get(server.base + "/page") for _ in range(3)))
    starts = sorted(at for _, _, at in server.seen)
    assert all(later - earlier >= 0.25 for earlier, later in zip(starts, starts[1:], strict=False))


async def test_constructing_a_fetcher_does_no_io() -> None:
    fetcher = Fetcher()
    assert fetcher._transports._direct is None and not fetcher._transports._proxied
    await fetcher.aclose()  # closing an unused fetcher is fine


# --- faults only a mock transport can make ---------------------------------------------


async def test_gzip_bomb_is_counted_after_decompression() -> None:
    inflated = b"<p>" + b"a" * 2_000_000
    compressed = gzip.compress(inflated)
    assert len(compressed) < 10_000  # small on the wire

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=compressed, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
        )

    limits = FetchLimits(max_bytes=100_000)
    async with Fetcher(limits, transport=httpx.MockTransport(handler)) as fetcher:
        with pytest.raises(TooLarge, match="example.test"):
            await fetcher.get("http://example.test/bomb")


async def test_body_shorter_than_content_length_is_bad_content() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            stream=httpx.ByteStream(b"<p>short"),
            headers={"Content-Type": "text/html", "Content-Length": "500"},
        )

    async with Fetcher(transport=httpx.MockTransport(handler)) as fetcher:
        with pytest.raises(BadContent, match="truncated"):
            await fetcher.get("http://example.test/short")


async def test_missing_content_type_is_accepted_and_sniffed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content="<p>无标签</p>".encode("gbk"))

    async with Fetcher(transport=httpx.MockTransport(handler)) as fetcher:
        response = await fetcher.get("http://example.test/")
    assert response.text == "<p>无标签</p>"


# --- decode_html ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type", "text", "encoding"),
    [
        ("gbk meta only", '<meta charset="gbk"><p>连云港</p>'.encode("gbk"), "text/html", "连云港", "gb18030"),
        (
            "http-equiv gb2312",
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>房产</p>'.encode("gbk"),
            None,
            "房产",
            "gb18030",
        ),
        (
            "header wins over meta",
            '<meta charset="utf-8"><p>二手</p>'.encode("gbk"),
            "text/html; charset=GBK",
            "二手",
            "gb18030",
        ),
        ("utf-8 bom", b"\xef\xbb\xbf" + "<p>招聘</p>".encode(), "text/html; charset=gbk", "招聘", "utf-8"),
        ("utf-16 bom", "\ufeff<p>宠物</p>".encode("utf-16-le"), None, "宠物", "utf-16-le"),
        (
            "lying utf-8 header, gbk meta",
            '<meta charset="gb2312"><p>教育培训</p>'.encode("gbk"),
            "text/html; charset=utf-8",
            "教育培训",
            "gb18030",
        ),
        ("unlabelled utf-8", "<p>生活服务</p>".encode(), None, "生活服务", "utf-8"),
        ("unlabelled gbk", "<p>生活服务</p>".encode("gbk"), "text/html", "生活服务", "gb18030"),
        ("unknown label ignored", '<meta charset="klingon"><p>车辆</p>'.encode(), None, "车辆", "utf-8"),
        ("x-gbk label", '<meta charset="x-gbk"><p>车辆</p>'.encode("gbk"), None, "车辆", "gb18030"),
        ("quoted header charset", "<p>商务</p>".encode("gbk"), 'text/html; charset="gb2312"', "商务", "gb18030"),
        ("gb18030-only char", "<p>\U00020000</p>".encode("gb18030"), "text/html; charset=gbk", "\U00020000", "gb18030"),
        ("non-text codec refused", "<p>交友</p>".encode(), "text/html; charset=base64", "交友", "utf-8"),
    ],
)
def test_decode_html_cases(name: str, content: bytes, content_type: str | None, text: str, encoding: str) -> None:
    decoded, used = decode_html(content, content_type)
    assert text in decoded, name
    assert used == encoding, name


def test_meta_after_the_first_1024_bytes_is_not_read() -> None:
    content = b"<!--" + b" " * 1100 + b'--><meta charset="gbk">' + "房产".encode("gbk")
    decoded, used = decode_html(content, None)
    assert used == "gb18030"  # not from <meta>: from the not-UTF-8 fallback
    content_utf8 = b"<!--" + b" " * 1100 + b'--><meta charset="gbk">' + "房产".encode()
    assert decode_html(content_utf8, None) == (content_utf8.decode(), "utf-8")


def test_broken_bytes_are_replaced_not_raised() -> None:
    decoded, used = decode_html(b"<p>\xff\xfe\xfd", "text/html; charset=utf-8")
    assert used == "utf-8"
    assert "\ufffd" in decoded


@given(content=st.binary(max_size=2048), content_type=st.one_of(st.none(), st.text(max_size=60)))
def test_decode_html_never_raises(content: bytes, content_type: str | None) -> None:
    decoded, used = decode_html(content, content_type)
    assert isinstance(decoded, str) and used
