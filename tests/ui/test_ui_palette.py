"""The command palette (ctrl+p) with the reader's own commands, driven with Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from support.pilot import WIDE, screen_text, settle, status_text
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.search import SearchScreen


async def palette_shows(pilot: Pilot, app: ReaderApp, typed: str) -> CommandList:
    """Open the palette, type, and wait (a bounded number of turns) for its hits."""
    await pilot.press("ctrl+p")
    await pilot.press(*typed)
    for _ in range(200):
        await pilot.pause(0.01)
        if isinstance(app.screen, CommandPalette):
            hits = app.screen.query_one(CommandList)
            if hits.option_count:
                return hits
    raise AssertionError(f"the palette found nothing for {typed!r}")


async def run_command(pilot: Pilot, app: ReaderApp, typed: str) -> None:
    await palette_shows(pilot, app, typed)
    await pilot.press("enter")  # the best hit
    await settle(app, pilot)


async def test_jump_to_a_city_by_its_initials(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        hits = await palette_shows(pilot, app, "lyg")
        first = str(hits.get_option_at_index(0).prompt)
        assert "Go to city 连云港" in first
        await pilot.press("enter")
        await settle(app, pilot)
        browse = app.screen
        assert browse.city.name == "连云港"
        assert app.focused is browse.category_list.rows  # as if chosen in the pane


async def test_jump_to_a_category_of_the_current_city(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await run_command(pilot, app, "zhaopin")
        assert app.screen.category.name == "招聘"


async def test_offline_from_the_palette_reads_only_the_cache(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await palette_shows(pilot, app, "go offline")
        assert "Read only from the cache" in screen_text(app)  # the command's help line
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.client.offline
        assert "offline" in app.screen.sub_title and "offline" in status_text(app)
        # A city never opened is not in the cache: offline, it is not fetched.
        await run_command(pilot, app, "xinxiang")
        assert app.screen.city.name == "新乡"
        assert app.screen.category_list.items == ()
        assert "offline" in status_text(app)

        await run_command(pilot, app, "go online")
        assert not app.client.offline and "offline" not in app.screen.sub_title


async def test_search_opens_from_the_palette(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await run_command(pilot, app, "search")
        assert isinstance(app.screen, SearchScreen)


async def test_config_file_without_an_editor_is_shown_by_its_path(
    client, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUI_READER_HOME", str(home))
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await run_command(pilot, app, "config file")
        messages = [n.message for n in app._notifications]
        assert any(str(home / "config" / "config.toml") in m for m in messages)
