"""Site profiles (loading, strictness) and the parsers: first on small pages in
the demo's markup shape (one rule per test), then on pages the real demo
portal serves over loopback HTTP, checked against the generator's own data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tui_reader.demo.site.content import DemoSite
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.errors import ParseError, ProfileError
from tui_reader.fetch.fetcher import Fetcher
from tui_reader.sites.parse import parse_article, parse_categories, parse_cities, parse_listings
from tui_reader.sites.profile import SiteProfile, available_profiles, builtin_dir, load_profile, load_profile_file

CST = timezone(timedelta(hours=8))
BASE = "http://portal.test"

NOISE = (
    '<div class="topbar">您好,欢迎来到连云港分类信息网 <a href="/post.html">免费发信息</a> 登录 注册</div>'
    '<div class="nav"><a href="/">首页</a><a href="/lianyungang/fangchan/">房产</a></div>'
    '<div class="post-tip">免费发布信息……</div>'
)
FOOTER = '<div class="footer">苏ICP备12345678号 <a href="/qiye/">企业名录</a></div>'
VIP = (
    '<div class="vip-box"><h3>VIP推荐</h3><ul><li><a href="/lianyungang/fangchan/9.html">推广：豪宅</a></li></ul></div>'
)


def page(main: str) -> str:
    return f'<html><head><meta charset="gbk"><title>t</title></head><body>{NOISE}{main}{VIP}{FOOTER}</body></html>'


HOME = page(
    '<div class="citylist"><h2>按省份选择城市</h2>'
    '<dl class="province"><dt>江苏</dt><dd><a href="/lianyungang/">连云港</a> <a href="/nanjing/">南京</a></dd></dl>'
    '<dl class="province"><dt>浙江</dt><dd><a href="/hangzhou/">杭州</a></dd></dl></div>'
)
CITY = page(
    '<ul class="catlist"><li><a href="/lianyungang/fangchan/">房产</a><em>(1234)</em></li>'
    '<li><a href="/lianyungang/zhaopin/">招聘</a><em>(88)</em></li></ul>'
)


def listing_page(current: int, last: int) -> str:
    rows = (
        '<li class="item"><a class="title" href="/lianyungang/fangchan/120.html">海州区 两室一厅 出租</a>'
        '<span class="price">1200元/月</span><span class="date">2024-02-10</span><span class="views">24次查看</span></li>'
        '<li class="item"><a class="title" href="119.html">新浦 门面转让</a>'
        '<span class="date">2024-02-09</span><span class="views">7次查看</span></li>'
    )
    links = " ".join(
        f'<a href="?page={n}">{n}</a>' if n != current else f'<span class="current">{n}</span>'
        for n in range(1, last + 1)
    )
    nxt = f'<a class="next" href="?page={current + 1}">下一页</a>' if current < last else ""
    return page(f'<ul class="infolist">{rows}</ul><div class="pager"><a href="?page=1">上一页</a> {links} {nxt}</div>')


ARTICLE = page(
    '<div class="breadcrumb">当前位置：<a href="/">连云港分类信息网</a> &gt; <a href="/lianyungang/">连云港分类信息网</a>'
    ' &gt; <a href="/lianyungang/fangchan/">房产</a></div>'
    '<div class="article"><h1>海州区 两室一厅 &amp; 出租</h1><div class="meta">2024/2/10 12:21:21发布24次查看</div>'
    '<div class="content"><p>  房子  干净，<b>拎包</b>入住。</p><p>&nbsp;</p><p>第一行<br>第二行，面积90平米</p>'
    "<script>document.write('广告')</script></div>"
    '<div class="contact"><ul><li><span>联系人：</span>王先生</li><li><span>电话：</span>138 1234 5678</li>'
    "<li><span>微信：</span>wang_1234</li><li><span>地址：</span>海州区朝阳路</li><li><span>价格：</span>1200元/月</li></ul></div>"
    '<div class="share">分享到：<a href="#">微信</a></div>'
    '<div class="prevnext">上一篇：<a href="/lianyungang/fangchan/121.html">别的</a> 下一篇：<a>再别的</a></div></div>'
)


@pytest.fixture(scope="module")
def demo() -> SiteProfile:
    return load_profile("demo")


# --- profiles ---------------------------------------------------------------------


def test_builtin_demo_profile_loads(demo: SiteProfile) -> None:
    assert demo.name == "demo"
    assert demo.base_url is None
    assert demo.timezone == CST
    assert demo.listings.container == "ul.infolist"
    assert "demo" in available_profiles()


@pytest.mark.parametrize("path", sorted(builtin_dir().glob("*.toml")), ids=lambda path: path.stem)
def test_bundled_profiles_pass_every_check(path: Path) -> None:
    # A bundled profile is loaded without checking its selectors (start-up):
    # this is where they are checked, in full, as a user's file would be.
    checked = load_profile_file(path)
    assert load_profile(path.stem) == checked


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def demo_text() -> str:
    return (builtin_dir() / "demo.toml").read_text(encoding="utf-8")


def test_user_profile_overrides_builtin_by_name(tmp_path: Path) -> None:
    write(tmp_path, "demo", demo_text().replace('title = "演示分类信息网"', 'title = "我的站"'))
    assert load_profile("demo", [tmp_path]).title == "我的站"
    assert load_profile("demo").title == "演示分类信息网"


def test_user_profile_with_a_new_name_is_listed(tmp_path: Path) -> None:
    write(tmp_path, "mine", demo_text().replace('name = "demo"', 'name = "mine"'))
    # "auto" is built in: the profile that discovers a portal from its pages.
    assert available_profiles([tmp_path]) == ["auto", "demo", "demo-b", "mine"]
    assert load_profile("mine", [tmp_path]).name == "mine"


def test_unknown_profile_name(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="no site profile named 'nope'"):
        load_profile("nope", [tmp_path])


def test_path_like_names_are_refused() -> None:
    with pytest.raises(ProfileError, match="not a profile name"):
        load_profile("../../etc/passwd")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('link = "ul.catlist li a"', 'link = "ul.catlist li a"\nlinks = "x"'),
            r"mine\.toml:\d+: unknown key 'links' in \[categories\]",
        ),
        (('title = "演示分类信息网"', 'title = "x"\ncolour = "red"'), r"mine\.toml:\d+: unknown key 'colour'"),
        (('container = "ul.infolist"', ""), r"mine\.toml: missing required key 'container' in \[listings\]"),
        (('name = "mine"', 'name = "other"'), "does not match the file name"),
        (("city_crumb = 1 ", 'city_crumb = "one" '), r"'city_crumb' in \[article\] must be a whole number"),
        (('body = "div.article div.content"', 'body = "div[["'), "not a valid CSS selector"),
        (("views = '(?P<views>", "views = '(?P<count>"), r"needs the named group\(s\) views"),
        (("views = '(?P<views>\\d+)", "views = '(?P<views>\\d+"), "not a valid regular expression"),
        (('timezone = "+08:00"', 'timezone = "Asia/Shanghai"'), "not a UTC offset"),
        (("[categories]", "[categories\n"), r"mine\.toml: not valid TOML"),
    ],
)
def test_malformed_profiles_name_the_file(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    text = demo_text().replace('name = "demo"', 'name = "mine"')
    old, new = change
    assert old in text, old
    write(tmp_path, "mine", text.replace(old, new, 1))
    with pytest.raises(ProfileError, match=message):
        load_profile("mine", [tmp_path])


def test_unknown_key_points_at_its_line(tmp_path: Path) -> None:
    text = demo_text().replace('name = "demo"', 'name = "mine"').replace("[categories]\n", "[categories]\nlinx = 1\n")
    write(tmp_path, "mine", text)
    line = text.splitlines().index("linx = 1") + 1
    with pytest.raises(ProfileError, match=rf"mine\.toml:{line}: "):
        load_profile("mine", [tmp_path])


def test_missing_section(tmp_path: Path) -> None:
    write(tmp_path, "tiny", 'name = "tiny"\ntitle = "t"\n')
    with pytest.raises(ProfileError, match=r"tiny\.toml: missing section \[cities\]"):
        load_profile("tiny", [tmp_path])


def test_minimal_profile_gets_default_patterns(tmp_path: Path) -> None:
    write(
        tmp_path,
        "tiny",
        'name = "tiny"\ntitle = "t"\n[cities]\nlink = "a"\n[categories]\nlink = "a"\n'
        '[listings]\ncontainer = "ul"\nitem = "li"\ntitle = "a"\n'
        '[article]\ntitle = "h1"\nbody = "div.c"\nmeta = "div.meta"\n',
    )
    profile = load_profile("tiny", [tmp_path])
    html = '<h1>标题</h1><div class="meta">2024年2月10日 08:05 发布 浏览 3 次</div><div class="c"><p>正文</p></div>'
    article = parse_article(html, BASE + "/a.html", profile)
    assert article.body == ("正文",)
    # The built-in patterns read the Chinese date form and "N 次".
    assert article.published == datetime(2024, 2, 10, 8, 5, tzinfo=CST)
    assert article.views == 3
    assert profile.city_suffix == "" and article.city is None


# --- parsers ----------------------------------------------------------------------


def test_parse_cities_grouped_by_province(demo: SiteProfile) -> None:
    cities = parse_cities(HOME, BASE + "/", demo)
    assert [(c.name, c.url, c.province) for c in cities] == [
        ("连云港", BASE + "/lianyungang/", "江苏"),
        ("南京", BASE + "/nanjing/", "江苏"),
        ("杭州", BASE + "/hangzhou/", "浙江"),
    ]


def test_parse_cities_on_a_page_without_any(demo: SiteProfile) -> None:
    with pytest.raises(ParseError, match="no cities"):
        parse_cities(page("<p>维护中</p>"), BASE + "/", demo)


def test_parse_categories(demo: SiteProfile) -> None:
    categories = parse_categories(CITY, BASE + "/lianyungang/", demo, "连云港")
    assert [(c.name, c.url, c.city) for c in categories] == [
        ("房产", BASE + "/lianyungang/fangchan/", "连云港"),
        ("招聘", BASE + "/lianyungang/zhaopin/", "连云港"),
    ]


def test_parse_listings_first_page(demo: SiteProfile) -> None:
    url = BASE + "/lianyungang/fangchan/"
    result = parse_listings(listing_page(1, 5), url, demo)
    assert [item.title for item in result.items] == ["海州区 两室一厅 出租", "新浦 门面转让"]  # no VIP rows
    first, second = result.items
    assert first.url == BASE + "/lianyungang/fangchan/120.html"
    assert second.url == BASE + "/lianyungang/fangchan/119.html"  # relative href
    assert first.published == datetime(2024, 2, 10, tzinfo=CST)
    assert (first.views, first.price) == (24, "1200元/月")
    assert second.price is None
    assert (result.number, result.last_number) == (1, 5)
    assert result.next_url == url + "?page=2"


def test_parse_listings_last_page_has_no_next(demo: SiteProfile) -> None:
    url = BASE + "/lianyungang/fangchan/?page=3"
    result = parse_listings(listing_page(3, 3), url, demo)
    assert (result.number, result.next_url, result.last_number) == (3, None, 3)


def test_parse_listings_page_number_from_url_without_pager(demo: SiteProfile) -> None:
    html = page('<ul class="infolist"></ul>')
    result = parse_listings(html, BASE + "/lianyungang/fangchan/?page=7", demo)
    assert (result.items, result.number, result.next_url) == ((), 7, None)


def test_parse_listings_on_a_page_that_is_not_a_list(demo: SiteProfile) -> None:
    with pytest.raises(ParseError, match="'ul.infolist'"):
        parse_listings(ARTICLE, BASE + "/lianyungang/fangchan/", demo)


def test_parse_article(demo: SiteProfile) -> None:
    url = BASE + "/lianyungang/fangchan/120.html"
    article = parse_article(ARTICLE, url, demo)
    assert article.url == url
    assert article.title == "海州区 两室一厅 & 出租"
    assert article.published == datetime(2024, 2, 10, 12, 21, 21, tzinfo=CST)
    assert article.views == 24
    assert (article.city, article.category) == ("连云港", "房产")
    assert article.body == ("房子 干净，拎包入住。", "第一行", "第二行，面积90平米")
    assert article.contact == (
        ("联系人", "王先生"),
        ("电话", "138 1234 5678"),
        ("微信", "wang_1234"),
        ("地址", "海州区朝阳路"),
        ("价格", "1200元/月"),
    )
    assert article.fields == {
        "phones": ["13812345678"],
        "wechat": ["wang_1234"],
        "prices": ["1200元/月"],
        "areas": ["90平米"],
        "address": ["海州区朝阳路"],  # from the contact block
        "contact": ["王先生"],
    }


def test_article_text_is_plain(demo: SiteProfile) -> None:
    article = parse_article(ARTICLE, BASE + "/a.html", demo)
    everything = " ".join([article.title, *article.body, *(v for pair in article.contact for v in pair)])
    assert "<" not in everything and "广告" not in everything and "VIP" not in everything
    assert "分享到" not in everything and "上一篇" not in everything and "ICP" not in everything


def test_article_body_without_paragraphs_splits_at_br(demo: SiteProfile) -> None:
    html = page(
        '<div class="article"><h1>标题</h1><div class="content">第一段<br><br>  第二段 <br/>'
        "<style>.x{}</style>第三段</div></div>"
    )
    assert parse_article(html, BASE + "/a.html", demo).body == ("第一段", "第二段", "第三段")


def test_article_without_meta_contact_or_breadcrumb(demo: SiteProfile) -> None:
    html = page('<div class="article"><h1>只有标题</h1></div>')
    article = parse_article(html, BASE + "/a.html", demo)
    assert (article.published, article.views, article.city, article.category) == (None, None, None, None)
    assert (article.body, article.contact, article.fields) == ((), (), {})


def test_article_without_title_is_a_parse_error(demo: SiteProfile) -> None:
    with pytest.raises(ParseError, match="'div.article h1'"):
        parse_article(CITY, BASE + "/a.html", demo)


def test_impossible_dates_are_dropped_not_raised(demo: SiteProfile) -> None:
    html = page('<div class="article"><h1>t</h1><div class="meta">2024/13/45 12:21:21发布3次查看</div></div>')
    article = parse_article(html, BASE + "/a.html", demo)
    assert (article.published, article.views) == (None, 3)


def test_contact_line_without_a_label_element(demo: SiteProfile) -> None:
    html = page(
        '<div class="article"><h1>t</h1></div><div class="contact"><ul><li>QQ：12345678</li><li>随时来电</li></ul></div>'
    )
    article = parse_article(html, BASE + "/a.html", demo)
    assert article.contact == (("QQ", "12345678"), ("", "随时来电"))
    assert article.fields == {"qq": ["12345678"]}


# --- the real demo portal -----------------------------------------------------------

ARTICLES = 45  # three listing pages: 20 + 20 + 5


@pytest.fixture(scope="module")
def portal() -> Iterator[DemoServer]:
    with DemoServer(options=DemoOptions(articles_per_category=ARTICLES), log=lambda line: None) as server:
        yield server


async def fetch_text(url: str) -> str:
    async with Fetcher() as fetcher:
        response = await fetcher.get(url)
    assert response.text is not None
    return response.text


async def test_demo_home_lists_cities_by_province(portal: DemoServer, demo: SiteProfile) -> None:
    url = portal.base_url + "/"
    cities = parse_cities(await fetch_text(url), url, demo)
    assert len(cities) >= 30
    by_name = {city.name: city for city in cities}
    assert by_name["连云港"].url == portal.base_url + "/lianyungang/"
    assert by_name["连云港"].province == "江苏"
    assert sum(city.province == "江苏" for city in cities) == 13
    assert len(by_name) == len(cities)  # the "热门城市" strip is not counted twice


async def test_demo_city_lists_categories(portal: DemoServer, demo: SiteProfile) -> None:
    url = portal.base_url + "/lianyungang/"
    categories = parse_categories(await fetch_text(url), url, demo, "连云港")
    assert len(categories) >= 10
    assert categories[0].city == "连云港"
    assert any(c.name == "房产" and c.url == portal.base_url + "/lianyungang/fangchan/" for c in categories)


async def test_demo_listing_pages_follow_the_pager_to_the_end(portal: DemoServer, demo: SiteProfile) -> None:
    site = DemoSite(seed=portal.options.seed, articles_per_category=ARTICLES)
    city, category = site.city("lianyungang"), site.category("fangchan")
    assert city is not None and category is not None
    url: str | None = portal.base_url + "/lianyungang/fangchan/"
    pages = []
    while url is not None:
        result = parse_listings(await fetch_text(url), url, demo)
        pages.append(result)
        url = result.next_url
    assert [p.number for p in pages] == [1, 2, 3]
    assert [len(p.items) for p in pages] == [20, 20, 5]
    assert {p.last_number for p in pages} == {3}
    rows = [item for p in pages for item in p.items]
    expected = [site.head(city, category, i) for i in range(ARTICLES)]
    assert [row.title for row in rows] == [head.title for head in expected]
    assert [row.url for row in rows] == [portal.base_url + head.path for head in expected]
    assert [row.views for row in rows] == [head.views for head in expected]
    assert [row.price for row in rows] == [head.price for head in expected]
    assert [row.published.date() for row in rows if row.published] == [h.published.date() for h in expected]


@pytest.mark.parametrize(
    ("city_slug", "category_slug", "index"),
    [("lianyungang", "fangchan", 0), ("lianyungang", "zhaopin", 7), ("nanjing", "ershou", 44)],
)
async def test_demo_article_matches_the_generator(
    portal: DemoServer, demo: SiteProfile, city_slug: str, category_slug: str, index: int
) -> None:
    site = DemoSite(seed=portal.options.seed, articles_per_category=ARTICLES)
    city, category = site.city(city_slug), site.category(category_slug)
    assert city is not None and category is not None
    truth = site.article(city, category, index)
    url = portal.base_url + truth.head.path
    article = parse_article(await fetch_text(url), url, demo)
    assert article.title == truth.head.title
    assert article.published == truth.head.published.replace(microsecond=0)
    assert article.published is not None and article.published.utcoffset() == timedelta(hours=8)
    assert article.views == truth.head.views
    assert (article.city, article.category) == (city.name, category.name)
    assert article.body == truth.paragraphs
    assert article.contact == truth.contact
    phone = dict(truth.contact)["电话"]
    assert phone.replace(" ", "") in article.fields["phones"]
