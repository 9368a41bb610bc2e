"""The prefetch queue on its own: dwell, one at a time, pace, cancelling, the user first, back-off.

The loads here are plain coroutines that note what happens to them: the queue
is what is tested, not the page path (tests/ui/test_prefetching.py runs it
with the real client against the demo portal).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from tui_reader import errors
from tui_reader.client.prefetch import Prefetcher, PrefetchSettings, Wanted, around

SITE = "http://portal.test"


class Loads:
    """Loads that record when they start and end, and can be held open."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.finished: list[str] = []
        self.cancelled: list[str] = []
        self.starts: list[float] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self.gate = asyncio.Event()
        self.gate.set()
        self.fresh: set[str] = set()
        self.fail: dict[str, BaseException] = {}

    def wanted(self, *paths: str, kind: str = "article") -> list[Wanted]:
        return [Wanted(kind, f"{SITE}{path}", self._load(f"{SITE}{path}")) for path in paths]  # type: ignore[arg-type]

    def _load(self, url: str) -> Callable[[], Awaitable[object]]:
        async def load() -> object:
            self.started.append(url)
            self.starts.append(time.monotonic())
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            try:
                await self.gate.wait()
                if url in self.fail:
                    raise self.fail[url]
                self.fresh.add(url)
                self.finished.append(url)
            except asyncio.CancelledError:
                self.cancelled.append(url)
                raise
            finally:
                self.in_flight -= 1
            return url

        return load


def prefetcher(loads: Loads, *, offline: bool = False, **settings: float) -> Prefetcher:
    async def allows(url: str) -> bool:
        return not url.endswith("/private.html")

    defaults: dict[str, float] = {"dwell": 0.01, "delay": 0.0}
    return Prefetcher(
        PrefetchSettings(**{**defaults, **settings}),  # type: ignore[arg-type]
        is_fresh=lambda kind, url: url in loads.fresh,
        allows=allows,
        offline=lambda: offline,
    )


async def until(condition: Callable[[], bool], what: str) -> None:
    for _ in range(500):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"never happened: {what}")


def test_around_takes_the_row_the_count_after_it_and_the_next_page_near_the_end() -> None:
    async def load(url: str) -> object:
        return url

    rows = [f"{SITE}/{n}.html" for n in range(30)]
    settings = PrefetchSettings(rows=2, near_end=10)
    far = around(settings, rows[5:], f"{SITE}/?page=2", article=load, page=load)
    assert [(w.kind, w.url) for w in far] == [("article", rows[5]), ("article", rows[6]), ("article", rows[7])]
    near = around(settings, rows[21:], f"{SITE}/?page=2", article=load, page=load)
    assert [w.kind for w in near] == ["article", "article", "article", "listings"]
    assert near[-1].url == f"{SITE}/?page=2"
    assert [w.kind for w in around(settings, rows[21:], None, article=load, page=load)] == ["article"] * 3
    assert [w.kind for w in around(settings, rows[21:], f"{SITE}/?page=2", article=load, page=None)] == ["article"] * 3


async def test_everything_wanted_is_loaded_in_order_one_at_a_time() -> None:
    loads = Loads()
    queue = prefetcher(loads)
    queue.aim(loads.wanted("/1.html", "/2.html", "/3.html"))
    await until(lambda: len(loads.finished) == 3, "three prefetches")
    assert loads.started == [f"{SITE}/{n}.html" for n in (1, 2, 3)]
    assert loads.most_in_flight == 1
    await queue.close()


async def test_starts_keep_the_delay_apart() -> None:
    loads = Loads()
    queue = prefetcher(loads, delay=0.05)
    queue.aim(loads.wanted("/1.html", "/2.html", "/3.html"))
    await until(lambda: len(loads.finished) == 3, "three prefetches")
    gaps = [b - a for a, b in zip(loads.starts, loads.starts[1:], strict=False)]
    assert min(gaps) >= 0.05 - 0.002  # the event loop's clock resolution
    await queue.close()


async def test_moving_on_before_the_dwell_ends_fetches_nothing_of_the_row_left() -> None:
    loads = Loads()
    queue = prefetcher(loads, dwell=0.2)
    queue.aim(loads.wanted("/1.html"))
    queue.aim(loads.wanted("/2.html"))
    queue.aim(loads.wanted("/3.html"))
    await until(lambda: loads.finished == [f"{SITE}/3.html"], "the row rested on")
    assert loads.started == [f"{SITE}/3.html"]
    await queue.close()


async def test_the_prefetch_in_flight_is_cancelled_when_its_row_is_no_longer_wanted() -> None:
    loads = Loads()
    loads.gate.clear()
    queue = prefetcher(loads)
    queue.aim(loads.wanted("/1.html", "/2.html"))
    await until(lambda: loads.started == [f"{SITE}/1.html"], "the first prefetch under way")
    queue.aim(loads.wanted("/9.html"))
    await until(lambda: loads.cancelled == [f"{SITE}/1.html"], "the first prefetch cancelled")
    loads.gate.set()
    await until(lambda: loads.finished == [f"{SITE}/9.html"], "the new row's prefetch")
    assert f"{SITE}/2.html" not in loads.started
    await queue.close()


