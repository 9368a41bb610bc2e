"""One run's reading set-up: the profile, the portal's address, the cache files
and how a ``Client`` is made from them.

``cli`` decides what the user asked for (``--site``, ``--base-url``, ``--demo``)
and fills a ``Session``; everything built from it (store, library, fetcher,
client) is built here, so the command line and the TUI build it the same way.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tui_reader import errors, paths
from tui_reader.config import Config
from tui_reader.sites import AUTO_SITE

if TYPE_CHECKING:
    from tui_reader.client.facade import Client
    from tui_reader.fetch import Fetcher
    from tui_reader.sites import SiteProfile

__all__ = ["AUTO_SITE", "Session"]


# No generated equality or repr: a session is one run's, never compared or printed,
# and each generated method costs a compile before the first screen.
@dataclass(eq=False, repr=False)
class Session:
    config: Config
    profile: SiteProfile
    base_url: str
    offline: bool
    named_urls: tuple[str, ...] = ()
    address: str | None = None
    """Where the portal is actually reached, when not at ``base_url`` (the demo
    portal on a spare port). ``base_url`` stays the site's identity: every URL
    read, cached and shown is the identity's, so the cache does not depend on
    the port a run happened to get; only the connection goes to ``address``."""
    notices: list[str] = field(default_factory=list)
    """One-line things the user should know (e.g. the cache was recovered)."""
    on_close: list[Callable[[], None]] = field(default_factory=list)
    """What to stop when the run ends (the in-process demo portal), last first."""
    before_network: list[Callable[[Session], None]] = field(default_factory=list)
    """What must be up before the first request (the in-process demo portal):
    run once, by :meth:`start_network`, when the first fetcher is made. A start
    from the cache paints its first screen without waiting for it."""
    _starting: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def start_network(self) -> None:
        """Run what ``before_network`` holds, once (a thread may race the event loop here)."""
        with self._starting:
            while self.before_network:
                self.before_network.pop(0)(self)

    @property
    def site_key(self) -> str:
        """The name the site's cache and library files go by: the profile's, and for
        a discovered portal (``--site auto``) one per host, so two portals never share."""
        if self.profile.name != AUTO_SITE:
            return self.profile.name
        host = (urlsplit(self.base_url).hostname or "unknown").lower()
        port = urlsplit(self.base_url).port
        return f"{AUTO_SITE}-{re.sub(r'[^a-z0-9.-]', '_', host)}" + (f"-{port}" if port else "")

    @property
    def library_path(self) -> Path:
        """Bookmarks, history and read marks: user data, kept apart from the cache."""
        return paths.data_dir() / f"{self.site_key}.library.sqlite3"

    def make_client(self, *, for_sync: bool = False) -> Client:
        """A new client; call it inside the event loop that will use it.

        ``for_sync``: the fetcher paces itself by the ``[sync]`` settings
        (requests in flight, delay between them, a deadline per page) instead
        of reading freely, and retries passing server faults.
        """
        from tui_reader.client.facade import Client
        from tui_reader.client.freshness import PrefetchSettings, Retention, Ttl
        from tui_reader.store import Library, Store

        store = Store(paths.cache_db(self.site_key))
        for note in (store.recovery_note, store.read_only):
            if note:
                self.notices.append(note)

        def make_fetcher() -> Fetcher:
            # Imported on first network use: an offline start never loads httpx.
            from tui_reader.fetch import Fetcher, FetchLimits

            self.start_network()
            limits = FetchLimits(
                read_timeout=self.config.timeout,
                total_deadline=self.config.deadline,
                max_bytes=self.config.max_page_bytes,
            )
            if for_sync:
                # A sync has time for a retry of a passing fault, but not for a
                # page that drips: its own deadline, usually shorter, ends that.
                limits = limits._replace(
                    per_host_concurrency=self.config.sync_concurrency,
                    per_host_delay=self.config.sync_delay,
                    total_deadline=min(self.config.deadline, self.config.sync_deadline),
                    retry_transient=True,
                )
            # Automatic fetches stay on the sites the user named: the portal
            # itself and any URL given on the command line. Links and
            # redirects to anywhere else are refused.
            connect_to = {self.base_url: self.address} if self.address else None
            return Fetcher(limits, allowed_hosts=(self.base_url, *self.named_urls), connect_to=connect_to)

        try:
            library: Library | None = Library(self.library_path)
        except errors.CacheError as exc:
            # Reading works without bookmarks; say why they are missing.
            library = None
            self.notices.append(str(exc))

        prefetch = None
        if self.config.prefetch and not for_sync:
            # Prefetching is the reader asking by itself, as a sync does: the same pace.
            prefetch = PrefetchSettings(rows=self.config.prefetch_count, delay=self.config.sync_delay)
        ttl = Ttl(
            cities=self.config.ttl_cities,
            categories=self.config.ttl_cities,
            listings=self.config.ttl_listings,
            article=self.config.ttl_articles,
        )
        return Client(
            profile=self.profile,
            base_url=self.base_url,
            store=store,
            offline=self.offline,
            make_fetcher=make_fetcher,
            ttl=ttl,
            library=library,
            retention=Retention(
                max_age=self.config.cache_max_age,
                max_bytes=self.config.cache_max_bytes,
                photo_bytes=self.config.cache_photo_bytes,
            ),
            prefetch=prefetch,
        )

    @property
    def site_title(self) -> str:
        return self.profile.title or urlsplit(self.base_url).netloc

    def close(self) -> None:
        while self.on_close:
            self.on_close.pop()()
