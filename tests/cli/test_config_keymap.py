"""config.toml's [keymap] and [ui] tables: shape checked at load, lines found for the checks above."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tui_reader.config import Config, default_text, error_at, load_config
from tui_reader.errors import ConfigError


def _load(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_keymap_ids_quoted_or_dotted_read_the_same(tmp_path: Path) -> None:
    config = _load(tmp_path, '[keymap]\n"cursor.down" = " j , ctrl+n "\ncursor.up = "k"\npane.open = "g  g"\n')
    assert config.keymap == {"cursor.down": "j,ctrl+n", "cursor.up": "k", "pane.open": "g g"}


@pytest.mark.parametrize("value", ['""', '"j,,k"', "3", '["j"]', "true"])
def test_keymap_values_must_be_keys(tmp_path: Path, value: str) -> None:
    path = tmp_path / "config.toml"
    with pytest.raises(ConfigError, match=rf"^{path}:3: 'cursor.down' must be keys like"):
        _load(tmp_path, f'[keymap]\n"cursor.up" = "k"\n"cursor.down" = {value}\n')


def test_theme_must_be_text(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r":2: 'theme' must be a theme's name"):
        _load(tmp_path, "[ui]\ntheme = 3\n")


def test_error_at_finds_quoted_and_dotted_ids(tmp_path: Path) -> None:
    config = _load(tmp_path, '# keys\n[keymap]\n"cursor.down" = "j"\n\ncursor.up = "k"\n')
    assert str(error_at(config, "keymap", "cursor.down", "bad")) == f"{tmp_path / 'config.toml'}:3: bad"
    assert str(error_at(config, "keymap", "cursor.up", "bad")) == f"{tmp_path / 'config.toml'}:5: bad"


def test_default_text_lists_the_given_bindings_commented_under_keymap() -> None:
    text = default_text([("cursor.down", "down,j", "Down"), ("cursor.top", "home,g g", "Top")])
    assert '# "cursor.down" = "down,j"' in text
    assert '# "cursor.top" = "home,g g"' in text
    assert tomllib.loads(text)["keymap"] == {}
    uncommented = text.replace('# "cursor.top"', '"cursor.top"')
    assert tomllib.loads(uncommented)["keymap"] == {"cursor.top": "home,g g"}
