"""How a Fetcher's requests go out: which httpx transport, which headers, which address (private to ``fetch``).

httpx's own ``AsyncHTTPTransport`` (HTTP/1.1, a pool of kept-alive
connections; one for the Fetcher's life), one per proxy the environment
names (``HTTP_PROXY``, ``NO_PROXY``…), or a test's. A site reached at
another address than its URLs name (``connect_to``) gets its request sent
there, its ``Host`` and TLS name unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from tui_reader.fetch.connect_to import ConnectTo
from tui_reader.fetch.send import send
from tui_reader.limits import FetchLimits
from tui_reader.urls import environment_proxies, proxy_for

__all__ = ["Transports"]


class Transports:
    """The transports of one Fetcher, made on first use; ``send`` one GET through the right one."""

    def __init__(
        self,
        limits: FetchLimits,
        headers: Mapping[str, str],
        connect_to: ConnectTo,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._connect_to = connect_to
        self._transport = transport
        self._direct: httpx.AsyncHTTPTransport | None = None
        self._proxied: dict[str, httpx.AsyncBaseTransport] = {}
        self._proxies = environment_proxies()
        self._headers = dict(headers)
        self._timeouts = {
            "connect": limits.connect_timeout,
            "read": limits.read_timeout,
            "write": limits.read_timeout,
            # Waiting for a pooled connection is bounded by our own total
            # deadline; a separate pool timeout would only add a second,
            # confusing way to time out.
            "pool": None,
        }

    def _transport_for(self, url: httpx.URL) -> httpx.AsyncBaseTransport:
        """httpx's own, a proxy's when the environment names one for this
        host, or the one a test handed in."""
        if self._transport is not None:
            return self._transport
        proxy = proxy_for(url, self._proxies)
        if proxy is not None:
            transport = self._proxied.get(proxy)
            if transport is None:
                transport = self._proxied[proxy] = httpx.AsyncHTTPTransport(proxy=proxy)
            return transport
        if self._direct is None:
            # Created on first use: it reads the system's CA certificates.
            self._direct = httpx.AsyncHTTPTransport()
        return self._direct

    async def send(self, url: httpx.URL, headers: Mapping[str, str] | None = None) -> httpx.Response:
        """One GET, its body not read yet. No cookies are kept or sent: a reader
        has no account to stay logged in to, and portals track with them."""
        sent = {**self._headers, **headers} if headers else self._headers
        route = self._connect_to.address(url.scheme, url.raw_host.decode("ascii"), url.port)
        sni = None
        if route is not None:
            # The request names the site; only the socket goes to its address.
            sent = {**sent, "Host": url.netloc.decode("ascii")}
            sni = url.host if url.scheme == "https" else None
            url = url.copy_with(host=route[0], port=route[1])
        return await send(self._transport_for(url), url, sent, self._timeouts, sni_hostname=sni)

    async def aclose(self) -> None:
        transports = [t for t in (self._direct, self._transport, *self._proxied.values()) if t is not None]
        self._direct = None
        self._proxied = {}
        for transport in transports:
            await transport.aclose()
