"""``Fetcher.get_photo`` against the real demo portal: a photo's bytes as they came, the byte
cap, the host rule for photos off the site (a second portal on another port plays the CDN),
robots.txt and politeness as for pages. Mock transports only for the byte count a real
server cannot show: how much of an oversized body was read."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.errors import Blocked, TooLarge
from tui_reader.fetch.fetcher import Fetcher
from tui_reader.hosts import HostPolicy

PHOTO = "/upload/lianyungang/fangchan/810196_1.jpg"


@pytest.fixture
def cdn() -> Iterator[DemoServer]:
    """Another portal on another port: photos there are off the site being read."""
    with DemoServer(port=0, options=DemoOptions(), log=lambda _line: None) as server:
        yield server


async def _article_with_photos(fetcher: Fetcher, base: str) -> str:
    page = await fetcher.get(f"{base}/lianyungang/fangchan/")
    assert page.text is not None
    return base + re.findall(r'href="(/lianyungang/fangchan/\d+\.html)"', page.text)[0]


async def test_a_photo_comes_as_bytes_with_its_declared_type(demo_server: DemoServer) -> None:
    async with Fetcher(allowed_hosts=[demo_server.base_url]) as fetcher:
        photo = await fetcher.get_photo(demo_server.base_url + PHOTO)
    assert photo.data.startswith(b"\xff\xd8\xff") and photo.declared_type == "image/jpeg"
    assert photo.url == demo_server.base_url + PHOTO and photo.elapsed > 0


async def test_the_byte_cap_refuses_a_photo(demo_server: DemoServer) -> None:
    async with Fetcher(allowed_hosts=[demo_server.base_url]) as fetcher:
        with pytest.raises(TooLarge, match=r"more than 1000 bytes for /upload/"):
            await fetcher.get_photo(demo_server.base_url + PHOTO, max_bytes=1000)


class _Counted(httpx.AsyncByteStream):
    """An endless body that counts the chunks taken from it."""

    def __init__(self) -> None:
        self.chunks = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while True:
            self.chunks += 1
            yield b"\xff" * 16_384


@pytest.mark.parametrize("length", ["900000000", None])
async def test_an_oversized_photo_is_not_read_to_its_end(length: str | None) -> None:
    body = _Counted()

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": "image/jpeg", **({"Content-Length": length} if length else {})}
        return httpx.Response(200, stream=body, headers=headers)

    async with Fetcher(transport=httpx.MockTransport(handler)) as fetcher:
        with pytest.raises(TooLarge, match="more than 65536 bytes"):
            await fetcher.get_photo("http://example.test/huge.jpg", max_bytes=65_536)
    # Declared too large: not one chunk read; not declared: read up to the cap, no further.
    assert body.chunks == (0 if length else 5)


async def test_a_photo_off_the_site_needs_a_page_on_it(demo_server: DemoServer, cdn: DemoServer) -> None:
    photo = cdn.base_url + PHOTO
    async with Fetcher(allowed_hosts=[demo_server.base_url]) as fetcher:
        article = await _article_with_photos(fetcher, demo_server.base_url)
        with pytest.raises(Blocked, match="not the site being read"):
            await fetcher.get_photo(photo)
        with pytest.raises(Blocked, match="the page it was found on is not on the site being read"):
            await fetcher.get_photo(photo, found_on=cdn.base_url + "/lianyungang/fangchan/1.html")
        got = await fetcher.get_photo(photo, found_on=article)
        assert got.data.startswith(b"\xff\xd8\xff")
        # robots.txt of the photo's host is read for it too, and lets it through.
        assert await fetcher.robots_allows(photo, found_on=article)
        # The page vouched for a photo, not for the host: its pages stay out of reach.
        with pytest.raises(Blocked, match="not the site being read"):
            await fetcher.get(cdn.base_url + "/lianyungang/fangchan/")


def test_a_public_page_cannot_vouch_for_a_private_address() -> None:
    policy = HostPolicy([("https", "portal.example", None)])
    page = ("https", "portal.example", None)
    page_url = "https://portal.example/a/1.html"
    assert policy.check_found_on("https", "img.cdn.example", None, "u", page=page, page_url=page_url) == (
        "img.cdn.example",
        443,
    )
    for host in ("127.0.0.1", "10.0.0.7", "0x7f.1", "::ffff:192.168.1.1"):
        with pytest.raises(Blocked, match="and the page naming it is not"):
            policy.check_found_on("http", host, None, f"http://{host}/p.jpg", page=page, page_url=page_url)
    with pytest.raises(Blocked, match="only http and https"):
        policy.check_found_on("file", "img.cdn.example", None, "file:///etc/passwd", page=page, page_url=page_url)
    # A loopback portal (the demo) may name pictures on another loopback port.
    local = HostPolicy([("http", "127.0.0.1", 8964)])
    origin = local.check_found_on(
        "http", "127.0.0.1", 9000, "u", page=("http", "127.0.0.1", 8964), page_url="http://127.0.0.1:8964/x"
    )
    assert origin == ("127.0.0.1", 9000)
