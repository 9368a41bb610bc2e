"""The command line: the TUI by default, plus scriptable sub-commands.

``commands`` parses arguments and dispatches through a table of handlers;
``output`` and its siblings print plain text for people or JSON for scripts.
May import ``client``, ``render``, ``demo``, ``config`` and, lazily, ``ui``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.faces import lazy_exports

if TYPE_CHECKING:
    from .commands import main

_WHERE = {
    "main": ".commands",
}

__all__ = ["main"]

__getattr__ = lazy_exports(__name__, _WHERE)
