"""The list filter's judge (tui_reader.query.row_matches): the search language on what a list row shows."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tui_reader.query import narrows, parse_query, row_matches, unjudged

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone(timedelta(hours=8)))


def matches(text: str, title: str, price: str | None = None, posted: datetime | None = None) -> bool:
    return row_matches(parse_query(text, now=NOW.timestamp()), title, price=price, posted=posted)


def test_words_phrases_or_groups_and_exclusions_on_the_title() -> None:
    title = "海州 两室一厅 精装 整租 Near Park"
    assert matches("两室 整租", title)
    assert not matches("两室 合租", title)
    assert matches("near park", title) and matches('"near park"', title)  # case-insensitive
    assert matches("(整租 OR 合租) 两室", title) and matches("合租|整租", title)
    assert not matches("(单间 OR 合租)", title)
    assert not matches("两室 -精装", title) and matches("两室 -中介", title)
    assert matches('"室"', title)  # one quoted character is a word too


@pytest.mark.parametrize(
    ("query", "price", "expected"),
    [
        ("price:<5万", "3.8万", True),
        ("price:<5万", "5万", False),  # open bound
        ("price:<=5万", "5万", True),
        ("price:2000-3000", "2500元/月", True),  # no unit: any family
        ("price:2000-3000", "3200元/月", False),
        ("price:2500-3000", "2000-2600元/月", True),  # a range on the page overlaps
        ("price:3000元/月", "3000元/月", True),
        ("price:3000元/月", "3000元", False),  # another family
        ("price:>=1.5万", "120万", True),
        ("price:>=1.5万", None, False),  # no price shown: no number to judge
        ("price:>=1.5万", "面议", False),
    ],
)
def test_price_is_read_from_the_rows_text(query: str, price: str | None, expected: bool) -> None:
    assert matches(f"两室 {query}", "两室出租", price) is expected


def test_an_obfuscated_price_matches_no_range() -> None:
    assert not matches("price:<1万", "出租", "驋鑶龒元/月")
    assert matches("出租", "出租", "驋鑶龒元/月")  # without a range it is just a row


def test_posted_counts_back_from_the_moment_the_filter_was_read() -> None:
    assert matches("posted:<7d", "出租", posted=NOW - timedelta(days=2))
    assert not matches("posted:<7d", "出租", posted=NOW - timedelta(days=9))
    assert matches("posted:>7d", "出租", posted=NOW - timedelta(days=9))
    assert not matches("posted:<7d", "出租", posted=None)


def test_what_a_row_cannot_answer_is_kept_and_named() -> None:
    query = parse_query("两室 area:>=60 rooms:2 city:海州 cat:租房 price:<3000 is:gone sort:price")
    assert unjudged(query) == ("area:", "rooms:", "city:", "cat:", "is:gone", "sort:")
    assert row_matches(query, "两室出租", price="2500元/月")
    assert unjudged(parse_query("两室 price:<3000 posted:<7d")) == ()


def test_only_what_a_row_can_answer_narrows_the_list() -> None:
    assert not narrows(parse_query("area:>=60 city:海州 sort:price"))
    assert narrows(parse_query("两室")) and narrows(parse_query("-中介")) and narrows(parse_query("price:<3000"))
