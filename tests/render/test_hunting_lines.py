"""The reader's hunting lines: numbers only the text says, a price change, gone, a bookmark."""

from __future__ import annotations

from datetime import UTC, datetime

from tui_reader.models import Article, PricePoint
from tui_reader.render import bookmark_line, gone_line, numbers_line, price_line


def test_numbers_the_facts_and_field_rows_show_are_left_out() -> None:
    article = Article(
        url="https://example.com/1.html",
        title="整租 2室1厅 89平 3000元/月",
        body=("楼层5/18层，2008年建成。",),
        facts=(("租金", "3000元/月"), ("户型", "2室1厅")),
    )
    line = numbers_line(article, now_year=2025)
    assert line is not None
    # 户型 is a fact and the price a field row; the area is the Area row (89平 in the title).
    assert line.plain == "5/18层 · 2008年"


def test_a_car_says_its_year_and_mileage() -> None:
    article = Article(url="https://example.com/2.html", title="转让五菱宏光 2016年上牌 6.5万公里 1.9万")
    line = numbers_line(article, now_year=2025)
    assert line is not None and "2016年" in line.plain and "6.5万公里" in line.plain


def test_nothing_to_add_is_no_line() -> None:
    assert numbers_line(Article(url="https://example.com/3.html", title="南京春风行动招聘会举行")) is None


def test_price_gone_and_bookmark_lines() -> None:
    day = lambda d: datetime(2025, 3, d, tzinfo=UTC)  # noqa: E731
    points = [PricePoint(day(1), 3200, 3200, "元/月", None), PricePoint(day(5), 2800, 2800, "元/月", None)]
    assert price_line(points, day(10)).plain == "Price was 3,200元/月, now 2,800元/月, 5 d ago"
    assert price_line(points[:1], day(10)) is None
    gone = gone_line(day(5), day(10)).plain
    assert gone.startswith("⚠ gone from the site since 2025-03-0") and gone.endswith(
        "(5 d ago) — this is the cached copy"
    )
    assert bookmark_line("to call", "想周末看房").plain == "★ bookmarked · to call · 想周末看房"
    assert bookmark_line("", "").plain == "★ bookmarked"
    assert bookmark_line("", "[bold]x\x1b[2J").plain.startswith("★ bookmarked · [bold]x")  # as typed, never markup
