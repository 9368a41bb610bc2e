"""Reading portal pages: profiles, page kinds, discovery, extraction, facts.

Pure functions: text (and a profile) in, ``models`` out; no network, no SQL.
A site profile (TOML, ``sites/builtin/``) says where things are; without one,
discovery finds them from the page's own structure. Every page gets a kind
(article, listing, index, or refused) before anything is extracted.
A photo's bytes are vetted here too (``images``): sniffed, capped, decoded or refused.

May import ``models``, ``errors``, ``urls``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.faces import lazy_exports

if TYPE_CHECKING:
    from .bounds import Cancelled, Reading, reading
    from .check import check_page
    from .image_address import photo_key
    from .images import VettedImage, vet_image
    from .infer import InferredProfile, learn_from_page, next_pages, profile_name_for
    from .numbers import price_of
    from .pager import page_url
    from .pages import ChooserElsewhere, read_any_article, read_article, read_categories, read_cities, read_listings
    from .profile import AUTO_SITE, SiteProfile, auto_profile, load_profile, load_profile_file, profile_claiming

_WHERE = {
    "AUTO_SITE": ".profile",
    "Cancelled": ".bounds",
    "Reading": ".bounds",
    "reading": ".bounds",
    "vet_image": ".images",
    "ChooserElsewhere": ".pages",
    "InferredProfile": ".infer",
    "SiteProfile": ".profile",
    "VettedImage": ".images",
    "auto_profile": ".profile",
    "check_page": ".check",
    "learn_from_page": ".infer",
    "load_profile": ".profile",
    "load_profile_file": ".profile",
    "next_pages": ".infer",
    "page_url": ".pager",
    "photo_key": ".image_address",
    "price_of": ".numbers",
    "profile_claiming": ".profile",
    "profile_name_for": ".infer",
    "read_any_article": ".pages",
    "read_article": ".pages",
    "read_categories": ".pages",
    "read_cities": ".pages",
    "read_listings": ".pages",
}

__all__ = [
    "AUTO_SITE",
    "Cancelled",
    "ChooserElsewhere",
    "InferredProfile",
    "Reading",
    "SiteProfile",
    "VettedImage",
    "auto_profile",
    "check_page",
    "learn_from_page",
    "load_profile",
    "load_profile_file",
    "next_pages",
    "page_url",
    "photo_key",
    "price_of",
    "profile_claiming",
    "profile_name_for",
    "read_any_article",
    "read_article",
    "read_categories",
    "read_cities",
    "read_listings",
    "reading",
    "vet_image",
]

__getattr__ = lazy_exports(__name__, _WHERE)
