"""The reader's lines for someone hunting a flat, a car or a job, under the title:
the listing's numbers the fields panel does not already show, what became of
its price across syncs, that it is gone from the site, and the user's own
bookmark status and note.

Each line is a ``Text`` built from cleaned strings, never markup. They are
calm on purpose (dim, one colour for what needs noticing): the title and the
fields panel stay what the eye finds first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.text import Text

from tui_reader.models import Article, Measures, PricePoint, measures_of
from tui_reader.render.ages import ago
from tui_reader.render.prices import price_change
from tui_reader.render.sanitize import clean_line

__all__ = ["bookmark_line", "gone_line", "numbers_line", "numbers_parts", "price_line"]


def _amount(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _money(low: float, high: float | None, unit: str) -> str:
    shown = _amount(low)
    if high is not None and high != low:
        shown += "-" + _amount(high)
    return shown + unit


def numbers_parts(article: Article, now_year: int | None = None) -> list[str]:
    """The listing's numbers ("2室2厅", "4/26层", "2008年", "6.5万公里") that only
    its title or text says: what the page's facts give is in the fields panel
    already, and so are a Price and an Area row when the article has them."""
    every = measures_of(article.title, article.facts, article.body_text, city=article.city, now_year=now_year)
    # The facts alone: the panel lists them (a fact a field row shows, as that row).
    said = measures_of("", article.facts, "", city=article.city, now_year=now_year)
    fields = article.fields
    priced = bool(fields.get("prices")) or said.price_value is not None or said.salary_low is not None
    parts: list[str] = []
    if not priced:
        parts.extend(_price_parts(every))
    if every.area is not None and said.area is None and not fields.get("areas"):
        parts.append(f"{_amount(every.area)}㎡")
    if every.rooms is not None and said.rooms is None:
        parts.append(f"{every.rooms}室" + (f"{every.halls}厅" if every.halls is not None else ""))
    if every.floor is not None and said.floor is None:
        parts.append(f"{every.floor}/{every.floors}层" if every.floors is not None else f"{every.floor}层")
    if every.year is not None and said.year is None:
        parts.append(f"{every.year}年")
    if every.mileage is not None and said.mileage is None:
        parts.append(f"{_amount(every.mileage)}万公里")
    return parts


def _price_parts(found: Measures) -> list[str]:
    if found.salary_low is not None:
        return [_money(found.salary_low, found.salary_high, "元/月")]
    if found.price_text:
        return [clean_line(found.price_text)]
    if found.price_value is not None and found.price_unit:
        return [_money(found.price_value, found.price_high, found.price_unit)]
    return []


def numbers_line(article: Article, now_year: int | None = None) -> Text | None:
    """ "2室2厅 · 4/26层" (dim), or None when the panel says it all already."""
    parts = numbers_parts(article, now_year)
    if not parts:
        return None
    return Text(" · ", style="dim").join(Text(part, style="cyan") for part in parts)


def price_line(points: Sequence[PricePoint], now: datetime | None = None) -> Text | None:
    """ "Price: was 3,200元/月, now 2,800元/月, 5 d ago", or None when it never changed."""
    change = price_change(points, now)
    if change is None:
        return None
    return Text.assemble(("Price ", "dim"), (clean_line(change), "yellow"))


def gone_line(gone_at: datetime, now: datetime | None = None) -> Text:
    """The article is no longer on the site: when that was first seen, and that this is our copy."""
    local = gone_at.astimezone()
    when = f"{local:%Y-%m-%d %H:%M} ({ago(gone_at, now)})"
    return Text.assemble(
        ("⚠ gone from the site since ", "bold red"),
        (when, "red"),
        (" — this is the cached copy", "red"),
    )


def bookmark_line(status: str, note: str) -> Text:
    """ "★ bookmarked · to call · 想周末看房": the user's own words about this listing."""
    line = Text("★ bookmarked", style="yellow")
    for part, style in ((status, "bold yellow"), (note, "italic")):
        shown = clean_line(part)
        if shown:
            line.append(" · ", style="dim")
            line.append(shown, style=style)
    return line
