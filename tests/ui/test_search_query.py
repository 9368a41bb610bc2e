"""The search box's filters and the match highlighting (pure functions, named cases)."""

from __future__ import annotations

from tui_reader.ui.search_query import MATCH_STYLE, SearchQuery, highlighted, parse_query


def styled(text) -> list[str]:  # type: ignore[no-untyped-def]
    return [text.plain[span.start : span.end] for span in text.spans if span.style == MATCH_STYLE]


def test_words_and_filters() -> None:
    assert parse_query("单车  city:连云港 cat:二手") == SearchQuery(("单车",), "连云港", "二手")
    assert parse_query("category:房产 两室 出租") == SearchQuery(("两室", "出租"), "", "房产")
    assert parse_query("http://x 12:30") == SearchQuery(("http://x", "12:30"), "", "")  # not a filter name
    assert parse_query("   ").words == ()


def test_filters_keep_by_substring_case_insensitively() -> None:
    query = parse_query("bike city:nan")
    assert query.keeps("Nanjing", None) and not query.keeps("Wuxi", "房产") and not query.keeps(None, None)
    assert parse_query("bike").keeps(None, None)


def test_every_occurrence_of_every_word_is_highlighted() -> None:
    text = highlighted("出售单车，九成新单车；Bike bike", ("单车", "BIKE"))
    assert styled(text) == ["单车", "单车", "Bike", "bike"]


def test_markup_and_escapes_in_page_text_stay_text() -> None:
    text = highlighted("[link=http://evil.example/]单车[/link]\x1b[31m", ("单车",))
    assert text.plain.startswith("[link=http://evil.example/]单车[/link]")
    assert "\x1b" not in text.plain
    assert styled(text) == ["单车"]


def test_length_changing_case_folds_fall_back_to_exact_matches() -> None:
    text = highlighted("Straße strasse", ("straße",))
    assert styled(text) == ["Straße"]
