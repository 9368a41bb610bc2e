"""The cache on a real SQLite file in tmp_path."""

from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tui_reader.errors import CacheError
from tui_reader.models import (
    Article,
    Category,
    City,
    Listing,
    Page,
    Photo,
    page_of_listings_from_dict,
    page_of_listings_to_dict,
    utcnow,
)
from tui_reader.store.cache import KINDS, SCHEMA_VERSION, CacheEntry, Store

BASE = "http://127.0.0.1:8000"
SHANGHAI = timezone(timedelta(hours=8))

CITY = City(name="连云港", url=f"{BASE}/lianyungang/", province="江苏")
CATEGORY = Category(name="房产", url=f"{BASE}/lianyungang/fangchan/", city="连云港")
LISTING = Listing(
    title="海州区 两室一厅 拎包入住",
    url=f"{BASE}/lianyungang/fangchan/17.html",
    published=datetime(2024, 2, 10, 12, 21, 21, tzinfo=SHANGHAI),
    views=24,
    price="1200元/月",
)
ARTICLE = Article(
    url=LISTING.url,
    title="海州区 两室一厅 拎包入住",
    published=datetime(2024, 2, 10, 12, 21, 21, tzinfo=SHANGHAI),
    views=24,
    city="连云港",
    category="房产",
    body=("房子在新浦，近苍梧路，家电齐全。", "押一付三，可短租。☎ 请说明在分类信息网看到的。"),
    contact=(("联系人", "王先生"), ("电话", "138 1234 5678")),
)


def _sql(db: Path, query: str, args: tuple = ()) -> list[tuple]:
    """Look at the file with a separate plain connection, as another tool would."""
    conn = sqlite3.connect(db)
    try:
        with conn:
            return conn.execute(query, args).fetchall()
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    # A folder that does not exist yet: the store must create it.
    return tmp_path / "cache" / "demo.sqlite3"


@pytest.fixture
def store(db: Path):
    with Store(db) as opened:
        yield opened


def test_round_trip_of_every_kind_with_real_models(store: Store) -> None:
    when = utcnow()
    page = Page(items=(LISTING,), number=2, next_url=f"{CATEGORY.url}?page=3", last_number=500)
    store.put("cities", f"{BASE}/", {"items": [CITY.to_dict()]}, fetched_at=when)
    store.put("categories", CITY.url, {"items": [CATEGORY.to_dict()]}, fetched_at=when)
    store.put("listings", f"{CATEGORY.url}?page=2", page_of_listings_to_dict(page), fetched_at=when)
    store.put(
        "article",
        ARTICLE.url,
        ARTICLE.to_dict(),
        etag='"abc"',
        last_modified="Sat, 10 Feb 2024 04:21:21 GMT",
        fetched_at=when,
    )

    cities = store.get("cities", f"{BASE}/")
    categories = store.get("categories", CITY.url)
    listings = store.get("listings", f"{CATEGORY.url}?page=2")
    article = store.get("article", ARTICLE.url)
    assert cities and categories and listings and article
    assert [City.from_dict(c) for c in cities.payload["items"]] == [CITY]
    assert [Category.from_dict(c) for c in categories.payload["items"]] == [CATEGORY]
    assert page_of_listings_from_dict(listings.payload) == page
    assert Article.from_dict(article.payload) == ARTICLE
    assert (article.etag, article.last_modified) == ('"abc"', "Sat, 10 Feb 2024 04:21:21 GMT")
    assert article.fetched_at == when
    assert article.fetched_at.tzinfo is not None
    assert store.stats() | {"bytes": 0} == {"cities": 1, "categories": 1, "listings": 1, "article": 1, "bytes": 0}


# An article read in part (``cuts``): the only kind whose payload says so.
CUT_ARTICLE = dataclasses.replace(ARTICLE, cuts=("table cut to 500 rows of 2,000",))
# Keys written only when there is something to say: cuts, photos, a row's thumbnail and count.
EVERY_KEY_ARTICLE = dataclasses.replace(CUT_ARTICLE, photos=(Photo("http://img.example/1.jpg", "客厅"),))
EVERY_KEY_LISTING = LISTING._replace(photo_count=6, thumb="http://img.example/1_s.jpg")


@pytest.mark.parametrize(
    "model", [CITY, CATEGORY, EVERY_KEY_LISTING, EVERY_KEY_ARTICLE], ids=lambda m: type(m).__name__
)
def test_every_field_of_a_model_is_stored(model: object) -> None:
    # The to_dict methods spell their fields out (asdict deep-copies): a field
    # added to a model must be added there too, or the cache silently drops it.
    # Fields the constructor does not take are worked out, not stored.
    assert set(model.to_dict()) == _constructor_fields(model)


