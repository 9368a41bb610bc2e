"""The installed command in tmux with a user's settings: a keymap, a theme, and the layout by width."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.terminal import TMUX, Terminal, open_terminal, wait_until_closed

pytestmark = pytest.mark.tmux

NORD_BACKGROUND = "48;2;46;52;64"
"""Textual's "nord" theme paints its background #2E3440; tmux keeps the exact colour."""


def _write_config(tmp_path: Path, text: str) -> None:
    config = tmp_path / "home" / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")


def _coloured_screen(terminal: Terminal) -> str:
    assert TMUX is not None
    return subprocess.run(
        [TMUX, "capture-pane", "-e", "-p", "-t", terminal.session], check=True, capture_output=True, text=True
    ).stdout


def _articles_shown(screen: str) -> bool:
    return "Articles" in screen and "元" in screen


@pytest.fixture
def configured(tmp_path: Path) -> Iterator[Terminal]:
    _write_config(
        tmp_path,
        '[ui]\ntheme = "nord"\n\n[keymap]\n"layout.sidebars" = "ctrl+b"\n"app.help" = "f2"\n',
    )
    # Tall enough for the whole help table.
    yield from open_terminal(tmp_path, "--demo", width=120, height=50, env={"COLORTERM": "truecolor"})


def test_a_keymap_and_a_theme_from_the_config_file(configured: Terminal) -> None:
    screen = configured.wait_for(_articles_shown, "the article list")
    assert "Cities" not in screen  # 120 columns: the sidebars start folded away
    assert NORD_BACKGROUND in _coloured_screen(configured)

    configured.keys("z")  # moved to ctrl+b: z does nothing now
    configured.keys("C-b")  # tmux's name for ctrl+b
    configured.wait_for(lambda s: "Cities" in s and "Categor" in s, "the sidebars, shown by ctrl+b")

    configured.keys("?")  # moved to f2
    configured.keys("F2")
    helped = configured.wait_for(lambda s: "Keys that work here" in s, "the help, opened by f2")
    assert "layout.sidebars" in helped
    help_line = next(line for line in helped.splitlines() if "layout.sidebars" in line)
    assert "^b" in help_line and " z " not in help_line  # Textual shows ctrl+b as ^b


def test_a_bad_keymap_is_one_line_naming_the_file_and_line(tmp_path: Path) -> None:
    _write_config(tmp_path, '[keymap]\n"cursor.dwon" = "j"\n')
    for terminal in open_terminal(tmp_path, "--demo", "; echo EXIT=$?; sleep 30", width=120, height=30):
        screen = terminal.wait_for(lambda s: "EXIT=" in s, "the command to end")
        assert "EXIT=1" in screen
        assert "config.toml:2:" in screen and "cursor.dwon" in screen
        assert "Traceback" not in screen


@pytest.mark.parametrize(
    ("width", "height", "panes", "hidden"),
    [
        (80, 24, ("Cities", "Categories", "Articles"), ("Article ─",)),
        (120, 30, ("Articles", "Article ─"), ("Cities", "Categories")),
        (200, 50, ("Cities", "Categories", "Articles", "Article ─"), ()),
    ],
)
def test_the_layout_follows_the_width(tmp_path: Path, width: int, height: int, panes: tuple, hidden: tuple) -> None:
    for terminal in open_terminal(tmp_path, "--demo", width=width, height=height):
        screen = terminal.wait_for(_articles_shown, f"the article list at {width}×{height}")
        assert all(pane in screen for pane in panes), screen
        assert not any(pane in screen for pane in hidden), screen
        terminal.keys("q")
        wait_until_closed(terminal)
