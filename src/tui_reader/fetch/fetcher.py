"""The ``Fetcher``: the one object in tui-reader that talks to a portal.

A ``Fetcher`` downloads HTML pages, and the photos they show (``get_photo``),
politely and defensively: portals of this kind are slow, flaky, sometimes huge,
sometimes redirect in circles, and they label their charsets badly. Every way
a download can go wrong becomes one of our ``FetchError`` subclasses whose
message is one sentence naming the host, so the layers above can show it as is.

Limits, all in ``FetchLimits``:

- connect and read timeouts (httpx's read timeout applies to each read, so a
  server dripping one byte at a time would never trip it) *and* a total
  deadline for the whole download, redirects included;
- a byte cap counted after decompression, inflating in bounded slices
  (``body``), so a small gzip bomb stops at the cap with bounded memory;
- a redirect limit; redirects are followed here, not by httpx, so every hop is
  checked (scheme, count) and counted against the same deadline;
- per-host concurrency and an optional delay between requests to one host;
- a host policy (``tui_reader.hosts``): once the site being read is named, nothing
  else is fetched by itself, not through a redirect and not through a
  loopback or private address spelled as ``2130706433`` or ``0x7f.1``;
- bounded retries of GETs answered 429/503, waiting as ``Retry-After`` says
  (clamped) or with jittered backoff (``retry``); with ``retry_transient``
  (a sync) of 500/502/504 answers and bodies cut off mid-way too, all counted
  in ``Fetcher.retried``;
- robots.txt read with these same limits, size cap and deadline (``robots``);
- and one not in ``FetchLimits``: an answer's head (status line and
  headers) of at most 100 KiB, h11's limit inside httpx's transport, told
  in our words (``failures``).

Requests go straight to a transport's ``handle_async_request`` (``transports``),
not through ``httpx.AsyncClient``: httpx's own ``AsyncHTTPTransport`` (HTTP/1.1, a pool
of kept-alive connections; one for the Fetcher's life), one per proxy the
environment names (``HTTP_PROXY``, ``NO_PROXY``…), or a test's. No cookies.

The modules beside this one get plain values and hold no httpx import,
except the three that exist to handle httpx's own types: ``failures`` (httpx
exceptions turned into our sentences), ``send`` (one GET through a
transport: stale kept-alive connections, bodies read only to keep a
connection) and ``answers`` (a 2xx answer read into a page or a photo's
bytes). Addresses are parsed and made canonical by ``tui_reader.urls``.
"Network only in fetch/" is an import contract in pyproject.toml.

A Fetcher belongs to one event loop: its transports and semaphores are
created lazily on first use, so constructing one does no I/O.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from typing import Self, TypeVar

import httpx

from tui_reader import __version__
from tui_reader.errors import BadContent, Blocked, FetchError, HTTPStatusError, TooManyRedirects
from tui_reader.fetch.answers import page_answer, photo_answer
from tui_reader.fetch.body import ACCEPT_ENCODING, Truncated, Undecodable, read_body
from tui_reader.fetch.charset import decode_html
from tui_reader.fetch.connect_to import ConnectTo
from tui_reader.fetch.failures import fetch_error
from tui_reader.fetch.messages import host_label as _host_label
from tui_reader.fetch.messages import path_label as _path_label
from tui_reader.fetch.messages import reason as _reason
from tui_reader.fetch.politeness import Host, HostSlot
from tui_reader.fetch.retry import CutOff, Later, may_retry, wait_to_retry
from tui_reader.fetch.robots import ROBOTS_MAX_BYTES, RobotsCache, RobotsFetch
from tui_reader.fetch.send import discard, raw_chunks
from tui_reader.fetch.transports import Transports
from tui_reader.hosts import SCHEMES, HostPolicy, origin_key
from tui_reader.limits import IMAGE_LIMITS, FetchLimits, PhotoBytes, Response
from tui_reader.urls import canonical_url, resolve
from tui_reader.urls import parse as _parse
from tui_reader.urls import site_parts as _site_parts

__all__ = ["FetchLimits", "Fetcher", "Response", "canonical_url", "decode_html"]

DEFAULT_USER_AGENT = f"tui-reader/{__version__} (terminal reader; +https://example.invalid/tui-reader)"
ROBOTS_AGENT = "tui-reader"
"""The product token robots.txt groups are matched against."""

_log = logging.getLogger(__name__)  # --debug: every fetch with its status and time
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
_ROBOTS_REDIRECTS = 5
# What a browser asks an <img> for, less the formats ``sites.images`` does not show.
_PHOTO_HEADERS = {"Accept": "image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8"}
_Answer = TypeVar("_Answer", Response, PhotoBytes)


class Fetcher:
    """Downloads pages of the site being read.

    ``allowed_hosts`` names that site (host names, ``host:port`` or URLs);
    ``allow(url)`` adds one the user named later (``read URL``). Once any
    site is allowed, the Fetcher refuses, with ``Blocked``, every fetch and
    every redirect to another host, including loopback or private
    addresses in any spelling. ``allowed_hosts=None`` (the default) keeps
    the old behaviour: any http(s) host, until ``allow`` is first called.

    ``connect_to`` (``{site: address}``) reaches a site at another address
    than its URLs name, and tells what comes back under the site's URLs
    (see ``connect_to``): the policy, politeness and robots.txt all go by
    the site's name.
    """

    def __init__(
        self,
        limits: FetchLimits = FetchLimits(),
        *,
        allowed_hosts: Iterable[str] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        user_agent: str = DEFAULT_USER_AGENT,
        connect_to: Mapping[str, str] | None = None,
    ) -> None:
        self.limits = limits
        self._connect_to = ConnectTo(connect_to)
        self._transports = Transports(
            limits,
            {"User-Agent": user_agent, "Accept": _ACCEPT, "Accept-Encoding": ACCEPT_ENCODING},
            self._connect_to,
            transport,
        )
        self._hosts: dict[str, Host] = {}
        self.policy = HostPolicy(None if allowed_hosts is None else [_site_parts(h) for h in allowed_hosts])
        self._robots = RobotsCache(self._download_robots)
        self._vouched: set[tuple[str, int]] = set()
        """Origins off the site that pages on it showed photos on (``get_photo``)."""
        self.retried = 0
        """Retries done so far, by every ``get`` of this Fetcher (a sync reports them)."""

    def allow(self, url: str) -> None:
        """Treat the host of ``url`` (a site the user named) as the site being read."""
        self.policy.allow(*_site_parts(url))

    @property
    def allowed_sites(self) -> tuple[str, ...]:
        """The sites allowed so far, e.g. ("127.0.0.1:8964",); empty when not enforcing."""
        return self.policy.sites

    async def _send(self, url: httpx.URL, headers: dict[str, str] | None = None) -> httpx.Response:
        return await self._transports.send(url, headers)

    async def aclose(self) -> None:
        await self._transports.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """Download one HTML page; raise a ``FetchError`` subclass on any failure."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        result = await self._download(url, headers, self._page)
        if result.status == 304:
            # A 304 may omit the validators; the ones we sent still hold.
            return result._replace(etag=result.etag or etag, last_modified=result.last_modified or last_modified)
        return result

    async def get_photo(
        self, url: str, *, found_on: str | None = None, max_bytes: int = IMAGE_LIMITS.max_bytes
    ) -> PhotoBytes:
        """Download one photo's bytes as they are (no charset, no look at them: ``sites.vet_image``
        decides what they are), with everything a page gets: host slots and delay,
        retries, deadlines, redirects checked; at most ``max_bytes`` after decompression,
        refused before reading when the Content-Length already says more.

        Which hosts: a photo on the site being read is fetched as a page is. Portals
        keep photos on hosts of their own (img.xxxcdn.com), so a photo elsewhere is
        fetched when ``found_on``, the page that shows it, is on the site being read:
        that page vouches for the photo's origin for this download (its redirects may
        stay there or come back to the site) and for its robots.txt, never for a page
        (``HostPolicy.check_found_on`` has the rule; loopback and private addresses only
        for a page on such an address itself). The caller says which page showed the
        photo; the client only says so for a photo of an article it holds. The request
        carries that page's origin as its Referer, as a browser's would: CDNs of such
        portals refuse pictures asked for without one.
        """
        vouched = self._vouch(url, found_on)
        headers = dict(_PHOTO_HEADERS)
        if found_on is not None:
            page = _parse(found_on)
            headers["Referer"] = f"{page.scheme}://{page.netloc.decode('ascii')}/"

        async def read(response: httpx.Response, url: str, here: str) -> PhotoBytes:
            return await photo_answer(response, url, here, max_bytes=max_bytes)

        return await self._download(url, headers, read, vouched=vouched)

    async def _download(
        self,
        url: str,
        headers: dict[str, str],
        read: Callable[[httpx.Response, str, str], Awaitable[_Answer]],
        *,
        vouched: Collection[tuple[str, int]] = (),
    ) -> _Answer:
        """GET ``url`` through redirects and retries; ``read`` turns the answer (2xx or 304) into the result."""
        loop = asyncio.get_running_loop()
        started: float | None = None
        current = url
        self._check(url, redirected=False, vouched=vouched)
        try:
            # The deadline is armed once the first host slot is ours, so time
            # spent queueing behind our own other requests does not count.
            async with asyncio.timeout(None) as deadline:
                redirects = retries = 0
                while True:
                    async with self._slot(current):
                        if started is None:
                            started = time.monotonic()
                            deadline.reschedule(loop.time() + self.limits.total_deadline)
                        result = await self._one_hop(current, headers, read)
                    if isinstance(result, Later):
                        await wait_to_retry(result.error, result.retry_after, retries, self.limits, deadline.when())
                        retries += 1
                        self.retried += 1
                        continue
                    if not isinstance(result, str):
                        elapsed = time.monotonic() - started
                        _log.debug("GET %s -> %s in %.3f s", current, getattr(result, "status", 200), elapsed)
                        return result._replace(elapsed=elapsed)
                    redirects += 1
                    if redirects > self.limits.max_redirects:
                        raise TooManyRedirects(
                            f"{_host_label(url)} redirected more than {self.limits.max_redirects} times "
                            f"for {_path_label(url)}",
                            url=url,
                        )
                    # Every hop is checked again: a redirect is the easy way
                    # to send a reader somewhere it would never go by itself.
                    self._check(result, redirected=True, vouched=vouched)
                    current = result
        except (TimeoutError, httpx.HTTPError, httpx.InvalidURL) as exc:
            _log.debug("GET %s failed: %r", current, exc)
            raise fetch_error(exc, url=url, current=current, limits=self.limits) from None

    async def robots_allows(self, url: str, *, found_on: str | None = None) -> bool:
        """Whether the site's robots.txt lets us fetch ``url``.

        The file is fetched once per site and Fetcher, with this client's
        limits and host policy: 4xx means no rules (allowed), 5xx or no
        answer means nothing is allowed. Never raises for network trouble;
        raises ``Blocked`` only for a URL the policy refuses outright.
        ``found_on``: the page showing ``url``, a photo (see ``get_photo``).
        """
        parsed = self._check(url, redirected=False, vouched=self._vouch(url, found_on))
        origin = f"{parsed.scheme}://{parsed.netloc.decode('ascii')}"
        rules = await self._robots.rules(origin)
        return rules.allows(ROBOTS_AGENT, str(parsed))

    async def _download_robots(self, robots_url: str) -> RobotsFetch:
        current = robots_url
        try:
            async with asyncio.timeout(self.limits.total_deadline):
                for hop in range(_ROBOTS_REDIRECTS + 1):
                    try:
                        self._check(current, redirected=hop > 0, vouched=self._vouched)
                    except FetchError:
                        return RobotsFetch(404)  # led off the site: as if there were no file
                    async with self._slot(current):
                        response = await self._send(_parse(current))
                        try:
                            status = response.status_code
                            location = response.headers.get("Location")
                            if status in _REDIRECT_CODES and location:
                                await discard(response)
                                if (target := resolve(str(_parse(current)), location)) is None:
                                    return RobotsFetch(404)  # led nowhere: as if there were no file
                                current = self._connect_to.known_as(target)
                                continue
                            if not 200 <= status < 300:
                                await discard(response)
                                return RobotsFetch(status)
                            body = await read_body(
                                raw_chunks(response),
                                content_encoding=response.headers.get("Content-Encoding"),
                                content_length=response.headers.get("Content-Length"),
                                limit=ROBOTS_MAX_BYTES,
                                truncate=True,
                            )
                            return RobotsFetch(status, body)
                        finally:
                            await response.aclose()
                return RobotsFetch(404)  # RFC 9309: too many redirects is "unavailable"
        except (TimeoutError, httpx.HTTPError, Truncated, Undecodable):
            return RobotsFetch(None)

    def _check(self, url: str, *, redirected: bool, vouched: Collection[tuple[str, int]] = ()) -> httpx.URL:
        """Parse ``url`` and apply the host policy, or let it through to an origin a page
        of the site vouched for (``_vouch``); raise ``Blocked`` or ``FetchError``."""
        if url.strip().startswith("-"):
            raise Blocked(f"refused to fetch {url!r}: it looks like a command-line option", url=url)
        parsed = _parse(url)
        scheme, host, port = parsed.scheme, parsed.raw_host.decode("ascii"), parsed.port
        if vouched and scheme in SCHEMES and origin_key(scheme, host, port) in vouched:
            return parsed
        if not self.policy.passed(scheme, host, port):
            # The message shows the canonical form: percent-encoded, so a hostile
            # Location header cannot smuggle control characters into it.
            self.policy.check(scheme, host, port, str(parsed), redirected=redirected)
        return parsed

    def _vouch(self, url: str, found_on: str | None) -> frozenset[tuple[str, int]]:
        """The origin of ``url`` when it is off the site and ``found_on``, a page on it,
        shows it (``HostPolicy.check_found_on``); empty when the site's own rules do."""
        if found_on is None:
            return frozenset()
        try:
            self._check(url, redirected=False)
            return frozenset()
        except Blocked:
            pass
        parsed, page = _parse(url), _parse(found_on)
        origin = self.policy.check_found_on(
            parsed.scheme,
            parsed.raw_host.decode("ascii"),
            parsed.port,
            str(parsed),
            page=(page.scheme, page.raw_host.decode("ascii"), page.port),
            page_url=str(page),
        )
        self._vouched.add(origin)  # for its robots.txt, which a later photo there asks for
        return frozenset({origin})

    def _slot(self, url: str) -> HostSlot:
        key = _host_label(url).lower()
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = Host(self.limits.per_host_concurrency)
        return HostSlot(host, self.limits.per_host_delay)

    async def _one_hop(
        self, url: str, headers: dict[str, str], read: Callable[[httpx.Response, str, str], Awaitable[_Answer]]
    ) -> _Answer | Later | str:
        """Do one request; return what ``read`` makes of it, a retry request, or the next URL on a redirect."""
        parsed = _parse(url)
        response = await self._send(parsed, headers)
        here = str(parsed)  # canonical, as httpx writes it
        try:
            status = response.status_code
            if status in _REDIRECT_CODES:
                location = response.headers.get("Location")
                if not location:
                    raise BadContent(
                        f"{_host_label(url)} sent a redirect without a target for {_path_label(url)}", url=url
                    )
                await discard(response)
                if (target := resolve(here, str(location))) is None:
                    where = f"{_host_label(url)} sent a redirect to an address that cannot be read"
                    raise BadContent(f"{where} for {_path_label(url)}", url=url)
                return self._connect_to.known_as(target)
            if status != 304 and not 200 <= status < 300:
                reason = response.reason_phrase or _reason(status)
                error = HTTPStatusError(
                    f"{_host_label(url)} answered {status} {reason} for {_path_label(url)}",
                    url=url,
                    status_code=status,
                )
                await discard(response)
                if may_retry("GET", status, transient=self.limits.retry_transient):
                    return Later(error, response.headers.get("Retry-After"))
                raise error
            try:
                return await read(response, url, here)
            except CutOff as exc:
                if self.limits.retry_transient:
                    return Later(exc, None)
                raise
        finally:
            await response.aclose()

    async def _page(self, response: httpx.Response, url: str, here: str) -> Response:
        return await page_answer(response, url, here, max_bytes=self.limits.max_bytes, decode=self._decode)

    def _decode(self, body: bytes, content_type: str | None) -> tuple[str, str]:
        return decode_html(body, content_type)  # a seam: ``profile check`` overrides it to learn why
