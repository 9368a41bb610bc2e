"""Issue 15's command-line bugs, each pinned by the test that showed it."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from support.cli import fast_sync, run, run_json
from tui_reader.cli.output import _cached_what
from tui_reader.models import City, Listing, Page

# -- cache clear asks first ------------------------------------------------------------


def _pages(home: Path) -> int:
    """Cached pages of every kind (cities, categories, listings, articles)."""
    stats = run_json(home, "--demo", "cache", "stats")
    assert isinstance(stats, dict)
    return sum(stats[kind] for kind in ("cities", "categories", "listings", "article"))


def _synced(home: Path) -> int:
    fast_sync(home)
    run(home, "--demo", "sync", "连云港", "房产", "--quiet")
    count = _pages(home)
    assert count > 0
    return count


def _first_url(home: Path) -> str:
    listed = run_json(home, "--demo", "--offline", "list", "连云港", "房产")
    assert isinstance(listed, dict)
    url: str = listed["items"][0]["url"]
    return url


def test_cache_clear_without_a_terminal_and_without_yes_deletes_nothing(home: Path) -> None:
    count = _synced(home)
    proc = run(home, "--demo", "cache", "clear", check_exit=1)
    assert proc.stderr == "tui-reader: cache clear asks first; add --yes to clear without a question\n"
    assert _pages(home) == count


def test_cache_clear_with_yes_keeps_bookmarks(home: Path) -> None:
    _synced(home)
    url = _first_url(home)
    run(home, "--demo", "bookmarks", "add", url)
    run(home, "--demo", "cache", "clear", "--yes")
    assert _pages(home) == 0
    assert [m["url"] for m in run_json(home, "--demo", "bookmarks")] == [url]  # type: ignore[union-attr]


def _on_a_terminal(home: Path, answer: bytes, *args: str) -> tuple[int, str]:
    """Run with a pseudo-terminal as stdin/stdout/stderr, answering ``answer``."""
    master, slave = pty.openpty()
    env = {**os.environ, "TUI_READER_HOME": str(home)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui_reader", *args], stdin=slave, stdout=slave, stderr=slave, env=env
    )
    os.close(slave)
    os.write(master, answer)
    output = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    return proc.wait(timeout=60), output.decode("utf-8", "replace")


@pytest.mark.parametrize(("answer", "cleared"), [(b"n\n", False), (b"\n", False), (b"y\n", True)])
def test_cache_clear_on_a_terminal_asks(home: Path, answer: bytes, cleared: bool) -> None:
    count = _synced(home)
    code, output = _on_a_terminal(home, answer, "--demo", "cache", "clear")
    assert f"Delete {count} cached pages (bookmarks and history are kept)? [y/N]" in output
    assert code == 0
    assert _pages(home) == (0 if cleared else count)


# -- a missing file is a missing file -----------------------------------------------


def test_read_a_missing_file(home: Path) -> None:
    proc = run(home, "read", "missing.html", check_exit=1)
    assert proc.stderr == "tui-reader: no such file: missing.html\n"


@pytest.mark.parametrize("target", ["missing.html", "./pages/missing.htm", "~/nowhere/list.html"])
def test_list_a_missing_file(home: Path, target: str) -> None:
    proc = run(home, "list", target, check_exit=1)
    assert proc.stderr == f"tui-reader: no such file: {target}\n"


def test_list_a_single_name_is_still_a_usage_error(home: Path) -> None:
    proc = run(home, "list", "lianyungang", check_exit=2)
    assert "list CITY CATEGORY" in proc.stderr


# -- profile check --demo reads the demo portal ----------------------------------------


@pytest.mark.parametrize("target", ["/lianyungang/", "http://127.0.0.1:8964/lianyungang/"])
def test_profile_check_demo_starts_the_demo_portal(home: Path, target: str) -> None:
    proc = run(home, "profile", "check", "--demo", target)
    assert "profile demo" in proc.stdout and "reads as a category list" in proc.stdout


# -- counts in words --------------------------------------------------------------------


def test_cached_counts_say_one_in_the_singular() -> None:
    one = Page(items=(Listing("t", "http://x/1.html"),), number=1)
    assert _cached_what(one) == "1 cached listing"
    assert _cached_what((City("连云港", "http://x/lyg/"),)) == "1 cached city"
    assert _cached_what((City("a", "u"), City("b", "v"))) == "2 cached cities"


def test_search_footer_counts_in_words(home: Path) -> None:
    _synced(home)
    read = run_json(home, "--demo", "--offline", "read", _first_url(home))
    assert isinstance(read, dict)
    proc = run(home, "--demo", "search", read["title"][:3], "--limit", "1")
    assert proc.stderr.strip().startswith("-- 1 article found")
