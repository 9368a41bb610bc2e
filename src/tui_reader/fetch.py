"""The only code in tui-reader that talks to the network.

A ``Fetcher`` downloads HTML pages politely and defensively: portals of this
kind are slow, flaky, sometimes huge, sometimes redirect in circles, and they
label their charsets badly. Every way a download can go wrong becomes one of
our ``FetchError`` subclasses whose message is one sentence naming the host,
so the layers above can show it as is.

Limits, all in ``FetchLimits``:

- connect and read timeouts (httpx's read timeout applies to each read, so a
  server dripping one byte at a time would never trip it) *and* a total
  deadline for the whole download, redirects included;
- a byte cap counted after decompression, so a small gzip bomb cannot blow up;
- a redirect limit; redirects are followed here, not by httpx, so every hop is
  checked (scheme, count) and counted against the same deadline;
- per-host concurrency and an optional delay between requests to one host.

A Fetcher belongs to one event loop: its client and semaphores are created
lazily on first use, so constructing one does no I/O.
"""

from __future__ import annotations

import asyncio
import socket
import time
from dataclasses import dataclass, replace
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import httpx

from . import __version__
from ._charset import decode_html
from .errors import (
    BadContent,
    Blocked,
    ConnectError,
    FetchError,
    HTTPStatusError,
    Timeout,
    TooLarge,
    TooManyRedirects,
)

__all__ = ["FetchLimits", "Fetcher", "Response", "decode_html"]

DEFAULT_USER_AGENT = f"tui-reader/{__version__} (terminal reader; +https://example.invalid/tui-reader)"

_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"


@dataclass(frozen=True)
class FetchLimits:
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_deadline: float = 30.0
    """Seconds for a whole download (all redirects, headers and body), counted
    from the moment the request gets its per-host slot."""
    max_bytes: int = 8 * 1024 * 1024
    """Largest body accepted, after decompression."""
    max_redirects: int = 5
    per_host_concurrency: int = 4
    per_host_delay: float = 0.0
    """Seconds between the starts of two requests to the same host."""


@dataclass(frozen=True)
class Response:
    url: str
    """The final URL, after redirects."""
    status: int
    """200 (or another 2xx), or 304 when a conditional request found the page unchanged."""
    text: str | None
    """The decoded page; None on 304."""
    encoding: str | None
    etag: str | None
    last_modified: str | None
    elapsed: float
    """Seconds from getting the host slot to having the whole body."""


class _Host:
    """Politeness state for one host: a concurrency limit and the next start time."""

    def __init__(self, concurrency: int) -> None:
        self.slots = asyncio.Semaphore(max(1, concurrency))
        self.pacing = asyncio.Lock()
        self.next_start = 0.0


def _host_label(url: str) -> str:
    """"127.0.0.1:8964" or "example.com": what messages call the server."""
    parts = urlsplit(url)
    return parts.netloc.rpartition("@")[2] or url


