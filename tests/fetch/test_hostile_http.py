"""The fetch layer against a hostile portal: the demo server with each fault switched on.

Real sockets on 127.0.0.1 throughout; httpx.MockTransport only for robots.txt
answers the demo portal has no switch for (404, oversized, broken bytes).
Time limits in these tests are upper bounds with wide margins ("fails within
the deadline plus a lot"), never "fast enough".
"""

from __future__ import annotations

import asyncio
import re
import signal
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest

from support.demo_command import start_demo_server
from tui_reader.client.facade import Client
from tui_reader.demo.site import hostile
from tui_reader.demo.site.cities import CITY_BY_SLUG
from tui_reader.demo.site.content import CATEGORY_BY_SLUG, DemoSite
from tui_reader.demo.web import faults
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.errors import (
    BadContent,
    Blocked,
    FetchError,
    HTTPStatusError,
    Timeout,
    TooLarge,
    TooManyRedirects,
)
from tui_reader.fetch.fetcher import Fetcher, FetchLimits, canonical_url
from tui_reader.sites.parse import parse_article, parse_listings
from tui_reader.sites.profile import load_profile
from tui_reader.store.cache import Store

LIST = "/lianyungang/fangchan/"
MARGIN = 15.0  # seconds of slack on any "within the deadline" bound: a slow CI box never flakes


class Portal:
    def __init__(self, **faults: object) -> None:
        self.lines: list[str] = []
        self.server = DemoServer(options=DemoOptions(**faults), log=self.lines.append)

    @property
    def base(self) -> str:
        return self.server.base_url

    @property
    def hostport(self) -> str:
        return self.base.removeprefix("http://")

    def set(self, **faults: object) -> None:
        """Switch faults on; the server reads its options on every request."""
        for name, value in faults.items():
            assert hasattr(self.server.options, name), name
            setattr(self.server.options, name, value)

    def requests_for(self, path: str) -> list[str]:
        return [line for line in self.lines if line.split(" ")[1] == path]

    def logged(self, count: int) -> list[str]:
        """The access log once it has ``count`` lines: the server writes a line
        after the body, so it may trail the client's return by a moment."""
        give_up = time.monotonic() + MARGIN
        while len(self.lines) < count and time.monotonic() < give_up:
            time.sleep(0.01)
        return list(self.lines)

    def final_statuses(self) -> list[str]:
        """Stop the server and give every status it logged: stop() waits for the
        lines still trailing their answers, so this is all, and exact. They
        come in the order the answers ended; answers on separate connections
        (a retry after an error page is a new connection) may end in either
        order, so callers compare them sorted."""
        self.server.stop()
        return sorted(line.split(" ")[2] for line in self.lines)

    def prime_error_rate(self) -> None:
        """With error_rate 0.5 the server fails every second request: answer one
        now, so the next request (the fetcher's first) is the one that fails."""
        assert httpx.get(self.base + "/").status_code == 200


@pytest.fixture
def portal() -> Iterator[Portal]:
    p = Portal()
    with p.server:
        yield p


def first_article_path() -> str:
    site = DemoSite()
    return site.head(CITY_BY_SLUG["lianyungang"], CATEGORY_BY_SLUG["fangchan"], 0).path


def fetcher_for(portal: Portal, **limits: float) -> Fetcher:
    return Fetcher(FetchLimits(**limits), allowed_hosts=[portal.base])


# --- truncation, drip, size ----------------------------------------------------------


async def test_truncated_body_is_bad_content(portal: Portal) -> None:
    portal.set(truncate=True)
    async with fetcher_for(portal) as fetcher:
        with pytest.raises(BadContent, match="truncated"):
            await fetcher.get(portal.base + LIST)
        # Home and city pages are sound, so the reader can still get around.
        assert (await fetcher.get(portal.base + "/")).status == 200


async def test_truncated_article_is_never_stored_as_complete(portal: Portal, tmp_path: Path) -> None:
    portal.set(truncate=True)
    url = portal.base + first_article_path()
    with Store(tmp_path / "cache.sqlite3") as store:
        client = Client(profile=load_profile("demo"), base_url=portal.base, store=store, fetcher=fetcher_for(portal))
        try:
            with pytest.raises(FetchError, match="truncated"):
                await client.article(url)
        finally:
            await client.aclose()
    with Store(tmp_path / "cache.sqlite3") as store:  # the client closed its store
        assert store.get("article", url) is None
        assert store.stats()["article"] == 0


