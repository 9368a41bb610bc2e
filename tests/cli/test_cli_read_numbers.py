"""``read --json`` gives an article's typed numbers, as search compares them: checked
against the hand-checked prices of real portals' detail pages (shared/data/real-pages)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.cli import run_json
from tui_reader.models import money_in

PAGES = Path(__file__).resolve().parents[3] / "shared" / "data" / "real-pages"
GOLD = PAGES / "gold.json"

pytestmark = pytest.mark.skipif(not GOLD.is_file(), reason="real-pages data set not present")


def _details() -> list[dict[str, object]]:
    return list(json.loads(GOLD.read_text(encoding="utf-8"))["details"]) if GOLD.is_file() else []


@pytest.mark.parametrize("gold", _details(), ids=lambda g: str(g["file"]))
def test_read_json_prices_a_real_detail_page_as_its_gold_says(home: Path, gold: dict[str, object]) -> None:
    data = run_json(home, "read", str(PAGES / str(gold["file"])))
    assert isinstance(data, dict)
    expected = money_in(str(gold["price"])) if gold["price"] else None
    if expected is None:
        assert (data["price_value"], data["price_unit"]) == (None, None)
    else:
        assert (data["price_value"], data["price_unit"]) == (expected.low, expected.unit)
    assert data["measures"]["price_value"] == data["price_value"]
    facts = gold["facts"]
    assert isinstance(facts, dict)
    area = facts.get("面积")
    if area:  # "28㎡"
        assert data["measures"]["area"] == float(str(area).rstrip("㎡平米"))
