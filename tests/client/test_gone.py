"""An article the portal takes down after it was read: kept, marked gone, counted by sync.
Against the real demo portal over loopback (``DemoOptions.removed``) and a real cache."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from tui_reader.client import Client, Ttl
from tui_reader.client.syncer import sync
from tui_reader.demo.web.server import DemoServer

ClientFactory = Callable[..., Client]


def _first_article_url(client: ClientFactory) -> str:
    async def go() -> str:
        c = client()
        try:
            city = await c.find_city("连云港")
            category = await c.find_category(city, "房产")
            page = (await c.listings(category)).value
            article = await c.article(page.items[0].url)
            assert article.source == "network" and article.gone_at is None
            return page.items[0].url
        finally:
            await c.aclose()

    return asyncio.run(go())


def test_a_removed_article_is_shown_from_the_cache_and_marked_gone(
    client: ClientFactory, demo_server: DemoServer
) -> None:
    url = _first_article_url(client)
    demo_server.options.removed = frozenset({url.removeprefix(demo_server.base_url)})

    async def read(**kw: object) -> tuple[str, object, str]:
        c = client(ttl=Ttl(article=0), **kw)  # type: ignore[arg-type]  # the fixture's keywords
        try:
            got = await c.article(url)
            return got.source, got.gone_at, got.value.title
        finally:
            await c.aclose()

    source, gone_at, title = asyncio.run(read())
    assert source == "stale-cache" and gone_at is not None and title
    # Offline, the cached copy still says it is gone.
    source, offline_gone, _ = asyncio.run(read(offline=True))
    assert offline_gone == gone_at
    # Back on the portal: the next read clears the mark.
    demo_server.options.removed = frozenset()
    source, gone_at, _ = asyncio.run(read())
    assert (source, gone_at) == ("network", None)


def test_sync_counts_gone_articles(client: ClientFactory, demo_server: DemoServer, tmp_path: Path) -> None:
    url = _first_article_url(client)
    demo_server.options.removed = frozenset({url.removeprefix(demo_server.base_url)})

    async def go() -> tuple[int, list[tuple[str, str]], object]:
        c = client(ttl=Ttl(article=0, listings=0))
        try:
            report = await sync(c, "连云港", ["房产"], pages=1, concurrency=2)
            return report.gone, report.failed, c.store.gone_at(url)
        finally:
            await c.aclose()

    gone, failed, gone_at = asyncio.run(go())
    assert gone == 1 and (url, "gone") in failed and gone_at is not None


def test_price_history_through_the_client(client: ClientFactory) -> None:
    url = _first_article_url(client)

    async def go() -> list[object]:
        c = client()
        try:
            return list(c.price_history(url))
        finally:
            await c.aclose()

    points = asyncio.run(go())
    assert len(points) == 1 and points[0].value is not None  # type: ignore[attr-defined]  # PricePoint
