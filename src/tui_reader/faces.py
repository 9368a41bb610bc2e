"""Package faces that import lazily.

Each package's ``__init__`` is its public face: it names what the package
offers and where each name lives, and siblings import from the face only. A
face that imported everything it names at once would load the extractors,
httpx and the article renderer before the first screen, which start-up cannot
afford; so a name is imported from its module the first time it is asked for
(PEP 562), and the face's ``TYPE_CHECKING`` imports tell type checkers and the
import contract the same thing.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``where`` maps each public name to
    the module (absolute, or relative to ``package``) that defines it."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        setattr(sys.modules[package], name, value)  # asked once, then a plain attribute
        return value

    return __getattr__
