"""Web addresses: parsed once, checked, canonical.

Below every package, because three of them need the one canonical form of an
address: ``fetch`` checks what it requests, ``sites`` makes the links of an
article safe to show, ``ui`` hands one to the browser. Parsing only (httpx's
URL type): nothing here opens a socket.

``parse`` is cached: a sync checks each URL against robots.txt and the host
policy, then requests it, and httpx's URL parser is a measurable part of a
page. ``canonical_url`` is the one form of a link that may be shown, opened
or handed to a browser.
"""

from __future__ import annotations

import functools
import urllib.request
from urllib.parse import urljoin

import httpx

from tui_reader.errors import Blocked, FetchError
from tui_reader.hosts import HostPolicy

__all__ = ["canonical_url", "environment_proxies", "parse", "proxy_for", "resolve", "site_parts"]


@functools.lru_cache(maxsize=1024)
def parse(url: str) -> httpx.URL:
    """``url`` as an ``httpx.URL``; ``FetchError`` when it is not a web address."""
    try:
        return httpx.URL(url.strip())
    except httpx.InvalidURL:
        raise FetchError(f"{url!r} is not a valid web address", url=url) from None


def site_parts(site: str) -> tuple[str, str, int | None]:
    """(scheme, IDNA host, port) of "example.com", "127.0.0.1:8964" or a full URL."""
    text = site.strip()
    parsed = parse(text if "://" in text else f"http://{text}")
    return parsed.scheme, parsed.raw_host.decode("ascii"), parsed.port


def canonical_url(url: str) -> str:
    """The one form of a link that may be shown, opened or handed to a browser.

    Raises ``Blocked`` for anything but an http(s) URL with a sane host: other
    schemes (``javascript:``, ``file:``), option-looking strings
    (``-oProxyCommand=…``), hosts that are malformed IP addresses. The
    result is canonicalised by httpx (host lower-case and in punycode,
    path percent-encoded) and carries no user name or password, which in a
    link only ever serve to disguise the real host.
    """
    text = url.strip()
    if text.startswith("-"):
        raise Blocked(f"refused {url!r}: it looks like a command-line option", url=url)
    try:
        parsed = httpx.URL(text)
    except httpx.InvalidURL:
        raise Blocked(f"refused {url!r}: it is not a valid web address", url=url) from None
    HostPolicy(None).check(parsed.scheme, parsed.raw_host.decode("ascii"), parsed.port, url, redirected=False)
    if parsed.userinfo:
        parsed = parsed.copy_with(userinfo=b"")
    return str(parsed)


def environment_proxies() -> dict[str, str]:
    """The proxies the environment names (``http_proxy``, ``HTTPS_PROXY``,
    ``all_proxy``, ``no_proxy``…), by scheme, as curl and httpx read them."""
    return urllib.request.getproxies_environment()


def proxy_for(url: httpx.URL, proxies: dict[str, str]) -> str | None:
    """The proxy ``url`` goes through, or None to connect directly."""
    if not proxies:
        return None
    proxy = proxies.get(url.scheme) or proxies.get("all")
    if proxy is None or urllib.request.proxy_bypass_environment(url.host, proxies):  # type: ignore[attr-defined]  # urllib.request has it, typeshed omits it
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


def resolve(base: str, location: str) -> str | None:
    """Where ``location`` (a redirect's, a link's) leads from ``base``; None when it
    names no host that can be read (``http://[:::1]/``: urljoin refuses such a bracketed host)."""
    try:
        return urljoin(base, location.strip())
    except ValueError:
        return None
