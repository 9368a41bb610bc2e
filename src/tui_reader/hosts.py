"""Which hosts the reader may reach on its own, and which are not sane at all.

The site being read is whatever the user named: the configured site,
``--base-url``, the URL given to ``read``/``open``. That may well be a
loopback address (the demo portal is). Everything else a page or a redirect
points at is foreign, and the reader never goes there by itself.

Host names arrive here already split and IDNA-encoded (by ``urls``, which
parses with httpx's URL type); this module only compares and classifies
them, so it has no network and no httpx import. It sits below every package:
``fetch`` enforces the policy, ``urls.canonical_url`` uses its sanity checks
for every link shown or opened.

IP literals come in more spellings than dotted quads: the C resolver (and the
WHATWG URL parser) read ``2130706433``, ``0x7f.1``, ``0177.0.0.1`` and
``127.1`` as 127.0.0.1, and ``::ffff:127.0.0.1`` reaches the same socket over
IPv6. ``parse_ip`` reads all of them, so a link cannot dress up a loopback or
private address as something harmless.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable

from tui_reader.errors import Blocked

__all__ = ["HostPolicy", "address_kind", "host_key", "origin_key", "parse_ip"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

DEFAULT_PORTS = {"http": 80, "https": 443}
# What DNS can resolve, IDNA already applied: letters, digits, "-" and "_"
# (seen in the wild) in non-empty labels that do not start with "-".
_HOSTNAME = re.compile(r"[a-z0-9_][a-z0-9_-]*(?:\.[a-z0-9_][a-z0-9_-]*)*")
SCHEMES = frozenset(DEFAULT_PORTS)

_DIGITS = {8: frozenset("01234567"), 10: frozenset("0123456789"), 16: frozenset("0123456789abcdefABCDEF")}

# IPv6 ranges that carry an IPv4 address in their last 32 bits.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_SIX_TO_FOUR = ipaddress.IPv6Network("2002::/16")


def _ipv4_part(text: str) -> int | None:
    """One dotted part, WHATWG style: 0x… hex, 0… octal, else decimal."""
    if text[:2] in ("0x", "0X"):
        digits, base = text[2:], 16
        if not digits:
            return 0
    elif len(text) > 1 and text[0] == "0":
        digits, base = text[1:], 8
    else:
        digits, base = text, 10
    allowed = _DIGITS[base]
    if not digits or not all(c in allowed for c in digits):
        return None
    return int(digits, base)


def _ends_in_number(labels: list[str]) -> bool:
    last = labels[-1]
    if last.isdigit() and last.isascii():
        return True
    return last[:2] in ("0x", "0X") and all(c in _DIGITS[16] for c in last[2:])


class InvalidHost(ValueError):
    """A host that claims to be an IP address but is not a valid one."""


def parse_ip(host: str) -> IPAddress | None:
    """The IP address a host literal names, in any spelling; None for a host name.

    Raises ``InvalidHost`` for a host that ends in a number but is no valid
    IPv4 address ("1.2.3.4.5", "999.1.1.1"): browsers refuse those, so do we.
    """
    host = host.strip().lower()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host.split("%", 1)[0])  # drop a zone id
        except ValueError:
            raise InvalidHost(host) from None
    labels = host.split(".")
    if len(labels) > 1 and labels[-1] == "":
        labels.pop()  # a trailing dot: "127.0.0.1." is still 127.0.0.1
    if not labels or not labels[-1] or not _ends_in_number(labels):
        return None
    if len(labels) > 4:
        raise InvalidHost(host)
    numbers: list[int] = []
    for label in labels:
        number = _ipv4_part(label) if label else None
        if number is None:
            raise InvalidHost(host)
        numbers.append(number)
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(numbers)):
        raise InvalidHost(host)
    value = last  # the last part fills all the bytes the others leave
    for i, n in enumerate(head):
        value += n << (8 * (3 - i))
    return ipaddress.IPv4Address(value)


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour is not None:
        return ip.sixtofour
    # The deprecated "IPv4-compatible" form ::a.b.c.d (but not :: or ::1).
    if int(ip) >> 32 == 0 and int(ip) > 1:
        return ipaddress.IPv4Address(int(ip))
    return None


def address_kind(ip: IPAddress) -> str | None:
    """ "a loopback address", "a private address", … or None for a public one."""
    # An IPv6 form that carries an IPv4 address is judged by that address:
    # it is where the packets really go.
    embedded = _embedded_ipv4(ip)
    candidate = embedded if embedded is not None else ip
    checks = (
        (candidate.is_loopback, "a loopback address"),
        (candidate.is_link_local, "a link-local address"),
        (candidate.is_unspecified, "an unspecified address"),
        (candidate.is_multicast, "a multicast address"),
        (candidate.is_private, "a private address"),
        (candidate.is_reserved or not candidate.is_global, "a reserved address"),
    )
    return next((kind for hit, kind in checks if hit), None)


def host_key(host: str) -> str:
    """One spelling per host: IP literals in canonical form, names lower-case
    without a trailing dot. ``::ffff:127.0.0.1`` and ``0x7f.1`` both become
    ``127.0.0.1``."""
    ip = parse_ip(host)
    if ip is not None:
        mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
        return str(mapped or ip)
    return host.strip().lower().rstrip(".")


def _port(scheme: str, port: int | None) -> int:
    return port if port is not None else DEFAULT_PORTS.get(scheme, 0)


def _label(host: str, port: int, scheme: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return shown if port == DEFAULT_PORTS.get(scheme) else f"{shown}:{port}"


class HostPolicy:
    """The origins a Fetcher may reach by itself.

    ``None`` as the allowed set means "no policy": any http(s) host, as
    before this policy existed. Once a host is allowed, everything else is
    refused. A host named without a port, or on a default port, is allowed
    on both 80 and 443 (sites move from http to https), and with or without
    a leading ``www.`` (the most common redirect on the web); a host named
    with another port (``127.0.0.1:8964``) is allowed on that port only.
    """

    def __init__(self, allowed: Iterable[tuple[str, str, int | None]] | None = None) -> None:
        self._origins: set[tuple[str, int]] | None = None
        self._names: list[str] = []
        # Origins that passed ``check`` under the current rules: a sync asks
        # about thousands of URLs on one host, and the answer is the same.
        # Emptied by ``allow``, which can turn the policy on.
        self._passed: set[tuple[str, str, int | None]] = set()
        if allowed is not None:
            self._origins = set()
            for scheme, host, port in allowed:
                self.allow(scheme, host, port)

    @property
    def enforcing(self) -> bool:
        return self._origins is not None

    @property
    def sites(self) -> tuple[str, ...]:
        """The allowed sites as the user would write them, for messages."""
        return tuple(self._names)

    def allow(self, scheme: str, host: str, port: int | None) -> None:
        """Add a site the user named. Turns the policy on if it was off."""
        self._passed.clear()
        if self._origins is None:
            self._origins = set()
        key = host_key(host)
        if not key:
            return
        effective = _port(scheme, port)
        keys = {key}
        if parse_ip(key) is None and "." in key:
            keys.add(key[4:] if key.startswith("www.") else f"www.{key}")
        ports = {80, 443} if effective in (80, 443) else {effective}
        self._origins.update((k, p) for k in keys for p in ports)
        name = _label(key, effective, scheme)
        if name not in self._names:
            self._names.append(name)

    def passed(self, scheme: str, host: str, port: int | None) -> bool:
        """Whether ``check`` let this origin through already (and so will again):
        a caller asks this first to skip writing out a URL only a refusal shows."""
        return (scheme, host, port) in self._passed

    def check(self, scheme: str, host: str, port: int | None, url: str, *, redirected: bool) -> None:
        """Raise ``Blocked`` (one sentence) unless the fetch may go ahead."""
        origin = (scheme, host, port)
        if origin in self._passed:
            return
        scheme = scheme.lower()
        key, ip = _sane(scheme, host, port, url)
        if self._origins is None or (key, _port(scheme, port)) in self._origins:
            if len(self._passed) < 4096:
                self._passed.add(origin)
            return
        effective = _port(scheme, port)
        what = "follow a redirect to" if redirected else "fetch"
        kind = address_kind(ip) if ip is not None else None
        where = _label(key, effective, scheme)
        detail = f"{where} is {kind}, not" if kind else f"{where} is not"
        sites = ", ".join(self._names) or "no site yet"
        raise Blocked(f"refused to {what} {url}: {detail} the site being read ({sites})", url=url)

    def check_found_on(
        self, scheme: str, host: str, port: int | None, url: str, *, page: tuple[str, str, int | None], page_url: str
    ) -> tuple[str, int]:
        """Raise ``Blocked`` unless ``url``, an address a page of the site being read
        names (``page``: that page's scheme, host and port), may be fetched for it;
        return its origin (``origin_key``), which the caller may then reach for it.

        The rule for a page's photos, which portals serve from hosts of their own
        (img.xxxcdn.com): a page that ``check`` lets through vouches for the addresses
        it names, wherever they are, as long as they are sane (http(s), a valid host
        and port) and are not of a special kind (loopback, private, link-local …)
        unless the page's own host is of that same kind. A portal on the internet
        cannot send the reader into the user's own network; the demo portal on
        loopback may name its pictures on another loopback port. Host names are
        not resolved here, as in ``check``.
        """
        page_scheme, page_host, page_port = page
        try:
            self.check(page_scheme, page_host, page_port, page_url, redirected=False)
        except Blocked:
            sites = ", ".join(self._names) or "no site yet"
            raise Blocked(
                f"refused to fetch {url}: the page it was found on is not on the site being read ({sites})", url=url
            ) from None
        scheme = scheme.lower()
        key, ip = _sane(scheme, host, port, url)
        kind = address_kind(ip) if ip is not None else None
        if kind is not None:
            page_ip = parse_ip(host_key(page_host))
            if page_ip is None or address_kind(page_ip) != kind:
                where = _label(key, _port(scheme, port), scheme)
                raise Blocked(f"refused to fetch {url}: {where} is {kind}, and the page naming it is not", url=url)
        return key, _port(scheme, port)


def origin_key(scheme: str, host: str, port: int | None) -> tuple[str, int]:
    """One spelling of an origin, as ``check_found_on`` returns it: (``host_key``, port)."""
    return host_key(host), _port(scheme.lower(), port)


def _sane(scheme: str, host: str, port: int | None, url: str) -> tuple[str, IPAddress | None]:
    """``host``'s key and IP address (None for a name); ``Blocked`` for an address
    that is no place to fetch from at all: another scheme, a bad host or port."""
    if scheme not in SCHEMES:
        raise Blocked(f"refused to fetch {url!r}: only http and https are allowed", url=url)
    if not host:
        raise Blocked(f"refused to fetch {url!r}: it names no host", url=url)
    if host.startswith("-"):
        raise Blocked(f"refused to fetch {url!r}: the host looks like a command-line option", url=url)
    try:
        key = host_key(host)
        ip = parse_ip(key)
    except InvalidHost:
        raise Blocked(f"refused to fetch {url!r}: {host} is not a valid address", url=url) from None
    if ip is None and not _HOSTNAME.fullmatch(key):
        raise Blocked(f"refused to fetch {url!r}: {host!r} is not a valid host name", url=url)
    if port is not None and not 0 < port < 65536:
        raise Blocked(f"refused to fetch {url!r}: port {port} does not exist", url=url)
    return key, ip
