"""``tui-reader sync`` as a real process against the demo portal with faults switched on:
10% of the listing and article answers a 5xx, 5% cut off mid-body, 5% dripped at a byte
a second, and the host answering every request with a captcha page mid-way.

The first sync must end with every article its listing pages showed either stored
complete (its text equal to what the demo site generates for that URL) or reported by
URL with a reason; retries bounded; the captcha backing the host off. The second sync,
after the host's cool-down, must fetch only what the first missed."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.cli import fast_sync, run
from support.sync import AccessLog
from tui_reader.demo.site.content import DemoSite
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.limits import FetchLimits
from tui_reader.models import Article
from tui_reader.store import Store

CATEGORIES = ("fangchan", "zhaopin", "ershou")
NAMES = ("房产", "招聘", "二手")
COOLDOWN = 1.0
DRIP = 1.0
FAULTS = DemoOptions(
    articles_per_category=20,  # one listing page each: 60 articles
    fail_rate=0.1,
    truncate_rate=0.05,
    drip_rate=0.05,
    drip=DRIP,  # a byte a second
    captcha_at=50,  # about two thirds into the first sync
    captcha_cooldown=COOLDOWN,
    fault_seed=4,
)
MAX_TRIES = 1 + FetchLimits().max_retries


@pytest.fixture
def log() -> AccessLog:
    return AccessLog()


@pytest.fixture
def faulty(log: AccessLog) -> Iterator[DemoServer]:
    with DemoServer(port=0, options=FAULTS, log=log) as server:
        yield server


def _sync(home: Path, base_url: str) -> dict:
    proc = run(home, "sync", "连云港", *NAMES, "--json", "--site", "demo", "--base-url", base_url, check_exit=None)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
    report = json.loads(proc.stdout)
    assert proc.returncode == (1 if report["failed"] else 0)
    return report


def _quiet_log(log: AccessLog) -> list[str]:
    """The log once the last dripping answer noticed its reader left (at its next byte)."""
    time.sleep(DRIP + 0.2)
    return list(log.lines)


def _gets(lines: list[str]) -> Counter[str]:
    return Counter(line.split()[1] for line in lines if line.startswith("GET ") and line.split()[1] != "/robots.txt")


def test_sync_under_faults_loses_nothing_and_the_second_fetches_only_what_was_missed(
    faulty: DemoServer, home: Path, log: AccessLog
) -> None:
    base = faulty.base_url
    site = DemoSite(FAULTS.seed, FAULTS.articles_per_category)
    city = site.city("lianyungang")
    assert city is not None
    listed: dict[str, dict[str, tuple[str, ...]]] = {}
    """listing page URL → {article URL → its paragraphs}: what the demo site shows there."""
    for slug in CATEGORIES:
        category = site.category(slug)
        assert category is not None
        heads = site.page(city, category, 1)
        listed[f"{base}/lianyungang/{slug}/"] = {
            base + h.path: site.article(city, category, h.index).paragraphs for h in heads
        }
    # A deadline short enough that a drip costs seconds, not the sync.
    fast_sync(home, "deadline = 2\n")

    first = _sync(home, base)
    lines = _quiet_log(log)
    met = Counter(line.split()[4] for line in lines if len(line.split()) > 4)
    assert met["fail"] and met["truncated"] + met["chunked-cut"] and met["drip"] and met["captcha"], met

    failed = {f["url"]: f["reason"] for f in first["failed"]}
    assert len(failed) == len(first["failed"]) and all(reason.strip() for reason in failed.values())
    seen = {url: text for page, articles in listed.items() if page not in failed for url, text in articles.items()}
    stored = Store(home / "cache" / "demo.sqlite3").get_many("article", seen)
    for url, paragraphs in seen.items():
        # Stored complete, or reported with its reason; never both, never neither.
        assert (url in stored) != (url in failed), url
        if url in stored:
            assert Article.from_dict(stored[url].payload).body == paragraphs, f"{url} is not stored whole"
    assert first["articles_stored"] == len(stored) and first["articles_reported"] == len(seen) - len(stored)
    assert first["stored"] + first["reported"] == len(seen) + len(listed)
    reasons = " ".join(failed.values())
    assert "captcha" in reasons and "deadline" in reasons and first["backed_off"]

    gets = _gets(lines)
    assert max(gets.values()) <= MAX_TRIES
    assert first["retried"] == sum(gets.values()) - len(gets) > 0  # every second GET of a page was a retry

    time.sleep(COOLDOWN)  # a later sync: the host's captcha has passed
    log.clear()
    second = _sync(home, base)
    again = _gets(_quiet_log(log))
    missed = set(failed) | {url for page in failed if page in listed for url in listed[page]}
    assert set(again) <= {u.removeprefix(base) for u in missed}, "the second sync fetched what was stored"
    assert {u.removeprefix(base) for u in failed} <= set(again), "the second sync skipped a miss"
    assert sum(again.values()) == len(again) + second["retried"]
    assert second["current"] == len(stored) + sum(page not in failed for page in listed)
    assert second["articles_stored"] + second["articles_reported"] == sum(len(a) for a in listed.values())
