"""A listing's price history in words: "was 3,200元/月, now 2,800元/月, 5 d ago".

The points come from ``Client.price_history`` (one per change, oldest first);
the age is ``ages.ago``'s, so it reads like every other age in the reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from tui_reader.models import PricePoint
from tui_reader.render.ages import ago

__all__ = ["money_text", "price_change"]


def _amount(value: float, unit: str) -> str:
    # Totals of 万 and more read as the portals write them (120万元), smaller ones with separators.
    if unit == "元" and value >= 10_000:
        return f"{value / 10_000:,.2f}".rstrip("0").rstrip(".") + "万"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def money_text(point: PricePoint) -> str:
    """One point's price: "2,800元/月", "2,000-3,000元/月", "120万元"; "no price" when it had none."""
    if point.value is None or point.unit is None:
        return "no price"
    low = _amount(point.value, point.unit)
    if point.high is not None and point.high != point.value:
        low += "-" + _amount(point.high, point.unit)
    return low + point.unit


def price_change(points: Sequence[PricePoint], now: datetime | None = None) -> str | None:
    """The last change of price, in words, or None when the price never changed.

    >>> from datetime import UTC, datetime
    >>> day = lambda d: datetime(2025, 3, d, tzinfo=UTC)
    >>> price_change([PricePoint(day(1), 3200, 3200, "元/月", None), PricePoint(day(5), 2800, 2800, "元/月", None)], day(10))
    'was 3,200元/月, now 2,800元/月, 5 d ago'
    """
    if len(points) < 2:
        return None
    latest = points[-1]
    before = next(
        (p for p in reversed(points[:-1]) if (p.value, p.high, p.unit) != (latest.value, latest.high, latest.unit)),
        None,
    )
    if before is None:
        return None
    return f"was {money_text(before)}, now {money_text(latest)}, {ago(latest.seen_at, now)}"
