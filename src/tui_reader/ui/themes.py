"""Themes: Textual's own, plus the user's ``themes/*.toml`` beside config.toml.

A theme file holds the fields of Textual's ``Theme``::

    name = "paper"
    primary = "#004578"
    background = "#f5f5f0"
    dark = false

It is read as strictly as config.toml: an unknown key, a colour Textual cannot
parse or a missing name is an error naming the file and line, and so is a
``[ui] theme`` that names no theme at all.
"""

from __future__ import annotations

import difflib
import math
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import BUILTIN_THEMES, Theme

from tui_reader import paths
from tui_reader.config import Config, error_at
from tui_reader.errors import ConfigError
from tui_reader.toml_lines import find_line, located, read_text, syntax_error

__all__ = ["check_theme", "load_user_themes"]

_COLOURS: tuple[str, ...] = (
    *("primary", "secondary", "warning", "error", "success", "accent"),
    *("foreground", "background", "surface", "panel", "boost"),
)


def load_user_themes(folder: Path | None = None) -> list[Theme]:
    """Every ``*.toml`` in ``folder`` (default: the themes folder beside config.toml), by file name."""
    folder = paths.themes_dir() if folder is None else folder
    if not folder.is_dir():
        return []
    return [_load(path) for path in sorted(folder.glob("*.toml"))]


def check_theme(config: Config, user_themes: list[Theme]) -> None:
    """``ConfigError`` at the ``theme =`` line when it names no theme we know."""
    if not config.theme:
        return
    names = sorted({*BUILTIN_THEMES, *(theme.name for theme in user_themes)})
    if config.theme not in names:
        close = difflib.get_close_matches(config.theme, names, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise error_at(
            config, "ui", "theme", f"no theme called {config.theme!r}; {hint}(there are: {', '.join(names)})"
        )


def _load(path: Path) -> Theme:
    text = read_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise syntax_error(path, text, exc) from None

    def fail(key: str | None, message: str) -> ConfigError:
        return located(path, find_line(text, None, key) if key else 1, message)

    values: dict[str, Any] = {}
    for key, value in data.items():
        check = _CHECKS.get(key)
        if check is None:
            raise fail(key, f"unknown key '{key}' in a theme (known: {', '.join(_CHECKS)})")
        problem = check(value)
        if problem:
            raise fail(key, f"'{key}' must be {problem}, not {value!r}")
        values[key] = value
    for required in ("name", "primary"):
        if required not in values:
            raise fail(None, f"a theme needs '{required}'")
    return Theme(**values)


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "a name in quotes"


def _colour(value: Any) -> str | None:
    try:
        Color.parse(value)
    except (ColorParseError, TypeError, ValueError):
        return 'a colour like "#1e90ff" or "steelblue"'
    return None


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "true or false"


def _fraction(value: Any) -> str | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and 0 <= value <= 1
    return None if ok else "a number from 0 to 1"


def _variables(value: Any) -> str | None:
    ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    return None if ok else 'a table of texts, like { "block-cursor-foreground" = "black" }'


_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "name": _text,
    **dict.fromkeys(_COLOURS, _colour),
    "dark": _boolean,
    "luminosity_spread": _fraction,
    "text_alpha": _fraction,
    "variables": _variables,
}
