"""Pictures the site repeats in every article, left out of an article's photos.

A site's logo or a "safety tips" banner placed inside every article body
looks, in one page's markup, like a listing's photo (``sites.photos`` leaves
out only what stands in the page's header, nav and footer). Across the site
it gives itself away: many articles list it. Every article stored through
``PageCache.refresh`` (reading and sync alike) has its pictures noted by key
(``sites.photo_key``: one name for a picture whatever its size or host
shard); an article handed out (``Client.article``) loses the photos whose key
at least ``limits.PHOTO_REPEATS`` other cached articles of the site list.
The cache is one file per site, so "other cached articles" are the same
site's; reposts of the same listing are not "other" (``store/photo_keys.py``). One indexed query per article; a cache that cannot answer leaves the
photos as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tui_reader import errors
from tui_reader.limits import PHOTO_REPEATS

if TYPE_CHECKING:
    from tui_reader.models import Article
    from tui_reader.store import Store

__all__ = ["photo_keys_of", "without_repeated"]


def _keys(urls: Iterable[str]) -> dict[str, str]:
    from tui_reader.sites import photo_key  # a few regexes; not on the first screen

    return {url: photo_key(url) for url in urls}


def photo_keys_of(payload: Mapping[str, Any]) -> tuple[str, ...]:
    """The keys of the pictures an article's stored form (``Article.to_dict``) lists."""
    photos = payload.get("photos") or ()
    urls = (p.get("url") for p in photos if isinstance(p, Mapping))
    return tuple(dict.fromkeys(_keys(u for u in urls if isinstance(u, str) and u).values()))


def without_repeated(store: Store, article: Article, url: str) -> Article:
    """``article`` (cached under ``url``) without the photos the site repeats in other articles."""
    if not article.photos:
        return article
    keys = _keys(photo.url for photo in article.photos)
    try:
        repeated = store.repeated_photo_keys(keys.values(), besides=url, at_least=PHOTO_REPEATS)
    except errors.CacheError:
        return article  # not known now: better a banner too many than a photo lost
    if not repeated:
        return article
    return replace(article, photos=tuple(p for p in article.photos if keys[p.url] not in repeated))
