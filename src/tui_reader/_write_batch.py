"""A sync's cache writes, committed a batch at a time (private to ``client``).

Committing each page on its own made SQLite finish a transaction, and FTS5
write a new index segment, for every article: about half of what storing a
page cost. A batch is committed when it holds ``size`` pages or when
``interval`` seconds have passed since the last commit, so a slow or polite
sync (a page a second) still commits every page as it comes, and a fast one
commits a few times a second.

Resumability holds: a page counts as stored only once committed, so a sync
killed with pages still in the batch has stored none of them and fetches them
again next time; nothing committed is ever fetched twice.
"""

from __future__ import annotations

import time

from .store import Put, Store

__all__ = ["WriteBatch"]


class WriteBatch:
    def __init__(self, store: Store, *, size: int = 64, interval: float = 0.5) -> None:
        self._store = store
        self._size = size
        self._interval = interval
        self._pending: list[Put] = []
        self._committed_at = time.monotonic()

    def add(self, put: Put) -> None:
        self._pending.append(put)
        if len(self._pending) >= self._size or time.monotonic() - self._committed_at >= self._interval:
            self.flush()

    def flush(self) -> None:
        pending, self._pending = self._pending, []
        self._committed_at = time.monotonic()
        self._store.put_many(pending)
