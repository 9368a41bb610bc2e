"""SVG snapshots of the main screens (pytest-textual-snapshot).

The demo portal runs on a FIXED port so the source URL printed under an
article is the same on every run; its content is generated from a seed, and
each test starts from an empty cache, so the status line always says
"network". Regenerate after a deliberate change with
``pytest tests/ui/test_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from textual.pilot import Pilot

from support.pilot import settle
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.ui.app import ReaderApp

SNAPSHOT_PORT = 18964

PICTURE_DAY = datetime(2026, 12, 1, 0, 0, tzinfo=timezone(timedelta(hours=8)))
"""The day the pictures are taken on, whatever the calendar says. The demo's
posts are dated 2026-11-20, and the list shortens a date by its distance from
today ("11-20" within ten months, "2026" after): without a fixed today the
pictures would change by themselves next autumn. The day is in the past on
purpose: every fetch made in a test is later, and an age below zero reads
"just now", as it did when the pictures were taken."""


@pytest.fixture(autouse=True)
def picture_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tui_reader.render.ages.utcnow", lambda: PICTURE_DAY.astimezone(UTC))


@pytest.fixture(scope="module")
def fixed_server() -> Iterator[DemoServer]:
    with DemoServer(port=SNAPSHOT_PORT, options=DemoOptions(), log=lambda _line: None) as server:
        yield server


async def _settle(pilot: Pilot) -> None:
    await settle(pilot.app, pilot)


async def _open_first_article(pilot: Pilot) -> None:
    await _settle(pilot)
    pilot.app.screen.article_list.focus_rows()
    await pilot.press("down", "enter")
    await _settle(pilot)


def test_browse_wide_with_article(snap_compare, client, fixed_server: DemoServer) -> None:
    app = ReaderApp(client(base_url=fixed_server.base_url), site_title="Demo 分类信息网")
    assert snap_compare(app, terminal_size=(160, 50), run_before=_open_first_article)


def test_reader_narrow(snap_compare, client, fixed_server: DemoServer) -> None:
    app = ReaderApp(client(base_url=fixed_server.base_url), site_title="Demo 分类信息网")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open_first_article)


async def _confirm_opening_the_article(pilot: Pilot) -> None:
    await _open_first_article(pilot)
    await pilot.press("o")  # the target is shown first; nothing opens without a yes
    await pilot.pause()


def test_confirm_before_opening(snap_compare, client, fixed_server: DemoServer) -> None:
    app = ReaderApp(client(base_url=fixed_server.base_url), site_title="Demo 分类信息网")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_confirm_opening_the_article)


# The layout at the three widths it is decided by (see app.tcss): the lists
# alone, the list beside the reader (sidebars folded), and everything.


async def _focus_the_list(pilot: Pilot) -> None:
    await _settle(pilot)
    pilot.app.screen.article_list.focus_rows()
    await pilot.press("down")
    await _settle(pilot)


def test_layout_80x24_lists(snap_compare, client, fixed_server: DemoServer) -> None:
    app = ReaderApp(client(base_url=fixed_server.base_url), site_title="Demo 分类信息网")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_focus_the_list)


def test_layout_120x30_list_and_reader(snap_compare, client, fixed_server: DemoServer) -> None:
    app = ReaderApp(client(base_url=fixed_server.base_url), site_title="Demo 分类信息网")
    assert snap_compare(app, terminal_size=(120, 30), run_before=_open_first_article)


def test_layout_200x50_everything(snap_compare, client, fixed_server: DemoServer) -> None:
    app = ReaderApp(client(base_url=fixed_server.base_url), site_title="Demo 分类信息网")
    assert snap_compare(app, terminal_size=(200, 50), run_before=_open_first_article)
