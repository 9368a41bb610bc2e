"""Profile-free discovery (``--site auto``): rows F1, next pages, cities/categories, page kinds, speed.

Everything here reads pages the way ``--site auto`` does, with no profile:
``sites.pages.read_listings(html, url, auto_profile())``, ``read_cities``,
``read_categories`` and ``sites.kinds.classify``. It is scored against:

- the real pages in shared/data/real-pages/ (hand-checked gold.json): the
  list pages' rows and next page, the city index's count and samples, and
  every file's page kind;
- the bundled demo portal served on loopback in styles "a", "b" and "c":
  for "a" and "b" the gold of a page is what the bundled profile reads from
  it (``parse.parse_listings/parse_cities/parse_categories`` with ``demo`` /
  ``demo-b``); for "c", which has no profile, ``demo.gold_c`` computes it from
  the content model. Style "c" is served at a frozen ``now`` (the start of
  the run, to the minute) so its relative dates ("3小时前") have one answer.

Rows are compared as (title, url) pairs: precision, recall and F1 over the
pairs; "order" says whether the pairs found in both lists come in the same
order ("exact" when the two lists are also equal). "posted" counts rows
whose posted time is right: equal to the profile's for a/b, inside the
window the shown text allows for c (gold_c's earliest..latest).

Cities on the demo are read the way the reader does: ``read_cities`` on the
home page, following ``ChooserElsewhere`` to the chooser once. Style "c"'s
chooser page (/changecity.html) is also scored on its own.

Speed is single-threaded (the process is pinned to one core) after a warm-up,
``--repeat`` runs each: ``classify(LexborHTMLParser(html), url)`` (parsing
included) and ``read_listings`` on a ~300 KB list page. No real page is that
big, so it is built from 58-list.html (262 KB): its main list's rows are
cloned (each clone's links get a ``dup=N`` query so they stay distinct) and
appended to the list until the page is at least 300,000 bytes in UTF-8.

    .venv/bin/python benchmarks/discovery.py
    .venv/bin/python benchmarks/discovery.py --repeat 200 --styles c --pages 1,2,3

Targets: rows F1 >= 0.95 on every page, next_url right on every page,
cities/categories F1 >= 0.95, kind right on every real page, detection p95
<= 20 ms. Misses are marked MISS; the exit status is 0 regardless.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
from selectolax.lexbor import LexborHTMLParser

from tui_reader.fetch.fetcher import decode_html
from tui_reader.sites import parse
from tui_reader.sites.kinds import classify
from tui_reader.sites.pages import ChooserElsewhere, read_categories, read_cities, read_listings
from tui_reader.sites.profile import auto_profile, load_profile

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _terminal import percentile

REPO = Path(__file__).resolve().parents[1]
REAL = REPO.parent / "shared" / "data" / "real-pages"
CST = timezone(timedelta(hours=8))
F1_TARGET = 0.95
MS_TARGET = 20.0
BIG_BYTES = 300_000

REAL_KINDS = {"list": "listing", "detail": "article", "city-index": "index", "not-found": "not-found"}
REAL_URLS = {
    # From README.md's table; the not-found page's address is unknown, so a plausible one.
    "58-list.html": "http://bj.58.com/dashanzi/chuzu/",
    "58-detail.html": "http://m.58.com/bj/hezu/29839576662600x.shtml",
    "baixing-detail.html": "https://suzhou.baixing.com/wupinhuishou/a1956764028.html",
    "ganji-index.html": "http://www.ganji.com/index.htm",
    "ganji-notfound.html": "http://www.ganji.com/error.html",
}
PROFILES = {"a": "demo", "b": "demo-b"}


# --- scoring -------------------------------------------------------------------


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class Match:
    got: int
    want: int
    shared: int
    order: bool
    """The pairs found in both lists come in the same order."""
    exact: bool

    @property
    def precision(self) -> float:
        return self.shared / self.got if self.got else (1.0 if not self.want else 0.0)

    @property
    def recall(self) -> float:
        return self.shared / self.want if self.want else 1.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def match(got: Sequence[tuple[str, str]], want: Sequence[tuple[str, str]]) -> Match:
    got_set, want_set = set(got), set(want)
    both = got_set & want_set
    order = [p for p in got if p in both] == [p for p in want if p in both]
    return Match(len(got), len(want), len(both), order, list(got) == list(want))


def mark(ok: bool) -> str:
    return "ok" if ok else "MISS"


# --- pages ---------------------------------------------------------------------


def decode(raw: bytes) -> str:
    return decode_html(raw, None)[0]


@dataclass
class Results:
    rows: list[tuple[str, Match, bool, str]] = field(default_factory=list)
    """(page, match, next right, posted) per list page."""
    links: list[tuple[str, Match]] = field(default_factory=list)
    """(what, match) for cities and categories."""
    kinds: list[tuple[str, str, str, str, bool]] = field(default_factory=list)
    """(page, expected, got, reason, real page)."""
    index: list[tuple[str, int, int, int, int]] = field(default_factory=list)
    timings: list[tuple[str, float, float, float]] = field(default_factory=list)
    """(what, min, p50, p95) in ms."""
    notes: list[str] = field(default_factory=list)

    def kind(self, page: str, expected: str, html: str, url: str, *, real: bool = False) -> None:
        verdict = classify(LexborHTMLParser(html), url)
        self.kinds.append((page, expected, verdict.kind, verdict.reason, real))


def show_rows(label: str, m: Match, next_ok: bool, posted: str, verbose: bool) -> None:
    order = "exact" if m.exact else ("same" if m.order else "WRONG")
    flag = "" if m.f1 >= F1_TARGET and next_ok and m.order else "  MISS"
    print(
        f"  {label:<42}{m.got:>5}{m.want:>5}{m.precision:>7.3f}{m.recall:>7.3f}{m.f1:>7.3f}"
        f"  {order:<6}{'ok' if next_ok else 'WRONG':<7}{posted:>8}{flag}",
        flush=True,
    )


ROWS_HEADER = f"  {'page':<42}{'got':>5}{'gold':>5}{'P':>7}{'R':>7}{'F1':>7}  {'order':<6}{'next':<7}{'posted':>8}"


def real_pages(results: Results, verbose: bool) -> dict:
    gold = json.loads((REAL / "gold.json").read_text(encoding="utf-8"))
    print(f"\nReal list pages ({REAL})")
    print(ROWS_HEADER)
    for entry in gold["lists"]:
        html = decode((REAL / entry["file"]).read_bytes())
        page = read_listings(html, entry["base_url"], auto_profile())
        got = [(i.title, i.url) for i in page.items]
        want = [(i["title"], i["url"]) for i in entry["items"]]
        m = match(got, want)
        next_ok = page.next_url == entry["next_url"]
        posted = f"{sum(1 for i in page.items if i.published)}/{len(page.items)}"
        results.rows.append((entry["file"], m, next_ok, posted))
        show_rows(entry["file"], m, next_ok, posted + "*", verbose)
        if verbose:
            for pair in got:
                if pair not in set(want):
                    print(f"      extra: {pair[0]}  {pair[1][:80]}")
            for pair in want:
                if pair not in set(got):
                    print(f"      missing: {pair[0]}  {pair[1][:80]}")
    print("  * real pages: rows with a posted time / rows (no gold for times)")

    for entry in gold["index"]:
        html = decode((REAL / entry["file"]).read_bytes())
        url = REAL_URLS.get(entry["file"], (REAL / entry["file"]).as_uri())
        found = read_cities(html, url, auto_profile())
        have = {(c.name, c.url) for c in found}
        samples = sum(1 for name, link in entry["samples"] if (name, link) in have)
        results.index.append(
            (entry["file"], len({c.url for c in found}), entry["count"], samples, len(entry["samples"]))
        )

    for entry in gold["kinds"]:
        html = decode((REAL / entry["file"]).read_bytes())
        url = REAL_URLS.get(entry["file"], (REAL / entry["file"]).as_uri())
        results.kind(entry["file"], REAL_KINDS[entry["kind"]], html, url, real=True)
    return gold


# --- the demo portal -------------------------------------------------------------


def page_url(style: str, base: str, city: str, category: str, number: int) -> str:
    first = f"{base}/{city}/{category}/"
    if number <= 1:
        return first
    return {"a": f"{first}?page={number}", "b": f"{first}list/{number}/", "c": f"{first}pn{number}/"}[style]


def demo_style(style: str, args: argparse.Namespace, now: datetime, results: Results) -> None:
    from tui_reader.demo.web.server import DemoOptions, DemoServer

    options = DemoOptions(style=style, now=now, articles_per_category=args.articles)
    with (
        DemoServer(port=0, options=options, log=lambda _line: None) as server,
        httpx.Client(follow_redirects=True, timeout=30) as http,
    ):
        base = server.base_url
        site = server.site()

        def get(url: str) -> tuple[str, str]:
            response = http.get(url)
            return decode(response.content), str(response.url)

        profile = load_profile(PROFILES[style]) if style in PROFILES else None
        if profile is None:
            from tui_reader.demo.site import gold_c
        auto = auto_profile()
        print(f"\nDemo style {style!r} ({'gold: profile ' + PROFILES[style] if profile else 'gold: gold_c'})")

        # Cities: the home page, following the chooser link once, like the reader does.
        home, home_url = get(base + "/")
        results.kind(f"{style}: home", "index", home, home_url)
        chooser_html, chooser_url = home, home_url
        try:
            found = read_cities(home, home_url, auto)
        except ChooserElsewhere as elsewhere:
            chooser_html, chooser_url = get(elsewhere.url)
            found = read_cities(chooser_html, chooser_url, auto)
        except Exception as exc:
            results.notes.append(f"{style}: read_cities on the home page failed: {type(exc).__name__}: {exc}")
            found = ()
        if profile is not None:
            want_cities = [(c.name, c.url) for c in parse.parse_cities(home, home_url, profile)]
        else:
            want_cities = gold_c.gold_cities(site, base)
        results.links.append((f"{style}: cities (home page)", match([(c.name, c.url) for c in found], want_cities)))
        if style == "c":
            page, url = get(base + "/changecity.html")
            results.kind("c: /changecity.html", "index", page, url)
            try:
                chooser = [(c.name, c.url) for c in read_cities(page, url, auto)]
            except Exception as exc:
                results.notes.append(f"c: read_cities on /changecity.html failed: {type(exc).__name__}: {exc}")
                chooser = []
            results.links.append(("c: cities (/changecity.html)", match(chooser, want_cities)))

        print(ROWS_HEADER)
        article_urls: list[str] = []
        for city in args.cities:
            city_html, city_url = get(f"{base}/{city}/")
            results.kind(f"{style}: /{city}/", "index", city_html, city_url)
            try:
                got_cats = [(c.name, c.url) for c in read_categories(city_html, city_url, auto, city)]
            except Exception as exc:
                results.notes.append(f"{style}: read_categories /{city}/ failed: {type(exc).__name__}: {exc}")
                got_cats = []
            if profile is not None:
                want_cats = [(c.name, c.url) for c in parse.parse_categories(city_html, city_url, profile, city)]
            else:
                want_cats = gold_c.gold_categories(site, city, base)
            results.links.append((f"{style}: categories /{city}/", match(got_cats, want_cats)))

            for category in args.categories:
                for number in args.pages:
                    html, url = get(page_url(style, base, city, category, number))
                    label = f"{style}: " + url[len(base) :]
                    results.kind(label, "listing", html, url)
                    try:
                        page = read_listings(html, url, auto, now=now)
                        items = page.items
                        next_url = page.next_url
                    except Exception as exc:
                        results.notes.append(f"{label}: read_listings failed: {type(exc).__name__}: {exc}")
                        items, next_url = (), "<failed>"
                    got = [(i.title, i.url) for i in items]
                    if profile is not None:
                        truth = parse.parse_listings(html, url, profile)
                        want = [(i.title, i.url) for i in truth.items]
                        want_next = truth.next_url
                        by_url = {i.url: i.published for i in truth.items}
                        posted_ok = sum(1 for i in items if i.url in by_url and i.published == by_url[i.url])
                        posted = f"{posted_ok}/{len(want)}"
                    else:
                        truth_c = gold_c.gold_listing_at(site, url, now)
                        want = [(r.title, r.url) for r in truth_c.rows]
                        want_next = truth_c.next_url
                        windows = {r.url: (r.earliest, r.latest) for r in truth_c.rows}
                        posted_ok = sum(
                            1
                            for i in items
                            if i.url in windows
                            and i.published is not None
                            and windows[i.url][0] <= i.published <= windows[i.url][1]
                        )
                        posted = f"{posted_ok}/{len(want)}"
                    m = match(got, want)
                    next_ok = next_url == want_next
                    results.rows.append((label, m, next_ok, posted))
                    show_rows(label, m, next_ok, posted, args.verbose)
                    if args.verbose:
                        for pair in got:
                            if pair not in set(want):
                                print(f"      extra: {pair[0]}  {pair[1]}")
                        for pair in want:
                            if pair not in set(got):
                                print(f"      missing: {pair[0]}  {pair[1]}")
                        if not next_ok:
                            print(f"      next: got {next_url}, gold {want_next}")
                    article_urls.extend(u for _, u in want[:2])

        # Articles: the first rows of the first pages; for c, what gold_c says each one answers.
        for url in article_urls[:4]:
            html, final = get(url)
            expected = gold_c.gold_article_kind(site, url) if style == "c" else "article"
            results.kind(f"{style}: " + url[len(base) :], expected, html, final)

        if style == "c":
            _style_c_refusals(site, base, get, now, args, results)


def _style_c_refusals(
    site, base: str, get: Callable[[str], tuple[str, str]], now: datetime, args: argparse.Namespace, results: Results
) -> None:
    """Style c's refusals, found through gold_c / refusals: a login-walled and a deleted
    article, an unknown id, the js-only board, and a captcha after a burst."""
    from tui_reader.demo.site import gold_c
    from tui_reader.demo.web.refusals import JS_ONLY_CATEGORY
    from tui_reader.demo.web.server import DemoOptions, DemoServer

    city = args.cities[0]
    wanted = {"login": None, "not-found": None}
    for category in args.categories:
        listing = gold_c.gold_listing(site, city, category, 1, base, now)
        for row in listing.rows:
            kind = gold_c.gold_article_kind(site, row.url)
            if kind in wanted and wanted[kind] is None:
                wanted[kind] = row.url
    for kind, url in wanted.items():
        if url is None:
            results.notes.append(f"c: no {kind} article among the first pages' rows")
            continue
        html, final = get(url)
        results.kind(f"c: {kind} " + url[len(base) :], kind, html, final)
    unknown = f"{base}/{city}/{args.categories[0]}/1x.shtml"
    html, final = get(unknown)
    results.kind("c: unknown id " + unknown[len(base) :], gold_c.gold_article_kind(site, unknown), html, final)
    shell = f"{base}/{city}/{JS_ONLY_CATEGORY}/"
    html, final = get(shell)
    results.kind("c: js-only " + shell[len(base) :], "js-only", html, final)

    # The captcha: a server that allows one request per client, then answers the captcha.
    options = DemoOptions(
        style="c",
        now=now,
        articles_per_category=args.articles,
        captcha_after=1,
        captcha_window=60.0,
        captcha_cooldown=60.0,
    )
    with DemoServer(port=0, options=options, log=lambda _line: None) as guarded, httpx.Client(timeout=30) as http:
        url = f"{guarded.base_url}/{city}/{args.categories[0]}/"
        http.get(url)
        html = decode(http.get(url).content)
        results.kind(f"c: captcha (burst) /{city}/{args.categories[0]}/", "captcha", html, url)


# --- speed ---------------------------------------------------------------------


def big_page() -> tuple[str, str, str]:
    """A ~300 KB list page: 58-list.html with its main list's rows cloned until it is big enough.
    Returns (html, url, how it was made)."""
    gold = json.loads((REAL / "gold.json").read_text(encoding="utf-8"))
    entry = gold["lists"][0]
    html = decode((REAL / entry["file"]).read_bytes())
    size = len(html.encode("utf-8"))
    if size >= BIG_BYTES:
        return html, entry["base_url"], f"{entry['file']} as is ({size:,} bytes)"
    from tui_reader.sites.discover import find_rows

    # Work on the parser's serialisation, so the list's HTML is found verbatim in the page.
    tree = LexborHTMLParser(html)
    html = tree.html or html
    group = find_rows(tree)
    if group is None:
        pad = "<!-- " + "x" * (BIG_BYTES - size) + " -->"
        return html.replace("</body>", pad + "</body>"), entry["base_url"], "padded with a comment"
    rows = [row.html or "" for row in group.rows]
    last = rows[-1]
    at = html.find(last)
    if at < 0:
        sys.exit("cannot build the 300 KB page: the list's last row is not verbatim in the page")
    at += len(last)
    size = len(html.encode("utf-8"))
    extra: list[str] = []
    added = 0
    n = 0
    while size + added < BIG_BYTES:
        n += 1
        clone = re.sub(
            r'href="([^"]*)"',
            lambda m, n=n: f'href="{m.group(1)}{"&amp;" if "?" in m.group(1) else "?"}dup={n}"',
            rows[(n - 1) % len(rows)],
        )
        extra.append(clone)
        added += len(clone.encode("utf-8"))
    big = html[:at] + "".join(extra) + html[at:]
    how = (
        f"{entry['file']} re-serialised by lexbor ({size:,} bytes) + {n} clones of its first list rows "
        f"after its last row (links made distinct with dup=N) = {len(big.encode('utf-8')):,} bytes"
    )
    return big, entry["base_url"], how


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """(min, p50, p95) in ms."""
    run()  # warm-up: lazy imports and caches are not per-page cost
    spent = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        spent.append(time.perf_counter() - start)
    return min(spent) * 1000, percentile(spent, 0.50) * 1000, percentile(spent, 0.95) * 1000


def speed(args: argparse.Namespace, results: Results) -> None:
    html, url, how = big_page()
    results.notes.append(f"300 KB page: {how}")
    page = read_listings(html, url, auto_profile())
    results.notes.append(f"300 KB page: read_listings found {len(page.items)} rows, next {page.next_url}")
    results.timings.append(
        ("classify, ~300 KB list page", *timed(lambda: classify(LexborHTMLParser(html), url), args.repeat))
    )
    results.timings.append(
        ("read_listings, ~300 KB list page", *timed(lambda: read_listings(html, url, auto_profile()), args.repeat))
    )
    for name, real_url in REAL_URLS.items():
        path = REAL / name
        if not path.is_file():
            continue
        text = decode(path.read_bytes())
        results.timings.append(
            (
                f"classify, {name} ({path.stat().st_size // 1024} KB)",
                *timed(lambda text=text, real_url=real_url: classify(LexborHTMLParser(text), real_url), args.repeat),
            )
        )


# --- report --------------------------------------------------------------------


def report(results: Results) -> None:
    print("\nCities and categories")
    print(f"  {'what':<42}{'got':>5}{'gold':>5}{'P':>7}{'R':>7}{'F1':>7}  order")
    for what, m in results.links:
        flag = "" if m.f1 >= F1_TARGET else "  MISS"
        print(
            f"  {what:<42}{m.got:>5}{m.want:>5}{m.precision:>7.3f}{m.recall:>7.3f}{m.f1:>7.3f}"
            f"  {'exact' if m.exact else ('same' if m.order else 'WRONG')}{flag}"
        )
    for name, count, gold_count, samples, sample_total in results.index:
        flag = "" if count == gold_count and samples == sample_total else "  MISS"
        print(
            f"  {name + ': distinct cities':<42}{count:>5}{gold_count:>5}   samples present "
            f"{samples}/{sample_total}{flag}"
        )

    print("\nPage kinds")
    print(f"  {'page':<52}{'expected':<11}{'got':<11}reason")
    for page, expected, got, reason, real in results.kinds:
        flag = "" if got == expected else "  MISS"
        print(f"  {('[real] ' if real else '') + page:<52}{expected:<11}{got:<11}{reason}{flag}")

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"\nDetection time (single core, ms; load average {load} on {os.cpu_count()} CPUs)")
    print(f"  {'what':<52}{'min':>8}{'p50':>8}{'p95':>8}")
    for what, low, p50, p95 in results.timings:
        print(f"  {what:<52}{low:>8.2f}{p50:>8.2f}{p95:>8.2f}{'' if p95 <= MS_TARGET else '  MISS'}")

    if results.notes:
        print("\nNotes")
        for note in results.notes:
            print(f"  - {note}")

    rows_ok = [r for r in results.rows if r[1].f1 >= F1_TARGET]
    order_ok = [r for r in results.rows if r[1].order]
    next_ok = [r for r in results.rows if r[2]]
    links_ok = [m for _, m in results.links if m.f1 >= F1_TARGET]
    index_ok = all(c == g and s == t for _, c, g, s, t in results.index)
    real_kinds = [k for k in results.kinds if k[4]]
    demo_kinds = [k for k in results.kinds if not k[4]]
    kinds_real_ok = [k for k in real_kinds if k[1] == k[2]]
    kinds_demo_ok = [k for k in demo_kinds if k[1] == k[2]]
    worst_p95 = max((p95 for _, _, _, p95 in results.timings[:2]), default=0.0)
    all_p95 = max((p95 for _, _, _, p95 in results.timings), default=0.0)
    min_f1 = min((r[1].f1 for r in results.rows), default=1.0)
    print("\nSummary")
    lines = [
        (
            "rows F1 >= 0.95 per page",
            f"{len(rows_ok)}/{len(results.rows)} pages (min {min_f1:.3f})",
            len(rows_ok) == len(results.rows),
        ),
        ("rows in page order", f"{len(order_ok)}/{len(results.rows)} pages", len(order_ok) == len(results.rows)),
        (
            "next_url right on every page",
            f"{len(next_ok)}/{len(results.rows)} pages",
            len(next_ok) == len(results.rows),
        ),
        ("cities/categories F1 >= 0.95", f"{len(links_ok)}/{len(results.links)}", len(links_ok) == len(results.links)),
        ("city index count and samples", "right" if index_ok else "wrong", index_ok),
        (
            "kind right on every real page",
            f"{len(kinds_real_ok)}/{len(real_kinds)}",
            len(kinds_real_ok) == len(real_kinds),
        ),
        ("kind right on demo pages", f"{len(kinds_demo_ok)}/{len(demo_kinds)}", len(kinds_demo_ok) == len(demo_kinds)),
        ("detection p95 <= 20 ms (300 KB page)", f"{worst_p95:.1f} ms", worst_p95 <= MS_TARGET),
        ("classify p95 <= 20 ms (every timed page)", f"{all_p95:.1f} ms", all_p95 <= MS_TARGET),
    ]
    for what, value, ok in lines:
        print(f"  {what:<44}{value:<34}{mark(ok)}")
    missed = [what for what, _, ok in lines if not ok]
    print(f"\n{'all targets met' if not missed else 'MISSED: ' + '; '.join(missed)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--styles", default="a,b,c", help="demo styles to score (default: a,b,c; '' for none)")
    parser.add_argument("--cities", default="lianyungang,shenzhen", help="demo cities (slugs)")
    parser.add_argument("--categories", default="fangchan,zhaopin,ershou", help="demo categories (slugs)")
    parser.add_argument("--pages", default="1,2", help="listing page numbers per category")
    parser.add_argument("--articles", type=int, default=200, help="articles per demo category")
    parser.add_argument("--repeat", type=int, default=50, help="timed runs per measurement")
    parser.add_argument("--verbose", "-v", action="store_true", help="list extra/missing rows and wrong next pages")
    args = parser.parse_args(argv)
    args.cities = [c for c in args.cities.split(",") if c]
    args.categories = [c for c in args.categories.split(",") if c]
    args.pages = [int(p) for p in args.pages.split(",") if p]
    styles = [s for s in args.styles.split(",") if s]

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    if not REAL.is_dir():
        sys.exit(f"real pages not found at {REAL}")
    now = datetime.now(CST).replace(second=0, microsecond=0)
    print(f"discovery benchmark, --site auto (no profile); style c served at now = {now.isoformat()}")
    results = Results()
    real_pages(results, args.verbose)
    for style in styles:
        demo_style(style, args, now, results)
    speed(args, results)
    report(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
