"""Putting the parts together for one run: config → profile, base URL, cache, client.

The command line and the TUI both start here, so ``--site``, ``--base-url``,
``--offline`` and ``--demo`` mean the same thing everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from typing import TYPE_CHECKING

from tui_reader import errors, paths
from tui_reader.config import Config, load_config

if TYPE_CHECKING:
    from tui_reader.client.facade import Client
    from tui_reader.demo.web.server import DemoServer
    from tui_reader.fetch.fetcher import Fetcher
    from tui_reader.sites.profile import SiteProfile

DEMO_SITE = "demo"
DEMO_STYLES = {"demo": "a", "demo-b": "b", "auto": "c"}
"""The profiles of the bundled demo portal (``--demo --site NAME``), and the site style each reads."""
DEMO_PORTS = {"a": 8964, "b": 8965, "c": 8966}
"""The demo portal's usual port per style. Cached URLs include it, so a stable port keeps
the demo's cache readable offline from one run to the next."""
DEMO_PORT = DEMO_PORTS["a"]


@dataclass
class RunOptions:
    """What the user asked for on the command line."""

    demo: bool = False
    site: str | None = None
    base_url: str | None = None
    offline: bool = False
    named_urls: tuple[str, ...] = ()
    """URLs the user typed (``read URL``, ``open URL``): their sites may be fetched too."""


@dataclass
class Session:
    config: Config
    profile: SiteProfile
    base_url: str
    offline: bool
    demo_server: DemoServer | None = None
    named_urls: tuple[str, ...] = ()
    notices: list[str] = field(default_factory=list)
    """One-line things the user should know (e.g. the cache was recovered)."""

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
        (requests in flight, delay between them) instead of reading freely.
        """
        from tui_reader.client.facade import Client, Retention, Ttl
        from tui_reader.store.cache import Library, Store

        store = Store(paths.cache_db(self.site_key))
        for note in (store.recovery_note, store.read_only):
            if note:
                self.notices.append(note)

        def make_fetcher() -> Fetcher:
            # Imported on first network use: an offline start never loads httpx.
            from tui_reader.fetch.fetcher import Fetcher, FetchLimits

            limits = FetchLimits(
                read_timeout=self.config.timeout,
                total_deadline=self.config.deadline,
                max_bytes=self.config.max_page_bytes,
                **(
                    {"per_host_concurrency": self.config.sync_concurrency, "per_host_delay": self.config.sync_delay}
                    if for_sync
                    else {}
                ),
            )
            # Automatic fetches stay on the sites the user named: the portal
            # itself and any URL given on the command line. Links and
            # redirects to anywhere else are refused.
            return Fetcher(limits, allowed_hosts=(self.base_url, *self.named_urls))

        try:
            library: Library | None = Library(self.library_path)
        except errors.CacheError as exc:
            # Reading works without bookmarks; say why they are missing.
            library = None
            self.notices.append(str(exc))

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
            retention=Retention(max_age=self.config.cache_max_age, max_bytes=self.config.cache_max_bytes),
        )

    @property
    def site_title(self) -> str:
        return self.profile.title or urlsplit(self.base_url).netloc

    def close(self) -> None:
        if self.demo_server is not None:
            self.demo_server.stop()
            self.demo_server = None


def site_name(demo: bool, site: str | None, config: Config) -> str:
    """The profile a run reads with: ``--site``, else the configured one; with
    ``--demo``, one of the demo portal's own profiles (``demo`` unless ``--site`` names another)."""
    if demo:
        name = site or DEMO_SITE
        if name not in DEMO_STYLES:
            raise errors.ConfigError(f"--demo reads the demo portal: --site must be one of {', '.join(DEMO_STYLES)}")
        return name
    return site or config.site


AUTO_SITE = "auto"
"""The profile that discovers a portal from its pages (``--site auto``)."""


def find_profile(demo: bool, site: str | None, config: Config, base_url: str | None = None) -> SiteProfile:
    """The run's profile, from the folders in ``profile_dirs``, then the user's
    profiles folder, then the bundled ones: ``--site NAME`` when given; else,
    for a ``--base-url``, the profile that claims its host, and ``auto`` when
    none does; else the configured one (see :func:`site_name`)."""
    from tui_reader.sites.profile import auto_profile, load_profile, profile_claiming

    folders = (*config.profile_dirs, paths.profiles_dir())
    if base_url and site is None and not demo:
        return profile_claiming(base_url, folders) or auto_profile()
    return load_profile(site_name(demo, site, config), folders)


def open_session(options: RunOptions) -> Session:
    """Resolve config and options into a session; starts the demo portal if asked."""
    config = load_config()
    profile = find_profile(options.demo, options.site, config, options.base_url)
    site = profile.name
    base_url = options.base_url or config.base_url or profile.base_url
    session = Session(
        config=config, profile=profile, base_url="", offline=options.offline, named_urls=options.named_urls
    )

    # The demo sites with no address of their own are served by the bundled portal.
    if base_url is None and site in DEMO_STYLES and (options.demo or site != AUTO_SITE):
        style = DEMO_STYLES[site]
        if options.offline:
            base_url = f"http://127.0.0.1:{DEMO_PORTS[style]}"
        else:
            session.demo_server = start_demo_server(style)
            base_url = session.demo_server.base_url
    if not base_url:
        raise errors.ConfigError(
            f"no address for site {site!r}: set base_url in {paths.config_file()} or pass --base-url"
        )
    session.base_url = base_url.rstrip("/")
    return session


def start_demo_server(style: str = "a") -> DemoServer:
    """The demo portal in ``style`` on its usual port, or any free port when that one is taken."""
    from tui_reader.demo.web.server import DemoOptions, DemoServer

    try:
        return DemoServer(port=DEMO_PORTS[style], options=DemoOptions(style=style), log=_discard).start()
    except OSError:
        return DemoServer(port=0, options=DemoOptions(style=style), log=_discard).start()


def _discard(_line: str) -> None:
    """The in-process demo portal must not write its access log over the TUI."""
