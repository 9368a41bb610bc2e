"""The search results' match highlighting (pure functions, named cases); the language: tests/test_query.py."""

from __future__ import annotations

from tui_reader.ui.search_query import MATCH_STYLE, highlighted


def styled(text) -> list[str]:  # type: ignore[no-untyped-def]
    return [text.plain[span.start : span.end] for span in text.spans if span.style == MATCH_STYLE]


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
