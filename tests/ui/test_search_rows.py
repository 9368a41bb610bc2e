"""The hunting screens' wording, pure functions on real values: result rows, the marker under a
bad query, the query a list stands for, the name a watch is offered."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from rich.cells import cell_len

from tui_reader.models import SearchHit, collapse
from tui_reader.ui.dialogs.save_watch import suggested_name
from tui_reader.ui.screens.browse_hunting import list_query
from tui_reader.ui.search_query import error_marker
from tui_reader.ui.search_rows import facts_of, hit_row, reposts_line

NOW = datetime(2026, 11, 20, 4, 0, tzinfo=UTC)


def hit(url: str, city: str, district: str | None, **numbers: object) -> SearchHit:
    return SearchHit(
        url=url,
        title="海州 两室一厅 整租",
        city=city,
        category="房产",
        published=(NOW - timedelta(days=2)).isoformat(),
        snippet="南北通透",
        phones=("13812345678",),
        likeness=12345,
        district=district,
        **numbers,  # type: ignore[arg-type]
    )


def test_facts_say_what_is_known_and_nothing_else() -> None:
    full = hit("u1", "连云港", "海州区", price="2800元/月", area=89.0, rooms=2)
    assert facts_of(full, NOW) == "2800元/月 · 89㎡ · 2室 · 2d"
    assert facts_of(hit("u2", "连云港", None), NOW) == "2d"


def test_reposts_name_the_other_places_and_count_the_rest() -> None:
    hits = [
        hit(f"u{i}", "连云港", district)
        for i, district in enumerate(["海州区", "赣榆区", "海州区", "连云区", "灌云县", "东海县"])
    ]
    [group] = collapse(hits)
    assert reposts_line(group) == "+5 reposts · also in 连云港 赣榆区, 连云港 连云区, 连云港 灌云县 and 1 more"
    [pair] = collapse(hits[:1] + hits[2:3])
    assert reposts_line(pair) == "+1 repost"  # the same place twice: nowhere else to name


def test_a_row_is_two_lines_cut_to_the_width_and_marks_gone() -> None:
    gone = hit("u1", "连云港", "海州区", gone_at="2026-11-19T00:00:00+00:00")
    row = hit_row(gone, ("两室",), 24)
    first, second = row.plain.split("\n")
    assert "gone" in first or first.endswith("…")
    assert cell_len(first) <= 24 and cell_len(second) <= 24
    assert "gone" in hit_row(gone, (), 80).plain.split("\n")[0]


def test_the_marker_stands_under_the_bad_part_counted_in_cells() -> None:
    text = "两室 price:<"
    line = error_marker("'<' is not a price", 9, 1, 80, text=text)
    assert line.plain.index("^") == 1 + cell_len("两室 price:")
    assert line.plain.endswith("^ '<' is not a price")
    # Near the right edge the message goes to the caret's left; with no room, alone.
    assert error_marker("bad", 30, 1, 35, text="x" * 31).plain.endswith("bad ^")
    assert error_marker("a long message", 3, 0, 10, text="abcd").plain == "a long message"


def test_the_query_a_list_stands_for_and_the_name_offered() -> None:
    assert list_query("  两室  price:<3000 ", "连云港", "房产") == "两室 price:<3000 city:连云港 cat:房产"
    assert list_query("", "New York", "二手") == 'city:"New York" cat:二手'
    assert suggested_name("两室 price:<3000") == "两室 price:<3000"
    long = suggested_name("整租 " * 20)
    assert len(long) == 30 and long.endswith("…")
