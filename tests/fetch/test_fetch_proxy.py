"""Proxies named in the environment (``HTTP_PROXY``, ``NO_PROXY``) are used by the Fetcher.

A reader behind a company proxy must still read: the Fetcher sends a site's
requests through the proxy the environment names for it, and straight to the
site when ``NO_PROXY`` lists the host. The proxy here is a real forward proxy
on loopback that relays each request to the demo portal and records the
absolute URL it was asked for.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from support.serving import serving
from tui_reader.demo.web.server import DemoServer
from tui_reader.fetch.fetcher import Fetcher


class _ForwardProxy(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Relay)
        self.asked: list[str] = []
        # The relay itself must go straight to the site, whatever the environment says.
        self.direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Relay(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _ForwardProxy

    def do_GET(self) -> None:
        self.server.asked.append(self.path)  # a proxy is asked for the absolute URL
        try:
            with self.server.direct.open(self.path, timeout=5) as upstream:
                status, body, content_type = upstream.status, upstream.read(), upstream.headers["Content-Type"]
        except urllib.error.HTTPError as exc:
            status, body, content_type = exc.code, exc.read(), exc.headers["Content-Type"]
        self.send_response(status)
        self.send_header("Content-Type", content_type or "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet: the test reads ``asked`` instead."""


@pytest.fixture
def proxy() -> Iterator[_ForwardProxy]:
    server = _ForwardProxy()
    with serving(server):
        yield server


def _clear_proxy_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


async def test_requests_go_through_the_proxy_the_environment_names(
    monkeypatch: pytest.MonkeyPatch, proxy: _ForwardProxy, demo_server: DemoServer
) -> None:
    _clear_proxy_environment(monkeypatch)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    url = demo_server.base_url + "/"
    async with Fetcher() as fetcher:
        response = await fetcher.get(url)
    assert response.status == 200
    assert response.text and "</html>" in response.text.lower()
    assert url in proxy.asked


async def test_no_proxy_host_is_fetched_directly(
    monkeypatch: pytest.MonkeyPatch, proxy: _ForwardProxy, demo_server: DemoServer
) -> None:
    _clear_proxy_environment(monkeypatch)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    async with Fetcher() as fetcher:
        response = await fetcher.get(demo_server.base_url + "/")
    assert response.status == 200
    assert proxy.asked == []


async def test_without_proxy_variables_nothing_goes_to_a_proxy(
    monkeypatch: pytest.MonkeyPatch, proxy: _ForwardProxy, demo_server: DemoServer
) -> None:
    _clear_proxy_environment(monkeypatch)
    async with Fetcher() as fetcher:
        response = await fetcher.get(demo_server.base_url + "/")
        assert fetcher._transports._proxied == {}
    assert response.status == 200
    assert proxy.asked == []
