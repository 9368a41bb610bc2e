"""The keymap checker and the user's themes: pure functions, no screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding

from tui_reader.config import Config, load_config
from tui_reader.errors import ConfigError
from tui_reader.ui import keys
from tui_reader.ui.keys import PLACES, binding_infos, keymap_problems
from tui_reader.ui.settings import ui_settings
from tui_reader.ui.themes import load_user_themes


def test_every_binding_list_is_in_some_place() -> None:
    # A new list of bindings that no place names would escape the collision check.
    lists = [value for name, value in vars(keys).items() if name.isupper() and isinstance(value, list)]
    placed = [group for groups in PLACES.values() for group in groups]
    assert lists and all(any(group is placed_group for placed_group in placed) for group in lists)


def test_binding_infos_list_every_id_once_with_its_default_keys() -> None:
    infos = binding_infos()
    ids = [info.id for info in infos]
    assert len(ids) == len(set(ids))
    every = {b.id for groups in PLACES.values() for g in groups for b in g if isinstance(b, Binding)}
    assert set(ids) == every
    top = next(info for info in infos if info.id == "cursor.top")
    assert top.keys == ("home", "g g")


@pytest.mark.parametrize(
    "keymap",
    [
        {"cursor.down": "ctrl+n,j,down"},
        {"cursor.down": "k", "cursor.up": "j"},  # a swap: neither keeps the other's key
        {"pane.back": "escape,h"},  # the defaults again (escape also leaves a filter, by design)
        {"cursor.top": "t t,home"},
        {"app.help": "?"},  # "?" is question_mark
    ],
)
def test_good_keymaps(keymap: dict[str, str]) -> None:
    assert keymap_problems(keymap) == []


@pytest.mark.parametrize(
    ("keymap", "expected"),
    [
        ({"cursor.dwn": "j"}, "unknown binding id 'cursor.dwn' in [keymap]; did you mean 'cursor.down'?"),
        ({"nothing.like.it": "j"}, "unknown binding id 'nothing.like.it' in [keymap] (the ? help screen lists them)"),
        ({"cursor.down": "dwon"}, "'cursor.down': 'dwon' is not a key name Textual knows"),
        ({"cursor.down": "ctlr+n"}, "'cursor.down': 'ctlr+n' is not a key name Textual knows"),
        ({"cursor.down": "k"}, "'cursor.down': 'k' is already 'cursor.up' (Up) in the browse screen's lists"),
        ({"cursor.up": "s"}, "'cursor.up': 's' is already 'library.search' (Search) in the browse screen's lists"),
        (
            {"cursor.down": "g"},
            "'cursor.down': 'g' collides with 'g g', which is already 'cursor.top' (Top) in the browse screen's lists",
        ),
        ({"article.copy_phone": "x"}, "'article.copy_phone': 'x' is already 'library.cancel_sync' (Cancel sync)"),
        ({"cursor.up": "ctrl+p"}, "'cursor.up': 'ctrl+p' is Textual's own key for the command palette"),
    ],
)
def test_bad_keymaps(keymap: dict[str, str], expected: str) -> None:
    problems = keymap_problems(keymap)
    assert problems and problems[0][0] == next(iter(keymap))
    assert problems[0][1].startswith(expected)


def test_two_ids_given_the_same_key_in_one_place() -> None:
    problems = keymap_problems({"article.copy_url": "z", "article.bookmark": "z"})
    assert problems and "'z' is already" in problems[0][1]


def test_the_same_key_in_places_that_are_never_active_together_is_fine() -> None:
    # help.close and bookmarks.remove never share a screen.
    assert keymap_problems({"help.close": "escape,d", "bookmarks.remove": "d"}) == []


# -- ui_settings: the problem, with the file and line ---------------------------------


def _config(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_keymap_problem_names_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUI_READER_HOME", str(tmp_path / "home"))
    config = _config(tmp_path, '[ui]\ntheme = ""\n\n[keymap]\n"cursor.down" = "j"\ncursor.up = "s"\n')
    with pytest.raises(ConfigError) as caught:
        ui_settings(config)
    assert str(caught.value).startswith(f"{tmp_path / 'config.toml'}:6: 'cursor.up': 's' is already")


def test_unknown_theme_names_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUI_READER_HOME", str(tmp_path / "home"))
    config = _config(tmp_path, '[ui]\n\ntheme = "nrod"\n')
    with pytest.raises(ConfigError, match=r":3: no theme called 'nrod'; did you mean 'nord'\?"):
        ui_settings(config)


def test_a_user_theme_is_a_known_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUI_READER_HOME", str(tmp_path / "home"))
    themes = tmp_path / "home" / "config" / "themes"
    themes.mkdir(parents=True)
    (themes / "paper.toml").write_text('name = "paper"\nprimary = "#004578"\ndark = false\n', encoding="utf-8")
    settings = ui_settings(_config(tmp_path, '[ui]\ntheme = "paper"\n[keymap]\n"cursor.down" = "ctrl+n"\n'))
    assert settings.theme == "paper"
    assert [theme.name for theme in settings.user_themes] == ["paper"]
    assert settings.user_themes[0].dark is False
    assert settings.keymap == {"cursor.down": "ctrl+n"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name = "x"\nprimary = "#123456"\ncolour = "red"\n', ":3: unknown key 'colour' in a theme"),
        ('name = "x"\n\nprimary = "bluish"\n', ":3: 'primary' must be a colour"),
        ('name = "x"\n', ":1: a theme needs 'primary'"),
        ('primary = "#123456"\n', ":1: a theme needs 'name'"),
        ('name = "x"\nprimary = "#123456"\ndark = "no"\n', ":3: 'dark' must be true or false"),
        ('name = "x"\nprimary = \n', ":2: "),
    ],
)
def test_bad_theme_files_name_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_user_themes(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'bad.toml'}{expected}")


async def test_the_configured_theme_is_applied_on_mount(client) -> None:
    from tui_reader.ui.app import ReaderApp

    app = ReaderApp(client(), site_title="Demo", theme="nord")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "nord"
