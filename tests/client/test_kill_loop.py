"""``kill -9`` at random points of a real ``tui-reader sync``, 100 times.

Each round starts the installed command as a subprocess against the demo
portal, with its own ``TUI_READER_HOME``, and kills it with SIGKILL after a
random (seeded) delay that lands anywhere from interpreter start-up to the
last commit. The delays come from one whole sync timed first on this machine
(when it first stores something, when it ends): one round in four may land
anywhere, the others between its first write and its end, so a slower or
busier machine moves the kills with it instead of killing every round
before its first write. After every kill:

- ``PRAGMA integrity_check`` says ``ok``;
- every article the cache holds reads back offline through a ``Client``
  (parsed from the stored JSON, title and body present);
- the *next* sync of the same home — the next round, killed in its turn —
  requests nothing that was already stored (every stored page is current:
  the TTLs are the defaults, hours long). Its requests are counted from the
  portal's access log.

A home whose sync ran to the end before the kill starts a new chain; the
last chain is finished by an uninterrupted sync that must leave every page
stored. The portal is restarted on the same port after each kill: ``stop()``
waits for its handler threads, so a line the killed process caused is never
counted against the next one.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.cli import fast_sync
from support.sync import AccessLog
from tui_reader.client.facade import Client
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.fetch.fetcher import Fetcher
from tui_reader.sites.profile import load_profile
from tui_reader.store.cache import Store

ROUNDS = 100
SEED = 20261128
ARTICLES = 40  # two listing pages of 20
PAGES = 2
EXPECTED_PAGES = ARTICLES + PAGES  # what a finished sync holds (cities and categories aside)

pytestmark = pytest.mark.slow


def _sync(home: Path, base_url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TUI_READER_HOME": str(home)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tui_reader",
            "sync",
            "连云港",
            "房产",
            "--pages",
            str(PAGES),
            "--quiet",
            "--site",
            "demo",
            "--base-url",
            base_url,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


def _db(home: Path) -> Path:
    return home / "cache" / "demo.sqlite3"


def _stored(db: Path) -> dict[str, set[str]]:
    """Keys in the cache by kind; checks the file's integrity on the way."""
    if not db.exists():
        return {}
    conn = sqlite3.connect(db, timeout=10)
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        assert integrity == ["ok"], integrity
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "entries" not in tables:
            return {}  # killed before the first migration committed
        kinds: dict[str, set[str]] = {}
        for kind, key in conn.execute("SELECT kind, key FROM entries"):
            kinds.setdefault(kind, set()).add(key)
        return kinds
    finally:
        conn.close()


async def _read_back(db: Path, base_url: str, urls: set[str]) -> None:
    """Every committed article reads offline, from the cache, with its text."""
    client = Client(profile=load_profile("demo"), base_url=base_url, store=Store(db), offline=True, fetcher=Fetcher())
    try:
        for url in sorted(urls):
            got = await client.article(url)
            assert got.source == "cache", url
            assert got.value.title and got.value.body, url
    finally:
        client.store.close()


def _stored_urls(kinds: dict[str, set[str]]) -> set[str]:
    return set().union(*kinds.values()) if kinds else set()


def _anything_stored(db: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return False
    try:
        return (
            conn.execute("SELECT 1 FROM entries WHERE kind IN ('listings', 'article') LIMIT 1").fetchone() is not None
        )
    except sqlite3.Error:
        return False  # not created yet
    finally:
        conn.close()


def _sync_timeline(home: Path, base_url: str) -> tuple[float, float]:
    """When one uninterrupted sync here first stores something (the city list), and when it ends
    (seconds from its start): before that it is still starting the interpreter, where a kill tests little."""
    fast_sync(home)
    started = time.monotonic()
    proc = _sync(home, base_url)
    first_write = None
    while proc.poll() is None:
        if first_write is None and _anything_stored(_db(home)):
            first_write = time.monotonic() - started
        time.sleep(0.005)
    assert proc.returncode == 0, proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    end = time.monotonic() - started
    return (first_write if first_write is not None else 0.0), end


async def test_kill_9_at_random_points_never_loses_or_refetches(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    log = AccessLog()
    portal = DemoServer(port=0, options=DemoOptions(articles_per_category=ARTICLES, latency=0.01), log=log)
    portal.start()
    base = portal.base_url
    first_write, end = _sync_timeline(tmp_path / "timing", base)
    chain = 0
    home = tmp_path / f"home{chain}"
    fast_sync(home)
    killed_mid_write = finished_early = 0
    try:
        for round_no in range(ROUNDS):
            before = _stored(_db(home))
            log.clear()
            proc = _sync(home, base)
            time.sleep(rng.uniform(0.0 if round_no % 4 == 0 else first_write, end))
            proc.send_signal(signal.SIGKILL)
            code = proc.wait(timeout=30)
            stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
            # Restarting waits for the handler threads: the access log is complete.
            portal.stop()
            portal.start()
            assert portal.base_url == base

            refetched = sorted(f"{base}{p}" for p in _requested(log) if f"{base}{p}" in _stored_urls(before))
            assert refetched == [], f"round {round_no}: fetched again although stored: {refetched[:5]}"

            after = _stored(_db(home))
            await _read_back(_db(home), base, after.get("article", set()))
            if code == 0:
                finished_early += 1
                assert len(after.get("article", ())) == ARTICLES, stderr
            else:
                assert code == -signal.SIGKILL, stderr
                if _stored_urls(after) - _stored_urls(before):
                    killed_mid_write += 1
            if len(after.get("article", ())) + len(after.get("listings", ())) == EXPECTED_PAGES:
                chain += 1  # everything stored: the next round starts a new home
                home = tmp_path / f"home{chain}"
                fast_sync(home)

        # The last chain, finished without a kill: every page is there, none fetched twice.
        before = _stored(_db(home))
        log.clear()
        proc = _sync(home, base)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode("utf-8", "replace")
        portal.stop()
        after = _stored(_db(home))
        assert len(after["article"]) == ARTICLES and len(after["listings"]) == PAGES
        assert not [p for p in _requested(log) if f"{base}{p}" in _stored_urls(before)]
        await _read_back(_db(home), base, after["article"])
    finally:
        portal.stop()
    # The loop must have exercised kills in the middle of writing, not only
    # before the first request or after the last commit.
    assert killed_mid_write >= ROUNDS // 10, (killed_mid_write, finished_early, chain)


def _requested(log: AccessLog) -> list[str]:
    """Paths of every GET the portal answered (robots.txt aside: it is not cached, by design)."""
    return [line.split()[1] for line in list(log.lines) if line.startswith("GET ") and line.split()[1] != "/robots.txt"]
