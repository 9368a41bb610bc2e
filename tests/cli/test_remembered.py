"""The remembered file (last site, place per site, theme) and how the TUI's start picks the site from it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui_reader.cli.session import RunOptions, open_session
from tui_reader.remembered import RECENT_CITIES, LastSite, Memory, Place, Spot

NANJING = Spot("http://127.0.0.1:1/nanjing/", "南京")
FANGCHAN = Spot("http://127.0.0.1:1/nanjing/fangchan/", "房产")
ARTICLE = Spot("http://127.0.0.1:1/nanjing/fangchan/9.html", "一套房")


def test_a_place_is_kept_per_site_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "state" / "remembered.json"
    memory = Memory.load(path).bind("demo")
    assert memory.place == Place() and memory.warning is None  # no file yet: nothing, and no warning
    place = Place(city=NANJING, category=FANGCHAN, article=ARTICLE, recent=(NANJING,))
    assert memory.note_place(place)
    assert not memory.note_place(place)  # unchanged: nothing to write
    assert memory.save() is None

    assert Memory.load(path).bind("demo").place == place
    assert Memory.load(path).bind("demo-b").place == Place()
    assert [p.name for p in path.parent.iterdir()] == ["remembered.json"]  # no temporary file left


def test_two_readers_on_two_sites_keep_each_others_place(tmp_path: Path) -> None:
    path = tmp_path / "remembered.json"
    first = Memory.load(path).bind("demo")
    second = Memory.load(path).bind("demo-b")  # loaded before the first one saved
    first.note_place(Place(city=NANJING))
    assert first.save() is None
    second.note_place(Place(category=FANGCHAN))
    assert second.save() is None
    assert Memory.load(path).bind("demo").place == Place(city=NANJING)
    assert Memory.load(path).bind("demo-b").place == Place(category=FANGCHAN)


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'{"version": 99}', b"\xff\xfe\x00garbage"])
def test_a_damaged_file_counts_as_empty_with_one_warning(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "remembered.json"
    path.write_bytes(content)
    memory = Memory.load(path).bind("demo")
    assert memory.place == Place()
    assert memory.warning is not None and str(path) in memory.warning and "\n" not in memory.warning
    memory.note_place(Place(city=NANJING))
    assert memory.save() is None  # written afresh
    assert Memory.load(path).bind("demo").place == Place(city=NANJING)


def test_parts_of_the_wrong_shape_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "remembered.json"
    path.write_text(
        '{"version": 1, "sites": {"demo": {"city": {"url": 3}, "category": {"url": "u", "name": "房产"},'
        ' "recent": [1, {"url": "v", "name": "南京"}]}}, "theme": "nord", "last_site": []}',
        encoding="utf-8",
    )
    memory = Memory.load(path).bind("demo")
    assert memory.place == Place(category=Spot("u", "房产"), recent=(Spot("v", "南京"),))
    assert memory.theme() is None
    assert memory.last_site("demo", None) is None


def test_an_unwritable_folder_is_one_sentence_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    memory = Memory.load(blocker / "remembered.json").bind("demo")
    memory.note_place(Place(city=NANJING))
    problem = memory.save()
    assert problem is not None and "\n" not in problem


def test_the_theme_counts_while_the_configured_one_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "remembered.json"
    memory = Memory.load(path).bind("demo", configured_theme="textual-dark")
    assert memory.note_theme("nord")
    memory.save()
    assert Memory.load(path).bind("demo", configured_theme="textual-dark").theme() == "nord"
    # The user edited the config's theme since: the config wins.
    assert Memory.load(path).bind("demo", configured_theme="gruvbox").theme() is None


def test_at_most_five_recent_cities_are_read(tmp_path: Path) -> None:
    path = tmp_path / "remembered.json"
    memory = Memory.load(path).bind("demo")
    many = tuple(Spot(f"http://x/{i}/", f"城{i}") for i in range(9))
    memory.note_place(Place(recent=many))
    memory.save()
    assert Memory.load(path).bind("demo").place.recent == many[:RECENT_CITIES]


# -- the last site ------------------------------------------------------------------------


@pytest.fixture
def tui_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TUI_READER_HOME", str(home))
    return home


def _start(memory: Memory, **flags: object) -> str:
    # Offline: the demo portal is not started, only its address is used.
    session = open_session(RunOptions(offline=True, **flags), memory)  # type: ignore[arg-type]
    session.close()
    return session.profile.name


def test_the_reader_reopens_the_last_site_unless_the_command_line_names_one(tui_home: Path) -> None:
    path = tui_home / "state" / "remembered.json"
    memory = Memory.load(path)
    assert _start(memory, demo=True, site="demo-b") == "demo-b"
    memory.save()

    assert _start(Memory.load(path)) == "demo-b"  # nothing named: the last site
    assert _start(Memory.load(path), demo=True) == "demo"  # --demo names the site
    assert _start(Memory.load(path), site="demo") == "demo"  # so does --site


def test_a_changed_config_site_wins_over_the_last_site(tui_home: Path) -> None:
    path = tui_home / "state" / "remembered.json"
    memory = Memory.load(path)
    _start(memory, demo=True, site="demo-b")
    memory.save()
    config = tui_home / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[site]\nname = "demo"\nbase_url = "http://127.0.0.1:8964"\n', encoding="utf-8")
    assert _start(Memory.load(path)) == "demo"


def test_a_last_site_that_cannot_be_opened_falls_back_to_the_configured_one(tui_home: Path) -> None:
    path = tui_home / "state" / "remembered.json"
    memory = Memory.load(path)
    memory.note_site(LastSite(site="gone-since"), "demo", None)
    memory.save()
    session = open_session(RunOptions(offline=True), Memory.load(path))
    session.close()
    assert session.profile.name == "demo"
    assert any("gone-since" in notice for notice in session.notices)


def test_the_state_folder_lives_under_the_home(tui_home: Path) -> None:
    from tui_reader import paths

    assert paths.remembered_file() == tui_home / "state" / "remembered.json"
    assert not os.path.exists(tui_home)  # asking for the path creates nothing
