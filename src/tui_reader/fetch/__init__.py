"""The network: the only package that opens connections to a portal.

A ``Fetcher`` (httpx's transport underneath) downloads pages politely and
defensively: deadlines, a byte cap counted after decompression, checked
redirects, per-host politeness, robots.txt, retries, conditional requests,
and charset decoding in a browser's order with a mojibake check. Every
failure is a ``FetchError`` whose message is one sentence.

May import ``models``, ``errors``, ``limits``, ``urls``, ``hosts``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.faces import lazy_exports

if TYPE_CHECKING:
    from tui_reader.limits import FetchLimits

    from .charset import decode_html_explained
    from .fetcher import Fetcher

_WHERE = {
    "FetchLimits": "tui_reader.limits",
    "Fetcher": ".fetcher",
    "decode_html_explained": ".charset",
}

__all__ = ["FetchLimits", "Fetcher", "decode_html_explained"]

__getattr__ = lazy_exports(__name__, _WHERE)
