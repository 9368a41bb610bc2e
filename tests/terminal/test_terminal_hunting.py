"""Hunting with the installed command in tmux: a search with a price, kept as a watch with w,
found again under W."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.cli import fast_sync, run
from support.terminal import open_terminal, wait_until_closed

pytestmark = pytest.mark.tmux


def test_a_price_search_saved_with_w_shows_under_capital_w(tmp_path: Path) -> None:
    home = tmp_path / "home"  # the home open_terminal gives the command
    fast_sync(home)
    run(home, "--demo", "sync", "南京", "房产", "--quiet")

    for terminal in open_terminal(tmp_path, "--demo"):
        terminal.wait_for(lambda s: "南京 › 房产" in s, "the first list")
        terminal.keys("s")
        terminal.wait_for(lambda s: "Type to search" in s, "the search screen")
        terminal.text("两室 price:<8000元/月")
        found = terminal.wait_for(lambda s: "articles" in s and "↓ to the results" in s, "the results")
        assert "元/月" in found and "Traceback" not in found
        terminal.keys("Down")
        terminal.keys("w")
        terminal.wait_for(lambda s: "Keep this search as a watch" in s, "the name dialog")
        terminal.keys("C-u")  # the name offered (the query) emptied
        terminal.wait_for(lambda s: "a name for the watch" in s, "the empty name box")
        terminal.text("two rooms")
        terminal.wait_for(lambda s: "two rooms" in s, "the name typed")
        terminal.keys("Enter")
        saved = terminal.wait_for(lambda s: "Watch saved: two rooms" in s, "the toast")
        assert "matches" in saved or "match" in saved
        terminal.keys("W")
        watches = terminal.wait_for(lambda s: "two rooms — 两室 price:<8000元/月" in s, "the watch under W")
        assert " new · " in watches and "Traceback" not in watches
        terminal.keys("q")
        wait_until_closed(terminal)
