"""The photo cache in a real SQLite file: least recently used out first, articles' photos
spared when asked, pages' own size limit blind to photos, and a schema-4 cache upgraded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from support.old_cache import cache_at_schema
from tui_reader.store.cache import SCHEMA_VERSION, Store

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_least_recently_used_photos_go_first(tmp_path: Path) -> None:
    with Store(tmp_path / "c.sqlite3") as store:
        photos = store.photos
        for n, name in enumerate("abc"):
            photos.put(f"http://x.test/{name}.jpg", bytes([n]) * 100, "image/jpeg", fetched_at=_at(n), max_bytes=300)
        photos.touch("http://x.test/a.jpg", _at(5))  # looked at again: b is now the oldest in use
        evicted = photos.put("http://x.test/d.jpg", b"d" * 100, "image/jpeg", fetched_at=_at(6), max_bytes=300)
        assert evicted == 1
        assert photos.cached_among(f"http://x.test/{n}.jpg" for n in "abcd") == {
            "http://x.test/a.jpg",
            "http://x.test/c.jpg",
            "http://x.test/d.jpg",
        }
        assert photos.stats() == {"photos": 3, "photo_bytes": 300}
        got = photos.get("http://x.test/a.jpg")
        assert got is not None and got.data == b"\x00" * 100 and got.media_type == "image/jpeg"


def test_photos_of_kept_articles_are_spared(tmp_path: Path) -> None:
    with Store(tmp_path / "c.sqlite3") as store:
        photos = store.photos
        photos.put(
            "http://x.test/old.jpg", b"o" * 100, "image/png", fetched_at=_at(0), articles=["http://x.test/1.html"]
        )
        photos.put(
            "http://x.test/new.jpg", b"n" * 100, "image/png", fetched_at=_at(1), articles=["http://x.test/2.html"]
        )
        assert photos.evict(50, keep={"http://x.test/1.html"}) == 1
        assert photos.cached_among(["http://x.test/old.jpg", "http://x.test/new.jpg"]) == {"http://x.test/old.jpg"}
        # Nothing is left to evict but what is kept: the budget stays exceeded rather than lose it.
        assert photos.evict(50, keep={"http://x.test/1.html"}) == 0


def test_the_page_cache_size_limit_does_not_count_photos(tmp_path: Path) -> None:
    with Store(tmp_path / "c.sqlite3") as store:
        store.put("article", "http://x.test/1.html", {"url": "http://x.test/1.html", "title": "t"}, fetched_at=T0)
        store.photos.put("http://x.test/big.jpg", b"\x01" * 3_000_000, "image/jpeg", fetched_at=T0)
        # 3 MB of photo, a few KB of pages: a 1 MB page budget keeps the page.
        assert store.evict(max_bytes=1_000_000) == 0
        assert store.get("article", "http://x.test/1.html") is not None
        assert store.details()["photos"] == 1
        assert store.clear() == 1
        assert store.photos.stats() == {"photos": 0, "photo_bytes": 0}


def test_a_schema_4_cache_gets_a_photo_cache_and_keeps_its_pages(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    conn = cache_at_schema(path, 4)
    conn.execute(
        "INSERT INTO entries (kind, key, payload, fetched_at) VALUES ('listings', 'http://x.test/l/', '{\"items\": []}', ?)",
        (T0.isoformat(),),
    )
    conn.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION >= 5
        assert store.get("listings", "http://x.test/l/") is not None
        store.photos.put("http://x.test/p.jpg", b"p", "image/jpeg", fetched_at=T0)
        assert store.photos.cached_among(["http://x.test/p.jpg"]) == {"http://x.test/p.jpg"}
