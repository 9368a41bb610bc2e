"""A listing's own photos: from its article page, and a list row's thumbnail and photo count.

A classifieds page shows many pictures, and few of them are the listing's:
the portal's logo, icons beside words ("免费发送到微信"), the seller's
avatar, ad banners, QR codes for the app and the WeChat account, tracking
pixels, other listings' thumbnails in 推荐 boxes, and whatever the header
and footer carry on every page. What is left, in page order, is the
gallery and the pictures in the description. Told apart by markup alone,
never by one portal's class names:

- where a picture stands: page furniture (header, nav, footer, sidebars,
  share and recommendation boxes: :mod:`.furniture`, and boxes headed 推荐 or
  猜你喜欢: :func:`.discover.is_noise_box`), or a box whose class or id names
  a logo, an icon, an avatar, an ad, a QR code, an app download or a popup;
- what it is: its own class, id and alt text, its address (a "logo",
  "icon", "sprite" or "qrcode" file; an ad or tracking host; an SVG), its
  size when the page states one (icons and pixels are tiny), a link to
  another site around it (an ad), a label in the same link or tag (an icon);
- whether the site's chrome shows it too: a picture that is also in the
  header, nav or footer is the site's, not the listing's (callers that know
  pictures repeated on the site's other pages pass them as ``chrome``).

Where the real address is (lazy loading) is :mod:`.image_address`'s
business; the same picture in several sizes is kept once, at its largest,
where it first appears. The work is bounded (``ParseLimits.max_images``
elements looked at, ``max_photos`` kept) with a note on each cut.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui_reader.models import Photo
from tui_reader.sites.bounds import cut, limits
from tui_reader.sites.discover import is_noise_box
from tui_reader.sites.image_address import bigness, clean_url, image_address, photo_key
from tui_reader.sites.photo_rules import CHROME, OK, OTHER, Places, alt_of, candidates, is_photo_itself

__all__ = ["article_photos"]


@dataclass(slots=True)
class _Found:
    url: str
    alt: str
    key: str
    size: int


# --- an article's photos ---------------------------------------------------------------------


def _other_listings(box: LexborNode) -> bool:
    """A box headed 推荐, 猜你喜欢, 相关…: other listings' pictures."""
    return is_noise_box(box, levels=5)


def article_photos(
    tree: LexborHTMLParser, url: str, *, selector: str | None = None, chrome: Collection[str] = ()
) -> tuple[Photo, ...]:
    """The listing's own photos on its article page, in page order.

    ``selector`` (a profile's ``photos``): only pictures in (or matched by) the
    elements it matches count, wherever they stand. ``chrome``: addresses of
    pictures the caller saw on the site's other pages."""
    bounds = limits()
    if selector:
        roots = tree.css(selector)
        places = None
    else:
        body = tree.body
        roots = [body] if body is not None else []
        places = Places(None, _other_listings)
    nodes = candidates(roots)
    if len(nodes) > bounds.max_images:
        cut(f"photos looked for among the first {bounds.max_images:,} pictures of {len(nodes):,}")
        nodes = nodes[: bounds.max_images]
    chrome_keys = {photo_key(u) for u in (clean_url(c, url) for c in chrome) if u}
    found: dict[str, _Found] = {}
    for node in nodes:
        address = image_address(node, url)
        if address is None:
            continue
        image, stated = address
        verdict = places.verdict(node) if places is not None else OK
        key = photo_key(image)
        if verdict == CHROME:
            chrome_keys.add(key)
            continue
        if verdict == OTHER or not is_photo_itself(node, image, url):
            continue
        size = bigness(image, stated)
        known = found.get(key)
        if known is None:
            found[key] = _Found(image, alt_of(node), key, size)
        else:
            if size > known.size:  # the same picture, larger: its address, in the first one's place
                known.url, known.size = image, size
            known.alt = known.alt or alt_of(node)
    photos = [Photo(f.url, f.alt) for f in found.values() if f.key not in chrome_keys]
    if len(photos) > bounds.max_photos:
        cut(f"photos cut to {bounds.max_photos} of {len(photos)}")
        photos = photos[: bounds.max_photos]
    return tuple(photos)
