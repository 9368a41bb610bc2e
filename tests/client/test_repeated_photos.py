"""A picture the site repeats in its articles (a "safety tips" banner in every body) is not
an article's photo: dropped once N other cached articles of the site list it, kept while
fewer do; the article's own photos stay, and a listing reposted in many
places keeps its photos. Real client, real SQLite cache, real demo portal:
articles read over the network and synced have their pictures noted through the same path."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from conftest import ClientFactory
from support.cli import fast_sync, run_json
from tui_reader.client import Client, Retention
from tui_reader.client.repeated_photos import photo_keys_of
from tui_reader.demo.web.server import DemoServer
from tui_reader.limits import PHOTO_REPEATS
from tui_reader.models import Article, Photo, utcnow
from tui_reader.sites.profile import load_profile
from tui_reader.store.cache import CacheEntry, Store

BASE = "http://x.test"


def _banner(n: int) -> Photo:
    # The same picture in different sizes and host shards: one key.
    return Photo(f"http://img{n % 3}.x.test/static/safety_{300 + n}x100.png?w={300 + n}", "安全提示")


_TEXTS = (
    ("海州区两室一厅出租", "精装修，家电齐全，拎包入住，近地铁。"),
    ("出售九成新沙发", "三人位布艺沙发，搬家急售，可送货上门。"),
    ("招聘餐厅服务员", "包吃住，月休四天，工资面议，有经验优先。"),
    ("二手电动车转让", "电池去年新换，续航六十公里，手续齐全。"),
    ("新浦区门面房转租", "临街旺铺，适合餐饮，接手即可营业。"),
)


def _article(n: int, *, url: str | None = None) -> Article:
    own = (Photo(f"{BASE}/photos/{n}/1.jpg", "客厅"), Photo(f"{BASE}/photos/{n}/2.jpg", "卧室"))
    title, body = _TEXTS[n % len(_TEXTS)]
    return Article(url=url or f"{BASE}/a/{n}.html", title=title, body=(body,), photos=(own[0], _banner(n), own[1]))


def _cache(path: Path, articles: list[Article]) -> None:
    with Store(path) as store:
        entries = []
        for article in articles:
            payload = article.to_dict()
            entries.append(CacheEntry("article", article.url, payload, None, None, utcnow(), photo_keys_of(payload)))
        store.put_many(entries)


def _offline(path: Path) -> Client:
    return Client(profile=load_profile("demo"), base_url=BASE, store=Store(path), offline=True, retention=Retention())


async def test_a_banner_in_n_other_articles_is_dropped_and_own_photos_stay(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    _cache(path, [_article(n) for n in range(PHOTO_REPEATS + 1)])
    client = _offline(path)
    try:
        for n in range(PHOTO_REPEATS + 1):
            shown = (await client.article(f"{BASE}/a/{n}.html")).value
            assert [p.alt for p in shown.photos] == ["客厅", "卧室"]
            assert shown.photos == (_article(n).photos[0], _article(n).photos[2])
    finally:
        await client.aclose()


async def test_a_banner_in_fewer_than_n_other_articles_stays(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    _cache(path, [_article(n) for n in range(PHOTO_REPEATS)])  # each has N-1 others
    client = _offline(path)
    try:
        shown = (await client.article(f"{BASE}/a/0.html")).value
        assert shown.photos == _article(0).photos
    finally:
        await client.aclose()


async def test_a_listing_reposted_in_many_places_keeps_its_photos(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    # The same post (text and photos) in N+1 cities: no other article lists its pictures.
    _cache(path, [_article(0, url=f"{BASE}/city{n}/a/0.html") for n in range(PHOTO_REPEATS + 1)])
    client = _offline(path)
    try:
        shown = (await client.article(f"{BASE}/city0/a/0.html")).value
        assert shown.photos == _article(0).photos
    finally:
        await client.aclose()


async def test_an_article_read_over_the_network_loses_a_picture_the_site_repeats(
    client: ClientFactory, tmp_path: Path
) -> None:
    reader = client()
    try:
        city = await reader.find_city("连云港")
        category = await reader.find_category(city, "房产")
        rows = (await reader.listings(category)).value.items
        fetched = [(await reader.article(row.url)).value for row in rows[:6]]
        first = next(a for a in fetched if len(a.photos) >= 2)
        # Read over the network, every article's pictures were noted: none is repeated.
        for article in fetched:
            keys = photo_keys_of(article.to_dict())
            assert reader.store.repeated_photo_keys(keys, besides="", at_least=1) == set(keys)
            assert (await reader.article(article.url)).value.photos == article.photos
        # Say the site puts the first article's second picture in N other articles too.
        repeated = first.photos[1]
        others = [
            Article(url=f"{BASE}/o/{n}.html", title="t", body=(), photos=(repeated,)) for n in range(PHOTO_REPEATS)
        ]
        _cache(tmp_path / "cache" / "demo.sqlite3", others)
        again = (await reader.article(first.url, refresh=True)).value
        assert again.photos == tuple(p for p in first.photos if p != repeated)
    finally:
        await reader.aclose()


async def test_a_sync_notes_every_articles_pictures_and_the_demo_repeats_none(portal: DemoServer, home: Path) -> None:
    fast_sync(home)
    report = run_json(home, "sync", "连云港", "房产", "--site", "demo", "--base-url", portal.base_url)
    assert isinstance(report, dict) and report["failed"] == []
    db = home / "cache" / "demo.sqlite3"
    conn = sqlite3.connect(db)
    try:
        payloads = {
            url: json.loads(text)
            for url, text in conn.execute("SELECT key, payload FROM entries WHERE kind = 'article'")
        }
        noted: dict[str, set[str]] = {}
        for url, key in conn.execute("SELECT article_url, key FROM article_photo_keys"):
            noted.setdefault(url, set()).add(key)
    finally:
        conn.close()
    with_photos = {url: set(photo_keys_of(p)) for url, p in payloads.items() if p.get("photos")}
    assert len(with_photos) > PHOTO_REPEATS and noted == with_photos
    reader = Client(profile=load_profile("demo"), base_url=portal.base_url, store=Store(db), offline=True)
    try:
        for url, payload in payloads.items():  # a listing's own photos are never taken for the site's
            assert (await reader.article(url)).value.photos == Article.from_dict(payload).photos
    finally:
        await reader.aclose()
