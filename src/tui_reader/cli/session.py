"""What the user asked for, resolved into one run's ``Session``: config → profile,
base URL, and the bundled demo portal started when it is to be read.

The command line and the TUI both start here, so ``--site``, ``--base-url``,
``--offline`` and ``--demo`` mean the same thing everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from tui_reader import errors, paths
from tui_reader.cli.config import read_config
from tui_reader.cli.profile_checks import FileProfileChecks
from tui_reader.client import AUTO_SITE, Session
from tui_reader.config import Config
from tui_reader.remembered import LastSite, Memory

if TYPE_CHECKING:
    from tui_reader.client import SiteProfile
    from tui_reader.demo import DemoServer

DEMO_SITE = "demo"
DEMO_STYLES = {"demo": "a", "demo-b": "b", "auto": "c"}
"""The profiles of the bundled demo portal (``--demo --site NAME``), and the site style each reads."""
DEMO_PORTS = {"a": 8964, "b": 8965, "c": 8966}
"""The demo portal's usual port per style: its URLs (and so its cache) always name it, even
when a run serves the portal on a spare port because this one is taken (``Session.address``)."""
DEMO_PORT = DEMO_PORTS["a"]


class RunOptions(NamedTuple):
    """What the user asked for on the command line (a NamedTuple: made before the
    first screen, where a dataclass costs ten times as much to define)."""

    demo: bool = False
    site: str | None = None
    base_url: str | None = None
    offline: bool = False
    named_urls: tuple[str, ...] = ()
    """URLs the user typed (``read URL``, ``open URL``): their sites may be fetched too."""


def site_name(demo: bool, site: str | None, config: Config) -> str:
    """The profile a run reads with: ``--site``, else the configured one; with
    ``--demo``, one of the demo portal's own profiles (``demo`` unless ``--site`` names another)."""
    if demo:
        name = site or DEMO_SITE
        if name not in DEMO_STYLES:
            raise errors.ConfigError(f"--demo reads the demo portal: --site must be one of {', '.join(DEMO_STYLES)}")
        return name
    return site or config.site


def find_profile(demo: bool, site: str | None, config: Config, base_url: str | None = None) -> SiteProfile:
    """The run's profile, from the folders in ``profile_dirs``, then the user's
    profiles folder, then the bundled ones: ``--site NAME`` when given; else,
    for a ``--base-url``, the profile that claims its host, and ``auto`` when
    none does; else the configured one (see :func:`site_name`)."""
    from tui_reader.client import auto_profile, load_profile, profile_claiming

    folders = (*config.profile_dirs, paths.profiles_dir())
    checks = FileProfileChecks()  # a user's profile that passed is not parsed again (see there)
    if base_url and site is None and not demo:
        return profile_claiming(base_url, folders, checks=checks) or auto_profile()
    return load_profile(site_name(demo, site, config), folders, checks=checks)


def open_session(options: RunOptions, memory: Memory | None = None) -> Session:
    """Resolve config and options into a session; starts the demo portal if asked.

    With ``memory`` (the TUI), a command line that names no site reopens the
    last site read, unless the config's site changed since; the site read is
    noted for the next start.
    """
    config = read_config()
    if memory is None:
        return _open(options, config)
    resumed = _with_last_site(options, config, memory)
    try:
        session = _open(resumed, config)
    except errors.ReaderError as exc:
        if resumed is options:
            raise
        # The last site's profile may be gone since: read the configured one.
        session = _open(options, config)
        session.notices.append(f"could not reopen the last site read ({exc}); reading {session.profile.name}")
        resumed = options
    last = LastSite(demo=resumed.demo, site=resumed.site, base_url=resumed.base_url)
    memory.note_site(last, config.site, config.base_url)
    return session


def _with_last_site(options: RunOptions, config: Config, memory: Memory) -> RunOptions:
    if options.demo or options.site is not None or options.base_url is not None:
        return options  # the command line names the site: it wins
    last = memory.last_site(config.site, config.base_url)
    if last is None:
        return options
    return options._replace(demo=last.demo, site=last.site, base_url=last.base_url)


def _open(options: RunOptions, config: Config) -> Session:
    profile = find_profile(options.demo, options.site, config, options.base_url)
    site = profile.name
    base_url = options.base_url or config.base_url or profile.base_url
    session = Session(
        config=config, profile=profile, base_url="", offline=options.offline, named_urls=options.named_urls
    )

    # The demo sites with no address of their own are served by the bundled portal.
    # It is known by its usual address, wherever it runs: the cache is keyed by
    # URL, and a second reader (or an offline one) must find the first one's pages.
    if base_url is None and site in DEMO_STYLES and (options.demo or site != AUTO_SITE):
        style = DEMO_STYLES[site]
        base_url = f"http://127.0.0.1:{DEMO_PORTS[style]}"
        if not options.offline:
            # Started with the first request, not before the first screen: a
            # start from the cache need not wait for the portal's 20-odd ms.
            session.before_network.append(lambda started: _serve_demo(started, style))
    if not base_url:
        raise errors.ConfigError(
            f"no address for site {site!r}: set base_url in {paths.config_file()} or pass --base-url"
        )
    session.base_url = base_url.rstrip("/")
    return session


def _serve_demo(session: Session, style: str) -> None:
    server = start_demo_server(style)
    session.on_close.append(server.stop)
    if server.base_url != session.base_url:
        session.address = server.base_url


def start_demo_server(style: str = "a") -> DemoServer:
    """The demo portal in ``style`` on its usual port, or any free port when that one is taken."""
    from tui_reader.demo import DemoOptions, DemoServer

    try:
        return DemoServer(port=DEMO_PORTS[style], options=DemoOptions(style=style), log=_discard).start()
    except OSError:
        return DemoServer(port=0, options=DemoOptions(style=style), log=_discard).start()


def _discard(_line: str) -> None:
    """The in-process demo portal must not write its access log over the TUI."""