async def test_slow_drip_fails_within_the_total_deadline(portal: Portal) -> None:
    portal.set(drip=0.05)
    # Each byte comes long before the read timeout; only the total deadline can end this.
    async with fetcher_for(portal, read_timeout=30, total_deadline=1) as fetcher:
        started = time.monotonic()
        with pytest.raises(Timeout, match="within the 1 s deadline"):
            await fetcher.get(portal.base + LIST)
    assert time.monotonic() - started < 1 + MARGIN


async def test_huge_page_over_the_cap_is_too_large(portal: Portal) -> None:
    portal.set(huge_mb=3)
    async with fetcher_for(portal, max_bytes=2 * 1024 * 1024) as fetcher:
        with pytest.raises(TooLarge, match="more than 2 MiB"):
            await fetcher.get(portal.base + LIST)


async def test_huge_page_under_the_cap_is_read_and_parsed(portal: Portal) -> None:
    portal.set(huge_mb=3)
    async with fetcher_for(portal, max_bytes=4 * 1024 * 1024) as fetcher:
        response = await fetcher.get(portal.base + LIST)
    assert len((response.text or "").encode("gb18030")) >= 3 * 1024 * 1024 - 64
    page = parse_listings(response.text or "", response.url, load_profile("demo"))
    assert len(page.items) == 20


async def test_gzip_bomb_stops_at_cap_with_bounded_memory(portal: Portal) -> None:
    portal.set(gzip_bomb=True)
    faults.gzip_bomb()  # built before measuring: the server's bomb is not our memory
    cap = 1024 * 1024
    async with fetcher_for(portal, max_bytes=cap) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(TooLarge, match="more than 1 MiB"):
                await fetcher.get(portal.base + LIST)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    # The bomb inflates to 100 MiB; inflating it whole chunk by chunk (as
    # httpx's own decoder does) peaks above 100 MiB.
    assert faults.BOMB_SIZE >= 100 * cap
    assert peak < 32 * cap


# --- charset --------------------------------------------------------------------------


async def test_wrong_charset_label_still_decodes_without_replacement_chars(portal: Portal) -> None:
    portal.set(wrong_charset=True)
    async with fetcher_for(portal) as fetcher:
        response = await fetcher.get(portal.base + first_article_path())
    raw = httpx.get(portal.base + first_article_path())
    assert raw.headers["content-type"] == "text/html; charset=utf-8"  # the lie is really told
    assert response.encoding == "gb18030"
    assert "\ufffd" not in (response.text or "")
    title = DemoSite().head(CITY_BY_SLUG["lianyungang"], CATEGORY_BY_SLUG["fangchan"], 0).title
    assert parse_article(response.text or "", response.url, load_profile("demo")).title == title


async def test_correctly_labelled_gbk_pages_have_no_replacement_chars(portal: Portal) -> None:
    async with fetcher_for(portal) as fetcher:
        for path in ("/", "/lianyungang/", LIST, first_article_path()):
            response = await fetcher.get(portal.base + path)
            assert response.encoding == "gb18030"
            assert "\ufffd" not in (response.text or ""), path


# --- redirects and the host policy ---------------------------------------------------------


async def test_redirect_loop_stops_at_the_redirect_limit(portal: Portal) -> None:
    portal.set(redirect_loop=True)
    async with fetcher_for(portal, max_redirects=3) as fetcher:
        with pytest.raises(TooManyRedirects, match="more than 3 times"):
            await fetcher.get(portal.base + LIST)
    portal.logged(4)
    assert len(portal.requests_for(LIST)) == 4


async def test_redirect_within_the_site_is_followed(portal: Portal) -> None:
    async with fetcher_for(portal) as fetcher:
        response = await fetcher.get(portal.base + "/lianyungang")
    assert response.url == portal.base + "/lianyungang/"


