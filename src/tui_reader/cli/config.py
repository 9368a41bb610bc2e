"""``tui-reader config path|check|init``, and the settings every command reads.

The default file is generated once, here: ``config.default_text`` writes the
settings, and the ``[keymap]`` section comes from the bindings themselves
(``ui.keys``), so ``config init`` and the file written on first run are the
same text and list every binding id there is.

What only the user interface knows (binding ids, theme names) is checked by
the TUI when it starts and by ``config check``; sub-commands do not load
Textual to check keys they never use.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from tui_reader import paths
from tui_reader.config import Config, default_text, load_config

__all__ = ["default_config_text", "emit_config", "read_config"]

_log = logging.getLogger(__name__)  # --debug: the settings a run used


def default_config_text() -> str:
    """The commented default config.toml, every binding id in its ``[keymap]``."""
    from tui_reader.ui import binding_infos

    return default_text((info.id, ",".join(info.keys), info.description) for info in binding_infos())


def read_config() -> Config:
    """The user's settings; the commented default file is written on first run."""
    config = load_config(template=default_config_text)
    _log.debug("settings from %s: %s", config.source or "the defaults (no file)", config)
    return config


def emit_config(args: argparse.Namespace) -> int:
    path = paths.config_file()
    if args.action == "path":
        print(path)
        return 0
    if args.action == "check":
        if not path.exists():
            print(f"ok: {path} (no file: the defaults apply)")
            return 0
        from tui_reader.ui import ui_settings

        ui_settings(load_config(path, create=False))  # raises ConfigError: main prints the one line
        print(f"ok: {path}")
        return 0
    return _init(path, force=args.force)


def _init(path: Path, *, force: bool) -> int:
    from tui_reader.errors import ConfigError

    if path.exists() and not force:
        raise ConfigError(f"{path} already exists; add --force to replace it with the defaults")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(default_config_text(), encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write the file: {exc.strerror or exc}") from None
    print(f"wrote {path}", file=sys.stderr)
    return 0
