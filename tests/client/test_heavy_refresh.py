"""A page that has grown too heavy to read whole, and the page path's worker thread.

Against the real demo portal over loopback and a real cache: an article read
whole stays whole when the portal later sends it padded past the parse limits
(``DemoOptions.huge_mb``); a parse given up half-way stops at its next stage.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import pytest

from tui_reader.client import Client, Ttl
from tui_reader.client.pages import parse_off_loop
from tui_reader.demo.site.heavy import heavy_page
from tui_reader.demo.web.server import DemoServer
from tui_reader.sites import Cancelled, read_article
from tui_reader.sites.profile import load_profile

ClientFactory = Callable[..., Client]


def test_a_page_read_in_part_does_not_replace_its_whole_cached_copy(
    client: ClientFactory, demo_server: DemoServer
) -> None:
    async def go() -> None:
        c = client()
        try:
            category = await c.find_category(await c.find_city("连云港"), "房产")
            url = (await c.listings(category)).value.items[0].url
            whole = await c.article(url)
            assert whole.value.cuts == () and whole.value.body
        finally:
            await c.aclose()

        demo_server.options.huge_mb = 4.0  # hidden filler: thousands of elements, past the limits
        again = client(ttl=Ttl(article=0))
        try:
            padded = await again.article(url)
        finally:
            await again.aclose()
        assert padded.value == whole.value  # the whole copy, not the cut one
        assert padded.note is not None and "too heavy to read whole" in padded.note

        demo_server.options.huge_mb = 0.0
        fresh = client(ttl=Ttl(article=0), offline=True)
        try:
            assert (await fresh.article(url)).value.cuts == ()  # and that is what is cached
        finally:
            await fresh.aclose()

    asyncio.run(go())


def test_a_page_first_read_in_part_is_cached_with_its_notes(client: ClientFactory, demo_server: DemoServer) -> None:
    async def go() -> None:
        url = f"{demo_server.base_url}/heavy/wide-table.html"
        c = client()
        try:
            first = await c.article(url)
        finally:
            await c.aclose()
        assert any("columns of 200" in note for note in first.value.cuts)
        offline = client(offline=True)
        try:
            assert (await offline.article(url)).value.cuts == first.value.cuts
        finally:
            await offline.aclose()

    asyncio.run(go())


def test_a_parse_given_up_stops_at_its_next_stage() -> None:
    html = heavy_page("many-links")
    profile = load_profile("demo")
    started, proceed, done = threading.Event(), threading.Event(), threading.Event()
    ended: list[str] = []

    def parse(text: str, url: str) -> object:
        started.set()
        proceed.wait(10)  # held until the caller has given up
        try:
            article = read_article(text, url, profile)
        except Cancelled:
            ended.append("cancelled")
            raise
        else:
            ended.append("finished")
            return article
        finally:
            done.set()

    async def give_up() -> None:
        task = asyncio.create_task(parse_off_loop(parse, html, "http://127.0.0.1/heavy/many-links.html"))
        await asyncio.to_thread(started.wait, 10)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        proceed.set()  # the thread goes on, to the first stage boundary

    asyncio.run(give_up())
    assert done.wait(10)
    assert ended == ["cancelled"]