def _constructor_fields(model: object) -> set[str]:
    if dataclasses.is_dataclass(model):
        return {f.name for f in dataclasses.fields(model) if f.init}
    return set(model._fields)  # type: ignore[attr-defined]  # the NamedTuple models


def test_an_article_read_whole_is_stored_as_before_and_a_cut_one_keeps_its_notes() -> None:
    # No "cuts" key for a whole page: payloads cached before it compare equal (no false "updated").
    assert "cuts" not in ARTICLE.to_dict()
    assert Article.from_dict(CUT_ARTICLE.to_dict()).cuts == CUT_ARTICLE.cuts


def test_an_articles_classifieds_fields_come_from_its_text_not_from_the_cache() -> None:
    # Stored before fields were derived: the payload's own "fields" are stale
    # (an older pattern's find). What the text says is what is shown.
    payload = {**ARTICLE.to_dict(), "fields": {"phones": ["00000000"], "qq": ["12345"]}}
    article = Article.from_dict(payload)
    assert "fields" not in ARTICLE.to_dict()
    assert article.fields["phones"] == ["13812345678"]
    assert article.fields["contact"] == ["王先生"]
    assert "qq" not in article.fields
    assert article.fields is article.fields  # worked out once per article


def test_missing_entry_is_none_and_kinds_are_separate(store: Store) -> None:
    store.put("cities", CITY.url, {"items": []}, fetched_at=utcnow())
    assert store.get("categories", CITY.url) is None
    assert store.get("cities", CITY.url + "x") is None


def test_unknown_kind_is_a_programming_error(store: Store) -> None:
    with pytest.raises(ValueError):
        store.put("pictures", "x", {}, fetched_at=utcnow())


def test_naive_fetched_at_is_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        store.put("cities", "x", {}, fetched_at=datetime(2024, 1, 1))


def test_fetched_at_comes_back_as_utc(store: Store) -> None:
    local = datetime(2024, 2, 10, 12, 0, 0, 123456, tzinfo=SHANGHAI)
    store.put("cities", "x", {}, fetched_at=local)
    entry = store.get("cities", "x")
    assert entry is not None
    assert entry.fetched_at == local
    assert entry.fetched_at.utcoffset() == timedelta(0)


def test_put_replaces_an_entry(store: Store) -> None:
    store.put("cities", "x", {"items": [1]}, etag='"1"', fetched_at=utcnow())
    store.put("cities", "x", {"items": [2]}, fetched_at=utcnow())
    entry = store.get("cities", "x")
    assert entry is not None
    assert entry.payload == {"items": [2]}
    assert entry.etag is None
    assert store.stats()["cities"] == 1


def test_touch_after_304_updates_only_fetched_at(store: Store, db: Path) -> None:
    old = datetime(2024, 1, 1, tzinfo=UTC)
    new = datetime(2024, 3, 1, 8, 30, tzinfo=UTC)
    store.put("article", ARTICLE.url, ARTICLE.to_dict(), etag='"e1"', last_modified="lm", fetched_at=old)
    store.touch("article", ARTICLE.url, new)
    entry = store.get("article", ARTICLE.url)
    assert entry is not None
    assert entry.fetched_at == new
    assert (entry.etag, entry.last_modified) == ('"e1"', "lm")
    assert Article.from_dict(entry.payload) == ARTICLE
    [(fetched,)] = _sql(db, "SELECT fetched_at FROM articles WHERE url = ?", (ARTICLE.url,))
    assert datetime.fromisoformat(fetched) == new


def test_touch_of_a_missing_entry_creates_nothing(store: Store) -> None:
    store.touch("cities", "nowhere", utcnow())
    assert store.get("cities", "nowhere") is None


def test_article_row_is_filled_for_search(store: Store, db: Path) -> None:
    store.put("article", ARTICLE.url, ARTICLE.to_dict(), fetched_at=utcnow())
    rows = _sql(db, "SELECT url, title, body, city, category, published FROM articles")
    assert rows == [
        (
            ARTICLE.url,
            ARTICLE.title,
            ARTICLE.body_text,
            "连云港",
            "房产",
            "2024-02-10T12:21:21+08:00",
        )
    ]


