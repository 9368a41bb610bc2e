"""Main-content extraction: F1 / precision / recall and pages/s, side by side.

Scores extractors on the 181-page article-extraction benchmark kept in
shared/data/article-extraction-benchmark/ (next to the repository), with the
scoring its README describes, written here from that description:

- tokens are runs of ``\\w+``; shingles are 4-grams of consecutive tokens;
- per page, over shingle *counts*: tp = shared, fp = extracted only, fn = gold
  only, normalised so tp + fp + fn = 1;
- precision and recall are averaged over pages; F1 = 2PR / (P + R) of the means.

Page-level edge cases (the README leaves them open; chosen here): a page whose
gold and extraction both have no shingles scores P = R = 1; an extraction with
no shingles against a non-empty gold scores P = 0 and R = 0 (it delivered
nothing), so an extractor cannot gain by giving up.

Speed is pages per second of extraction alone (parsing included, reading and
unzipping the files excluded), measured in this one process pinned to one core.

    .venv/bin/python benchmarks/extraction_f1.py            # every extractor
    .venv/bin/python benchmarks/extraction_f1.py ours trafilatura
    .venv/bin/python benchmarks/extraction_f1.py --worst 10 ours   # pages to look at

All three bare libraries come with the project's own dependencies (justext
is one of trafilatura's); a missing one is reported and skipped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "article-extraction-benchmark"

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


# --- scoring -----------------------------------------------------------------


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def page_score(extracted: str, gold: str) -> tuple[float, float]:
    """(precision, recall) of one page."""
    got, want = shingles(extracted), shingles(gold)
    tp = sum((got & want).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    if total == 0:
        return 1.0, 1.0
    tp, fp, fn = tp / total, fp / total, fn / total
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# --- extractors ----------------------------------------------------------------
# Each takes (html, url) and returns plain text, paragraphs separated by newlines.

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "figure",
    "figcaption",
    "dd",
    "dt",
    "dl",
    "header",
    "footer",
    "aside",
    "main",
}


def _lxml_text(fragment_html: str) -> str:
    """Text of an HTML fragment with a newline after each block element, so
    words of adjacent blocks never run together."""
    import lxml.html

    root = lxml.html.fromstring(fragment_html)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return root.text_content()


def _trafilatura(**options: object) -> Callable[[str, str | None], str]:
    import trafilatura

    def run(html: str, url: str | None) -> str:
        return trafilatura.extract(html, url=url, **options) or ""

    return run


def _readability() -> Callable[[str, str | None], str]:
    from readability import Document

    def run(html: str, url: str | None) -> str:
        return _lxml_text(Document(html, url=url).summary(html_partial=True))

    return run


def _justext() -> Callable[[str, str | None], str]:
    import justext

    # The benchmark pages are English; a portal reader would pick the stoplist per page.
    stoplist = justext.get_stoplist("English")

    def run(html: str, url: str | None) -> str:
        paragraphs = justext.justext(html.encode("utf-8"), stoplist, encoding="utf-8")
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def _ours() -> Callable[[str, str | None], str]:
    from tui_reader.sites.extract import extract_main

    def run(html: str, url: str | None) -> str:
        extracted = extract_main(html, url)
        return "\n".join(extracted.paragraphs)

    return run


EXTRACTORS: dict[str, Callable[[], Callable[[str, str | None], str]]] = {
    "ours": _ours,
    "trafilatura": lambda: _trafilatura(),
    "trafilatura-precision": lambda: _trafilatura(favor_precision=True),
    "trafilatura-recall": lambda: _trafilatura(favor_recall=True),
    "trafilatura-fast": lambda: _trafilatura(fast=True),
    "readability-lxml": _readability,
    "justext": _justext,
}


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    dist = {"ours": "tui-reader", "readability-lxml": "readability-lxml", "justext": "jusText"}.get(name, "trafilatura")
    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


# --- running -------------------------------------------------------------------


def load_pages() -> list[tuple[str, str, str, str]]:
    """(id, url, html, gold) for every page, sorted by id."""
    if not DATA.is_dir():
        sys.exit(f"benchmark data not found at {DATA}")
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        raw = gzip.decompress((DATA / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append(
            (page_id, truth[page_id].get("url"), raw.decode("utf-8", "replace"), truth[page_id]["articleBody"])
        )
    return pages


def measure(extract: Callable[[str, str | None], str], pages: list[tuple[str, str, str, str]]):
    scores: list[tuple[str, float, float]] = []
    spent = 0.0
    for page_id, url, html, gold in pages:
        start = time.perf_counter()
        text = extract(html, url)
        spent += time.perf_counter() - start
        precision, recall = page_score(text, gold)
        scores.append((page_id, precision, recall))
    mean_p = sum(p for _, p, _ in scores) / len(scores)
    mean_r = sum(r for _, _, r in scores) / len(scores)
    return mean_p, mean_r, len(pages) / spent if spent else float("inf"), scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"extractors to run (default: all of {', '.join(EXTRACTORS)})")
    parser.add_argument("--worst", type=int, default=0, help="list the N lowest-F1 pages of each extractor")
    args = parser.parse_args(argv)
    names = args.names or list(EXTRACTORS)
    unknown = [n for n in names if n not in EXTRACTORS]
    if unknown:
        parser.error(f"unknown extractor(s): {', '.join(unknown)}")

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    pages = load_pages()
    print(f"{len(pages)} pages from {DATA}")
    print(f"{'extractor':<24}{'version':>9}{'F1':>8}{'P':>8}{'R':>8}{'pages/s':>10}")
    for name in names:
        try:
            extract = EXTRACTORS[name]()
        except ImportError as exc:
            print(f"{name:<24}  skipped: {exc}")
            continue
        extract(pages[0][2], pages[0][1])  # warm-up: lazy imports and caches are not per-page cost
        precision, recall, speed, scores = measure(extract, pages)
        print(
            f"{name:<24}{_version(name):>9}{f1(precision, recall):>8.3f}{precision:>8.3f}{recall:>8.3f}{speed:>10.1f}",
            flush=True,
        )
        if args.worst:
            for page_id, p, r in sorted(scores, key=lambda s: f1(s[1], s[2]))[: args.worst]:
                print(f"    {page_id[:16]}  F1 {f1(p, r):.3f}  P {p:.3f}  R {r:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
