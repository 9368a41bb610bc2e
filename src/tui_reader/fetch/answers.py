"""A successful answer read into what was asked for: a page, or a photo's bytes (private to ``fetch``).

``Fetcher`` follows redirects and retries; once an answer is 2xx (or a 304
to a conditional page request), one of these reads its body, within its
byte cap counted after decompression (``body``), and names every way that
can go wrong in one sentence.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tui_reader.errors import BadContent, TooLarge
from tui_reader.fetch.body import Oversize, Truncated, Undecodable, read_body
from tui_reader.fetch.messages import host_label, mib, path_label
from tui_reader.fetch.retry import CutOff
from tui_reader.fetch.send import discard, raw_chunks
from tui_reader.limits import PhotoBytes, Response

__all__ = ["page_answer", "photo_answer", "read_capped"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


async def page_answer(
    response: httpx.Response,
    url: str,
    here: str,
    *,
    max_bytes: int,
    decode: Callable[[bytes, str | None], tuple[str, str]],
) -> Response:
    """A page: its text decoded by ``decode`` (body, Content-Type) → (text, encoding); a 304 has none."""
    if response.status_code == 304:
        await discard(response)
        return Response(
            url=here,
            status=304,
            text=None,
            encoding=None,
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            elapsed=0.0,
        )
    content_type = response.headers.get("Content-Type")
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type and media_type not in _HTML_TYPES:
        raise BadContent(f"{host_label(url)} sent {media_type}, not a web page, for {path_label(url)}", url=url)
    body = await read_capped(response, url, max_bytes, "page")
    text, encoding = decode(body, content_type)
    return Response(
        url=here,
        status=response.status_code,
        text=text,
        encoding=encoding,
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
        elapsed=0.0,
    )


async def photo_answer(response: httpx.Response, url: str, here: str, *, max_bytes: int) -> PhotoBytes:
    """A photo's bytes, whatever the Content-Type says: it is only passed on, as what was declared."""
    if response.status_code == 304:  # never asked for: no validators are sent for photos
        raise BadContent(f"{host_label(url)} answered 304 without being asked for {path_label(url)}", url=url)
    declared = (response.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
    data = await read_capped(response, url, max_bytes, "photo")
    return PhotoBytes(url=here, data=data, declared_type=declared[:100] or None, elapsed=0.0)


async def read_capped(response: httpx.Response, url: str, limit: int, what: str) -> bytes:
    """The body, at most ``limit`` bytes after decompression; ``what`` ("page", "photo") names it in failures."""
    where = f"{host_label(url)} sent"
    try:
        # Raw bytes, inflated here in bounded slices: see fetch/body.py.
        return await read_body(
            raw_chunks(response),
            content_encoding=response.headers.get("Content-Encoding"),
            content_length=response.headers.get("Content-Length"),
            limit=limit,
        )
    except Oversize:
        raise TooLarge(f"{where} more than {mib(limit)} for {path_label(url)}", url=url) from None
    except (Truncated, httpx.RemoteProtocolError, httpx.ReadError):
        raise CutOff(f"{where} a truncated {what} for {path_label(url)}", url=url) from None
    except Undecodable as exc:
        raise BadContent(
            f"{where} a {what} that could not be decompressed ({exc.coding}) for {path_label(url)}", url=url
        ) from None