def test_chinese_text_is_stored_as_text_not_escapes(store: Store, db: Path) -> None:
    store.put("article", ARTICLE.url, ARTICLE.to_dict(), fetched_at=utcnow())
    [(payload,)] = _sql(db, "SELECT payload FROM entries")
    assert "连云港" in payload and "\\u" not in payload
    entry = store.get("article", ARTICLE.url)
    assert entry is not None and entry.payload["body"] == list(ARTICLE.body)


def test_schema_version_recorded_and_wal_on(store: Store, db: Path) -> None:
    assert store.schema_version == SCHEMA_VERSION >= 1
    [(version,)] = _sql(db, "SELECT value FROM meta WHERE key = 'schema_version'")
    [(mode,)] = _sql(db, "PRAGMA journal_mode")
    assert int(version) == SCHEMA_VERSION
    assert mode == "wal"


def test_reopen_keeps_data(db: Path) -> None:
    when = utcnow()
    with Store(db) as first:
        first.put("article", ARTICLE.url, ARTICLE.to_dict(), fetched_at=when)
    with Store(db) as second:
        entry = second.get("article", ARTICLE.url)
        assert second.recovered_from is None
    assert entry is not None and entry.fetched_at == when


def test_a_new_cache_file_is_made_by_its_first_write_not_by_reads(db: Path) -> None:
    # A first start paints its screen while nothing is cached: reads of a file not
    # made yet answer "nothing" at once, and no empty file is left behind by them.
    with Store(db) as store:
        assert store.get("cities", BASE) is None
        assert store.repeated_photo_keys(["k"], besides=ARTICLE.url, at_least=1) == set()
        assert not db.exists()
        store.put("cities", BASE, {"n": 1}, fetched_at=utcnow())
        assert db.exists()
        entry = store.get("cities", BASE)
        assert entry is not None and entry.payload == {"n": 1}
    assert _sql(db, "SELECT COUNT(*) FROM entries") == [(1,)]


def test_two_stores_on_one_file_write_alternately(db: Path) -> None:
    # Two connections stand in for the TUI and a `sync` running side by side.
    with Store(db) as one, Store(db) as two:
        for i in range(20):
            writer, reader = (one, two) if i % 2 == 0 else (two, one)
            writer.put("listings", f"{CATEGORY.url}?page={i}", {"n": i}, fetched_at=utcnow())
            entry = reader.get("listings", f"{CATEGORY.url}?page={i}")
            assert entry is not None and entry.payload == {"n": i}
        one.touch("listings", f"{CATEGORY.url}?page=1", utcnow())
        two.clear()
        assert one.stats()["listings"] == 0


def test_second_open_in_one_process_leaves_the_first_connections_locks(db: Path) -> None:
    # A sync's writer thread opens a second Store on the cache it is syncing.
    # Reading the file to look for damage, as a first open does, would close a
    # descriptor of it and so drop this process's POSIX locks: the next process
    # to open and close the file would take itself for its last user and
    # checkpoint and delete the WAL under our open connections.
    with Store(db) as first:
        first.put("listings", f"{CATEGORY.url}?page=1", {"n": 1}, fetched_at=utcnow())
        with Store(db) as second:
            other_process = (
                "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
                "c.execute('SELECT COUNT(*) FROM entries').fetchone(); c.close()"
            )
            subprocess.run([sys.executable, "-c", other_process, str(db)], check=True, timeout=30)
            assert Path(f"{db}-wal").exists(), "another process deleted the WAL we are using"
            second.put("listings", f"{CATEGORY.url}?page=2", {"n": 2}, fetched_at=utcnow())
            first.put("listings", f"{CATEGORY.url}?page=3", {"n": 3}, fetched_at=utcnow())
    assert _sql(db, "SELECT COUNT(*) FROM entries") == [(3,)]


def test_put_many_writes_every_row_of_a_large_batch_and_the_last_of_a_repeated_key(store: Store, db: Path) -> None:
    # More rows than one statement carries, and one article twice in the
    # batch: every row lands, a repeated key keeps its later version, and
    # the search index holds the later text only.
    when = utcnow()
    articles = [dataclasses.replace(ARTICLE, url=f"{CATEGORY.url}{n}.html", title=f"房源{n}号") for n in range(250)]
    articles.append(dataclasses.replace(articles[150], title="房源150号 已改价"))
    store.put_many([CacheEntry("article", a.url, a.to_dict(), f'"{n}"', None, when) for n, a in enumerate(articles)])

    assert _sql(db, "SELECT COUNT(*) FROM entries") == [(250,)]
    assert _sql(db, "SELECT COUNT(*) FROM articles") == [(250,)]
    assert store.get("article", articles[249].url).payload["title"] == "房源249号"
    again = store.get("article", articles[150].url)
    assert (again.payload["title"], again.etag) == ("房源150号 已改价", '"250"')
    assert [hit.url for hit in store.search("已改价")] == [articles[150].url]
    assert [hit.url for hit in store.search("房源199号")] == [articles[199].url]


