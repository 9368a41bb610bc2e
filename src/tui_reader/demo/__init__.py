"""The bundled demo portal: a realistic classifieds site served on loopback.

``site/`` generates the portal's content from a seed and renders it in three
styles; ``web/`` serves it over real HTTP with switchable faults. Nothing is
imported until a name is asked for: the command line loads the demo only for
``--demo`` and ``demo-server``. Imports nothing else of the project.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.faces import lazy_exports

if TYPE_CHECKING:
    from .web.command import main
    from .web.options import DemoOptions
    from .web.server import DemoServer

_WHERE = {
    "DemoOptions": ".web.options",
    "DemoServer": ".web.server",
    "main": ".web.command",
}

__all__ = ["DemoOptions", "DemoServer", "main"]

__getattr__ = lazy_exports(__name__, _WHERE)