@pytest.mark.parametrize(
    "target",
    [
        "http://2130706433:{port}",
        "http://0x7f.1:{port}",
        "http://0x7f000001:{port}",
        "http://127.1:{port}",
        "http://[::ffff:127.0.0.1]:{port}",
        "http://[::1]:{port}",
        "http://127.0.0.2:{port}",
        "http://169.254.169.254",
        "http://10.0.0.1",
        "http://evil.example",
    ],
    ids=lambda t: t.split("//")[1].split(":{")[0],
)
async def test_redirect_to_another_host_or_disguised_loopback_is_blocked(target: str) -> None:
    # The site being read is "localhost": every other spelling of loopback
    # is another host, and must not be reached through a redirect.
    p = Portal()
    with p.server:
        port = p.server.port
        p.server.options.redirect_to = target.format(port=port)
        async with Fetcher(allowed_hosts=[f"http://localhost:{port}"]) as fetcher:
            with pytest.raises(
                Blocked, match=r"^refused to follow a redirect to .*not the site being read \(localhost:"
            ):
                await fetcher.get(f"http://localhost:{port}{LIST}")
    assert [line.split(" ")[1] for line in p.logged(1)] == [LIST]  # the redirect was never followed


async def test_redirect_to_another_port_of_the_same_address_is_blocked(portal: Portal) -> None:
    portal.server.options.redirect_to = "http://127.0.0.1:1"
    async with fetcher_for(portal) as fetcher:
        with pytest.raises(Blocked, match="127.0.0.1:1 is a loopback address"):
            await fetcher.get(portal.base + LIST)


@pytest.mark.parametrize("name,target", hostile.LINK_TARGETS, ids=[n for n, _ in hostile.LINK_TARGETS])
async def test_hostile_link_targets_are_never_fetched(portal: Portal, name: str, target: str) -> None:
    async with fetcher_for(portal) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.get(target)
    assert isinstance(caught.value, Blocked) or "not a valid web address" in str(caught.value)
    assert "\x1b" not in str(caught.value)
    assert portal.lines == []


def test_allow_adds_a_site_the_user_named(portal: Portal) -> None:
    fetcher = Fetcher(allowed_hosts=[])

    async def go() -> int:
        async with fetcher:
            with pytest.raises(Blocked, match=r"\(no site yet\)"):
                await fetcher.get(portal.base + "/")
            fetcher.allow(portal.base + "/lianyungang/")
            return (await fetcher.get(portal.base + "/")).status

    assert asyncio.run(go()) == 200
    assert fetcher.allowed_sites == (portal.hostport,)


async def test_no_allowed_hosts_keeps_the_old_permissive_behaviour(portal: Portal) -> None:
    async with Fetcher() as fetcher:
        assert not fetcher.policy.enforcing
        assert (await fetcher.get(f"http://0x7f.1:{portal.server.port}/")).status == 200


@pytest.mark.parametrize(
    "url,expected",
    [
        ("http://例子.测试/路径", "http://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF%E5%BE%84"),
        ("HTTP://Example.COM/a/../b", "http://example.com/b"),
        ("http://www.example.com@evil.example/", "http://evil.example/"),
        ("  https://example.com/x?q=中 ", "https://example.com/x?q=%E4%B8%AD"),
    ],
)
def test_canonical_url_punycodes_hosts_and_drops_disguises(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<b>x</b>",
        "-oProxyCommand=touch /tmp/x",
        " --help",
        "http://-oProxyCommand=x/",
        "http://1.2.3.4.5/",
        "http://0177.0.0.1.0/",
        "http://evil.example/\x1b[2J",
        "ftp://example.com/",
    ],
)
def test_canonical_url_refuses_dangerous_links(url: str) -> None:
    with pytest.raises(Blocked) as caught:
        canonical_url(url)
    assert "\x1b" not in str(caught.value) and "\n" not in str(caught.value)


# --- retries --------------------------------------------------------------------------------


async def test_503_with_retry_after_seconds_is_retried_and_succeeds(portal: Portal) -> None:
    portal.set(error_rate=0.5, retry_after="1")
    portal.prime_error_rate()
    async with fetcher_for(portal) as fetcher:
        response = await fetcher.get(portal.base + "/")
    assert response.status == 200
    # The priming request's 200, the fetcher's 503, then its retry's 200.
    assert portal.final_statuses() == ["200", "200", "503"]


