"""Garbage collection in the pauses between keys (``tui_reader.gcpause``): the
collector makes no full pass by itself once ``collect_in_pauses`` is called,
and ``collect_if_due`` makes one only when something reached the oldest
generation since the last."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tui_reader.gcpause import collect_if_due, collect_in_pauses


@pytest.fixture
def thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


def _young_survivors(rounds: int) -> list[object]:
    """Allocate enough tracked objects for the collector to pass over the young
    generations ``rounds`` times, keeping them (they age into the oldest)."""
    kept: list[object] = []
    for _ in range(rounds * gc.get_threshold()[0]):
        kept.append([])
    return kept


def test_no_automatic_full_pass_after_collect_in_pauses(thresholds: None) -> None:
    collect_in_pauses()
    gc.collect()
    full_passes = gc.get_stats()[2]["collections"]
    kept = _young_survivors(200)  # 200 young passes: by default that is 20 middle, 2 full
    assert gc.get_stats()[2]["collections"] == full_passes
    assert gc.get_count()[2] > 0  # and one is due
    assert collect_if_due() is True
    assert gc.get_stats()[2]["collections"] == full_passes + 1
    assert collect_if_due() is False  # nothing new since
    del kept


def test_nothing_collected_while_collection_is_paused(thresholds: None) -> None:
    gc.disable()
    try:
        assert collect_if_due() is False
    finally:
        gc.enable()
