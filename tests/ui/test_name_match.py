"""Names matched by characters, full pinyin and initials, best matches first."""

from __future__ import annotations

import pytest

from tui_reader.ui.name_match import CONTAINS, EXACT, PREFIX, best_rank, rank, syllables


@pytest.mark.parametrize("typed", ["lyg", "lianyungang", "连云", "LianYunGang", "lian yun", "LYG", "lianyg", "连云港"])
def test_lianyungang_is_found_by_every_spelling(typed: str) -> None:
    assert rank(typed, "连云港") is not None


@pytest.mark.parametrize("typed", ["lyx", "gangyun", "http", "www", "l y g x", "云连"])
def test_what_does_not_spell_the_name_does_not_match(typed: str) -> None:
    assert rank(typed, "连云港") is None


def test_exact_before_prefix_before_contains() -> None:
    assert rank("lyg", "连云港") == EXACT
    assert rank("lianyungang", "连云港") == EXACT
    assert rank("连云港", "连云港") == EXACT
    assert rank("ly", "连云港") == PREFIX
    assert rank("连云", "连云港") == PREFIX
    assert rank("yg", "连云港") == CONTAINS
    assert rank("云港", "连云港") == CONTAINS


def test_categories_match_the_same_way() -> None:
    assert rank("fc", "房产") == EXACT
    assert rank("fangchan", "房产") == EXACT
    assert rank("fang", "房产") == PREFIX


def test_latin_words_in_a_name_are_syllables_of_their_own() -> None:
    assert syllables("ABC 二手车") == ("abc", "er", "shou", "che")
    assert rank("abcesc", "ABC 二手车") == PREFIX
    assert rank("esc", "ABC 二手车") == CONTAINS


def test_the_own_name_counts_before_the_province() -> None:
    # A city named like the query beats every city of the province so named.
    assert best_rank("jiangsu", ["连云港", "江苏"]) == (EXACT, 1)
    assert best_rank("lyg", ["连云港", "江苏"]) == (EXACT, 0)
    assert best_rank("xyz", ["连云港", "江苏"]) is None


def test_an_empty_query_matches_everything() -> None:
    assert rank("  ", "连云港") == CONTAINS
