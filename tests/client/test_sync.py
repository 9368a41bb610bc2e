"""``tui-reader sync`` as a real process against the real demo portal:
summary, conditional requests, resume after ``kill -9``, one sync at a time,
reads beside a sync, failures with reasons."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.cli import fast_sync, run, run_json
from support.sync import AccessLog, start_sync, wait_for
from tui_reader.demo.web.server import DemoOptions, DemoServer


@pytest.fixture
def log() -> AccessLog:
    return AccessLog()


@pytest.fixture
def portal(log: AccessLog) -> Iterator[DemoServer]:
    with DemoServer(port=0, options=DemoOptions(articles_per_category=120), log=log) as server:
        yield server


def _stored_articles(db: Path) -> set[str]:
    if not db.exists():
        return set()
    conn = sqlite3.connect(db, timeout=10)
    try:
        return {row[0] for row in conn.execute("SELECT key FROM entries WHERE kind = 'article'")}
    except sqlite3.OperationalError:
        return set()  # not created yet
    finally:
        conn.close()


def test_sync_summary_then_nothing_refetched(portal: DemoServer, home: Path, log: AccessLog) -> None:
    base = ("--site", "demo", "--base-url", portal.base_url)
    fast_sync(home)
    first = run_json(home, "sync", "连云港", "房产", "--pages", "2", *base)
    assert first["new"] == 2 + 40 and first["failed"] == [] and first["current"] == 0
    assert len(set(log.article_gets())) == 40
    log.clear()
    second = run_json(home, "sync", "连云港", "房产", "--pages", "2", *base)
    assert second["current"] == 42 and second["new"] == second["fetched"] == 0
    assert log.article_gets() == []
    human = run(home, "sync", "连云港", "房产", *base).stdout
    assert "0 new" in human and "already current" in human and "failed" in human


def test_expired_pages_cost_a_304_not_a_parse(portal: DemoServer, home: Path, log: AccessLog) -> None:
    base = ("--site", "demo", "--base-url", portal.base_url)
    fast_sync(home, "[cache]\nlistings_ttl = 0\narticle_ttl = 0\n")
    run_json(home, "sync", "连云港", "招聘", *base)
    log.clear()
    again = run_json(home, "sync", "连云港", "招聘", *base)
    assert again["unchanged"] == 21 and again["new"] == again["updated"] == 0
    statuses = {line.split()[2] for line in log.lines if ".html" in line or "/zhaopin/" in line}
    assert statuses == {"304"}


def test_failures_are_counted_with_reasons(portal: DemoServer, home: Path) -> None:
    base = ("--site", "demo", "--base-url", portal.base_url)
    fast_sync(home)
    run(home, "categories", "连云港", *base)  # city and categories cached; then the portal turns flaky
    portal.options.error_rate = 0.5
    proc = run(home, "sync", "连云港", "房产", "--json", *base, check_exit=None)
    report = json.loads(proc.stdout)
    assert report["failed"], "every second request fails: some must be reported"
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1
    assert all("500" in f["reason"] and f["url"] for f in report["failed"])
    portal.options.error_rate = 0.0
    healed = run_json(home, "sync", "连云港", "房产", *base)
    assert healed["failed"] == [] and healed["new"] + healed["current"] >= 21


def test_resume_after_kill_9_refetches_nothing_stored(portal: DemoServer, home: Path, log: AccessLog) -> None:
    fast_sync(home)
    portal.options.latency = 0.02  # slow enough to be killed half-way
    db = home / "cache" / "demo.sqlite3"
    proc = start_sync(home, portal.base_url)
    wait_for(lambda: len(_stored_articles(db)) >= 30, "the first articles")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    stored = _stored_articles(db)
    assert 30 <= len(stored) < 120, "killed too late to test anything"

    log.clear()
    portal.options.latency = 0.0
    proc = start_sync(home, portal.base_url, "--json")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    refetched = [p for p in log.article_gets() if f"{portal.base_url}{p}" in stored]
    assert refetched == []
    assert len(_stored_articles(db)) == 120


def test_one_sync_at_a_time_and_reads_beside_it(portal: DemoServer, home: Path) -> None:
    base = ("--site", "demo", "--base-url", portal.base_url)
    fast_sync(home)
    run(home, "sync", "连云港", "二手", "--quiet", *base)  # something to read while the next sync runs
    portal.options.latency = 0.05
    db = home / "cache" / "demo.sqlite3"
    first = start_sync(home, portal.base_url)
    lock = Path(f"{db}.sync-lock")
    wait_for(lambda: lock.exists() and lock.read_text().strip() == str(first.pid), "the first sync's lock")

    second = run(home, "sync", "连云港", "房产", *base, check_exit=1)
    assert second.stderr == f"tui-reader: another sync is running (pid {first.pid})\n"

    # Reads and writes beside the running sync: never "database is locked".
    url = run_json(home, "list", "连云港", "二手", "--offline", *base)["items"][0]["url"]
    for _ in range(5):
        for args in (("search", "出售"), ("read", url, "--offline"), ("cache", "stats"), ("bookmarks", "add", url)):
            proc = run(home, *args, *base, check_exit=None)
            assert proc.returncode == 0, proc.stderr
            assert "locked" not in proc.stderr and "Traceback" not in proc.stderr

    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    after = run_json(home, "sync", "连云港", "房产", *base)  # the lock is free again
    assert after["failed"] == []
