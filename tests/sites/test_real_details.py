"""Real detail pages of real portals against hand-checked gold (shared/data/real-pages).

The pages are a sample: nothing here may be tuned to them. Each is read
generically and through the demo profile (which fits neither, so the read
falls back to the generic extractor — the path ``read FILE`` takes), and
must give the gold title, every gold fact with its value and in the gold's
order (extra facts are allowed and counted), the gold phone among the
phones, the gold price among the prices, and a body that holds the gold
snippet but no line that only repeats a fact.

Run with ``-s`` to see the facts' precision and recall.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tui_reader.models import Article
from tui_reader.sites.facts import line_key
from tui_reader.sites.parse import parse_any_article, parse_article_generic
from tui_reader.sites.profile import load_profile

PAGES = Path(__file__).resolve().parents[3] / "shared" / "data" / "real-pages"
GOLD = PAGES / "gold.json"
URLS = {
    "58-detail.html": "http://m.58.com/bj/hezu/29839576662600x.shtml",
    "baixing-detail.html": "https://suzhou.baixing.com/wupinhuishou/a1956764028.html",
}

pytestmark = pytest.mark.skipif(not GOLD.is_file(), reason=f"real pages not found at {PAGES}")


def details() -> list[dict]:
    return json.loads(GOLD.read_text(encoding="utf-8"))["details"] if GOLD.is_file() else []


def _generic(text: str, url: str) -> Article:
    return parse_article_generic(text, url)


def _with_profile(text: str, url: str) -> Article:
    return parse_any_article(text, url, load_profile("demo"))


READERS: dict[str, Callable[[str, str], Article]] = {"generic": _generic, "demo-profile": _with_profile}


def read(detail: dict, how: str) -> Article:
    # The baixing page's first <meta> says gb2312 while its bytes are UTF-8:
    # decoded as UTF-8 here, so this test does not depend on charset sniffing.
    text = (PAGES / detail["file"]).read_bytes().decode("utf-8", "replace")
    return READERS[how](text, URLS.get(detail["file"], "http://example.test/" + detail["file"]))


CASES = [pytest.param(d, how, id=f"{d['file']}-{how}") for d in details() for how in READERS]


@pytest.mark.parametrize(("detail", "how"), CASES)
def test_title(detail: dict, how: str) -> None:
    assert read(detail, how).title == detail["title"]


@pytest.mark.parametrize(("detail", "how"), CASES)
def test_gold_facts_are_all_there_with_their_values_in_order(detail: dict, how: str) -> None:
    facts = read(detail, how).facts
    ours = dict(facts)
    for label, value in detail["facts"].items():
        assert ours.get(label) == value, f"{label}: {ours.get(label)!r} != {value!r}"
    order = [label for label, _ in facts if label in detail["facts"]]
    assert order == list(detail["facts"])


@pytest.mark.parametrize(("detail", "how"), CASES)
def test_phone_and_price(detail: dict, how: str) -> None:
    article = read(detail, how)
    assert detail["phone"] in article.fields.get("phones", [])
    if detail["price"]:
        assert detail["price"] in article.fields.get("prices", [])
        assert detail["price"] in dict(article.facts).values()


@pytest.mark.parametrize(("detail", "how"), CASES)
def test_body_has_the_text_and_not_the_facts(detail: dict, how: str) -> None:
    article = read(detail, how)
    assert any(detail["body_snippet"] in paragraph for paragraph in article.body)
    pairs = {line_key(label + value) for label, value in article.facts}
    repeated = [p for p in article.body if line_key(p) in pairs]
    assert not repeated, f"body lines that are only a fact: {repeated}"


def test_fact_precision_and_recall() -> None:
    """Over every gold page and both reads: how many gold facts were found
    (recall) and how many found facts are gold (precision)."""
    found = correct = wanted = 0
    for detail in details():
        for how in READERS:
            facts = read(detail, how).facts
            gold = detail["facts"]
            found += len(facts)
            wanted += len(gold)
            correct += sum(1 for label, value in facts if gold.get(label) == value)
            extra = [f"{label}={value}" for label, value in facts if gold.get(label) != value]
            print(f"\n{detail['file']} ({how}): {len(facts)} facts, {len(extra)} beyond the gold: {extra}")
    precision, recall = correct / found, correct / wanted
    print(f"fact precision {precision:.3f}, recall {recall:.3f} ({correct} of {found} found, {wanted} wanted)")
    assert recall == 1.0
    assert precision >= 0.85
