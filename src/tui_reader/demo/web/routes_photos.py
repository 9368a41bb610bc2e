"""Serving the demo portal's pictures: path in, bytes and their content type out.

Each style's picture paths are listed in ``demo.site.photos``; a path that
names a listing that does not exist, or a photo past its count, is a 404.
Pictures are drawn on request (``photo_art``) and the recent ones kept in
memory, up to ``CACHE_BYTES``: a page's worth of photos is drawn once, and a
portal browsed for hours holds no more than that.

With hostile photos on, the last photo of a listing is one of
``photos.HOSTILE_KINDS``, served as described there.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import urlsplit

from tui_reader.demo.site import photo_art
from tui_reader.demo.site.content import ANCHOR, DemoSite
from tui_reader.demo.site.photos import PhotoAsk, hostile_kind, listing_of, parse_photo_path
from tui_reader.demo.web.reply import Reply

__all__ = ["CACHE_BYTES", "resolve"]

CACHE_BYTES = 4 * 1024 * 1024
"""Bytes of drawn pictures kept in memory (about 400 photos)."""
_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif"}
_NOT_FOUND = "<html><head><title>404</title></head><body><h1>404 Not Found</h1></body></html>\n"


class _Drawn:
    """The recently drawn pictures, least recently used dropped first."""

    def __init__(self, budget: int) -> None:
        self._budget = budget
        self._held = 0
        self._items: OrderedDict[tuple[object, ...], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[object, ...], draw: Callable[[], bytes]) -> bytes:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        data = draw()  # outside the lock: two threads may draw the same picture, never wait on each other
        with self._lock:
            if key not in self._items:
                self._items[key] = data
                self._held += len(data)
            while self._held > self._budget and self._items:
                _, dropped = self._items.popitem(last=False)
                self._held -= len(dropped)
        return data


_drawn = _Drawn(CACHE_BYTES)


def _format(style: str) -> str:
    return "PNG" if style == "b" else "JPEG"


def resolve(site: DemoSite, target: str, style: str, hostile_photos: bool) -> Reply | None:
    """The picture ``target`` names on a ``style`` portal; None when it names none of the
    portal's pictures (the page routes answer it then), a 404 when it names one that is not."""
    ask = parse_photo_path(style, urlsplit(target).path)
    if ask is None:
        return None
    if ask.kind in ("photo", "thumb"):
        head = listing_of(site, ask)
        if head is None:
            return Reply(404, _NOT_FOUND)
        kind = hostile_kind(head, ask.number) if hostile_photos and ask.kind == "photo" else ""
        if kind:
            return _hostile(site, ask, style, kind)
    fmt = _format(style)
    if ask.kind == "logo":
        fmt = "GIF" if style == "a" else "PNG"
    elif ask.kind == "placeholder":
        fmt = "PNG" if style == "b" else "GIF"
    elif ask.kind in ("ad", "stock"):
        fmt = "PNG" if style == "b" and ask.kind == "ad" else "JPEG"
    return _picture(_draw(site, ask, style), _TYPES[fmt])


def _draw(site: DemoSite, ask: PhotoAsk, style: str) -> bytes:
    key = (site.seed, style, ask)
    fmt = _format(style)
    draws: dict[str, Callable[[], bytes]] = {
        "photo": lambda: photo_art.photo(site.seed, (ask.city, ask.board, ask.id), ask.number, fmt),
        "thumb": lambda: photo_art.photo(site.seed, (ask.city, ask.board, ask.id), ask.number, fmt, thumb=True),
        "logo": lambda: photo_art.logo(style),
        "ad": lambda: photo_art.ad_banner(style, ask.number),
        "placeholder": lambda: photo_art.placeholder(style),
        "stock": lambda: photo_art.stock(site.seed, ask.number),
    }
    return _drawn.get(key, draws[ask.kind])


def _picture(data: bytes, content_type: str) -> Reply:
    return Reply(200, "", content_type, last_modified=ANCHOR, kind="photo", data=data)


def _hostile(site: DemoSite, ask: PhotoAsk, style: str, kind: str) -> Reply:
    fmt = _format(style)
    own_type = _TYPES[fmt]
    if kind == "bomb":
        return _picture(_drawn.get(("bomb", fmt), lambda: photo_art.bomb(fmt)), own_type)
    if kind == "truncated":
        return _picture(photo_art.truncated(_draw(site, ask, style)), own_type)
    if kind == "html-as-image":
        return _picture(photo_art.not_an_image_page().encode("utf-8"), own_type)
    if kind == "image-as-html":
        return _picture(_draw(site, ask, style), "text/html")
    if kind == "svg":
        return _picture(photo_art.svg_drawing().encode("utf-8"), "image/svg+xml")
    strip = _drawn.get((site.seed, style, "strip", ask), lambda: photo_art.strip(site.seed, (ask.city, ask.id), fmt))
    return _picture(strip, own_type)