def _path_label(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _root_cause(exc: BaseException) -> str | None:
    """Walk the exception chain for the OS-level reason a connection failed."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        item = stack.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, ConnectionRefusedError):
            return "connection refused"
        if isinstance(item, socket.gaierror):
            return "host name not found"
        if isinstance(item, ConnectionResetError):
            return "connection reset"
        if isinstance(item, OSError) and item.errno is not None and item.strerror:
            return item.strerror.lower()
        stack.extend([item.__cause__, item.__context__, *getattr(item, "exceptions", ())])
    return None


class Fetcher:
    def __init__(
        self,
        limits: FetchLimits = FetchLimits(),
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        user_agent: str = DEFAULT_USER_AGENT,
    ) -> None:
        self.limits = limits
        self._transport = transport
        self._user_agent = user_agent
        self._client: httpx.AsyncClient | None = None
        self._hosts: dict[str, _Host] = {}

    def _get_client(self) -> httpx.AsyncClient:
        if self._client is None:
            limits = self.limits
            self._client = httpx.AsyncClient(
                transport=self._transport,
                follow_redirects=False,
                timeout=httpx.Timeout(
                    limits.read_timeout,
                    connect=limits.connect_timeout,
                    # Waiting for a pooled connection is bounded by our own
                    # total deadline; a separate pool timeout would only add
                    # a second, confusing way to time out.
                    pool=None,
                ),
                headers={"User-Agent": self._user_agent, "Accept": _ACCEPT},
            )
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            client, self._client = self._client, None
            await client.aclose()

    async def __aenter__(self) -> Fetcher:
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
        client = self._get_client()
        loop = asyncio.get_running_loop()
        started: float | None = None
        current = url
        try:
            # The deadline is armed once the first host slot is ours, so time
            # spent queueing behind our own other requests does not count.
            async with asyncio.timeout(None) as deadline:
                for hop in range(self.limits.max_redirects + 1):
                    self._check_scheme(current)
                    async with self._slot(current):
                        if started is None:
                            started = time.monotonic()
                            deadline.reschedule(loop.time() + self.limits.total_deadline)
                        result = await self._one_hop(client, current, headers)
                    if isinstance(result, Response):
                        elapsed = time.monotonic() - started
                        if result.status == 304:
                            # A 304 may omit the validators; the ones we sent still hold.
                            return replace(
                                result,
                                elapsed=elapsed,
                                etag=result.etag or etag,
                                last_modified=result.last_modified or last_modified,
                            )
                        return replace(result, elapsed=elapsed)
                    current = result
                raise TooManyRedirects(
                    f"{_host_label(url)} redirected more than {self.limits.max_redirects} times for {_path_label(url)}",
                    url=url,
                )
        except TimeoutError:
            raise Timeout(
                f"{_host_label(current)} did not deliver {_path_label(current)} "
                f"within the {_seconds(self.limits.total_deadline)} deadline",
                url=url,
            ) from None
        except httpx.ConnectTimeout:
            raise Timeout(
                f"could not connect to {_host_label(current)} within {_seconds(self.limits.connect_timeout)}",
                url=url,
            ) from None
        except httpx.TimeoutException:
            raise Timeout(
                f"{_host_label(current)} did not answer within {_seconds(self.limits.read_timeout)}", url=url
            ) from None
        except httpx.ConnectError as exc:
            reason = _root_cause(exc) or "no connection"
            raise ConnectError(f"could not connect to {_host_label(current)} ({reason})", url=url) from None
        except httpx.UnsupportedProtocol:
            raise Blocked(f"refused to fetch {current!r}: only http and https are allowed", url=url) from None
        except httpx.InvalidURL:
            raise FetchError(f"{current!r} is not a valid web address", url=url) from None
        except httpx.RemoteProtocolError:
            raise FetchError(
                f"{_host_label(current)} broke the connection before answering for {_path_label(current)}",
                url=url,
            ) from None
        except httpx.HTTPError as exc:
            reason = _root_cause(exc) or type(exc).__name__
            raise FetchError(f"reading from {_host_label(current)} failed ({reason})", url=url) from None

    def _check_scheme(self, url: str) -> None:
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise Blocked(f"refused to fetch {url!r}: only http and https are allowed", url=url)

    def _slot(self, url: str) -> _HostSlot:
        key = _host_label(url).lower()
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = _Host(self.limits.per_host_concurrency)
        return _HostSlot(host, self.limits.per_host_delay)

    async def _one_hop(self, client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> Response | str:
        """Do one request; return the Response, or the next URL on a redirect."""
        request = client.build_request("GET", url, headers=headers)
        response = await client.send(request, stream=True)
        try:
            status = response.status_code
            if status in _REDIRECT_CODES:
                location = response.headers.get("Location")
                if not location:
                    raise BadContent(
                        f"{_host_label(url)} sent a redirect without a target for {_path_label(url)}", url=url
                    )
                target = urljoin(str(response.url), location.strip())
                self._check_scheme(target)
                return target
            if status == 304:
                return Response(
                    url=str(response.url),
                    status=304,
                    text=None,
                    encoding=None,
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                    elapsed=0.0,
                )
            if not 200 <= status < 300:
                reason = response.reason_phrase or _reason(status)
                raise HTTPStatusError(
                    f"{_host_label(url)} answered {status} {reason} for {_path_label(url)}",
                    url=url,
                    status_code=status,
                )
            content_type = response.headers.get("Content-Type")
            media_type = (content_type or "").split(";", 1)[0].strip().lower()
            if media_type and media_type not in _HTML_TYPES:
                raise BadContent(
                    f"{_host_label(url)} sent {media_type}, not a web page, for {_path_label(url)}", url=url
                )
            body = await self._read_body(response, url)
            text, encoding = decode_html(body, content_type)
            return Response(
                url=str(response.url),
                status=status,
                text=text,
                encoding=encoding,
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
                elapsed=0.0,
            )
        finally:
            await response.aclose()

    async def _read_body(self, response: httpx.Response, url: str) -> bytes:
        limit = self.limits.max_bytes
        chunks: list[bytes] = []
        size = 0
        try:
            # aiter_bytes yields decompressed data, so the cap applies to what
            # we would actually hold in memory, not to the wire size.
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > limit:
                    raise TooLarge(
                        f"{_host_label(url)} sent more than {_mib(limit)} for {_path_label(url)}", url=url
                    )
                chunks.append(chunk)
        except (httpx.RemoteProtocolError, httpx.ReadError):
            raise BadContent(f"{_host_label(url)} sent a truncated page for {_path_label(url)}", url=url) from None
        except httpx.DecodingError:
            raise BadContent(
                f"{_host_label(url)} sent a page that could not be decompressed for {_path_label(url)}", url=url
            ) from None
        declared = response.headers.get("Content-Length")
        # Content-Length counts wire bytes, so compare with what came off the
        # wire. A transport that hands httpx a preloaded body reports zero wire
        # bytes; then the body itself is the best count we have.
        wire = response.num_bytes_downloaded or size
        if declared and declared.strip().isdigit() and wire < int(declared):
            raise BadContent(f"{_host_label(url)} sent a truncated page for {_path_label(url)}", url=url)
        return b"".join(chunks)


class _HostSlot:
    """``async with``: hold one of a host's slots, pacing starts by the delay."""

    def __init__(self, host: _Host, delay: float) -> None:
        self._host = host
        self._delay = delay

    async def __aenter__(self) -> None:
        await self._host.slots.acquire()
        if self._delay > 0:
            try:
                async with self._host.pacing:
                    wait = self._host.next_start - time.monotonic()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    self._host.next_start = time.monotonic() + self._delay
            except BaseException:
                self._host.slots.release()
                raise

    async def __aexit__(self, *exc_info: object) -> None:
        self._host.slots.release()


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "error"


def _mib(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MiB"
    return f"{size} bytes"