async def test_garbage_retry_after_falls_back_to_backoff(portal: Portal) -> None:
    portal.set(error_rate=0.5, retry_after="soon, maybe")
    portal.prime_error_rate()
    async with fetcher_for(portal, retry_backoff=0.05) as fetcher:
        assert (await fetcher.get(portal.base + "/")).status == 200
    assert portal.final_statuses() == ["200", "200", "503"]


async def test_retry_after_as_a_past_http_date_retries(portal: Portal) -> None:
    past = format_datetime(datetime.now(UTC) - timedelta(hours=1), usegmt=True)
    portal.server.options.error_rate = 0.5
    portal.server.options.retry_after = past
    portal.prime_error_rate()
    async with fetcher_for(portal) as fetcher:
        assert (await fetcher.get(portal.base + "/")).status == 200
    assert portal.final_statuses() == ["200", "200", "503"]


@pytest.mark.parametrize("value", ["3600", "Wed, 21 Oct 2099 07:28:00 GMT"])
async def test_retry_after_beyond_the_deadline_gives_up_at_once_saying_so(portal: Portal, value: str) -> None:
    portal.server.options.error_rate = 1.0
    portal.server.options.retry_after = value
    async with fetcher_for(portal, total_deadline=5) as fetcher:
        started = time.monotonic()
        with pytest.raises(HTTPStatusError, match=r"503 .* asked to come back in \d+ s") as caught:
            await fetcher.get(portal.base + "/")
    assert caught.value.status_code == 503
    assert time.monotonic() - started < 5  # it did not sit out the wait
    assert portal.final_statuses() == ["503"]


async def test_retries_are_bounded(portal: Portal) -> None:
    portal.set(error_rate=1.0, retry_after="0")
    async with fetcher_for(portal) as fetcher:
        with pytest.raises(HTTPStatusError, match=r"still so after 2 retries"):
            await fetcher.get(portal.base + "/")
    assert portal.final_statuses() == ["503"] * (1 + FetchLimits().max_retries)


async def test_500_is_not_retried(portal: Portal) -> None:
    portal.set(error_rate=1.0)
    async with fetcher_for(portal) as fetcher:
        with pytest.raises(HTTPStatusError, match="500"):
            await fetcher.get(portal.base + "/")
    assert portal.final_statuses() == ["500"]


# --- robots.txt -----------------------------------------------------------------------------


async def test_robots_txt_of_the_demo_is_obeyed_and_fetched_once(portal: Portal) -> None:
    async with fetcher_for(portal) as fetcher:
        assert await fetcher.robots_allows(portal.base + "/lianyungang/")
        assert not await fetcher.robots_allows(portal.base + "/post.html")
        assert await fetcher.robots_allows(portal.base + LIST)
    assert [line.split(" ")[1] for line in portal.logged(1)] == ["/robots.txt"]


async def test_robots_txt_server_error_disallows(portal: Portal) -> None:
    portal.set(error_rate=1.0)
    async with fetcher_for(portal) as fetcher:
        assert not await fetcher.robots_allows(portal.base + "/")


async def test_robots_txt_timeout_disallows(portal: Portal) -> None:
    portal.set(latency=3.0)
    async with fetcher_for(portal, total_deadline=0.5) as fetcher:
        started = time.monotonic()
        assert not await fetcher.robots_allows(portal.base + "/")
    assert time.monotonic() - started < 0.5 + MARGIN


async def test_robots_txt_for_another_host_is_blocked(portal: Portal) -> None:
    async with fetcher_for(portal) as fetcher:
        with pytest.raises(Blocked):
            await fetcher.robots_allows("http://evil.example/")
    assert portal.lines == []


