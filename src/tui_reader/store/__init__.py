"""The local cache and the user's library: the only package that speaks SQL.

``Store`` keeps fetched pages and articles (SQLite, WAL, migrations, full-text
search, eviction); ``Library`` keeps bookmarks, history and read marks in a
file of their own; ``WriteBatch`` commits a sync's pages a batch at a time.

May import ``models``, ``errors``, ``paths``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.faces import lazy_exports

if TYPE_CHECKING:
    from .batch import WriteBatch
    from .cache import Store
    from .entry import CacheEntry
    from .library import Library

_WHERE = {
    "CacheEntry": ".entry",
    "Library": ".library",
    "Store": ".cache",
    "WriteBatch": ".batch",
}

__all__ = ["CacheEntry", "Library", "Store", "WriteBatch"]

__getattr__ = lazy_exports(__name__, _WHERE)
