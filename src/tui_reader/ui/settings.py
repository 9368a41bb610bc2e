"""The settings only the user interface can check: the keymap and the theme.

``config.py`` reads ``[keymap]`` and ``[ui] theme`` (it sits below every
package and knows no binding or theme); here they meet what exists — the
bindings of ``keys`` and the themes of ``themes`` — and a problem becomes one
``file:line: message`` naming the line to fix.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.theme import Theme

from tui_reader.config import Config, error_at
from tui_reader.ui.keys import keymap_problems
from tui_reader.ui.themes import check_theme, load_user_themes

__all__ = ["UiSettings", "ui_settings"]


@dataclass(frozen=True)
class UiSettings:
    keymap: dict[str, str]
    theme: str | None
    user_themes: tuple[Theme, ...]
    images: str = "auto"
    """``[ui] images``: pictures in the photo gallery (auto, on, off)."""


def ui_settings(config: Config) -> UiSettings:
    """The keymap and theme of ``config``, checked; ``ConfigError`` otherwise."""
    for binding_id, message in keymap_problems(config.keymap):
        raise error_at(config, "keymap", binding_id, message)
    user_themes = tuple(load_user_themes())
    check_theme(config, list(user_themes))
    return UiSettings(dict(config.keymap), config.theme or None, user_themes, config.images)
