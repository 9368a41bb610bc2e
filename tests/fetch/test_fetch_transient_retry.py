"""``FetchLimits.retry_transient`` (what a sync fetches with): a 500/502/504 answer and a
body cut off mid-way are tried again, a bounded number of times within the deadline,
and counted in ``Fetcher.retried``; a drip is ended by the deadline, not retried.
Against the real demo portal with its drawn faults."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tui_reader.demo.web.faults import FaultDraw
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.errors import BadContent, HTTPStatusError, Timeout
from tui_reader.fetch.fetcher import Fetcher, FetchLimits
from tui_reader.fetch.retry import may_retry

LIST = "/lianyungang/fangchan/"
SYNCING = FetchLimits(total_deadline=5.0, retry_transient=True, retry_backoff=0.01)


class Portal:
    def __init__(self, server: DemoServer, lines: list[str]) -> None:
        self.server = server
        self.lines = lines

    @property
    def url(self) -> str:
        return self.server.base_url + LIST

    def log(self) -> list[str]:
        """The access log once complete: a line is written after its answer, so stop first."""
        self.server.stop()
        return self.lines

    def seed_where(self, kinds: list[str], **rates: float) -> None:
        """Set a fault seed under which ``LIST``'s first answers meet ``kinds`` in order."""
        options = self.server.options
        for seed in range(1000):
            draw = FaultDraw()
            met = [draw.draw(seed, LIST, rates.get("fail", 0.0), rates.get("truncate", 0.0), 0.0).kind for _ in kinds]
            if met == kinds:
                options.fault_seed = seed
                options.fail_rate = rates.get("fail", 0.0)
                options.truncate_rate = rates.get("truncate", 0.0)
                return
        raise AssertionError(f"no seed draws {kinds}")


@pytest.fixture
def portal() -> Iterator[Portal]:
    lines: list[str] = []
    with DemoServer(port=0, options=DemoOptions(articles_per_category=40), log=lines.append) as server:
        yield Portal(server, lines)


async def test_a_5xx_is_retried_and_counted(portal: Portal) -> None:
    portal.seed_where(["fail", "fail", ""], fail=0.5)
    async with Fetcher(SYNCING) as fetcher:
        page = await fetcher.get(portal.url)
    assert page.status == 200 and page.text and "房产" in page.text
    assert fetcher.retried == 2
    assert [line.split()[2] in ("500", "502", "503", "504") for line in portal.log()] == [True, True, False]


async def test_a_cut_off_body_is_retried_never_returned(portal: Portal) -> None:
    portal.seed_where(["truncated", "chunked-cut", ""], truncate=0.5)
    async with Fetcher(SYNCING) as fetcher:
        page = await fetcher.get(portal.url)
    async with Fetcher() as plain:
        portal.server.options.truncate_rate = 0.0
        whole = await plain.get(portal.url)
    assert page.text == whole.text and fetcher.retried == 2
    faults = [line.split()[4:] for line in portal.log()[:3]]
    assert faults == [["truncated"], ["chunked-cut"], []]


async def test_retries_are_bounded_and_say_so(portal: Portal) -> None:
    portal.server.options.fail_rate = 1.0
    async with Fetcher(SYNCING) as fetcher:
        with pytest.raises(HTTPStatusError, match=r"answered 50\d .* \(still so after 2 retries\)"):
            await fetcher.get(portal.url)
    assert fetcher.retried == 2
    portal.server.options.fail_rate = 0.0
    portal.server.options.truncate_rate = 1.0
    async with Fetcher(SYNCING) as fetcher:
        with pytest.raises(BadContent, match=r"truncated page for .* \(still so after 2 retries\)"):
            await fetcher.get(portal.url)
    assert fetcher.retried == 2
    faults = [line.split()[4] for line in portal.log()]  # three tries each, no more
    assert faults[:3] == ["fail"] * 3 and set(faults[3:]) <= {"truncated", "chunked-cut"} and len(faults) == 6


async def test_without_retry_transient_a_500_and_a_cut_fail_at_once(portal: Portal) -> None:
    portal.server.options.error_rate = 1.0  # always a plain 500
    async with Fetcher(FetchLimits(total_deadline=5.0, retry_backoff=0.01)) as fetcher:
        with pytest.raises(HTTPStatusError, match="answered 500"):
            await fetcher.get(portal.url)
        portal.server.options.error_rate = 0.0
        portal.server.options.truncate_rate = 1.0
        with pytest.raises(BadContent, match="truncated"):
            await fetcher.get(portal.url)
    assert len(portal.log()) == 2 and fetcher.retried == 0


async def test_a_drip_ends_at_the_deadline_without_a_retry(portal: Portal) -> None:
    portal.server.options.drip_rate = 1.0
    portal.server.options.drip = 1.0  # a byte a second: 5 KB would take over an hour
    async with Fetcher(FetchLimits(total_deadline=0.5, retry_transient=True)) as fetcher:
        with pytest.raises(Timeout, match="within the 0.5 s deadline"):
            await fetcher.get(portal.url)
    assert fetcher.retried == 0


def test_which_statuses_are_transient() -> None:
    assert not may_retry("GET", 500) and not may_retry("GET", 502)
    assert all(may_retry("GET", status, transient=True) for status in (429, 500, 502, 503, 504))
    assert not may_retry("GET", 404, transient=True) and not may_retry("POST", 500, transient=True)
