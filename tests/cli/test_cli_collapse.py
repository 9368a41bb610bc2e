"""``--collapse`` on the command line: a post and its reposts are one row, its reposts
and places under it — over a cache synced from the demo portal, with reposts of one of
its posts written into that cache as another portal would have them."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

from support.cli import fast_sync, run, run_json
from tui_reader.demo.web.server import DemoServer
from tui_reader.models import Article, utcnow
from tui_reader.store import CacheEntry, Store


def _repost(home: Path, flags: tuple[str, ...]) -> tuple[str, list[str]]:
    """Two reposts of the first 房产 article (reworded, in other cities); its URL and theirs."""
    hits = run_json(home, "search", "cat:房产", *flags)
    assert isinstance(hits, list) and hits
    url = str(hits[0]["url"])
    stats = run_json(home, "cache", "stats", *flags)
    assert isinstance(stats, dict)
    store = Store(Path(str(stats["path"])))
    try:
        original = store.get("article", url)
        assert original is not None
        article = Article.from_dict(original.payload)
        copies = []
        for n, city in enumerate(("徐州", "淮安"), start=1):
            copy = replace(article, url=f"{url}?repost={n}", title=article.title + " 急租", city=city)
            copies.append(CacheEntry("article", copy.url, copy.to_dict(), None, None, utcnow()))
        store.put_many(copies)
    finally:
        store.close()
    return url, [c.key for c in copies]


def test_collapse_folds_reposts_into_their_post(portal: DemoServer, home: Path) -> None:
    flags = ("--site", "demo", "--base-url", portal.base_url, "--offline")
    fast_sync(home)
    run(home, "sync", "连云港", "房产", "--quiet", *flags[:-1])
    url, reposts = _repost(home, flags)
    query = "cat:房产 sort:posted"

    flat = run_json(home, "search", query, *flags)
    folded = run_json(home, "search", query, "--collapse", *flags)
    assert isinstance(flat, list) and isinstance(folded, list)
    assert len(folded) == len(flat) - 2
    post = next(r for r in folded if url in [r["url"], *(x["url"] for x in r["reposts"])])
    assert sorted([post["url"], *(x["url"] for x in post["reposts"])]) == sorted([url, *reposts])
    assert {"徐州", "淮安"} <= {p.split()[0] for p in post["places"]}
    assert all(not r["reposts"] for r in folded if r is not post)  # the demo's own posts are all different

    human = run(home, "search", query, "--collapse", *flags).stdout
    assert "+2 reposts · also in" in human

    table = run(home, "export", "search", query, "--collapse", "--format", "csv", *flags).stdout
    rows = list(csv.DictReader(io.StringIO(table)))
    assert len(rows) == len(folded)
    lead = next(r for r in rows if r["url"] == post["url"])
    assert sorted(lead["reposts"].split()) == sorted(x["url"] for x in post["reposts"])

    as_json = json.loads(run(home, "export", "search", query, "--collapse", "--format", "json", *flags).stdout)
    assert [r["url"] for r in as_json] == [r["url"] for r in folded]
