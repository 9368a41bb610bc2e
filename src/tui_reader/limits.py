"""The values the fetch layer is configured with and answers with (re-exported by ``fetch``).

All limits live in one frozen dataclass, so a caller sees every default in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FetchLimits", "Response"]


@dataclass(frozen=True)
class FetchLimits:
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_deadline: float = 30.0
    """Seconds for a whole download (all redirects, retries, headers and
    body), counted from the moment the request gets its per-host slot."""
    max_bytes: int = 8 * 1024 * 1024
    """Largest body accepted, after decompression."""
    max_redirects: int = 5
    per_host_concurrency: int = 4
    per_host_delay: float = 0.0
    """Seconds between the starts of two requests to the same host."""
    max_retries: int = 2
    """Extra attempts after a 429 or 503 answer (GET only)."""
    retry_transient: bool = False
    """Also retry (within ``max_retries``) a 500, 502 or 504 answer and a body cut off
    mid-way. A sync sets it: one flaky answer should not cost it a page, and it has
    the time; a reader would rather see the failure at once and reload."""
    retry_backoff: float = 0.5
    """First backoff step in seconds when the server gives no usable Retry-After."""
    max_retry_wait: float = 60.0
    """Longest wait before a retry, whatever Retry-After asks; a wait that
    would end past the total deadline is not started at all."""


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
