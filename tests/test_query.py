"""The search language (tui_reader.query), shared by the TUI's search box and `tui-reader search`."""

from __future__ import annotations

import pytest

from tui_reader.errors import QueryError
from tui_reader.models import Query
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
