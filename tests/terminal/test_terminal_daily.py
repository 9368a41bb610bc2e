"""Daily use of the installed command in tmux: finding a city by its initials, and
coming back to the place left at the last quit."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.terminal import open_terminal, wait_until_closed

pytestmark = pytest.mark.tmux


def city_rows(screen: str) -> list[str]:
    """The lines of the cities pane (the first column), without borders or what a narrow pane cut."""
    rows = []
    for line in screen.splitlines()[2:]:
        if line.startswith("│"):
            rows.append(line[1:].split("│")[0].split(" ")[0].strip())
    return [row for row in rows if row]


def test_the_city_filter_finds_lianyungang_by_its_initials(tmp_path: Path) -> None:
    for terminal in open_terminal(tmp_path, "--demo"):
        terminal.wait_for(lambda s: "连云港" in s and "房产" in s, "cities and categories")
        terminal.keys("/")
        terminal.text("lyg")
        # Only the matches stay in the cities pane: 连云港 first, 南京 (above it unfiltered) gone.
        filtered = terminal.wait_for(
            lambda s: city_rows(s)[:2] == ["lyg", "连云港"] and "南京" not in city_rows(s), "the filtered city list"
        )
        assert "Traceback" not in filtered
        terminal.keys("Enter")
        terminal.wait_for(lambda s: "连云港 › 房产" in s, "连云港 opened")
        terminal.keys("q")
        wait_until_closed(terminal)


def test_the_next_start_comes_back_to_the_same_place(tmp_path: Path) -> None:
    first = open_terminal(tmp_path, "--demo")
    terminal = next(first)
    terminal.wait_for(lambda s: "南京 › 房产" in s, "the first city's first category")
    terminal.keys("/")
    terminal.text("lyg")
    terminal.keys("Enter")
    terminal.wait_for(lambda s: "连云港 › 房产" in s, "连云港 opened")
    terminal.keys("/")
    terminal.text("zp")  # the categories pane has the focus now: 招聘 by its initials
    terminal.keys("Enter")
    terminal.wait_for(lambda s: "连云港 › 招聘" in s, "招聘 opened")
    terminal.keys("q")
    wait_until_closed(terminal)
    first.close()

    # No flags but --demo, a new process, the same home: back in 连云港 › 招聘,
    # with 连云港 under "Recent" at the top of the city list.
    second = open_terminal(tmp_path, "--demo")
    terminal = next(second)
    screen = terminal.wait_for(lambda s: "连云港 › 招聘" in s, "the place left last time")
    assert "Recent" in screen and "Traceback" not in screen
    terminal.keys("q")
    wait_until_closed(terminal)
    second.close()
