"""The demo portal's photos: how many each listing has, where each style puts them, what they are.

Nothing here draws (``photo_art`` does, with Pillow, when a photo is asked
for); this module is the contract the pages, the routes and the gold share.

How many: a listing has ``photo_count(head)`` photos, 0 to 8, drawn from its
key; a quarter of the listings have none (the same ones style "c" always
showed 暂无图片 for). Photos are numbered from 1 in page order.

Where each style puts them (``photo_markup`` writes it; the photo
extraction is measured against it, with the gold in ``gold_photos``):

Style "a" (old GBK portal; plain ``<img src>``)::

    list row:  <li class="item"><a class="title" …>…</a><span class="pics">[6图]</span>…</li>
    article:   <div class="photos"><img src="/upload/{city}/{board}/{id}_{n}.jpg" alt="{title}">…</div>
               (right after div.article, before the VIP box)

Style "b" (newer UTF-8 portal; a lazy gallery, ``data-src`` with a placeholder ``src``)::

    list card: <a class="post-cover" href="{article}"><img class="lazy" src="/static/b/placeholder.png"
                 data-src="/media/{city}/{board}/{id}/1_thumb.png" alt=""><span class="post-pics">6图</span></a>
    article:   <div class="gallery" data-count="6"><figure class="gallery-item"><img class="lazy"
                 src="/static/b/placeholder.png" data-src="/media/{city}/{board}/{id}/{n}.png"
                 alt="{title}（{n}/6）"></figure>…</div>   (above article.post-detail, below the crumbs)

Style "c" (no profile; ``data-original`` + ``srcset`` thumbnails under a big ``background-image``)::

    list row:  <td class="img"><a …><img src="/p/{city}/{board}/{id}/1_s.jpg" alt="{title}" …></a>
                 <span class="pic-num">6图</span></td>          (暂无图片 where there are none)
    article:   <div class="detail-pics" data-total="6">
                 <div class="pic-big" style="background-image:url('/p/{city}/{board}/{id}/1.jpg')"></div>
                 <ul class="pic-thumbs"><li><img src="/static/c/grey.gif" data-original="/p/…/{n}.jpg"
                   srcset="/p/…/{n}_s.jpg 1x, /p/…/{n}.jpg 2x" alt="{title} 图{n}"></li>…</ul></div>
               (between the title block and the facts)

Not photos of the listing, on every page of every style: the site logo
(``/images/logo.gif``, ``/static/b/logo.png``, ``/static/c/logo.png``), an ad
banner (``/images/ad/banner{k}.jpg``, ``/static/b/ad/{k}.png``, ``/ad/banner{k}.jpg``),
the lazy placeholders, and on style "c" list pages the ad row's banner and the
stock pictures of the 猜你喜欢 and VIP boxes (``/pic/c/{k}.jpg``). The boxes of
other listings on article pages (VIP推荐, 为您推荐) show no pictures. Style "c"'s
big picture is photo 1 again: a reader finds it once.

Hostile photos (``DemoOptions.hostile_photos``): the last photo of every
listing that has any is one of ``HOSTILE_KINDS``, by the listing's id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui_reader.demo.site.content import DemoSite, Head
from tui_reader.demo.site.rng import Rng

__all__ = [
    "AD_BANNERS",
    "HOSTILE_KINDS",
    "MAX_PHOTOS",
    "PICTURE_PREFIXES",
    "STOCK_PICTURES",
    "PhotoAsk",
    "ad_path",
    "hostile_kind",
    "listing_of",
    "logo_path",
    "parse_photo_path",
    "photo_alt",
    "photo_count",
    "photo_path",
    "placeholder_path",
    "thumb_path",
]

MAX_PHOTOS = 8
HOSTILE_KINDS = ("bomb", "truncated", "html-as-image", "image-as-html", "svg", "strip")
"""What a hostile photo is: a decompression bomb (60000×60000 declared in a tiny file), a file cut
short, an HTML page served as the image type, a real photo served as text/html, an SVG with a
script, a 20000×20 strip."""
AD_BANNERS = {"a": 4, "b": 3, "c": 7}
"""How many ad banners each style rotates through."""
STOCK_PICTURES = 97
"""Style "c"'s stock pictures (``/pic/c/{k}.jpg``) in its side boxes."""
_SALT = 0x9F07_0C05


def photo_count(head: Head) -> int:
    """How many photos the listing has: 0 for a quarter of them, else 1 to ``MAX_PHOTOS``."""
    if (head.key >> 8) % 4 == 0:
        return 0
    return 1 + Rng(head.key ^ _SALT).below(MAX_PHOTOS)


