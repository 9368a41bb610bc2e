"""The search language (tui_reader.query), shared by the TUI's search box and `tui-reader search`."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.errors import QueryError
from tui_reader.models import Query
from tui_reader.models.query import Limit
from tui_reader.query import parse_query


def test_words_and_qualifiers() -> None:
    assert parse_query("单车  city:连云港 cat:二手") == Query(("单车",), "连云港", "二手")
    assert parse_query("category:房产 两室 出租") == Query(("两室", "出租"), "", "房产")
    assert parse_query("CITY:nanjing bike") == Query(("bike",), "nanjing", "")
    assert parse_query("http://x 12:30") == Query(("http://x", "12:30"), "", "")  # not a qualifier name
    assert parse_query("   ") == Query()
    assert parse_query("city:连云港").filtered and not parse_query("单车").filtered


@pytest.mark.parametrize(
    ("text", "at", "shown"),
    [("单车 city:", 3, "'city:' at character 4"), ("cat: 单车", 0, "'cat:' at character 1")],
)
def test_a_qualifier_without_a_value_points_at_itself(text: str, at: int, shown: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    assert caught.value.at == at
    assert str(caught.value).startswith(shown + " needs a value, like ")


# -- hunting: exclusions, OR groups, phrases, typed ranges, sort ------------------------

NOW = 1_800_000_000.0
NOV_1 = datetime.fromisoformat("2026-11-01T00:00:00+08:00").timestamp()


def test_the_issue_example_parses_whole() -> None:
    q = parse_query(
        "2室 -中介 (整租 OR 合租) city:连云港,海州 cat:租房 price:2000-3000 area:>=60 rooms:2 posted:<7d sort:price",
        now=NOW,
    )
    assert q.words == ("2室",) and q.without == ("中介",) and q.any_of == (("整租", "合租"),)
    assert q.cities == ("连云港", "海州") and q.category == "租房" and q.sort == "price"
    assert q.limits == (
        Limit("price", 2000, 3000),
        Limit("area", low=60),
        Limit("rooms", 2, 2),
        Limit("posted", low=NOW - 7 * 86400, low_open=True),
    )
    assert q.highlights == ("2室", "整租", "合租")  # not the exclusion


@pytest.mark.parametrize(
    ("text", "words", "groups"),
    [
        ("整租 OR 合租", (), (("整租", "合租"),)),
        ("整租|合租 两室", ("两室",), (("整租", "合租"),)),
        ("两室 整租 OR 合租 OR 单间", ("两室",), (("整租", "合租", "单间"),)),
        ("(整租 OR 合租) OR 单间", (), (("整租", "合租", "单间"),)),
        ("（整租 OR 合租） “两 室”", ("两 室",), (("整租", "合租"),)),
        ("or and", ("or", "and"), ()),  # only OR in capitals joins
        ('"房" "a:b"', ("房", "a:b"), ()),  # quotes: one character, or a colon, as text
        ("两室 两室 (整租 OR 整租)", ("两室", "整租"), ()),
    ],
)
def test_words_phrases_and_or_groups(text: str, words: tuple[str, ...], groups: tuple[tuple[str, ...], ...]) -> None:
    q = parse_query(text)
    assert (q.words, q.any_of) == (words, groups)


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("price:<5万", Limit("price", high=50000, high_open=True, unit="元")),
        ("price:1-2万", Limit("price", 10000, 20000, unit="元")),
        ("price:>=1.5万", Limit("price", low=15000, unit="元")),
        ("price:3000元/月", Limit("price", 3000, 3000, unit="元/月")),
        ("price:2000-3000/月", Limit("price", 2000, 3000, unit="元/月")),
        ("price:<=8000元/㎡", Limit("price", high=8000, unit="元/㎡")),
        ("price:5k..8k", Limit("price", 5000, 8000)),  # k multiplies, says no family
        ("area:60-90平", Limit("area", 60, 90)),
        ("area:≥60㎡", Limit("area", low=60)),
        ("rooms:2+", Limit("rooms", low=2)),
        ("rooms:2-3室", Limit("rooms", 2, 3)),
        ("floor:-2--1", Limit("floor", -2, -1)),
        ("year:>2015", Limit("year", low=2015, low_open=True)),
        ("mileage:<10", Limit("mileage", high=10, high_open=True)),
        ("mileage:<=50000km", Limit("mileage", high=5)),
        ("salary:>=8k", Limit("salary", low=8000)),
        ("salary:6000-1万", Limit("salary", 6000, 10000)),
        ("posted:7d", Limit("posted", low=NOW - 7 * 86400)),
        ("posted:>30d", Limit("posted", high=NOW - 30 * 86400, high_open=True)),
        ("posted:2h", Limit("posted", low=NOW - 7200)),
        ("posted:1d..2w", Limit("posted", low=NOW - 14 * 86400, high=NOW - 86400)),
        # Whole days at +08:00.
        ("posted:2026-11-01..2026-11-30", Limit("posted", NOV_1, NOV_1 + 30 * 86400, high_open=True)),
        ("posted:>=2026-11-01", Limit("posted", low=NOV_1)),
        ("posted:<=2026-11-01", Limit("posted", high=NOV_1 + 86400, high_open=True)),
        ("posted:<2026-11-01", Limit("posted", high=NOV_1, high_open=True)),
    ],
)
def test_ranges_with_units(text: str, limit: Limit) -> None:
    assert parse_query(text, now=NOW).limits == (limit,)


def test_sort_gone_and_places() -> None:
    assert parse_query("sort:-price").sort == "-price" and parse_query("SORT:Posted").sort == "posted"
    assert parse_query("is:gone").gone is True and parse_query("-is:gone").gone is False
    q = parse_query("city:连云港 city:南京 cat:二手,房产")
    assert q.cities == ("连云港", "南京") and q.categories == ("二手", "房产")
    assert parse_query('city:"New York"').cities == ("New York",)
    assert parse_query("sort:price").empty and not parse_query("-中介").empty


@pytest.mark.parametrize(
    ("text", "at", "says"),
    [
        ("单车 房", 3, "'房' at character 4 is one character: words need two or more (quote it, \"房\""),
        ("单车 foo:bar", 3, "'foo:bar' at character 4 is not a qualifier; did you mean floor:?"),
        ("prise:2000", 0, "did you mean price:?"),
        ("zzz:1", 0, "is not a qualifier; quote it to look for the text"),
        ("单车 price:abc", 9, "'abc' at character 10 is not a price (like price:2000-3000)"),
        ("price:3000-2000", 6, "runs from high to low"),
        ("price:1元-2元/月", 6, "mixes two kinds of price"),
        ("area:大", 5, "is not an area"),
        ("posted:soon", 7, "is not an age like 7d or a day like 2026-11-01"),
        ("posted:2026-02-30", 7, "is not an age"),
        ("sort:prise", 5, "did you mean sort:price?"),
        ("sort:price sort:area", 11, "is the second sort"),
        ("price:<1 price:>2", 9, "is the second price"),
        ("is:new", 3, "is not something is: knows"),
        ("-city:南京", 0, "cannot be left out"),
        ("单车 (整租 OR 合租", 3, "'(' at character 4 opens a group that is never closed"),
        ("单车 整租)", 6, None),  # a ) inside a word at the top level is part of it: no error
        ("单车 ) 整租", 3, "closes a group that was never opened"),
        ("(整租 合租)", 4, "'合租' at character 5 needs an OR before it"),
        ("(整租 OR)", 6, "ends a group without a word"),
        ("()", 1, "ends a group"),
        ("((整租 OR 合租))", 1, "opens a group inside a group"),
        ("(整租 OR city:南京)", 7, "is a qualifier: put it outside the group"),
        ("(整租 OR -合租)", 7, "cannot be left out inside a group"),
        ("OR 整租", 0, "needs a word or a (group) before it"),
        ("整租 OR", 3, "needs a word after it"),
        ("整租 OR city:南京", 3, "needs a word or a (group) after it"),
        ("整租 OR OR 合租", 6, "needs a word or a (group) before it"),
        ("单车 -", 3, "has nothing after it to leave out"),
        ("-(整租 OR 合租)", 0, "cannot leave out a group"),
        ('单车 "两室', 3, "has no closing quote"),
        ('单车 ""', 3, "is empty"),
    ],
)
def test_every_error_points_at_its_part(text: str, at: int, says: str | None) -> None:
    if says is None:
        parse_query(text)
        return
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    assert caught.value.at == at
    assert says in str(caught.value)


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
    | st.text(alphabet='()（）"“|-: OR<>=.~万元/月㎡dk2室ab', max_size=30)
)
def test_any_text_parses_or_is_a_query_error(text: str) -> None:
    try:
        q = parse_query(text)
    except QueryError as exc:
        assert 0 <= exc.at <= len(text) and "\n" not in str(exc)
    else:
        assert all(len(w) >= 1 for w in q.words + q.without)
