"""A list row marks a listing with photos at the end of its title: 📷6, or 📷 for a thumbnail alone."""

from __future__ import annotations

from datetime import datetime

import pytest
from rich.cells import cell_len

from tui_reader.models import Listing
from tui_reader.ui.widgets.listing_rows import columns, row_text

POSTED = datetime(2026, 11, 28, 9, 30)


def _listing(**photos: object) -> Listing:
    return Listing(
        title="整租·幸福里 两室两厅 93㎡ 5950元/月 近工农路 拎包入住 随时看房",
        url="http://127.0.0.1:9/1.html",
        price="5950元/月",
        published=POSTED,
        views=312,
        **photos,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_the_mark_closes_the_title_and_the_columns_stay(width: int) -> None:
    plain = row_text(_listing(), width, read=False, new=False, now=POSTED).plain
    marked = row_text(_listing(photo_count=6), width, read=False, new=False, now=POSTED).plain
    assert "📷" not in plain
    assert cell_len(marked) == cell_len(plain) == width
    before, after = marked.split("📷6")
    assert cell_len(before) + cell_len("📷6") == 2 + columns(width).title  # the read mark, then the title
    assert plain.endswith(after)  # everything after the title (date, views, price) is where it was


def test_a_thumbnail_alone_shows_the_camera_without_a_count() -> None:
    marked = row_text(_listing(thumb="http://127.0.0.1:9/t.jpg"), 100, read=False, new=False, now=POSTED).plain
    assert "📷 " in marked and marked.count("📷") == 1 and cell_len(marked) == 100


def test_no_photos_no_thumb_no_mark_and_a_count_is_capped() -> None:
    assert "📷" not in row_text(_listing(photo_count=0), 100, read=False, new=False).plain
    assert "📷99" in row_text(_listing(photo_count=250), 100, read=False, new=False).plain


def test_a_very_narrow_title_leaves_the_mark_out() -> None:
    width = 24
    assert columns(width).title < 12
    text = row_text(_listing(photo_count=6), width, read=False, new=False).plain
    assert "📷" not in text and cell_len(text) == width
