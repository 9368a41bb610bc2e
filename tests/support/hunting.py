"""A cache holding known articles for the hunting tests: written through the real ``Store``.

Real data in a real SQLite file, not a stand-in: a flat put up twice (the same
text in two districts, so search folds it into one post with a repost), another
flat, one the portal no longer has, and a car. Prices, areas and rooms are read
from the facts by the store, as for any article it caches.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tui_reader.models import Article
from tui_reader.models.content import utcnow
from tui_reader.store.cache import Store

BASE = "http://127.0.0.1:9/lianyungang/fangchan"
FLAT = f"{BASE}/1.html"
REPOST = f"{BASE}/2.html"
SHARED = f"{BASE}/3.html"
GONE = f"{BASE}/4.html"
CAR = f"{BASE}/5.html"

_FLAT_BODY = (
    "海州区花园小区两室一厅整租，南北通透，拎包入住，家电齐全，近地铁。"
    "业主直租，无中介费，看房提前联系，电话 13812345678。"
)


def _article(url: str, title: str, body: str, district: str, facts: dict[str, str], days: float) -> Article:
    published = utcnow() - timedelta(days=days)
    return Article(
        url=url,
        title=title,
        published=published,
        city="连云港",
        category="房产",
        body=(body,),
        facts=(("区域", district), *facts.items()),
    )


ARTICLES = (
    _article(
        FLAT,
        "海州 两室一厅 整租 拎包入住",
        _FLAT_BODY,
        "海州区",
        {"租金": "2800元/月", "面积": "89㎡", "户型": "2室1厅"},
        2,
    ),
    _article(
        REPOST,
        "海州 两室一厅 整租 拎包入住",
        _FLAT_BODY,
        "赣榆区",
        {"租金": "2800元/月", "面积": "89㎡", "户型": "2室1厅"},
        3,
    ),
    _article(
        SHARED,
        "新浦 两室 合租 次卧",
        "新浦区公寓次卧出租，两室合租，限女生，电话 13900001111。",
        "新浦区",
        {"租金": "4500元/月", "面积": "20㎡", "户型": "2室1厅"},
        1,
    ),
    _article(
        GONE,
        "连云 三室 出售 学区房",
        "连云区三室两厅出售，学区房，满五唯一，电话 13700002222。",
        "连云区",
        {"售价": "120万", "面积": "120㎡", "户型": "3室2厅"},
        5,
    ),
    _article(
        CAR, "二手 轿车 出售 一手车", "自用轿车出售，一手车，车况好，电话 13600003333。", "海州区", {"售价": "6.5万"}, 4
    ),
)


def fill_cache(db: Path) -> None:
    """The articles above into the cache file ``db``; GONE marked as no longer on the portal."""
    with Store(db) as store:
        for article in ARTICLES:
            store.put("article", article.url, article.to_dict(), fetched_at=utcnow())
        store.mark_gone(GONE, utcnow())
