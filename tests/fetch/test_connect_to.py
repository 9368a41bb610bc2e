"""``Fetcher(connect_to=...)``: a site reached at another address than its URLs name
(curl's ``--connect-to``). The request goes to the address, says the site's name in
``Host``, and everything that comes back is told under the site's own URLs."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from support.serving import serving
from tui_reader.errors import Blocked
from tui_reader.fetch.fetcher import Fetcher

SITE = "http://127.0.0.1:9"
"""The name the site goes by; port 9 is "discard": nothing may ever connect there."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        server: _Server = self.server  # type: ignore[assignment]  # ours, with .seen and .base
        server.seen.append((self.path, self.headers.get("Host", "")))
        if self.path == "/here":
            # Written from what the server knows of itself, not from Host,
            # as many small servers (and this test's) do.
            self._send(302, b"", {"Location": f"{server.base}/page"})
        elif self.path == "/away":
            self._send(302, b"", {"Location": "http://127.0.0.1:10/page"})
        else:
            body = f"<html><body><p>Host: {self.headers.get('Host')}</p></body></html>".encode()
            self._send(200, body, {"Content-Type": "text/html; charset=utf-8"})

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.seen: list[tuple[str, str]] = []

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


@pytest.fixture
def server() -> Iterator[_Server]:
    srv = _Server()
    with serving(srv):
        yield srv


async def test_the_request_goes_to_the_address_under_the_sites_name(server: _Server) -> None:
    async with Fetcher(allowed_hosts=(SITE,), connect_to={SITE: server.base}) as fetcher:
        response = await fetcher.get(f"{SITE}/page")
    assert response.url == f"{SITE}/page"
    assert server.seen == [("/page", "127.0.0.1:9")]
    assert "Host: 127.0.0.1:9" in (response.text or "")


async def test_a_redirect_to_the_actual_address_is_told_under_the_sites_name(server: _Server) -> None:
    async with Fetcher(allowed_hosts=(SITE,), connect_to={SITE: server.base}) as fetcher:
        response = await fetcher.get(f"{SITE}/here")
    assert response.url == f"{SITE}/page"
    assert [path for path, _host in server.seen] == ["/here", "/page"]


async def test_robots_txt_is_asked_at_the_address(server: _Server) -> None:
    async with Fetcher(allowed_hosts=(SITE,), connect_to={SITE: server.base}) as fetcher:
        assert await fetcher.robots_allows(f"{SITE}/page")
    assert server.seen == [("/robots.txt", "127.0.0.1:9")]


async def test_the_address_does_not_widen_what_may_be_fetched(server: _Server) -> None:
    """Only the site is routed; a redirect elsewhere is refused as before."""
    async with Fetcher(allowed_hosts=(SITE,), connect_to={SITE: server.base}) as fetcher:
        with pytest.raises(Blocked):
            await fetcher.get(f"{SITE}/away")
