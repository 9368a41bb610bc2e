"""The facade the command line and the TUI call.

``Client`` answers ``cities()``, ``categories(city)``, ``listings(...)``,
``article(url)`` from the cache or the network (fresh → serve; stale → serve
and refresh; offline → cache or ``OfflineMiss``) through one fetch → kind →
parse → store path that reading and ``sync`` share. ``Session`` builds a
client from the configuration; saved files enter here too.

``cli`` and ``ui`` reach ``sites``, ``fetch`` and ``store`` only through the
names this face re-exports. May import ``sites``, ``fetch``, ``store`` and
everything below them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.faces import lazy_exports

if TYPE_CHECKING:
    from tui_reader.sites import (
        AUTO_SITE,
        InferredProfile,
        SiteProfile,
        auto_profile,
        check_page,
        learn_from_page,
        load_profile,
        load_profile_file,
        price_of,
        profile_claiming,
        profile_name_for,
    )

    from .facade import Client
    from .freshness import Retention, Ttl
    from .profiles import download_explained, learn_from_site
    from .saved import read_saved_page, saved_article, saved_listings
    from .session import Session
    from .syncer import SyncBusy, SyncProgress, SyncReport, sync

_WHERE = {
    "AUTO_SITE": "tui_reader.sites",
    "Client": ".facade",
    "InferredProfile": "tui_reader.sites",
    "Retention": ".freshness",
    "Session": ".session",
    "SiteProfile": "tui_reader.sites",
    "SyncBusy": ".syncer",
    "SyncProgress": ".syncer",
    "SyncReport": ".syncer",
    "Ttl": ".freshness",
    "auto_profile": "tui_reader.sites",
    "check_page": "tui_reader.sites",
    "download_explained": ".profiles",
    "learn_from_page": "tui_reader.sites",
    "learn_from_site": ".profiles",
    "load_profile": "tui_reader.sites",
    "load_profile_file": "tui_reader.sites",
    "price_of": "tui_reader.sites",
    "profile_claiming": "tui_reader.sites",
    "profile_name_for": "tui_reader.sites",
    "read_saved_page": ".saved",
    "saved_article": ".saved",
    "saved_listings": ".saved",
    "sync": ".syncer",
}

__all__ = [
    "AUTO_SITE",
    "Client",
    "InferredProfile",
    "Retention",
    "Session",
    "SiteProfile",
    "SyncBusy",
    "SyncProgress",
    "SyncReport",
    "Ttl",
    "auto_profile",
    "check_page",
    "download_explained",
    "learn_from_page",
    "learn_from_site",
    "load_profile",
    "load_profile_file",
    "price_of",
    "profile_claiming",
    "profile_name_for",
    "read_saved_page",
    "saved_article",
    "saved_listings",
    "sync",
]

__getattr__ = lazy_exports(__name__, _WHERE)