def _robots_transport(status: int, body: bytes, seen: list[str]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(status, content=body, headers={"Content-Type": "text/plain"})

    return httpx.MockTransport(handler)


@pytest.mark.parametrize("status", [401, 403, 404, 410])
async def test_robots_txt_4xx_allows_everything(status: int) -> None:
    seen: list[str] = []
    transport = _robots_transport(status, b"User-agent: *\nDisallow: /\n", seen)
    async with Fetcher(allowed_hosts=["example.test"], transport=transport) as fetcher:
        assert await fetcher.robots_allows("http://example.test/anything")
    assert seen == ["/robots.txt"]


async def test_robots_txt_is_capped_at_512_kib() -> None:
    # A rule past the cap is not seen; the ones before it are.
    body = b"User-agent: *\nDisallow: /early\n" + b"# filler\n" * 70_000 + b"Disallow: /late\n"
    assert len(body) > 512 * 1024
    async with Fetcher(allowed_hosts=["example.test"], transport=_robots_transport(200, body, [])) as fetcher:
        assert not await fetcher.robots_allows("http://example.test/early")
        assert await fetcher.robots_allows("http://example.test/late")


async def test_robots_txt_with_bad_bytes_does_not_crash() -> None:
    body = b"\xff\xfe\x00\x80\nUser-agent: *\n\x80\x81\nDisallow: /private\n\xc3\x28\nDisallow: /\xe4\xb8\n"
    async with Fetcher(allowed_hosts=["example.test"], transport=_robots_transport(200, body, [])) as fetcher:
        assert not await fetcher.robots_allows("http://example.test/private/x")
        assert await fetcher.robots_allows("http://example.test/public")


# --- hostile content ---------------------------------------------------------------------


async def test_hostile_pages_are_fetched_decoded_and_parsed_intact(portal: Portal) -> None:
    portal.set(hostile=True)
    profile = load_profile("demo")
    async with fetcher_for(portal) as fetcher:
        listing = await fetcher.get(portal.base + LIST)
        page = parse_listings(listing.text or "", listing.url, profile)
        article = await fetcher.get(page.items[0].url)
    assert "\ufffd" not in (listing.text or "") + (article.text or "")
    # The payloads survive fetching, decoding and HTML parsing as text
    # (characters GBK lacks travel as numeric references and come back).
    titles = "".join(item.title for item in page.items)
    for needle in ("\x1b[2J", "\x1b]52;c;", "\x1b]8;;", "[@click=app.quit]", "[link=", "\u202e", "\u0336"):
        assert needle in titles, repr(needle)
    parsed = parse_article(article.text or "", article.url, profile)
    assert any(p in parsed.title for p in hostile.PAYLOADS)
    # Every dangerous link the page carries is refused when anyone tries to open it.
    for href in re.findall(r'href="([^"]*)"', article.text or ""):
        target = httpx.URL(portal.base).join(href.replace("&amp;", "&").strip()) if href.startswith("/") else href
        if str(target).startswith(portal.base):
            continue
        with pytest.raises((Blocked, FetchError)):
            await Fetcher(allowed_hosts=[portal.base]).get(str(target))


def test_demo_server_command_takes_the_fault_flags() -> None:
    args = [
        "--port",
        "0",
        "--hostile",
        "--truncate",
        "--wrong-charset",
        "--huge",
        "1",
        "--retry-after",
        "1",
        "--redirect-to",
        "http://evil.example",
    ]
    proc = start_demo_server(*args)
    try:
        banner = proc.stdout.readline()  # type: ignore[union-attr]
        url = re.search(r"http://127\.0\.0\.1:\d+", banner)[0]  # type: ignore[index]
        home = httpx.get(url + "/")
        assert home.status_code == 200 and home.headers["content-type"] == "text/html; charset=utf-8"
        listing = httpx.get(url + LIST, follow_redirects=False)
        assert listing.status_code == 302 and listing.headers["location"] == "http://evil.example" + LIST
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and err == ""


@pytest.mark.parametrize("flag", ["--drip", "--huge"])
def test_demo_server_rejects_negative_fault_values(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    from tui_reader.demo.web.command import main

    with pytest.raises(SystemExit) as exit_info:
        main([flag, "-1"])
    assert exit_info.value.code == 2
    assert flag in capsys.readouterr().err


@pytest.mark.parametrize("method", ["POST", "PATCH", "post"])
def test_429_and_503_are_not_retried_for_non_idempotent_methods(method: str) -> None:
    from tui_reader.fetch.retry import may_retry

    assert not may_retry(method, 503) and not may_retry(method, 429)
    assert may_retry("GET", 503) and may_retry("GET", 429) and not may_retry("GET", 500)
