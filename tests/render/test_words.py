"""Counts in words: never "1 articles"."""

from __future__ import annotations

import pytest

from tui_reader.render import counted, plural


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (0, "article", "0 articles"),
        (1, "article", "1 article"),
        (2, "article", "2 articles"),
        (1, "city", "1 city"),
        (3, "city", "3 cities"),
        (1, "category", "1 category"),
        (12, "category", "12 categories"),
        (1, "cached article", "1 cached article"),
        (2, "cached article", "2 cached articles"),
        (5, "条", "5 条"),
    ],
)
def test_counted(count: int, noun: str, expected: str) -> None:
    assert counted(count, noun) == expected


def test_an_explicit_plural_wins() -> None:
    assert counted(2, "person", "people") == "2 people"
    assert counted(1, "person", "people") == "1 person"


def test_chinese_nouns_have_no_plural() -> None:
    assert plural("文章") == "文章"
