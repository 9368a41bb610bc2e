"""An article that gives one value in several places (title, text, facts) shows it
once: in ``read --json``'s fields, and in the fields panel beside the facts."""

from __future__ import annotations

from tui_reader.client import Client
from tui_reader.models import Article, field_meaning
from tui_reader.render.fields import fact_rows, field_rows

URL = "http://portal.example/fang/1.html"

SHOP = Article(
    url=URL,
    title="海州区东风路临街商铺出租 52平 适合餐饮",
    body=("商铺面积52平方米，月租2200元每月，水电齐全。", "联系崔女士 159 1136 0307。"),
    facts=(("面积", "52㎡"), ("价格", "2200元/月"), ("户型", "2室1厅"), ("电话", "159-1136-0307")),
)


def test_an_article_lists_each_value_once() -> None:
    assert SHOP.fields["areas"] == ["52平方米"]
    assert SHOP.fields["prices"] == ["2200元每月"]
    assert SHOP.fields["phones"] == ["15911360307"]


def test_the_panel_does_not_repeat_a_fact_a_field_row_shows_in_other_words() -> None:
    assert fact_rows(SHOP) == [("户型", "2室1厅")]
    shown = [value for _key, _label, values in field_rows(SHOP) for value in values]
    assert len(shown) == len(set(shown))


async def test_demo_articles_list_no_value_twice(client) -> None:
    reader: Client = client()
    try:
        city = await reader.find_city("连云港")
        category = await reader.find_category(city, "房产")
        page = await reader.listings(category)
        for row in page.value.items[:8]:
            article = (await reader.article(row.url)).value
            for kind, values in article.fields.items():
                meanings = [field_meaning(kind, value) for value in values]
                assert len(meanings) == len(set(meanings)), (row.url, kind, values)
    finally:
        await reader.aclose()
