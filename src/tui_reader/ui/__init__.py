"""The Textual front end. The only package that imports Textual.

``app`` holds the client and the browse screen; ``screens/``, ``dialogs/``,
``panes/`` and ``widgets/`` are one class per module. Widgets get data pushed
down and post messages up; network and disk work runs in workers.
May import ``client``, ``render`` and below; never ``cli``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.faces import lazy_exports

if TYPE_CHECKING:
    from .app import ReaderApp
    from .keys import binding_infos
    from .settings import UiSettings, ui_settings
    from .syncing import SyncOptions

_WHERE = {
    "ReaderApp": ".app",
    "SyncOptions": ".syncing",
    "UiSettings": ".settings",
    "binding_infos": ".keys",
    "ui_settings": ".settings",
}

__all__ = ["ReaderApp", "SyncOptions", "UiSettings", "binding_infos", "ui_settings"]

__getattr__ = lazy_exports(__name__, _WHERE)
