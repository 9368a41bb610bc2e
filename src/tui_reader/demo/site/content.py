"""The demo portal's content: a whole classifieds site generated from a seed.

Nothing is stored. Article ``index`` of (city, category) is rebuilt on demand
from ``stable_hash(seed, city, category, index)``, so a category can hold any
number of articles and a listing page costs twenty small head computations.
Index 0 is the newest article; its publication time counts back from a fixed
``ANCHOR`` (not the clock), so the same seed gives byte-identical pages on any
day — snapshot tests and cached ETags depend on that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from tui_reader.demo.site import compose_life as life
from tui_reader.demo.site import compose_news as news
from tui_reader.demo.site import compose_trade as trade
from tui_reader.demo.site import words as w
from tui_reader.demo.site.cities import CITIES, CITY_BY_SLUG, CityDef, provinces
from tui_reader.demo.site.compose_trade import Facts
from tui_reader.demo.site.rng import Rng, stable_hash

CST = timezone(timedelta(hours=8), "CST")
ANCHOR = datetime(w.THIS_YEAR, 11, 20, 21, 36, 0, tzinfo=CST)
PAGE_SIZE = 20
SITE_NAME = "九州分类信息网"

HeadFn = Callable[[Rng, CityDef], Facts]
BodyFn = Callable[[Rng, CityDef, Facts], list[str]]


@dataclass(frozen=True, slots=True)
class CategoryDef:
    slug: str
    name: str
    head: HeadFn
    body: BodyFn
    gap_minutes: int
    """Average time between two posts in a mid-sized city: busy boards post often."""


CATEGORIES: tuple[CategoryDef, ...] = (
    CategoryDef("fangchan", "房产", trade.house_head, trade.house_body, 40),
    CategoryDef("zhaopin", "招聘", life.job_head, life.job_body, 30),
    CategoryDef("ershou", "二手", trade.goods_head, trade.goods_body, 35),
    CategoryDef("cheliang", "车辆", trade.car_head, trade.car_body, 90),
    CategoryDef("fuwu", "生活服务", life.service_head, life.service_body, 60),
    CategoryDef("chongwu", "宠物", life.pet_head, life.pet_body, 150),
    CategoryDef("jiaoyu", "教育培训", life.course_head, life.course_body, 120),
    CategoryDef("xinwen", "新闻资讯", news.news_head, news.news_body, 240),
    CategoryDef("shangwu", "商务", trade.business_head, trade.business_body, 100),
    CategoryDef("jiaoyou", "交友", life.dating_head, life.dating_body, 180),
    CategoryDef("jianzhi", "兼职", life.gig_head, life.gig_body, 70),
    CategoryDef("zhuangxiu", "装修建材", life.renovation_head, life.service_body, 110),
)
CATEGORY_BY_SLUG: dict[str, CategoryDef] = {cat.slug: cat for cat in CATEGORIES}

# Bigger cities post more often, so their newest pages cover a shorter time.
_TIER_PACE = {1: 0.5, 2: 0.8, 3: 1.2}
_MOBILE_PREFIXES = (
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "156",
    "158",
    "159",
    "177",
    "180",
    "181",
    "186",
    "187",
    "188",
    "189",
    "199",
)
_BODY_SALT = 0x5DEECE66D


@dataclass(frozen=True, slots=True)
class Head:
    """What a listing row shows; also the start of the full article."""

    city: CityDef
    category: CategoryDef
    index: int
    id: int
    title: str
    price: str | None
    published: datetime
    views: int
    facts: Facts
    key: int

    @property
    def path(self) -> str:
        return f"/{self.city.slug}/{self.category.slug}/{self.id}.html"


@dataclass(frozen=True, slots=True)
class DemoArticle:
    head: Head
    paragraphs: tuple[str, ...]
    contact: tuple[tuple[str, str], ...]
    """(label, value) pairs without the colon, e.g. ("电话", "138 1234 5678"); empty for news."""


class DemoSite:
    """One generated portal. Cheap to build: it only remembers the seed and size."""

    def __init__(self, seed: int = 7, articles_per_category: int = 200) -> None:
        if articles_per_category < 1:
            raise ValueError("articles_per_category must be at least 1")
        self.seed = seed
        self.articles_per_category = articles_per_category
        self.name = SITE_NAME
        self.icp = f"苏ICP备{stable_hash(seed, 'icp') % 90000000 + 10000000}号"

    # --- structure -------------------------------------------------------------

    cities = CITIES
    categories = CATEGORIES

    @staticmethod
    def provinces() -> list[tuple[str, tuple[CityDef, ...]]]:
        return provinces()

    @staticmethod
    def city(slug: str) -> CityDef | None:
        return CITY_BY_SLUG.get(slug)

    @staticmethod
    def category(slug: str) -> CategoryDef | None:
        return CATEGORY_BY_SLUG.get(slug)

    def count(self, city: CityDef, category: CategoryDef) -> int:
        return self.articles_per_category

    def page_count(self, city: CityDef, category: CategoryDef) -> int:
        return -(-self.count(city, category) // PAGE_SIZE)

    # --- ids: newest article has the highest id, as on a real portal -----------

    def _id_base(self, city: CityDef, category: CategoryDef) -> int:
        return 100000 + stable_hash(self.seed, city.slug, category.slug, "id") % 800 * 1000

    def id_of(self, city: CityDef, category: CategoryDef, index: int) -> int:
        return self._id_base(city, category) + self.count(city, category) - 1 - index

    def index_of(self, city: CityDef, category: CategoryDef, article_id: int) -> int | None:
        index = self._id_base(city, category) + self.count(city, category) - 1 - article_id
        return index if 0 <= index < self.count(city, category) else None

    # --- articles ----------------------------------------------------------------

    def head(self, city: CityDef, category: CategoryDef, index: int) -> Head:
        key = stable_hash(self.seed, city.slug, category.slug, index)
        r = Rng(key)
        facts = category.head(r, city)
        gap = int(category.gap_minutes * 60 * _TIER_PACE[city.tier])
        age = index * gap + r.below(gap)  # jitter < gap keeps index order == time order
        published = ANCHOR - timedelta(seconds=age)
        hours = age // 3600
        views = r.randint(3, 40) + min(hours, 3000) * r.randint(2, 9) // 10
        return Head(
            city,
            category,
            index,
            self.id_of(city, category, index),
            facts["title"],
            facts.get("price"),
            published,
            views,
            facts,
            key,
        )

    def page(self, city: CityDef, category: CategoryDef, number: int) -> list[Head]:
        """Rows of listing page ``number`` (1-based), newest first; empty past the end."""
        start = (number - 1) * PAGE_SIZE
        stop = min(start + PAGE_SIZE, self.count(city, category))
        return [self.head(city, category, i) for i in range(max(start, 0), stop)]

    def article(self, city: CityDef, category: CategoryDef, index: int) -> DemoArticle:
        head = self.head(city, category, index)
        r = Rng(head.key ^ _BODY_SALT)
        paragraphs = category.body(r, city, head.facts)
        contact = () if category.slug == "xinwen" else self._contact(r, head)
        return DemoArticle(head, tuple(paragraphs), contact)

    def recommended(self, city: CityDef, salt: object, k: int = 5) -> list[Head]:
        """The "VIP推荐" box: a few recent posts from other boards of the city."""
        r = Rng(stable_hash(self.seed, city.slug, "vip", salt))
        boards = r.sample(CATEGORIES, k)
        limit = min(self.articles_per_category, 60)
        return [self.head(city, board, r.below(limit)) for board in boards]

    @staticmethod
    def _contact(r: Rng, head: Head) -> tuple[tuple[str, str], ...]:
        city, facts = head.city, head.facts
        person = facts.get("contact") or f"{r.pick(w.SURNAMES)}{r.pick(('先生', '女士'))}"
        digits = f"{r.pick(_MOBILE_PREFIXES)}{r.randint(0, 9999):04d}{r.randint(0, 9999):04d}"
        if r.chance(0.2):
            phone = f"{city.area_code}-{r.randint(5, 8)}{r.randint(0, 9999999):07d}"
        elif r.chance(0.7):
            phone = f"{digits[:3]} {digits[3:7]} {digits[7:]}"
        else:
            phone = digits
        pairs = [("联系人", person), ("电话", phone)]
        if r.chance(0.6):
            pairs.append(("微信", digits if r.chance(0.4) else f"{r.pick(w.PINYIN)}{r.randint(66, 9999)}"))
        if r.chance(0.15):
            pairs.append(("QQ", str(r.randint(10000000, 2999999999))))
        street = f"{r.pick(w.STREETS)}{r.randint(1, 399)}号"
        pairs.append(("地址", f"{city.name}市{facts.get('district', '')}{street}"))
        if head.price:
            pairs.append(("价格", head.price))
        return tuple(pairs)
