"""The second bundled profile (demo-b) on the demo portal's second style: the abstraction carries.

Style "b" serves the same generated content as style "a" in another portal's
shape: UTF-8, its own class names, listing pages addressed by path
(/list/N/) and article metadata only in JSON-LD. Golden values come from the
content generator, pages from the real portal over HTTP.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser

from tui_reader.demo.site.content import DemoSite
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.errors import ProfileError
from tui_reader.sites.jsonld import json_ld_views
from tui_reader.sites.pager import page_number_from_url, page_url
from tui_reader.sites.parse import (
    parse_article,
    parse_article_traced,
    parse_categories,
    parse_cities,
    parse_listings,
)
from tui_reader.sites.profile import SiteProfile, available_profiles, builtin_dir, load_profile

ARTICLES = 45  # three listing pages: 20 + 20 + 5


@pytest.fixture(scope="module")
def portal() -> Iterator[DemoServer]:
    options = DemoOptions(style="b", articles_per_category=ARTICLES)
    with DemoServer(options=options, log=lambda _line: None) as server:
        yield server


@pytest.fixture(scope="module")
def profile() -> SiteProfile:
    return load_profile("demo-b")


@pytest.fixture(scope="module")
def site() -> DemoSite:
    return DemoSite(seed=7, articles_per_category=ARTICLES)


def get(url: str) -> tuple[str, str]:
    response = httpx.get(url)
    assert response.status_code == 200, url
    return response.text, str(response.url)


# --- the profile ---------------------------------------------------------------------


def test_demo_b_profile_loads(profile: SiteProfile) -> None:
    assert profile.name == "demo-b" and "demo-b" in available_profiles()
    assert profile.listings.page_path == "list/{page}/"
    assert profile.article.json_ld is True
    assert load_profile("demo").article.json_ld is False and load_profile("demo").listings.page_path is None


def demo_b_text() -> str:
    return (builtin_dir() / "demo-b.toml").read_text(encoding="utf-8").replace('name = "demo-b"', 'name = "mine"')


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('page_path = "list/{page}/"', 'page_path = "list/"', r"'page_path' in \[listings\] must hold \{page\} once"),
        ('page_path = "list/{page}/"', 'page_path = "/list/{page}/"', "a path under the category's address"),
        ('page_path = "list/{page}/"', 'page_path = "list/{page}/{x}"', r"must hold \{page\} once"),
        ('page_path = "list/{page}/"', 'page_path = "list/{page}/"\npage_param = "p"', "both page_param and page_path"),
        ("json_ld = true", 'json_ld = "yes"', r"'json_ld' in \[article\] must be true or false"),
    ],
)
def test_new_keys_are_checked_with_file_and_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = demo_b_text()
    assert old in text
    text = text.replace(old, new, 1)
    (tmp_path / "mine.toml").write_text(text, encoding="utf-8")
    key = new.split(" =")[0] if "page_param" not in new else "page_path"
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.startswith(f"{key} ="))
    with pytest.raises(ProfileError, match=rf"mine\.toml:{line}: .*{message}"):
        load_profile("mine", [tmp_path])


# --- page addresses --------------------------------------------------------------------


def test_page_addresses_by_path_and_by_query(profile: SiteProfile) -> None:
    path_rules, query_rules = profile.listings, load_profile("demo").listings
    base = "http://portal.test/lianyungang/fangchan/"
    assert page_url(path_rules, base, 1) == base
    assert page_url(path_rules, base, 7) == base + "list/7/"
    assert page_url(path_rules, base.rstrip("/") + "?from=nav", 2) == base + "list/2/"
    assert page_url(query_rules, base, 3) == base + "?page=3"
    assert page_number_from_url(path_rules, base + "list/12/") == 12
    assert page_number_from_url(path_rules, base) is None
    assert page_number_from_url(path_rules, base + "?page=4") is None  # this portal does not number by query
    assert page_number_from_url(query_rules, base + "?page=4") == 4


# --- the real portal, style b ---------------------------------------------------------------


def test_style_b_is_utf8_with_its_own_markup(portal: DemoServer) -> None:
    response = httpx.get(portal.base_url + "/lianyungang/fangchan/")
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert '<meta charset="utf-8">' in response.text
    assert "post-card" in response.text and "infolist" not in response.text


def test_style_b_routes_pages_by_path(portal: DemoServer) -> None:
    base = portal.base_url + "/lianyungang/fangchan/"
    first = httpx.get(base + "list/1/")
    assert first.status_code == 301 and first.headers["location"] == "/lianyungang/fangchan/"
    assert httpx.get(base + "list/4/").status_code == 404
    assert httpx.get(base + "list/2").status_code == 301
    # The query is not how this portal numbers pages: ?page=2 is page 1.
    assert httpx.get(base + "?page=2").text == httpx.get(base).text


def test_style_a_knows_no_path_pager() -> None:
    with DemoServer(options=DemoOptions(articles_per_category=ARTICLES), log=lambda _line: None) as server:
        assert httpx.get(server.base_url + "/lianyungang/fangchan/list/2/").status_code == 404


def test_cities_by_province(portal: DemoServer, profile: SiteProfile) -> None:
    cities = parse_cities(*get(portal.base_url + "/"), profile)
    by_name = {city.name: city for city in cities}
    assert by_name["连云港"].url == portal.base_url + "/lianyungang/"
    assert by_name["连云港"].province == "江苏"
    assert sum(city.province == "江苏" for city in cities) == 13
    assert len(by_name) == len(cities)  # the "热门" strip is not counted twice


def test_categories(portal: DemoServer, profile: SiteProfile, site: DemoSite) -> None:
    categories = parse_categories(*get(portal.base_url + "/lianyungang/"), profile, "连云港")
    assert [c.name for c in categories] == [c.name for c in site.categories]  # no counts in the names
    assert categories[0].url == portal.base_url + "/lianyungang/fangchan/"
    assert {c.city for c in categories} == {"连云港"}


def test_listings_follow_the_path_pager_to_the_end(portal: DemoServer, profile: SiteProfile, site: DemoSite) -> None:
    city, category = site.city("lianyungang"), site.category("fangchan")
    assert city is not None and category is not None
    url: str | None = portal.base_url + "/lianyungang/fangchan/"
    pages = []
    while url is not None:
        pages.append(parse_listings(*get(url), profile))
        url = pages[-1].next_url
    assert [p.number for p in pages] == [1, 2, 3]
    assert [len(p.items) for p in pages] == [20, 20, 5]
    assert {p.last_number for p in pages} == {3}
    assert pages[0].next_url == portal.base_url + "/lianyungang/fangchan/list/2/"
    rows = [item for p in pages for item in p.items]
    expected = [site.head(city, category, i) for i in range(ARTICLES)]
    assert [row.title for row in rows] == [h.title for h in expected]
    assert [row.url for row in rows] == [portal.base_url + h.path for h in expected]
    assert [row.views for row in rows] == [h.views for h in expected]  # "浏览 24", by the profile's pattern
    assert [row.price for row in rows] == [h.price for h in expected]
    assert [row.published.date() for row in rows if row.published] == [h.published.date() for h in expected]


def test_page_addressed_directly_is_the_page_the_pager_reaches(portal: DemoServer, profile: SiteProfile) -> None:
    category_url = portal.base_url + "/lianyungang/fangchan/"
    direct = page_url(profile.listings, category_url, 2)
    assert direct is not None
    walked = parse_listings(*get(category_url), profile).next_url
    assert walked == direct
    page = parse_listings(*get(direct), profile)
    assert page.number == 2 and page.next_url == category_url + "list/3/"


@pytest.mark.parametrize(
    ("city_slug", "category_slug", "index"),
    [("lianyungang", "fangchan", 0), ("lianyungang", "zhaopin", 7), ("nanjing", "ershou", 44)],
)
def test_article_metadata_from_json_ld(
    portal: DemoServer, profile: SiteProfile, site: DemoSite, city_slug: str, category_slug: str, index: int
) -> None:
    city, category = site.city(city_slug), site.category(category_slug)
    assert city is not None and category is not None
    truth = site.article(city, category, index)
    html, url = get(portal.base_url + truth.head.path)
    article, generic = parse_article_traced(html, url, profile)
    assert generic == ()  # every part from the profile: the generic extractor never ran
    assert article.title == truth.head.title
    assert article.published == truth.head.published.replace(microsecond=0)
    assert article.published is not None and article.published.utcoffset() == timedelta(hours=8)
    assert article.to_dict()["published"] == truth.head.published.isoformat()
    assert article.views == truth.head.views and isinstance(article.views, int)
    assert (article.city, article.category) == (city.name, category.name)
    assert article.body == truth.paragraphs
    assert article.contact == truth.contact
    assert dict(truth.contact)["电话"].replace(" ", "") in article.fields["phones"]


def test_article_without_a_view_counter_has_null_views(
    portal: DemoServer, profile: SiteProfile, site: DemoSite
) -> None:
    city, news = site.city("lianyungang"), site.category("xinwen")
    assert city is not None and news is not None
    truth = site.article(city, news, 3)
    article = parse_article(*get(portal.base_url + truth.head.path), profile)
    assert article.views is None  # the news board's JSON-LD has no counter: none is guessed
    assert article.published == truth.head.published


def test_article_without_json_ld_has_null_date_and_views(
    portal: DemoServer, profile: SiteProfile, site: DemoSite
) -> None:
    city, category = site.city("lianyungang"), site.category("fangchan")
    assert city is not None and category is not None
    html, url = get(portal.base_url + site.head(city, category, 2).path)
    start = html.index('<script type="application/ld+json">')
    stripped = html[:start] + html[html.index("</script>", start) + len("</script>") :]
    article, generic = parse_article_traced(stripped, url, profile)
    assert (article.published, article.views) == (None, None)
    assert generic == () and article.body


def test_json_ld_views_only_from_a_view_counter() -> None:
    def views(data: object) -> int | None:
        return json_ld_views(LexborHTMLParser(f'<script type="application/ld+json">{json.dumps(data)}</script>'))

    counter = {"@type": "InteractionCounter", "userInteractionCount": "37"}
    assert views({"interactionStatistic": {**counter, "interactionType": "https://schema.org/ViewAction"}}) == 37
    assert (
        views(
            {
                "@graph": [
                    {
                        "interactionStatistic": [
                            {**counter, "interactionType": {"@type": "CommentAction"}, "userInteractionCount": 5},
                            {**counter, "interactionType": {"@type": "ViewAction"}, "userInteractionCount": 12},
                        ]
                    }
                ]
            }
        )
        == 12
    )
    assert views({"interactionStatistic": {**counter, "interactionType": "LikeAction"}}) is None
    assert views({"interactionStatistic": counter}) is None  # no type: not known to be views
    assert (
        views({"interactionStatistic": {**counter, "interactionType": "ViewAction", "userInteractionCount": "多"}})
        is None
    )


def test_the_documented_example_profile_loads(tmp_path: Path) -> None:
    docs = Path(__file__).parents[2] / "docs" / "profiles.md"
    blocks = docs.read_text(encoding="utf-8").split("```toml\n")[1:]
    example = next(block.split("```")[0] for block in blocks if block.startswith('name = "mine"'))
    (tmp_path / "mine.toml").write_text(example, encoding="utf-8")
    profile = load_profile("mine", [tmp_path])
    assert profile.listings.page_path == "list/{page}/" and profile.city_suffix == "分类信息网"
    # Every key the format knows appears in the key tables.
    text = docs.read_text(encoding="utf-8")
    for section in (profile.cities, profile.categories, profile.listings, profile.article, profile.patterns):
        for key in type(section)._fields:
            assert f"| `{key}` |" in text, key
