"""Photos in a real terminal: the installed command shows how many an article has,
pages through them on p (half-blocks inside tmux), and finds a photo it showed
once again with the network off."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from support.cli import fast_sync
from support.terminal import COMMAND, Terminal, open_terminal, wait_until_closed

pytestmark = pytest.mark.tmux

_HALF_BLOCKS = ("▀", "▄")


def _article_with_photos(terminal: Terminal) -> int:
    """From the first city's first category, the first article with photos in the reader
    pane (J opens the next one); how many it has."""
    terminal.wait_for(lambda s: "南京 › 房产" in s, "the first city's first category")
    terminal.wait_for(lambda s: "元" in s and re.search(r"\d{2}-\d{2}", s) is not None, "the article list")
    for _ in range(3):  # the list may still be taking the focus: Enter again, as a person would
        terminal.keys("Enter")
        try:
            terminal.wait_for(lambda s: "次查看" in s, "the article", limit=8.0)
            break
        except AssertionError:
            continue
    for _ in range(8):
        found = re.search(r"📷 (\d+)", terminal.wait_for(lambda s: "次查看" in s, "the article"))
        if found:
            return int(found.group(1))
        terminal.keys("J")
        terminal.wait_for(lambda s: "次查看" in s, "the next article")
    raise AssertionError("no article with photos among the first rows")


def test_the_gallery_pages_through_photos_in_tmux_and_keeps_them_for_offline(tmp_path: Path) -> None:
    first = open_terminal(tmp_path, "--demo")
    terminal = next(first)
    count = _article_with_photos(terminal)
    terminal.keys("p")
    shown = terminal.wait_for(lambda s: f"1 / {count}" in s and any(b in s for b in _HALF_BLOCKS), "the first photo")
    assert "Traceback" not in shown
    terminal.keys("Right")
    terminal.wait_for(lambda s: f"2 / {count}" in s, "the second photo")
    terminal.keys("Escape")
    back = terminal.wait_for(lambda s: "次查看" in s and f"/ {count}" not in s, "back to the text")
    assert f"📷 {count}" in back
    terminal.keys("q")
    wait_until_closed(terminal)
    first.close()

    # The network off, the same home: the two photos seen are in the photo cache.
    second = open_terminal(tmp_path, "--demo", "--offline")
    terminal = next(second)
    assert _article_with_photos(terminal) == count
    terminal.keys("p")
    terminal.wait_for(lambda s: f"1 / {count}" in s and any(b in s for b in _HALF_BLOCKS), "the cached photo")
    if count > 2:
        terminal.keys("Left")  # the last one was never looked at
        terminal.wait_for(lambda s: "not cached" in s, "the offline sentence")
    terminal.keys("Escape")
    # Back in the text before q: an Escape and a q sent at once read as Alt+q.
    terminal.wait_for(lambda s: "次查看" in s and f"/ {count}" not in s, "back to the text")
    terminal.keys("q")
    wait_until_closed(terminal)
    second.close()


def test_photos_synced_with_sync_photos_are_paged_through_offline(tmp_path: Path) -> None:
    """`sync --photos`, then the reader with the network off: every photo of an article is there."""
    home = tmp_path / "home"
    fast_sync(home)
    done = subprocess.run(
        [str(COMMAND), "--demo", "sync", "南京", "房产", "--photos", "--quiet"],
        env={**os.environ, "TUI_READER_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    session = open_terminal(tmp_path, "--demo", "--offline")
    terminal = next(session)
    count = _article_with_photos(terminal)
    terminal.keys("p")
    for number in range(1, count + 1):
        screen = terminal.wait_for(
            lambda s, n=number: f"{n} / {count}" in s and any(b in s for b in _HALF_BLOCKS), f"photo {number}"
        )
        assert "not cached" not in screen
        terminal.keys("Right")
    terminal.keys("Escape")
    terminal.wait_for(lambda s: "次查看" in s and f"/ {count}" not in s, "back to the text")
    terminal.keys("q")
    wait_until_closed(terminal)
    session.close()
