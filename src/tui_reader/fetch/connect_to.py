"""Where a site is reached when that is not where its URLs say: curl's ``--connect-to``.

The bundled demo portal has a usual address (``http://127.0.0.1:8964``) but
runs on a spare port when that one is taken. Cached pages are keyed by URL,
so if the URLs followed the port, every run on another port would start with
an empty cache and leave one nobody reads. Instead the reader keeps working
in the site's usual URLs (its *identity*) and only the connection goes to the
actual address: the request line and ``Host`` name the identity, the socket
goes to the address. Servers that build links from ``Host`` (or relative, as
the demo does) therefore answer in the identity's URLs already; a redirect
written with the address the server knows itself by is told back under the
identity (``known_as``).

Plain values only: the fetcher applies the result to httpx's URL type.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit

from tui_reader.hosts import DEFAULT_PORTS
from tui_reader.urls import site_parts

__all__ = ["ConnectTo", "Origin"]

Origin = tuple[str, str, int]
"""(scheme, IDNA host, port) with the scheme's default port filled in."""


def _origin(site: str) -> Origin:
    scheme, host, port = site_parts(site)
    return scheme, host, port or DEFAULT_PORTS.get(scheme, 0)


class ConnectTo:
    """``{site: address}``: each a URL or ``host:port``. Only host and port of the
    address count; the scheme is the site's."""

    def __init__(self, routes: Mapping[str, str] | None = None) -> None:
        self._routes: dict[Origin, tuple[str, int]] = {}
        self._identities: dict[Origin, Origin] = {}
        for site, address in (routes or {}).items():
            identity = _origin(site)
            _scheme, host, port = _origin(f"{identity[0]}://{address.split('://', 1)[-1]}")
            if (host, port) == identity[1:]:
                continue  # reached where it says: nothing to route
            self._routes[identity] = (host, port)
            # The first site claims an address that two sites would share.
            self._identities.setdefault((identity[0], host, port), identity)

    def __bool__(self) -> bool:
        return bool(self._routes)

    def address(self, scheme: str, host: str, port: int | None) -> tuple[str, int] | None:
        """(host, port) to connect to for a URL naming this origin; None: where it says."""
        if not self._routes:
            return None
        return self._routes.get((scheme, host, port or DEFAULT_PORTS.get(scheme, 0)))

    def known_as(self, url: str) -> str:
        """``url`` with an actual address put back to the identity it serves; others as they are."""
        if not self._identities:
            return url
        try:
            parts = urlsplit(url)
            origin = (parts.scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(parts.scheme, 0))
        except ValueError:
            return url  # not a URL we route; the host policy says what is wrong with it
        identity = self._identities.get(origin)
        if identity is None:
            return url
        scheme, host, port = identity
        host = f"[{host}]" if ":" in host else host  # an IPv6 literal
        netloc = host if port == DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
        return urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))