def hostile_kind(head: Head, number: int) -> str:
    """With hostile photos on: the kind of photo ``number`` (from 1), "" for a sound one."""
    count = photo_count(head)
    return HOSTILE_KINDS[head.id % len(HOSTILE_KINDS)] if count and number == count else ""


def photo_path(style: str, head: Head, number: int) -> str:
    """Where photo ``number`` (from 1) of the listing is, full size."""
    city, board = head.city.slug, head.category.slug
    if style == "a":
        return f"/upload/{city}/{board}/{head.id}_{number}.jpg"
    if style == "b":
        return f"/media/{city}/{board}/{head.id}/{number}.png"
    return f"/p/{city}/{board}/{head.id}/{number}.jpg"


def thumb_path(style: str, head: Head, number: int) -> str | None:
    """The small version of photo ``number`` (styles "b" and "c"; style "a" has none)."""
    if style == "b":
        return f"/media/{head.city.slug}/{head.category.slug}/{head.id}/{number}_thumb.png"
    if style == "c":
        return f"/p/{head.city.slug}/{head.category.slug}/{head.id}/{number}_s.jpg"
    return None


def photo_alt(style: str, head: Head, number: int) -> str:
    """The alt text of photo ``number`` as the article page writes it (before HTML escaping)."""
    if style == "b":
        return f"{head.title}（{number}/{photo_count(head)}）"
    if style == "c":
        return f"{head.title} 图{number}"
    return head.title


def logo_path(style: str) -> str:
    return {"a": "/images/logo.gif", "b": "/static/b/logo.png"}.get(style, "/static/c/logo.png")


def ad_path(style: str, k: int) -> str:
    k %= AD_BANNERS[style]
    return {"a": f"/images/ad/banner{k}.jpg", "b": f"/static/b/ad/{k}.png"}.get(style, f"/ad/banner{k}.jpg")


def placeholder_path(style: str) -> str | None:
    """The picture a lazy ``<img>`` shows until script swaps in its ``data-src``."""
    return {"b": "/static/b/placeholder.png", "c": "/static/c/grey.gif"}.get(style)


@dataclass(frozen=True, slots=True)
class PhotoAsk:
    """A request for one of the portal's pictures, read from its path."""

    kind: str
    """"photo", "thumb", "logo", "ad", "placeholder" or "stock"."""
    city: str = ""
    board: str = ""
    id: int = 0
    number: int = 0
    """The photo's number (from 1); the banner's or stock picture's number for "ad" and "stock"."""


_LISTING_PHOTO = {
    "a": re.compile(r"/upload/([a-z]+)/([a-z]+)/(\d+)_(\d+)\.jpg()"),
    "b": re.compile(r"/media/([a-z]+)/([a-z]+)/(\d+)/(\d+)(_thumb)?\.png"),
    "c": re.compile(r"/p/([a-z]+)/([a-z]+)/(\d+)/(\d+)(_s)?\.jpg"),
}
_AD = {
    "a": re.compile(r"/images/ad/banner(\d+)\.jpg"),
    "b": re.compile(r"/static/b/ad/(\d+)\.png"),
    "c": re.compile(r"/ad/banner(\d+)\.jpg"),
}
_STOCK = re.compile(r"/pic/c/(\d+)\.jpg")
PICTURE_PREFIXES = ("/upload/", "/images/", "/media/", "/static/", "/p/", "/ad/", "/pic/")
"""Where the pictures of any style live: no city is called like these."""


def parse_photo_path(style: str, path: str) -> PhotoAsk | None:
    """What picture ``path`` asks for on a portal of ``style``; None when it names none
    (the numbers are not checked against the site here: ``routes_photos`` does that)."""
    if path == logo_path(style):
        return PhotoAsk("logo")
    if path == placeholder_path(style):
        return PhotoAsk("placeholder")
    ad = _AD[style].fullmatch(path)
    if ad:
        return PhotoAsk("ad", number=int(ad[1])) if int(ad[1]) < AD_BANNERS[style] else None
    if style == "c" and (stock := _STOCK.fullmatch(path)):
        return PhotoAsk("stock", number=int(stock[1])) if int(stock[1]) < STOCK_PICTURES else None
    found = _LISTING_PHOTO[style].fullmatch(path)
    if not found:
        return None
    return PhotoAsk("thumb" if found[5] else "photo", found[1], found[2], int(found[3]), int(found[4]))


def listing_of(site: DemoSite, ask: PhotoAsk) -> Head | None:
    """The listing a photo request names, when it exists and has that many photos."""
    city, board = site.city(ask.city), site.category(ask.board)
    if city is None or board is None:
        return None
    index = site.index_of(city, board, ask.id)
    if index is None:
        return None
    head = site.head(city, board, index)
    return head if 1 <= ask.number <= photo_count(head) else None
