"""Photo extraction: precision and recall against hand-checked gold, and time per page.

Reads each page of a gold file the way ``read FILE`` / ``list FILE`` do (the
site's kind check, then discovery: ``--site auto``) and compares what it finds
with the gold:

- article pages: the photos found against the gold photos, by address
  (exact) and by picture (``photo_key``: the same picture in another size
  counts); precision = right / found, recall = right / gold;
- list pages: each row's thumbnail and photo count against the gold row at
  the same place (rows matched by title); precision = right / rows given
  one, recall = right / gold rows that have one.

Overall figures are pooled over every photo (or row) of every file. The
default gold is tests/fixtures/real_photos_gold.json (the real pages in
shared/data/real-pages/); other gold files of the same shape (the demo
portal's styles, say) can be given as arguments, with ``--pages DIR`` for
where their files are.

    .venv/bin/python benchmarks/photo_extraction.py
    .venv/bin/python benchmarks/photo_extraction.py --runs 7
    .venv/bin/python benchmarks/photo_extraction.py my_gold.json --pages DIR

It prints, it never asserts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from tui_reader.sites import auto_profile, read_article, read_listings  # noqa: E402
from tui_reader.sites.image_address import photo_key  # noqa: E402

GOLD = REPO / "tests" / "fixtures" / "real_photos_gold.json"
PAGES = REPO.parent / "shared" / "data" / "real-pages"


def _ratio(right: int, total: int) -> float:
    return right / total if total else 1.0


def _line(name: str, right: int, found: int, gold: int, extra: str = "") -> str:
    precision, recall = _ratio(right, found), _ratio(right, gold)
    return f"  {name:<34} P {precision:5.3f} ({right}/{found})  R {recall:5.3f} ({right}/{gold}){extra}"


def _timed(function: Any, runs: int) -> tuple[Any, float]:
    times, value = [], None
    for _ in range(runs):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return value, statistics.median(times) * 1000


def score_details(details: list[dict[str, Any]], pages: Path, runs: int) -> tuple[list[int], list[int]]:
    exact, keyed = [0, 0, 0], [0, 0, 0]  # right, found, gold
    profile = auto_profile()
    for entry in details:
        html = (pages / entry["file"]).read_text(encoding="utf-8", errors="replace")
        article, ms = _timed(lambda html=html, entry=entry: read_article(html, entry["url"], profile), runs)
        found = [photo.url for photo in article.photos]
        gold = [photo["url"] for photo in entry["photos"]]
        right = len(set(found) & set(gold))
        found_keys, gold_keys = {photo_key(u) for u in found}, {photo_key(u) for u in gold}
        right_keys = len(found_keys & gold_keys)
        print(_line(f"{entry['file']} (address)", right, len(found), len(gold), f"  read {ms:6.1f} ms"))
        print(_line(f"{entry['file']} (picture)", right_keys, len(found_keys), len(gold_keys)))
        for url in sorted(set(found) - set(gold)):
            print(f"      extra:  {url}")
        for url in sorted(set(gold) - set(found)):
            print(f"      missed: {url}")
        for total, values in (
            (exact, (right, len(found), len(gold))),
            (keyed, (right_keys, len(found_keys), len(gold_keys))),
        ):
            for index, value in enumerate(values):
                total[index] += value
    return exact, keyed


def score_lists(lists: list[dict[str, Any]], pages: Path, runs: int) -> tuple[list[int], list[int]]:
    thumbs, counts = [0, 0, 0], [0, 0, 0]
    profile = auto_profile()
    for entry in lists:
        html = (pages / entry["file"]).read_text(encoding="utf-8", errors="replace")
        page, ms = _timed(lambda html=html, entry=entry: read_listings(html, entry["url"], profile), runs)
        by_title: dict[str, list[Any]] = {}
        for item in page.items:  # two rows may share a title: matched in page order
            by_title.setdefault(item.title, []).append(item)
        mine = [0, 0, 0], [0, 0, 0]
        for row in entry["rows"]:
            same = by_title.get(row["title"])
            item = same.pop(0) if same else None
            for tally, got, want in (
                (mine[0], item.thumb if item else None, row.get("thumb")),
                (mine[1], item.photo_count if item else None, row.get("photo_count")),
            ):
                tally[0] += got is not None and got == want
                tally[1] += got is not None
                tally[2] += want is not None
        print(_line(f"{entry['file']} (thumbnails)", *mine[0], f"  read {ms:6.1f} ms"))
        print(_line(f"{entry['file']} (photo counts)", *mine[1]))
        print(f"      rows read {len(page.items)}, gold rows {len(entry['rows'])}")
        for total, tally in ((thumbs, mine[0]), (counts, mine[1])):
            for index, value in enumerate(tally):
                total[index] += value
    return thumbs, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", type=Path, default=[GOLD])
    parser.add_argument("--pages", type=Path, default=PAGES, help="where the gold's files are")
    parser.add_argument("--runs", type=int, default=5, help="reads of each page (the median time is shown)")
    args = parser.parse_args()
    totals = {
        "photos (address)": [0, 0, 0],
        "photos (picture)": [0, 0, 0],
        "thumbnails": [0, 0, 0],
        "photo counts": [0, 0, 0],
    }
    for path in args.gold:
        gold = json.loads(path.read_text(encoding="utf-8"))
        print(f"{path.name} ({args.pages})")
        exact, keyed = score_details(gold.get("details", []), args.pages, args.runs)
        thumbs, counts = score_lists(gold.get("lists", []), args.pages, args.runs)
        for name, values in (
            ("photos (address)", exact),
            ("photos (picture)", keyed),
            ("thumbnails", thumbs),
            ("photo counts", counts),
        ):
            totals[name] = [a + b for a, b in zip(totals[name], values, strict=True)]
    print("overall")
    for name, (right, found, want) in totals.items():
        print(_line(name, right, found, want))


if __name__ == "__main__":
    main()
