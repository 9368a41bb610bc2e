"""The installed command in a real terminal: tmux runs it, keys go in, the screen is read back."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.terminal import Terminal, open_terminal

pytestmark = pytest.mark.tmux


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    yield from open_terminal(tmp_path, "--demo")


@pytest.fixture
def auto_terminal(tmp_path: Path) -> Iterator[Terminal]:
    """The demo portal's third style, read with no profile at all."""
    yield from open_terminal(tmp_path, "--demo", "--site", "auto")


def _open_first_category(terminal: Terminal, city: str) -> None:
    """Filter the city pane to ``city``, open it, then its first category (房产)."""
    terminal.keys("/")
    terminal.text(city)
    terminal.keys("Enter")
    terminal.wait_for(lambda s: f"{city} › 房产" in s, f"{city}'s first category opened")
    terminal.keys("Enter")


def test_installed_command_reads_an_article_in_tmux(terminal: Terminal) -> None:
    first = terminal.wait_for(lambda s: "连云港" in s and "房产" in s, "cities and categories")
    assert "Traceback" not in first

    # Filter the city pane to 连云港, then drill in: city → first category → first article.
    _open_first_category(terminal, "连云港")
    # Dates as the column has room for them: "2026-11-20" or "11-20".
    terminal.wait_for(lambda s: "元" in s and re.search(r"\d{2}-\d{2}", s) is not None, "the article list")
    # The meta line and the fields panel head the article (its source URL is below the fold).
    opened = lambda s: "次查看" in s and "Fields" in s and "Phone" in s  # noqa: E731
    # The list may still be settling (focus moving to it) when its rows first
    # show; a person would press Enter again, and so does the test, a few times.
    for _ in range(3):
        terminal.keys("Enter")
        try:
            article = terminal.wait_for(opened, "the article", limit=8.0)
            break
        except AssertionError:
            continue
    else:
        article = terminal.wait_for(opened, "the article", limit=1.0)
    assert "连云港 › 房产" in article and "Contact" in article

    terminal.keys("q")
    deadline = time.monotonic() + 15
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.alive(), "q did not quit"


def test_installed_command_reads_a_portal_it_has_no_profile_for(auto_terminal: Terminal) -> None:
    terminal = auto_terminal
    # The cities come from the chooser one click behind the home page, grouped by letter.
    first = terminal.wait_for(lambda s: "蚌埠" in s and "房产" in s, "discovered cities and categories")
    assert "Traceback" not in first
    _open_first_category(terminal, "连云港")
    # Rows with their resolved dates (relative on the page) and prices.
    listed = terminal.wait_for(lambda s: "元" in s and re.search(r"\d{2}-\d{2}", s) is not None, "the discovered rows")
    assert "广告" not in listed
    terminal.keys("q")
    deadline = time.monotonic() + 15
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.alive(), "q did not quit"
