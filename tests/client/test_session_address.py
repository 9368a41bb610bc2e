"""A session whose portal is reached at another address than the one it is known by
(the demo portal on a spare port when its usual one is taken): everything is read,
cached and shown under the known address, so another run finds it, offline too."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.sync import AccessLog
from tui_reader.client import Session
from tui_reader.config import Config
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.sites.profile import load_profile


def _session(identity: str, *, address: str | None = None, offline: bool = False) -> Session:
    return Session(config=Config(), profile=load_profile("demo"), base_url=identity, address=address, offline=offline)


async def _first_article(session: Session) -> tuple[str, str, str]:
    """(url, title, source) of the first article of 连云港 / 房产, read as the reader does."""
    client = session.make_client()
    try:
        city = await client.find_city("连云港")
        category = await client.find_category(city, "房产")
        page = await client.listings(category)
        article = await client.article(page.value.items[0].url)
        return article.value.url, article.value.title, article.source
    finally:
        await client.aclose()


async def test_pages_read_at_another_address_are_cached_under_the_identity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUI_READER_HOME", str(tmp_path / "home"))
    identity_log, actual_log = AccessLog(), AccessLog()
    with (
        DemoServer(port=0, options=DemoOptions(), log=identity_log) as identity,
        DemoServer(port=0, options=DemoOptions(), log=actual_log) as actual,
    ):
        url, title, source = await _first_article(_session(identity.base_url, address=actual.base_url))
        assert source == "network"
        # Every request went to the actual address ...
        assert identity_log.lines == []
        assert actual_log.article_gets() == [url.removeprefix(identity.base_url)]
        # ... and what came back is known by the identity's URLs.
        assert url.startswith(identity.base_url + "/")

    # Both servers are gone: the identity alone finds the cache.
    offline_url, offline_title, offline_source = await _first_article(_session(identity.base_url, offline=True))
    assert (offline_url, offline_title, offline_source) == (url, title, "cache")


async def test_redirects_at_the_actual_address_stay_under_the_identity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo answers ``/lianyungang`` with a redirect to ``/lianyungang/``: the
    cached listing page and its links carry the identity, not the spare port."""
    monkeypatch.setenv("TUI_READER_HOME", str(tmp_path / "home"))
    with DemoServer(port=0, options=DemoOptions(), log=AccessLog()) as actual:
        identity = "http://127.0.0.1:9"  # discard: nothing must ever connect there
        client = _session(identity, address=actual.base_url).make_client()
        try:
            page = await client.list_page(f"{identity}/lianyungang/fangchan")
        finally:
            await client.aclose()
    assert page.value.items and all(row.url.startswith(identity + "/") for row in page.value.items)
