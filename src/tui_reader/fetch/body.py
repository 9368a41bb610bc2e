"""Read a response body with a cap that holds after decompression (private to ``fetch``).

httpx decompresses each chunk in one go before handing it over, so a 64 KiB
chunk of a gzip bomb arrives as ~64 MB at once and no byte count on the
decoded stream can stop that. Here the raw bytes are inflated with zlib's
``max_length``, a bounded slice at a time: memory stays near the cap however
well the bomb compresses.

No httpx import: the caller hands over the raw chunk iterator and the header
values, and maps the exceptions below to its own error messages.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterator

__all__ = ["ACCEPT_ENCODING", "Oversize", "Truncated", "Undecodable", "read_body"]

ACCEPT_ENCODING = "gzip, deflate"
"""What we ask for: exactly what ``read_body`` can inflate with the stdlib."""

_SLICE = 64 * 1024
"""Most bytes one inflate step may produce."""


class Oversize(Exception):
    """The body grew past the cap."""


class Truncated(Exception):
    """The body ended early: fewer bytes than Content-Length, or a cut-off stream."""


class Undecodable(Exception):
    """A content coding we do not speak, or compressed data that is broken."""

    def __init__(self, coding: str) -> None:
        super().__init__(coding)
        self.coding = coding


class _Inflater:
    """gzip or deflate, inflated in bounded slices."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._raw_fallback = coding == "deflate"
        self._new()

    def _new(self) -> None:
        # gzip: 16 + MAX_WBITS. "deflate" should be zlib-wrapped, but many
        # servers send raw deflate; try the wrapper first, fall back once.
        self._d = zlib.decompressobj(16 + zlib.MAX_WBITS if self.coding == "gzip" else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        while data:
            try:
                out = self._d.decompress(data, _SLICE)
            except zlib.error:
                if self._raw_fallback:
                    self._raw_fallback = False
                    self._d = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise Undecodable(self.coding) from None
            self._raw_fallback = False
            data = self._d.unconsumed_tail
            if out:
                yield out
            if self._d.eof:
                rest = self._d.unused_data
                # Several gzip members in a row are one valid body; anything
                # else after the end of the stream is padding we ignore.
                if self.coding == "gzip" and rest.startswith(b"\x1f\x8b"):
                    self._new()
                    data = rest + data
                else:
                    return

    def finish(self) -> None:
        if not self._d.eof:
            raise Truncated()


def _coding(header: str | None) -> str | None:
    codings = [c.strip().lower() for c in (header or "").split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings:
        return None
    if len(codings) > 1:
        raise Undecodable(", ".join(codings))
    coding = {"x-gzip": "gzip"}.get(codings[0], codings[0])
    if coding not in ("gzip", "deflate"):
        raise Undecodable(coding)
    return coding


async def read_body(
    raw: AsyncIterator[bytes],
    *,
    content_encoding: str | None,
    content_length: str | None,
    limit: int,
    truncate: bool = False,
) -> bytes:
    """The decoded body, at most ``limit`` bytes.

    Past the limit: ``Oversize`` (before reading, when an uncompressed body's
    Content-Length says so), or with ``truncate`` the first ``limit``
    bytes (robots.txt rules are read that way). Fewer wire bytes than a
    numeric Content-Length, or a compressed stream that stops before its
    end: ``Truncated``.
    """
    coding = _coding(content_encoding)
    declared = (content_length or "").strip()
    if not coding and not truncate and declared.isdigit() and declared.isascii() and int(declared) > limit:
        raise Oversize()  # said up front: not one byte of it is read
    inflater = _Inflater(coding) if coding else None
    chunks: list[bytes] = []
    size = 0
    wire = 0
    async for piece in raw:
        wire += len(piece)
        for out in inflater.feed(piece) if inflater else (piece,):
            size += len(out)
            if size > limit:
                if truncate:
                    chunks.append(out[: len(out) - (size - limit)])
                    return b"".join(chunks)
                raise Oversize()
            chunks.append(out)
    if declared.isdigit() and declared.isascii() and wire < int(declared):
        raise Truncated()
    if inflater is not None:
        inflater.finish()
    return b"".join(chunks)