def test_get_many_finds_what_get_finds_in_one_call(store: Store, db: Path) -> None:
    when = utcnow()
    urls = [f"{CATEGORY.url}{n}.html" for n in range(1200)]  # more than one query's worth of keys
    for n, url in enumerate(urls[::2]):
        store.put("article", url, {"n": n}, etag=f'"{n}"', fetched_at=when)
    store.put("listings", urls[1], {"not": "an article"}, fetched_at=when)
    _sql(db, "UPDATE entries SET payload = '{broken' WHERE key = ?", (urls[2],))

    found = store.get_many("article", [*urls, urls[0]])

    assert set(found) == set(urls[::2]) - {urls[2]}  # a row that is not JSON counts as a miss, as in get()
    assert all(entry == store.get("article", url) for url, entry in found.items())
    assert found[urls[4]].etag == '"2"' and found[urls[4]].fetched_at == when
    assert store.get_many("article", []) == {}


def test_clear_forgets_everything(store: Store, db: Path) -> None:
    for kind in KINDS:
        store.put(kind, "k", ARTICLE.to_dict(), fetched_at=utcnow())
    store.clear()
    assert {kind: store.stats()[kind] for kind in KINDS} == dict.fromkeys(KINDS, 0)
    assert _sql(db, "SELECT COUNT(*) FROM articles") == [(0,)]


def test_stats_bytes_counts_the_file(store: Store, db: Path) -> None:
    store.put("cities", "x", {"items": ["连云港" * 1000]}, fetched_at=utcnow())
    assert store.stats()["bytes"] >= db.stat().st_size > 0


@pytest.mark.parametrize(
    "garbage", [b"not a database", b"SQLite format 3\x00" + b"\xff" * 200], ids=["text", "bad-header"]
)
def test_garbage_file_is_moved_aside_and_a_fresh_cache_opens(db: Path, garbage: bytes) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(garbage)
    Path(f"{db}-wal").write_bytes(b"stale wal")
    with Store(db) as store:
        moved = store.recovered_from
        assert moved is not None
        assert moved.name.startswith("demo.sqlite3.corrupt-")
        assert moved.read_bytes() == garbage  # kept, not deleted
        # SQLite deletes a -wal when its last connection closes; it must have
        # been moved aside before that happened.
        assert Path(f"{moved}-wal").read_bytes() == b"stale wal"
        store.put("cities", "x", {"items": []}, fetched_at=utcnow())
        assert store.get("cities", "x") is not None


def test_second_recovery_does_not_overwrite_the_first(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"first garbage " * 10)
    with Store(db) as store:
        first = store.recovered_from
    db.write_bytes(b"second garbage " * 10)
    with Store(db) as store:
        second = store.recovered_from
    assert first is not None and second is not None and first != second
    assert first.read_bytes() == b"first garbage " * 10


def test_closed_store_error_names_the_file(db: Path) -> None:
    store = Store(db)
    store.close()
    with pytest.raises(CacheError, match=rf"^cannot write the cache {db}: "):
        store.put("cities", "x", {}, fetched_at=utcnow())
    with pytest.raises(CacheError, match=rf"^cannot read the cache {db}: "):
        store.get("cities", "x")


def test_a_folder_at_the_db_path_is_a_cache_error_naming_it(db: Path) -> None:
    db.mkdir(parents=True)
    with pytest.raises(CacheError, match=rf"^cannot open the cache {db}: "):
        Store(db)


def test_a_file_where_the_folder_should_be_names_the_folder(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file, not a folder")
    with pytest.raises(CacheError, match="cannot create the cache folder .*cache"):
        Store(tmp_path / "cache" / "demo.sqlite3")


def test_cache_from_a_newer_version_is_refused_not_moved(db: Path) -> None:
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION  # the first use makes the file
    _sql(db, "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(CacheError, match=rf"{db} was written by a newer tui-reader"):
        Store(db)
    assert db.exists()


def test_an_old_cache_without_meta_is_migrated(db: Path) -> None:
    # An empty but valid SQLite file (version 0) gets every migration applied.
    db.parent.mkdir(parents=True)
    _sql(db, "CREATE TABLE unrelated (x)")
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.recovered_from is None
        store.put("article", "u", ARTICLE.to_dict(), fetched_at=utcnow())
