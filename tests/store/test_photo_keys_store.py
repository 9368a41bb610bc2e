"""Which pictures each cached article lists (``article_photo_keys``): written with the
article, replaced when it is stored again, gone with it (evicted, cleared); which keys
at least N other articles list; and a schema-5 cache upgraded in place, nothing lost."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from support.old_cache import cache_at_schema
from tui_reader.store.cache import SCHEMA_VERSION, CacheEntry, Store

T0 = datetime(2025, 3, 1, 4, 0, tzinfo=UTC)
BANNER = "x.test/static/safety.png?"


def _url(n: int) -> str:
    return f"http://x.test/a/{n}.html"


def _put(store: Store, n: int, keys: tuple[str, ...], *, when: datetime = T0) -> None:
    store.put("article", _url(n), {"url": _url(n), "title": f"t{n}"}, fetched_at=when, photo_keys=keys)


def test_a_key_listed_by_n_other_articles_is_repeated_and_an_own_photo_is_not(tmp_path: Path) -> None:
    with Store(tmp_path / "c.sqlite3") as store:
        for n in range(4):
            _put(store, n, (f"x.test/own/{n}.jpg?", BANNER))
        mine = ("x.test/own/0.jpg?", BANNER)
        assert store.repeated_photo_keys(mine, besides=_url(0), at_least=3) == {BANNER}
        assert store.repeated_photo_keys(mine, besides=_url(0), at_least=4) == set()  # only 3 others
        assert store.repeated_photo_keys([], besides=_url(0), at_least=3) == set()


def test_storing_again_replaces_the_keys_and_deleting_an_article_drops_them(tmp_path: Path) -> None:
    with Store(tmp_path / "c.sqlite3") as store:
        for n in range(4):
            _put(store, n, (BANNER,))
        assert store.repeated_photo_keys([BANNER], besides=_url(0), at_least=3) == {BANNER}
        _put(store, 1, ("x.test/own/1.jpg?",))  # the article changed: no banner any more
        assert store.repeated_photo_keys([BANNER], besides=_url(0), at_least=3) == set()
        _put(store, 1, (BANNER,))
        # Written without keys (none known): it lists nothing.
        store.put_many([CacheEntry("article", _url(2), {"url": _url(2), "title": "t"}, None, None, T0)])
        assert store.repeated_photo_keys([BANNER], besides=_url(0), at_least=3) == set()
        _put(store, 2, (BANNER,))
        # Evicted with its article (the oldest goes first, the rest stay).
        _put(store, 3, (BANNER,), when=T0 - timedelta(days=30))
        assert store.evict(max_age=86400, now=T0 + timedelta(hours=1)) >= 1
        assert store.get("article", _url(3)) is None
        assert store.repeated_photo_keys([BANNER], besides=_url(0), at_least=2) == {BANNER}
        assert store.repeated_photo_keys([BANNER], besides=_url(0), at_least=3) == set()
        store.clear()
        assert store.repeated_photo_keys([BANNER], besides="", at_least=1) == set()


def test_a_schema_5_cache_is_upgraded_and_keeps_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    conn = cache_at_schema(path, 5)
    conn.execute(
        "INSERT INTO entries (kind, key, payload, fetched_at) VALUES ('article', ?, '{\"title\": \"old\"}', ?)",
        (_url(9), T0.isoformat()),
    )
    conn.execute(
        "INSERT INTO articles (url, title, body, fetched_at) VALUES (?, 'old', '', ?)", (_url(9), T0.isoformat())
    )
    conn.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION == 6
        entry = store.get("article", _url(9))
        assert entry is not None and entry.payload == {"title": "old"}
        for n in range(3):
            _put(store, n, (BANNER,))
        assert store.repeated_photo_keys([BANNER], besides=_url(9), at_least=3) == {BANNER}
        store.evict(max_age=1, now=T0 + timedelta(days=1))  # the old article goes, its (no) keys with it
        assert store.get("article", _url(9)) is None
