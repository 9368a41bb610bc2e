"""Shared fixtures: the real demo portal on loopback and real clients over a real SQLite cache.

Nothing of our own is faked: tests talk HTTP to ``DemoServer`` and the client
stores into a SQLite file under ``tmp_path``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tui_reader.client import Client, Ttl
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.fetch.fetcher import Fetcher, FetchLimits
from tui_reader.sites.profile import load_profile
from tui_reader.store.cache import Library, Store


def _quiet(_line: str) -> None:
    """Access-log lines would only clutter the test output."""


@pytest.fixture
def demo_server() -> Iterator[DemoServer]:
    """A demo portal on a free port, for one test (faults can be switched freely)."""
    with DemoServer(port=0, options=DemoOptions(), log=_quiet) as server:
        yield server


ClientFactory = Callable[..., Client]


@pytest.fixture
def client(tmp_path: Path, demo_server: DemoServer) -> ClientFactory:
    """Make clients on ``demo_server`` with a cache in ``tmp_path``.

    ``client()`` reuses one cache file, so a second client reads what the first
    stored; ``ttl=Ttl(article=0)`` forces a re-fetch of everything cached,
    ``offline=True`` never touches the network. Short timeouts keep a test
    against a stopped server quick; nothing asserts on them. ``library=True``
    adds the user's bookmarks/history/read marks (one file per test, shared
    by every client of the test, like the cache).
    """

    def make(
        *,
        base_url: str | None = None,
        offline: bool = False,
        ttl: Ttl = Ttl(),
        db: Path | None = None,
        library: bool = False,
    ) -> Client:
        return Client(
            profile=load_profile("demo"),
            base_url=base_url or demo_server.base_url,
            store=Store(db or tmp_path / "cache" / "demo.sqlite3"),
            offline=offline,
            fetcher=Fetcher(FetchLimits(connect_timeout=2.0, read_timeout=5.0, total_deadline=10.0)),
            ttl=ttl,
            library=Library(tmp_path / "data" / "demo.library.sqlite3") if library else None,
        )

    return make


@pytest.fixture
def portal() -> Iterator[DemoServer]:
    with DemoServer(port=0, options=DemoOptions(articles_per_category=120), log=lambda _line: None) as server:
        yield server


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"
