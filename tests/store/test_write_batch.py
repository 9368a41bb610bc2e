"""A sync's batched cache writes (``tui_reader.store.batch``) on a real SQLite file.

The batch commits on a writer thread of its own over a second connection;
these tests look at the file through a third, plain connection, as another
process would.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from tui_reader.models.content import utcnow
from tui_reader.store.batch import WriteBatch
from tui_reader.store.cache import CacheEntry, Store

BASE = "http://127.0.0.1:8000/lianyungang/fangchan"


def _article(n: int) -> CacheEntry:
    url = f"{BASE}/{n}.html"
    payload = {"url": url, "title": f"单车 {n} 号", "body": ["山地单车一辆。"], "contact": [], "fields": {}}
    return CacheEntry("article", url, payload, None, None, utcnow())


def _stored(db: Path) -> int:
    if not db.exists():  # a new cache file is made by its first write
        return 0
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT COUNT(*) FROM entries WHERE kind = 'article'").fetchone()[0]
    except sqlite3.OperationalError as exc:  # being made by the writer: no tables yet
        assert "no such table" in str(exc)
        return 0
    finally:
        conn.close()


def _eventually(condition, timeout: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "cache" / "demo.sqlite3") as opened:
        yield opened


def test_close_commits_every_page_added(store: Store) -> None:
    batch = WriteBatch(store, size=64, interval=3600)
    for n in range(10):
        batch.add(_article(n))
    assert _stored(store.path) == 0  # a part batch waits for more pages
    batch.close()
    assert _stored(store.path) == 10
    assert store.get("article", f"{BASE}/9.html") is not None
    assert [hit.url for hit in store.search("单车 9")] == [f"{BASE}/9.html"]  # indexed for search too


def test_a_full_batch_is_committed_while_the_sync_goes_on(store: Store) -> None:
    batch = WriteBatch(store, size=8, interval=3600)
    try:
        for n in range(8):
            batch.add(_article(n))
        # Committed in the background: visible to other connections before close.
        assert _eventually(lambda: _stored(store.path) == 8)
        batch.add(_article(8))
    finally:
        batch.close()
    assert _stored(store.path) == 9


def test_a_slow_sync_still_commits_each_page_after_the_interval(store: Store) -> None:
    batch = WriteBatch(store, size=64, interval=0.0)
    try:
        batch.add(_article(1))
        assert _eventually(lambda: _stored(store.path) == 1)
    finally:
        batch.close()


def test_a_failed_commit_is_raised_to_the_caller(store: Store) -> None:
    batch = WriteBatch(store, size=1, interval=3600)
    bad = CacheEntry("article", f"{BASE}/x.html", {"title": object()}, None, None, utcnow())
    batch.add(bad)  # handed to the writer thread, which fails on it
    with pytest.raises(TypeError):
        batch.close()
    assert _stored(store.path) == 0
    store.put_many([_article(1)])  # the cache itself is unharmed
    assert _stored(store.path) == 1


def _niceness_by_thread() -> dict[int, int]:
    """Each thread of this process and its niceness, as Linux reports them."""
    found = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except FileNotFoundError:  # the thread ended meanwhile
            continue
        # Field 19 is the nice value; the command name (field 2) may hold spaces.
        found[int(task.name)] = int(stat.rpartition(")")[2].split()[16])
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="per-thread niceness is read from Linux's /proc")
def test_the_writer_thread_gives_way_to_the_sync(store: Store) -> None:
    before = _niceness_by_thread()
    batch = WriteBatch(store, size=1)
    try:
        batch.add(_article(1))  # the first hand-over starts the writer thread
        # It lowers its priority before its first commit: once that is in, it has.
        assert _eventually(lambda: _stored(store.path) == 1)
        writers = {tid: nice for tid, nice in _niceness_by_thread().items() if tid not in before}
        ours = _niceness_by_thread()[threading.get_native_id()]
    finally:
        batch.close()
    assert len(writers) == 1, writers
    assert list(writers.values()) == [min(19, ours + 10)]
    assert ours == before[threading.get_native_id()]  # the sync's own thread keeps its priority
