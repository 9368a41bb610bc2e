"""Where tui-reader keeps its files. The only module that decides paths.

platformdirs gives the usual per-OS folders. ``TUI_READER_HOME`` puts config, state,
data and cache under one folder instead (tests, portable installs). Nothing is
created at import time: callers ask for a folder with ``ensure=True`` when they
are about to write.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "tui-reader"
HOME_ENV = "TUI_READER_HOME"


def _base(kind: str) -> Path:
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser() / kind
    import platformdirs

    getter = {
        "config": platformdirs.user_config_path,
        "data": platformdirs.user_data_path,
        "cache": platformdirs.user_cache_path,
        "log": platformdirs.user_log_path,
        "state": platformdirs.user_state_path,
    }[kind]
    return getter(APP_NAME, appauthor=False)


def _dir(kind: str, ensure: bool) -> Path:
    path = _base(kind)
    if ensure:
        path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir(ensure: bool = False) -> Path:
    return _dir("config", ensure)


def data_dir(ensure: bool = False) -> Path:
    return _dir("data", ensure)


def cache_dir(ensure: bool = False) -> Path:
    return _dir("cache", ensure)


def log_dir(ensure: bool = False) -> Path:
    return _dir("log", ensure)


def state_dir(ensure: bool = False) -> Path:
    """What the reader remembers between runs (not data the user made, not a cache)."""
    return _dir("state", ensure)


def config_file() -> Path:
    return config_dir() / "config.toml"


def cache_db(site: str) -> Path:
    """The SQLite cache of one site (one file per site keeps sites apart)."""
    return cache_dir() / f"{site}.sqlite3"


def remembered_file() -> Path:
    """The last site, place and theme (``tui_reader.remembered``)."""
    return state_dir() / "remembered.json"


def profiles_dir() -> Path:
    """Where users put their own site profiles (``*.toml``)."""
    return config_dir() / "sites"


def themes_dir() -> Path:
    """Where users put their own Textual themes (``*.toml``)."""
    return config_dir() / "themes"
