"""Search kept to a city or a category, in the store's SQL (so a limit counts kept hits)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.models import Article, Query, utcnow
from tui_reader.store.cache import Store

BASE = "http://127.0.0.1:1"
PLACES = [("连云港", "lianyungang", "二手", "ershou"), ("南京", "nanjing", "房产", "fangchan")]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "cache.sqlite3")
    now = utcnow()
    cities = [{"name": city, "url": f"{BASE}/{slug}/", "province": ""} for city, slug, _, _ in PLACES]
    s.put("cities", f"{BASE}/", {"items": cities}, fetched_at=now)
    for city, slug, category, cat_slug in PLACES:
        items = [{"name": category, "url": f"{BASE}/{slug}/{cat_slug}/", "city": city}]
        s.put("categories", f"{BASE}/{slug}/", {"items": items}, fetched_at=now)
        for i in range(30):
            url = f"{BASE}/{slug}/{cat_slug}/{i}.html"
            a = Article(url=url, title=f"出售单车 {slug} {i}", body=("九成新",), city=city, category=category)
            s.put("article", url, a.to_dict(), fetched_at=now)
    yield s
    s.close()


def _cities(hits: list) -> set[str]:  # type: ignore[type-arg]
    return {hit.city for hit in hits}


@pytest.mark.parametrize("city", ["南京", "南", "nanjing", "NanJing"])
def test_city_by_name_contained_or_by_slug(store: Store, city: str) -> None:
    hits = store.search(Query(("单车",), city=city), limit=100)
    assert len(hits) == 30 and _cities(hits) == {"南京"}


def test_a_slug_matches_whole_not_in_part(store: Store) -> None:
    assert store.search(Query(("单车",), city="jing"), limit=100) == []


@pytest.mark.parametrize("category", ["二手", "ershou"])
def test_category_by_name_or_slug(store: Store, category: str) -> None:
    hits = store.search(Query(("单车",), category=category), limit=100)
    assert len(hits) == 30 and {h.category for h in hits} == {"二手"}


def test_the_limit_counts_kept_hits(store: Store) -> None:
    # 60 articles match 单车; the 10 kept must all be from 连云港, not 10 minus the others.
    hits = store.search(Query(("单车",), city="连云港"), limit=10)
    assert len(hits) == 10 and _cities(hits) == {"连云港"}


def test_one_character_words_and_filters_together(store: Store) -> None:
    hits = store.search(Query(("车",), city="连云港", category="二手"), limit=100)
    assert len(hits) == 30 and _cities(hits) == {"连云港"}
    assert store.search(Query(("车",), city="连云港", category="房产"), limit=100) == []


def test_a_filter_alone_lists_the_place(store: Store) -> None:
    assert len(store.search(Query(city="南京"), limit=100)) == 30


def test_like_wildcards_in_a_place_are_literal(store: Store) -> None:
    assert store.search(Query(("单车",), city="%"), limit=100) == []
    assert store.search(Query(("单车",), city="_"), limit=100) == []
