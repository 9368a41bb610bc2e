"""Exactness of the typed numbers (price, area, rooms, floor, year, mileage, salary,
district): exact matches per field against what is known to be true.

(a) The demo portal: every category's articles, rendered in each style's HTML
    (styles a, b, c), read by the real article parser and measured by the
    cache's own write path (``store.entry.article_row``), compared with the
    values the generator drew (``demo/site/compose_*``): the generator is the gold.
    A value the page does not show (a shop's layout on styles a and b) is
    expected to be absent; a value read where the gold has none is a miss too.
(b) The real pages in shared/data/real-pages/: gold.json's hand-checked price
    and facts of each detail page.

    .venv/bin/python benchmarks/measure_exactness.py               # 20 articles a category
    .venv/bin/python benchmarks/measure_exactness.py --per-category 200 --misses 5
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tui_reader import sites
from tui_reader.demo.site import pages, pages_b, pages_c_article
from tui_reader.demo.site.content import DemoArticle, DemoSite
from tui_reader.sites.profile import auto_profile, load_profile
from tui_reader.store.entry import article_row

FIELDS = (
    "price_value",
    "price_high",
    "price_unit",
    "area",
    "rooms",
    "floor",
    "year",
    "mileage",
    "salary_low",
    "salary_high",
    "district",
)
_ROW_AT = {
    name: 7 + i
    for i, name in enumerate(
        "price_value price_high price_unit price_text area rooms floor year mileage salary_low salary_high district".split()
    )
}
REAL_PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "real-pages"
_CN = {"一": 1, "两": 2, "三": 3, "四": 4}


@dataclass
class Score:
    checked: int = 0
    exact: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, where: str, got: Any, want: Any) -> None:
        self.checked += 1
        if got == want:
            self.exact += 1
        else:
            self.misses.append(f"{where}: read {got!r}, true {want!r}")


def _money(text: str | None) -> tuple[float | None, float | None, str | None]:
    """The generator's own price strings ("2500元/月", "120.5万元", "599元/平米起", "面议"), read
    by a rule written apart from the reader's so the two can disagree."""
    if not text:
        return None, None, None
    match = re.search(r"(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?(万)?元(?:/(月|小时|课时|期|平米|天))?", text)
    if match is None:
        return None, None, None
    scale = 10_000 if match.group(3) else 1
    low = float(match.group(1)) * scale
    high = float(match.group(2)) * scale if match.group(2) else low
    per = match.group(4)
    return low, high, "元" if per is None else "元/㎡" if per == "平米" else f"元/{per}"


def demo_truth(article: DemoArticle, style: str) -> dict[str, Any]:
    f = article.head.facts
    slug = article.head.category.slug
    truth: dict[str, Any] = dict.fromkeys(FIELDS)
    # A news story names places in its prose, read only where it leads the title or
    # follows the city's name ("连云港灌南县"); style "c" shows it as a fact (区域).
    district = f.get("district")
    text = "\n".join(article.paragraphs)
    marked = (
        style == "c" or article.head.title.startswith(district or "-") or f"{article.head.city.name}{district}" in text
    )
    truth["district"] = district if slug != "xinwen" or marked else None
    low, high, unit = _money(f.get("price"))
    if slug == "zhaopin":
        truth["salary_low"], truth["salary_high"] = low, high
    elif slug != "jianzhi":
        truth["price_value"], truth["price_high"], truth["price_unit"] = low, high, unit
    if slug == "fangchan":
        if f["mode"] in ("rent", "share", "shop") and unit:
            truth["price_unit"] = "元/月"
        truth["area"] = float(f["area"])
        layout = str(f["layout"])
        shown = f["mode"] != "shop" or style == "c"
        truth["rooms"] = _CN.get(layout[0]) if "室" in layout and shown else None
        if f["mode"] != "shop":
            truth["floor"] = int(str(f["floor"]).split("/")[0])
    if slug == "cheliang":
        truth["year"] = int(f["year"])
        truth["mileage"] = float(f["mileage"])
    return truth


def _render(site: DemoSite, article: DemoArticle, style: str) -> str:
    if style == "a":
        return pages.article_page(site, "utf-8", article)
    if style == "b":
        return pages_b.article_page(site, "utf-8", article)
    return pages_c_article.article_page(site, "utf-8", article, datetime.now().astimezone())


def measured(html: str, url: str, profile: Any, city: str | None = None) -> dict[str, Any]:
    """What the cache stores for this page: the real parser, then the real row writer."""
    payload = sites.read_any_article(html, url, profile).to_dict()
    if not payload.get("city") and city:
        payload["city"] = city  # what the client's ``placed`` does for a page without a breadcrumb
    row = article_row(url, payload, "2025-01-01T00:00:00.000000+00:00")
    return {name: row[_ROW_AT[name]] for name in FIELDS}


def compare_demo(
    style: str, per_category: int = 20, city_slugs: tuple[str, ...] = ("lianyungang", "nanjing", "wuxi")
) -> dict[str, Score]:
    site = DemoSite()
    profile = {"a": load_profile("demo"), "b": load_profile("demo-b")}.get(style) or auto_profile()
    scores = {name: Score() for name in FIELDS}
    for slug in city_slugs:
        city = site.city(slug)
        assert city is not None
        for category in site.categories:
            for index in range(per_category):
                article = site.article(city, category, index)
                got = measured(
                    _render(site, article, style), f"http://127.0.0.1{article.head.path}", profile, city.name
                )
                truth = demo_truth(article, style)
                for name in FIELDS:
                    scores[name].add(f"{style} {article.head.path} {article.head.title}", got[name], truth[name])
    return scores


def compare_real() -> dict[str, Score]:
    gold = json.loads((REAL_PAGES / "gold.json").read_text("utf-8"))
    scores = {name: Score() for name in ("price_value", "price_unit", "area", "rooms", "district")}
    for detail in gold["details"]:
        html = (REAL_PAGES / detail["file"]).read_bytes().decode("utf-8", "replace")
        got = measured(html, "http://example.com/x.html", auto_profile())
        facts = detail.get("facts") or {}
        low, _high, unit = _money(detail.get("price"))
        area = next((v for k, v in facts.items() if "面积" in k), None)
        layout = next((v for k, v in facts.items() if k in ("户型", "卧室")), None)
        place = next((v for k, v in facts.items() if k in ("区域", "位置")), None)
        truth = {
            "price_value": low,
            "price_unit": "元/月" if unit and "/月" in (detail.get("price") or "") else unit,
            "area": float(area.rstrip("㎡")) if area else None,
            "rooms": int(layout[0]) if layout and layout[0].isdigit() else None,
            "district": place.split("-")[0].strip() if place else None,
        }
        for name, score in scores.items():
            score.add(detail["file"], got[name], truth[name])
    return scores


def _report(title: str, scores: dict[str, Score], misses: int) -> None:
    print(title)
    for name, score in scores.items():
        print(f"  {name:12} {score.exact:5}/{score.checked:<5} exact")
        for line in score.misses[:misses]:
            print(f"      {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-category", type=int, default=20)
    parser.add_argument("--misses", type=int, default=3, help="misses to print per field")
    args = parser.parse_args(argv)
    for style in ("a", "b", "c"):
        _report(f"demo style {style}", compare_demo(style, args.per_category), args.misses)
    _report("real pages", compare_real(), args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
