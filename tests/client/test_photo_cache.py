"""``Client.photo`` against the real demo portal with a real SQLite cache: fetched, vetted and
cached; served again offline; offline and not cached, one sentence; every hostile photo its
sentence and nothing cached; a bounded cache that keeps a bookmarked article's photos; a photo
on another host fetched only for an article that shows it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tui_reader import errors
from tui_reader.client import Client, Retention
from tui_reader.demo.site.photos import HOSTILE_KINDS, parse_photo_path
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.fetch.fetcher import Fetcher, FetchLimits
from tui_reader.models import Article, Photo, utcnow
from tui_reader.sites.profile import load_profile
from tui_reader.store.cache import Library, Store


def _client(tmp_path: Path, server: DemoServer, *, offline: bool = False, photo_bytes: int = 50 << 20) -> Client:
    limits = FetchLimits(connect_timeout=2.0, read_timeout=5.0, total_deadline=10.0)
    return Client(
        profile=load_profile("demo"),
        base_url=server.base_url,
        store=Store(tmp_path / "cache" / "demo.sqlite3"),
        offline=offline,
        fetcher=Fetcher(limits, allowed_hosts=[server.base_url]),
        library=Library(tmp_path / "data" / "demo.library.sqlite3"),
        retention=Retention(photo_bytes=photo_bytes),
    )


async def _articles_with_photos(client: Client, count: int) -> list[Article]:
    city = await client.find_city("连云港")
    category = await client.find_category(city, "房产")
    rows = (await client.listings(category)).value.items
    found = []
    for row in rows:
        article = (await client.article(row.url)).value
        if article.photos:
            found.append(article)
        if len(found) == count:
            break
    assert len(found) == count
    return found


@pytest.fixture
def hostile_portal() -> Iterator[DemoServer]:
    with DemoServer(port=0, options=DemoOptions(hostile_photos=True), log=lambda _line: None) as server:
        yield server


async def test_a_photo_is_cached_and_served_again_offline(tmp_path: Path, demo_server: DemoServer) -> None:
    online = _client(tmp_path, demo_server)
    [article] = await _articles_with_photos(online, 1)
    first, *rest = article.photos
    got = await online.photo(first.url, article_url=article.url)
    assert got.source == "network" and got.value.media_type == "image/jpeg" and got.value.width > 0
    again = await online.photo(first.url, article_url=article.url)
    assert again.source == "cache" and again.value.decode().tobytes() == got.value.decode().tobytes()
    await online.aclose()

    offline = _client(tmp_path, demo_server, offline=True)
    cached = await offline.photo(first.url)
    assert cached.source == "cache" and cached.note == "offline"
    assert cached.value.decode().tobytes() == got.value.decode().tobytes()
    if rest:
        with pytest.raises(errors.OfflineMiss) as missed:
            await offline.photo(rest[0].url, article_url=article.url)
        assert str(missed.value) == "this photo is not cached (offline)"
    await offline.aclose()


async def test_every_hostile_photo_says_why_and_nothing_broken_is_cached(
    tmp_path: Path, hostile_portal: DemoServer
) -> None:
    client = _client(tmp_path, hostile_portal)
    seen: dict[str, str] = {}
    city = await client.find_city("连云港")
    for name in ("房产", "二手", "招聘"):
        rows = (await client.listings(await client.find_category(city, name))).value.items
        for row in rows:
            article = (await client.article(row.url)).value
            if not article.photos:
                continue
            last = article.photos[-1].url
            ask = parse_photo_path("a", urlsplit(last).path)
            assert ask is not None
            kind = HOSTILE_KINDS[ask.id % len(HOSTILE_KINDS)]
            if kind in seen:
                continue
            try:
                result = await client.photo(last, article_url=article.url)
            except errors.BadImage as exc:
                seen[kind] = str(exc)
                assert client.store.photos.cached_among([last]) == set(), kind
            else:
                seen[kind] = f"shown: {', '.join(result.value.notes) or 'sound'}"
                assert client.store.photos.cached_among([last]) == {last}
        if len(seen) == len(HOSTILE_KINDS):
            break
    await client.aclose()
    assert seen == {
        "bomb": "the photo is too large (60000×60000, 3,600 megapixels; at most 40)",
        "truncated": "the photo is cut short (the file ends before the picture does)",
        "html-as-image": "the photo is not a picture (it is HTML, served as image/jpeg)",
        "svg": "the photo is an SVG drawing (served as image/svg+xml), which is never shown",
        # The bytes decide: a sound JPEG served as text/html is a photo, a thin strip one with a note.
        "image-as-html": "shown: sound",
        "strip": "shown: a thin strip (20000×20 pixels): it shows squeezed",
    }


async def test_a_small_budget_evicts_all_but_a_bookmarked_articles_photos(
    tmp_path: Path, demo_server: DemoServer
) -> None:
    client = _client(tmp_path, demo_server, photo_bytes=1)  # every photo is over budget
    kept, other = await _articles_with_photos(client, 2)
    await client.user.bookmark(kept.url)
    for article in (kept, other):
        for photo in article.photos:
            assert (await client.photo(photo.url, article_url=article.url)).source == "network"
    cached = client.store.photos.cached_among(p.url for a in (kept, other) for p in a.photos)
    await client.aclose()
    assert cached == {p.url for p in kept.photos}

    offline = _client(tmp_path, demo_server, offline=True, photo_bytes=1)
    assert (await offline.photo(kept.photos[0].url)).source == "cache"
    with pytest.raises(errors.OfflineMiss):
        await offline.photo(other.photos[0].url)
    await offline.aclose()


async def test_a_photo_on_another_host_is_fetched_only_for_an_article_showing_it(
    tmp_path: Path, demo_server: DemoServer
) -> None:
    with DemoServer(port=0, options=DemoOptions(), log=lambda _line: None) as cdn:
        client = _client(tmp_path, demo_server)
        [article] = await _articles_with_photos(client, 1)
        elsewhere = cdn.base_url + urlsplit(article.photos[0].url).path
        # Not among the article's photos: the article does not vouch for that host.
        with pytest.raises(errors.Blocked, match="not the site being read"):
            await client.photo(elsewhere, article_url=article.url)
        with pytest.raises(errors.Blocked, match="not the site being read"):
            await client.photo(elsewhere)
        # The page named a photo on a CDN host: as a page with such a photo is cached.
        on_cdn = replace(article, photos=(Photo(elsewhere, "外"), *article.photos))
        client.store.put("article", article.url, on_cdn.to_dict(), fetched_at=utcnow())
        got = await client.photo(elsewhere, article_url=article.url)
        assert got.source == "network" and got.value.width > 0
        await client.aclose()


async def test_a_failed_refresh_serves_the_cached_photo(tmp_path: Path) -> None:
    with DemoServer(port=0, options=DemoOptions(), log=lambda _line: None) as server:
        client = _client(tmp_path, server)
        [article] = await _articles_with_photos(client, 1)
        url = article.photos[0].url
        await client.photo(url, article_url=article.url)
    # The portal is gone: asked to refresh, the reader keeps what it has and says why.
    got = await client.photo(url, article_url=article.url, refresh=True)
    assert got.source == "stale-cache" and got.note is not None and "127.0.0.1" in got.note
    assert client.store.photos.cached_among([url]) == {url}
    await client.aclose()