async def test_the_prefetch_in_flight_goes_on_when_its_row_is_still_wanted() -> None:
    loads = Loads()
    loads.gate.clear()
    queue = prefetcher(loads)
    first = loads.wanted("/1.html", "/2.html")
    queue.aim(first)
    await until(lambda: loads.started == [f"{SITE}/1.html"], "the first prefetch under way")
    queue.aim([first[1], *loads.wanted("/3.html")] + [first[0]])  # moved down a row: 1 is still near
    loads.gate.set()
    await until(lambda: len(loads.finished) == 3, "all three")
    assert loads.cancelled == []
    assert loads.started.count(f"{SITE}/1.html") == 1
    await queue.close()


async def test_nothing_starts_while_the_user_waits_for_the_portal() -> None:
    loads = Loads()
    queue = prefetcher(loads)
    with queue.users_turn(f"{SITE}/0.html"):
        queue.aim(loads.wanted("/1.html"))
        await asyncio.sleep(0.1)
        assert loads.started == []
    await until(lambda: loads.finished == [f"{SITE}/1.html"], "the prefetch after the user's load")
    await queue.close()


async def test_a_prefetch_starts_no_sooner_than_the_delay_after_a_load_of_the_user() -> None:
    loads = Loads()
    queue = prefetcher(loads, delay=0.2)
    with queue.users_turn(f"{SITE}/0.html"):
        user_started = time.monotonic()
    queue.aim(loads.wanted("/1.html"))
    await until(lambda: loads.finished == [f"{SITE}/1.html"], "the prefetch")
    assert loads.starts[0] - user_started >= 0.2 - 0.002
    await queue.close()


async def test_the_user_asking_for_a_page_being_prefetched_waits_for_that_prefetch() -> None:
    loads = Loads()
    loads.gate.clear()
    queue = prefetcher(loads)
    queue.aim(loads.wanted("/1.html"))
    await until(lambda: loads.started == [f"{SITE}/1.html"], "the prefetch under way")
    waiting = asyncio.create_task(queue.settled(f"{SITE}/1.html"))
    await asyncio.sleep(0.05)
    assert not waiting.done()
    loads.gate.set()
    await waiting
    assert loads.finished == [f"{SITE}/1.html"]
    await queue.settled(f"{SITE}/2.html")  # nothing under way for it: at once
    await queue.close()


async def test_a_captcha_or_a_refusal_stops_prefetching_to_that_host() -> None:
    loads = Loads()
    captcha = errors.RefusedPage("the portal asks for a captcha", kind="captcha", url=f"{SITE}/2.html")
    loads.fail[f"{SITE}/2.html"] = captcha
    queue = prefetcher(loads)
    queue.aim(loads.wanted("/1.html", "/2.html", "/3.html"))
    await until(lambda: f"{SITE}/2.html" in loads.started, "the prefetch that meets the captcha")
    queue.note_failure(f"{SITE}/2.html", captcha)  # what the client's load does with it
    await asyncio.sleep(0.1)
    assert queue.backing_off(f"{SITE}/3.html")
    assert not queue.backing_off("http://elsewhere.test/3.html")
    queue.aim(loads.wanted("/4.html", "/5.html"))
    await asyncio.sleep(0.1)
    assert {f"{SITE}/4.html", f"{SITE}/5.html"}.isdisjoint(loads.started)

    other = prefetcher(Loads())
    other.note_failure(f"{SITE}/x", errors.HTTPStatusError("403 Forbidden", url=f"{SITE}/x", status_code=403))
    assert other.backing_off(f"{SITE}/y")
    other.note_failure("http://b.test/x", errors.HTTPStatusError("500", url="http://b.test/x", status_code=500))
    assert not other.backing_off("http://b.test/y")  # a failing server is not a refusal
    await queue.close()


async def test_fresh_pages_robots_and_offline_are_respected() -> None:
    loads = Loads()
    loads.fresh.add(f"{SITE}/1.html")
    queue = prefetcher(loads)
    queue.aim(loads.wanted("/1.html", "/private.html", "/3.html"))
    await until(lambda: loads.finished == [f"{SITE}/3.html"], "the one page to fetch")
    assert loads.started == [f"{SITE}/3.html"]

    offline = Loads()
    idle = prefetcher(offline, offline=True)
    idle.aim(offline.wanted("/1.html"))
    await asyncio.sleep(0.1)
    assert offline.started == []
    await queue.close()
    await idle.close()


async def test_close_cancels_what_is_under_way() -> None:
    loads = Loads()
    loads.gate.clear()
    queue = prefetcher(loads)
    queue.aim(loads.wanted("/1.html"))
    await until(lambda: loads.started == [f"{SITE}/1.html"], "the prefetch under way")
    await queue.close()
    assert loads.cancelled == [f"{SITE}/1.html"]
