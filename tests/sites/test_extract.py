"""Generic main-content extraction: pages of sites without a profile, and the
fallback when a profile's body selector finds nothing.

Golden pages under tests/fixtures/pages/ are shaped like real portals (GBK
with the charset only in <meta>, UTF-8 with JSON-LD, labelled meta lines);
the demo article is fetched from the real demo portal over HTTP.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tui_reader.demo.site.content import DemoSite
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.errors import ParseError
from tui_reader.fetch.fetcher import Fetcher, decode_html
from tui_reader.sites.extract import Extracted, extract_main, is_portal_noise
from tui_reader.sites.meta import parse_iso_datetime, strip_site_suffix
from tui_reader.sites.parse import parse_article, parse_article_generic
from tui_reader.sites.profile import SiteProfile, load_profile

PAGES = Path(__file__).parents[1] / "fixtures" / "pages"
CST = timezone(timedelta(hours=8))

# Words that only portal furniture contains; none may reach an article body.
NOISE = (
    "VIP推荐",
    "免费发布信息",
    "免费发信息",
    "上一篇",
    "下一篇",
    "上一条",
    "下一条",
    "分享到",
    "ICP备",
    "企业名录",
    "欢迎来到",
    "公网安备",
    "版权所有",
    "请说是在",
    "首页",
    "当前位置",
)


def read_page(name: str) -> tuple[str, str]:
    return decode_html((PAGES / name).read_bytes(), "text/html")


def assert_clean(paragraphs: tuple[str, ...]) -> None:
    text = "\n".join(paragraphs)
    for word in NOISE:
        assert word not in text, f"{word!r} leaked into the body: {text!r}"
    assert "<" not in text and ">" not in text


# --- golden pages ------------------------------------------------------------------


def test_gbk_page_with_meta_only_charset() -> None:
    html, encoding = read_page("gbk_meta_charset.html")
    assert encoding == "gb18030"  # the charset came from <meta>, the header names none
    url = "http://lyg.example.test/fang/101.html"
    article = parse_article_generic(html, url)
    assert article.url == url
    assert article.title == "海州区新浦公园旁两室一厅出租 拎包入住"
    assert article.published == datetime(2024, 2, 10, 12, 21, 21, tzinfo=CST)
    assert article.published.isoformat() == "2024-02-10T12:21:21+08:00"
    assert article.views == 24
    assert (article.city, article.category) == ("连云港", "房屋出租")
    assert article.body[:4] == (
        "房子在新浦公园东门对面，三楼，朝南，两室一厅一卫，面积72平米，家具家电齐全，拎包入住。",
        "小区门口就是公交站，步行十分钟到苏宁广场，买菜吃饭都很方便，周边有两所小学。",
        "租金1500元/月，押一付三，水电燃气按表自付，物业费房东出，最少租一年。",
        "看房提前打电话，中介勿扰，谢谢。",
    )
    assert_clean(article.body)
    assert article.contact == (("联系人", "刘女士"), ("联系电话", "139 6130 2288"), ("微信", "liu_fangdong88"))
    assert article.fields["phones"] == ["13961302288"]
    assert article.fields["wechat"] == ["liu_fangdong88"]
    assert article.fields["prices"] == ["1500元/月"]


def test_utf8_page_with_json_ld() -> None:
    html, encoding = read_page("utf8_json_ld.html")
    assert encoding == "utf-8"
    article = parse_article_generic(html, "https://nj.example.test/zhaopin/1.html")
    assert article.title == "南京鼓楼区招聘仓库管理员 五险一金"
    assert article.published == datetime(2024, 3, 5, 9, 30, tzinfo=CST)
    assert article.body == (
        "我公司是一家做食品批发的老企业，因业务扩大，现招聘仓库管理员两名，工作地点在鼓楼区幕府西路物流园内。",
        "岗位职责：负责货物的出入库登记、日常盘点和库区整理，配合司机装卸货，每周做一次库存报表。",
        "任职要求：年龄二十五到四十五岁，会用电脑和表格软件，做事细心，有仓库工作经验的优先考虑。",
        "待遇：月薪4500元到6000元，缴纳五险一金，包午餐，做六休一，节假日按国家规定休息。",
    )
    assert_clean(article.body)
    # The page states neither a view count nor a breadcrumb: nothing is made up.
    assert (article.views, article.city, article.category) == (None, None, None)
    assert article.contact == ()


def test_page_with_labelled_publish_time_and_views() -> None:
    html, _ = read_page("labelled_meta.html")
    extracted = extract_main(html, "http://xz.example.test/ershou/2.html")
    assert extracted.title == "低价转让九成新电动三轮车一辆"
    assert extracted.published == datetime(2023, 11, 28, 8, 5, tzinfo=CST)
    assert extracted.views == 318
    assert extracted.paragraphs == (
        "因家里换了汽车，电动三轮车用不上了，去年十月在专卖店买的，骑了不到一年，九成新，电池去年刚换过。",
        "车况很好，刹车灵敏，车斗带棚子，拉货接孩子都方便，发票、合格证和钥匙都在。",
        "诚心出售，价格2800元，可以小刀，自提，地址在铜山区万达广场附近，非诚勿扰。",
    )
    assert_clean(extracted.paragraphs)
    assert not any("浏览次数" in p or "信息编号" in p for p in extracted.paragraphs)
    # "徐州信息港" is not a "…分类信息网" city crumb: no city is guessed from it.
    assert (extracted.city, extracted.category) == (None, None)


# --- the real demo portal, profile broken ---------------------------------------------

ARTICLES = 10


@pytest.fixture(scope="module")
def portal() -> Iterator[DemoServer]:
    with DemoServer(options=DemoOptions(articles_per_category=ARTICLES), log=lambda line: None) as server:
        yield server


@pytest.fixture(scope="module")
def broken_body() -> SiteProfile:
    """The demo profile after the portal 'changed its markup': the body selector misses."""
    demo = load_profile("demo")
    return demo._replace(article=demo.article._replace(body="div.article div.no-such-body"))


async def fetch_text(url: str) -> str:
    async with Fetcher() as fetcher:
        response = await fetcher.get(url)
    assert response.text is not None
    return response.text


CASES = [
    ("lianyungang", "fangchan", 0),
    ("lianyungang", "zhaopin", 3),
    ("nanjing", "ershou", 9),
    ("suzhou", "xinwen", 5),
]


@pytest.mark.parametrize(("city_slug", "category_slug", "index"), CASES)
async def test_fallback_reads_the_demo_article_when_the_body_selector_misses(
    portal: DemoServer, broken_body: SiteProfile, city_slug: str, category_slug: str, index: int
) -> None:
    site = DemoSite(seed=portal.options.seed, articles_per_category=ARTICLES)
    city, category = site.city(city_slug), site.category(category_slug)
    assert city is not None and category is not None
    truth = site.article(city, category, index)
    url = portal.base_url + truth.head.path
    html = await fetch_text(url)

    article = parse_article(html, url, broken_body)
    assert article.title == truth.head.title
    assert article.body == truth.paragraphs
    assert_clean(article.body)
    # What the profile still finds is still taken from the profile.
    assert article.contact == truth.contact
    assert article.views == truth.head.views
    assert (article.city, article.category) == (city.name, category.name)

    generic = parse_article_generic(html, url)
    assert generic.title == truth.head.title
    assert generic.body == truth.paragraphs
    assert generic.published == truth.head.published.replace(microsecond=0)
    assert generic.published is not None and generic.published.utcoffset() == timedelta(hours=8)
    assert generic.views == truth.head.views
    assert (generic.city, generic.category) == (city.name, category.name)
    assert generic.contact == truth.contact


async def test_profile_body_still_wins_when_it_finds_text(portal: DemoServer) -> None:
    site = DemoSite(seed=portal.options.seed, articles_per_category=ARTICLES)
    city, category = site.city("lianyungang"), site.category("fangchan")
    assert city is not None and category is not None
    truth = site.article(city, category, 1)
    url = portal.base_url + truth.head.path
    html = await fetch_text(url)
    # A profile that picks a different block on purpose gets exactly that block.
    demo = load_profile("demo")
    contact_as_body = demo._replace(article=demo.article._replace(body="div.contact", paragraph="li"))
    article = parse_article(html, url, contact_as_body)
    assert article.body[0].startswith("联系人")


# --- pieces ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("海州区两室一厅出租_连云港分类信息网", "海州区两室一厅出租"),
        ("招聘仓库管理员 - 宁城同城网", "招聘仓库管理员"),
        ("电动车转让_二手车辆_徐州信息港", "电动车转让_二手车辆"),
        ("出售 iPhone 13 - 128G - 九成新", "出售 iPhone 13 - 128G - 九成新"),
        ("一房一厅", "一房一厅"),
        ("_连云港分类信息网", "_连云港分类信息网"),
    ],
)
def test_site_suffixes_are_cut_and_nothing_else(title: str, expected: str) -> None:
    assert strip_site_suffix(title) == expected


def test_site_suffix_from_og_site_name() -> None:
    assert strip_site_suffix("Quiet Street Flat | Harbour Post", "Harbour Post") == "Quiet Street Flat"
    assert strip_site_suffix("Quiet Street Flat | Harbour Post") == "Quiet Street Flat | Harbour Post"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-10T12:21:00+08:00", datetime(2024, 2, 10, 12, 21, tzinfo=CST)),
        ("2024-02-10T04:21:00Z", datetime(2024, 2, 10, 4, 21, tzinfo=UTC)),
        ("2024-02-10 12:21", datetime(2024, 2, 10, 12, 21, tzinfo=CST)),
        ("2024-02-10", datetime(2024, 2, 10, tzinfo=CST)),
        ("2024/2/10 12:21:21", datetime(2024, 2, 10, 12, 21, 21, tzinfo=CST)),
        ("2024年2月10日", datetime(2024, 2, 10, tzinfo=CST)),
        ("yesterday", None),
        ("", None),
        ("2024-13-45", None),
    ],
)
def test_iso_datetimes_are_aware(value: str, expected: datetime | None) -> None:
    parsed = parse_iso_datetime(value)
    assert parsed == expected
    if parsed is not None:
        assert parsed.utcoffset() is not None


def test_opengraph_published_time_and_site_name() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2024-05-01T08:00:00+00:00">'
        '<meta property="og:site_name" content="港城信息网"><meta property="og:title" content="渔船转让_港城信息网">'
        "<title>渔船转让_港城信息网</title></head><body><div><h2>渔船转让</h2>"
        "<p>本人有一条十二米的钢质渔船转让，证件齐全，发动机去年大修过，可以随时看船试航。</p>"
        "<p>船在墟沟渔港停靠，价格面议，有意者白天联系。</p></div></body></html>"
    )
    extracted = extract_main(html)
    assert extracted.title == "渔船转让"
    assert extracted.site_name == "港城信息网"
    assert extracted.published == datetime(2024, 5, 1, 8, tzinfo=UTC)
    assert extracted.paragraphs == (
        "本人有一条十二米的钢质渔船转让，证件齐全，发动机去年大修过，可以随时看船试航。",
        "船在墟沟渔港停靠，价格面议，有意者白天联系。",
    )


def test_unlabelled_dates_are_not_taken_for_the_publication_time() -> None:
    html = (
        "<html><head><title>家教</title></head><body><h1>初中数学家教</h1>"
        "<p>2019年毕业于师范大学数学系，2020-09-01起在本市中学任教，周末可上门辅导初中数学，每次两小时。</p>"
        "</body></html>"
    )
    extracted = extract_main(html)
    assert extracted.title == "初中数学家教"
    assert extracted.published is None and extracted.views is None


@pytest.mark.parametrize(
    "line",
    [
        "VIP推荐",
        "免费发布信息：房屋出租、招聘求职、二手转让……",
        "上一篇：墟沟海景房出售 下一篇：没有了",
        "下一篇：新海连大市场商铺转让",
        "分享到：QQ空间 新浪微博 微信",
        "Copyright © 2008-2024 连云港分类信息网 版权所有 苏ICP备08012345号",
        "关于我们 | 网站地图 | 企业名录",
        "您好,欢迎来到连云港分类信息网！ 免费发信息 登录 注册",
        "联系我时，请说是在九州分类信息网上看到的，谢谢！",
        "2024/2/10 12:21:21发布24次查看",
        "发布时间：2023-11-28 08:05 浏览次数：318 信息编号：20231128001",
        "九州分类信息网 > 连云港分类信息网 > 房产",
        "首页 房产 招聘 车辆",
    ],
)
def test_portal_furniture_is_noise(line: str) -> None:
    assert is_portal_noise(line)


@pytest.mark.parametrize(
    "line",
    [
        "租金1400元/月，押一付三，可签三到五年合同。",
        "联系人：崔先生",
        "2019年毕业于师范大学数学系，2020-09-01起在本市中学任教。",
        "房子在新浦公园东门对面，朋友圈里分享到过照片，欢迎来看房，价格好商量，中介勿扰，非诚勿扰，谢谢大家的关注和支持，"
        "房子真的很不错，周边配套齐全，交通便利，适合一家三口居住。",
    ],
)
def test_article_text_is_not_noise(line: str) -> None:
    assert not is_portal_noise(line)


def test_a_paragraph_repeating_the_title_is_dropped() -> None:
    html = (
        "<html><head><title>出售二手钢琴_某某分类信息网</title></head><body><article><h1>出售二手钢琴</h1>"
        "<p>出售二手钢琴</p><p>珠江牌立式钢琴，孩子学了三年，保养得很好，音准没有问题，搬家带不走，便宜出售，价格面议。</p>"
        "</article></body></html>"
    )
    extracted = extract_main(html)
    assert extracted.title == "出售二手钢琴"
    assert extracted.paragraphs == (
        "珠江牌立式钢琴，孩子学了三年，保养得很好，音准没有问题，搬家带不走，便宜出售，价格面议。",
    )


def test_page_with_no_article_gives_no_paragraphs() -> None:
    extracted = extract_main("<html><body><div class='nav'><a href='/'>首页</a></div></body></html>")
    assert extracted.paragraphs == ()
    assert extracted.method == "none"
    assert (extracted.title, extracted.published, extracted.views) == (None, None, None)
    with pytest.raises(ParseError, match="no title and no main text"):
        parse_article_generic("<html><body></body></html>", "http://example.test/x.html")


def test_xml_declaration_does_not_stop_extraction() -> None:
    html = (
        '<?xml version="1.0" encoding="gbk"?>\n<html><head><title>旧手机回收</title></head><body>'
        "<div><p>高价回收各种旧手机、平板电脑和笔记本电脑，坏的也收，上门取货，当面付款，欢迎来电咨询。</p></div>"
        "</body></html>"
    )
    extracted = extract_main(html)
    assert extracted.paragraphs == (
        "高价回收各种旧手机、平板电脑和笔记本电脑，坏的也收，上门取货，当面付款，欢迎来电咨询。",
    )


def test_extracted_is_a_frozen_value() -> None:
    extracted = Extracted(title="t", paragraphs=("a", "b"))
    assert extracted.text == "a\n\nb"
    with pytest.raises(dataclasses.FrozenInstanceError):
        extracted.title = "u"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("meta", "ago"), [("发布时间：35分钟前", timedelta(minutes=35)), ("更新于 3小时前", timedelta(hours=3))]
)
def test_a_relative_publish_time_is_resolved_against_now(meta: str, ago: timedelta) -> None:
    from tui_reader.sites.meta import page_meta

    html = (
        f"<html><head><title>出租 两室一厅</title></head><body><h1>出租 两室一厅</h1>"
        f'<div class="meta"><span>{meta}</span><span>浏览：9次</span></div><p>房子很好。</p></body></html>'
    )
    published = page_meta(html).published
    assert published is not None and published.utcoffset() == timedelta(hours=8)
    assert abs(datetime.now(UTC) - ago - published) < timedelta(minutes=2)
