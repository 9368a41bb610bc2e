"""What the demo portal is asked to be: its seed and shape, and the faults and refusals
it shows on purpose (``DemoOptions``; the server reads them on every request)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from tui_reader.demo.web import refusals

__all__ = ["STYLE_ENCODINGS", "DemoOptions"]

STYLE_ENCODINGS = {"a": "gbk", "b": "utf-8", "c": "utf-8"}
"""Each site style's own encoding: "a" is the old GBK portal, "b" and "c" newer UTF-8 ones."""


@dataclass
class DemoOptions:
    seed: int = 7
    articles_per_category: int = 200
    style: str = "a"
    """The portal's shape: "a" (pages.py, GBK, ?page=N), "b" (pages_b.py, UTF-8, /list/N/, JSON-LD) or
    "c" (pages_c*.py, UTF-8, /pn{N}/, relative dates, refusals; read without a profile)."""
    encoding: str | None = None
    """"gbk" or "utf-8"; None: the style's own (GBK for "a", like most such portals)."""
    latency: float = 0.0
    """Seconds to wait before answering each request."""
    error_rate: float = 0.0
    """Fraction of requests answered with 500: 0.0 never, 1.0 always."""
    retry_after: str | None = None
    """When set, failures are 503 Service Unavailable with this Retry-After
    value (seconds, an HTTP date, or garbage on purpose)."""
    # Faults of listing and article pages; see faults.py.
    truncate: bool = False
    drip: float = 0.0
    """Seconds between the bytes of a body; 0 sends it at once. Alone it drips every
    listing and article page; with ``drip_rate`` only that fraction of them."""
    # The same faults, on a fraction of the listing and article answers, drawn per
    # request from ``fault_seed`` (see faults.FaultDraw): a retry draws again.
    fail_rate: float = 0.0
    """Fraction of listing and article answers that are a 5xx (500, 502, 503 or 504)."""
    truncate_rate: float = 0.0
    """Fraction that promise the whole body in Content-Length, send part of it, hang up."""
    drip_rate: float = 0.0
    """Fraction sent a byte per ``drip`` seconds (1 s when ``drip`` is 0)."""
    fault_seed: int | None = None
    """Seed of the fault draws; None: ``seed``. Same seed, same faults for the same requests."""
    wrong_charset: bool = False
    huge_mb: float = 0.0
    gzip_bomb: bool = False
    redirect_loop: bool = False
    redirect_to: str | None = None
    """Redirect listing and article pages to this origin (same path)."""
    hostile: bool = False
    """Poisoned titles, city names, bodies and links on every page; see hostile.py."""
    hostile_photos: bool = False
    """The last photo of every listing with photos is a hostile one (a decompression bomb, a
    truncated file, a lying content type, an SVG, a 20000×20 strip); see demo/site/photos.py."""
    now: datetime | None = None
    """Style "c" writes its dates relative to this time; None: the real clock (see reltime.py)."""
    # Captcha after a burst, any style; see refusals.py.
    captcha_after: int = 0
    """Requests one client may make within ``captcha_window`` seconds; the next one, and every
    request for ``captcha_cooldown`` seconds after it, gets a captcha page. 0: never."""
    captcha_window: float = 10.0
    captcha_cooldown: float = 60.0
    captcha_at: int = 0
    """The host's own limit, all clients together: after this many requests, every request
    gets a captcha page for ``captcha_cooldown`` seconds, then the count starts again. 0: never."""
    # Style "c"'s refusals, on by default because they are part of that portal's shape
    # (every one is deterministic by URL); styles "a" and "b" ignore them. See refusals.py.
    login_wall: bool = True
    soft_404: bool = True
    js_only: bool = True
    removed: frozenset[str] = frozenset()
    """Paths taken down since they were published (a post its owner deleted): they answer
    404, any style. Set while the server runs to delete a post a reader already has."""
    repriced: Mapping[str, str] = field(default_factory=dict)
    """Prices their owners changed since they were published, as the pages write them
    ("2050元/月" → "1850元/月"): replaced on every listing and article page, any style.
    Set while the server runs to cut a price a reader already has."""

    @property
    def page_faults(self) -> refusals.PageFaults:
        return refusals.PageFaults(self.login_wall, self.soft_404, self.js_only)

    @property
    def charset(self) -> str:
        """ "utf-8" or "gbk": what the pages are encoded in."""
        label = (self.encoding or STYLE_ENCODINGS[self.style]).lower().replace("_", "-")
        return "utf-8" if label in ("utf-8", "utf8") else "gbk"
