"""The HTML of the demo portal's pictures, style by style (the shapes are listed in ``photos``).

Galleries sit outside the element the site profiles read as the body, so
the text the reader shows of an article is what it was before pictures; in
styles "a" and "b" outside the article's own container too (below it, above
it), as many portals keep the photo block apart from the text.
"""

from __future__ import annotations

from html import escape

from tui_reader.demo.site.content import Head
from tui_reader.demo.site.photos import (
    ad_path,
    logo_path,
    photo_alt,
    photo_count,
    photo_path,
    placeholder_path,
    thumb_path,
)
from tui_reader.demo.site.rng import stable_hash

__all__ = ["ad_banner", "article_photos", "logo_img", "row_photos", "row_thumb_c"]


def logo_img(style: str, alt: str) -> str:
    return f'<img src="{logo_path(style)}" alt="{escape(alt)}">'


def ad_banner(style: str, salt: object) -> str:
    """The ad banner every page carries, chosen by ``salt`` (the page's city, say)."""
    href = f"/ad/click?aid={stable_hash('banner', style, salt) % 9000 + 1000}"
    img = f'<img src="{ad_path(style, stable_hash("banner", salt))}" alt="广告" width="468" height="60">'
    if style == "a":
        return f'<div class="ad-banner wrap"><a href="{href}" rel="nofollow" target="_blank">{img}</a></div>'
    if style == "b":
        return f'<aside class="ad-slot container"><a href="{href}" rel="nofollow sponsored">{img}</a></aside>'
    return f'<div class="top-ad w"><a href="{href}" rel="nofollow" target="_blank">{img}</a></div>'


def row_photos(style: str, head: Head, href: str) -> str:
    """What a listing row shows of the listing's photos: a count ("a"), a cover and a count ("b");
    style "c"'s thumbnail cell is written by ``row_thumb_c``. Nothing where there are none."""
    count = photo_count(head)
    if not count:
        return ""
    if style == "a":
        return f'<span class="pics">[{count}图]</span>'
    return (
        f'<a class="post-cover" href="{escape(href)}"><img class="lazy" src="{placeholder_path(style)}" '
        f'data-src="{thumb_path(style, head, 1)}" alt=""><span class="post-pics">{count}图</span></a>'
    )


def row_thumb_c(head: Head, href: str) -> str:
    """Style "c"'s thumbnail cell: the first photo, small, and the count; 暂无图片 without photos."""
    count = photo_count(head)
    if not count:
        return '<td class="img"><span class="noimg">暂无图片</span></td>'
    return (
        f'<td class="img"><a href="{href}" target="_blank"><img src="{thumb_path("c", head, 1)}" '
        f'alt="{escape(head.title)}" width="120" height="90"></a><span class="pic-num">{count}图</span></td>'
    )


def article_photos(style: str, head: Head) -> str:
    """The article's photos in page order, in the style's markup; "" when it has none."""
    count = photo_count(head)
    if not count:
        return ""
    numbers = range(1, count + 1)
    if style == "a":
        images = "".join(
            f'<img src="{photo_path(style, head, n)}" alt="{escape(photo_alt(style, head, n))}">' for n in numbers
        )
        return f'<div class="photos">{images}</div>'
    if style == "b":
        placeholder = placeholder_path(style)
        figures = "".join(
            f'<figure class="gallery-item"><img class="lazy" src="{placeholder}" '
            f'data-src="{photo_path(style, head, n)}" alt="{escape(photo_alt(style, head, n))}"></figure>'
            for n in numbers
        )
        return f'<div class="gallery" data-count="{count}">{figures}</div>'
    placeholder = placeholder_path(style)
    items = []
    for n in numbers:
        big = photo_path(style, head, n)
        items.append(
            f'<li><img src="{placeholder}" data-original="{big}" srcset="{thumb_path(style, head, n)} 1x, {big} 2x" '
            f'alt="{escape(photo_alt(style, head, n))}"></li>'
        )
    return (
        f'<div class="detail-pics" data-total="{count}">'
        f'<div class="pic-big" style="background-image:url(\'{photo_path(style, head, 1)}\')"></div>'
        f'<ul class="pic-thumbs">{"".join(items)}</ul></div>'
    )
