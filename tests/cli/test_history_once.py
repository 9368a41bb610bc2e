"""``tui-reader history`` lists an article read twice once, with its count of openings."""

from __future__ import annotations

from pathlib import Path

from support.cli import run, run_json
from tui_reader.demo.web.server import DemoServer


def test_reading_an_article_again_does_not_list_it_twice(demo_server: DemoServer, home: Path) -> None:
    base = ("--site", "demo", "--base-url", demo_server.base_url)
    page = run_json(home, "list", "连云港", "房产", *base)
    assert isinstance(page, dict)
    first, second = (row["url"] for row in page["items"][:2])
    for url in (first, second, first):
        run(home, "read", url, *base)
    history = run_json(home, "history", *base)
    assert isinstance(history, list)
    assert [(h["url"], h["opened_count"]) for h in history] == [(first, 2), (second, 1)]
    assert all({"url", "title", "opened_at"} <= set(h) for h in history)
    assert run(home, "history", *base).stdout.count(first) == 1
