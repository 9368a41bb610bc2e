"""The start-up paths that benchmarks/startup.py times, each with its own home.

Every path gets a ``TUI_READER_HOME`` of its own, prepared before any timing
by the reader's own commands (``cities``, ``categories``, ``list``, ``read``,
``profile infer``): what a person would have after using it. The portals the
online paths talk to run in this process, answering after 0.3 s, and keep
running while they are timed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from tui_reader.demo import DemoOptions, DemoServer
from tui_reader.paths import HOME_ENV
from tui_reader.remembered import Memory, Place, Spot

READER = (sys.executable, "-m", "tui_reader")
CITY = "连云港"
"""The needle of the first screen: a city every portal style lists, high enough in the
city pane to be painted with it."""
LOADING = "loading cities"
"""The needle of a start with nothing cached: the status line's loading state."""
LATENCY = 0.3
FIRST_SCREEN_GOAL = 1.3
FIRST_ROWS_GOAL = 1.5
NEEDLE_CELLS = 24
"""A title needle is clipped to this many terminal cells: less than the articles
pane's title column, so it is painted whole, never cut by an ellipsis."""


@dataclass(frozen=True)
class StartPath:
    name: str
    what: str
    args: tuple[str, ...]
    """After ``python -m tui_reader``."""
    needle: str
    goal: float | None
    """None: measured for information, with no goal of its own."""
    home: Path | None
    """None: a new, empty home for every run (a cold start)."""


def reader(home: Path, *args: str) -> str:
    """Run one reader command in ``home``; its standard output."""
    done = subprocess.run(
        [*READER, *args], env={**os.environ, HOME_ENV: str(home)}, capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        raise RuntimeError(f"tui-reader {' '.join(args)} failed in {home}: {done.stderr.strip()}")
    return done.stdout


def _quiet(_line: str) -> None:
    """The portals' access log: not wanted among the figures."""


def clipped(title: str, cells: int = NEEDLE_CELLS) -> str:
    """The longest start of ``title`` that fits in ``cells`` terminal cells."""
    width = 0
    for index, char in enumerate(title):
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if width > cells:
            return title[:index].rstrip()
    return title


class Homes:
    """Makes the homes under ``root``; the portals live as long as ``stack``.

    ``big_cache``: a SQLite cache file copied over each home's cache before its
    second warming, so the figures can be taken with a large cache."""

    def __init__(self, root: Path, stack: ExitStack, big_cache: Path | None) -> None:
        self.root = root
        self.big_cache = big_cache
        self.portal = stack.enter_context(DemoServer(port=0, options=DemoOptions(latency=LATENCY), log=_quiet))
        # Style "c" is the portal no bundled profile describes: `profile infer` writes one for it.
        self.portal_c = stack.enter_context(
            DemoServer(port=0, options=DemoOptions(style="c", latency=LATENCY), log=_quiet)
        )

    def new(self, name: str) -> Path:
        home = self.root / name
        home.mkdir()
        return home

    def configured(self, name: str) -> Path:
        """A home whose config.toml names the demo site at the 0.3 s portal."""
        home = self.new(name)
        (home / "config").mkdir()
        config = f'[site]\nname = "demo"\nbase_url = "{self.portal.base_url}"\n'
        (home / "config" / "config.toml").write_text(config, encoding="utf-8")
        return home

    def warm(self, home: Path, *flags: str) -> tuple[str, str]:
        """Cache what the first screen shows, and more if asked; the first city and category.

        The first city's categories and its first category's rows (the screen opens
        them when nothing is remembered), and 连云港's categories. With a big cache,
        its file replaces the home's before warming again, so warming adds to it."""
        first = self._warm(home, *flags)
        if self.big_cache is not None:
            for db in (home / "cache").glob("*.sqlite3"):
                for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
                    stale.unlink(missing_ok=True)
                shutil.copyfile(self.big_cache, db)
            first = self._warm(home, *flags)
        return first

    def _warm(self, home: Path, *flags: str) -> tuple[str, str]:
        city = json.loads(reader(home, *flags, "cities", "--json"))[0]["name"]
        category = json.loads(reader(home, *flags, "categories", city, "--json"))[0]["name"]
        reader(home, *flags, "list", city, category)
        reader(home, *flags, "categories", CITY)
        return city, category


def prepare(homes: Homes, wanted: list[str]) -> list[StartPath]:
    """The ``wanted`` paths (by name, in ``PATHS``' order), their homes ready."""
    return [make(homes) for name, make in PATHS.items() if name in wanted]


def _demo_warm(homes: Homes) -> StartPath:
    home = homes.new("demo-warm")
    homes.warm(home, "--demo")
    return StartPath("demo-warm", "--demo, warm cache", ("--demo",), CITY, FIRST_SCREEN_GOAL, home)


def _demo_cold(_homes: Homes) -> StartPath:
    # With nothing cached, the first screen is the honest loading state: the
    # status line says what is being fetched while the panes wait for it.
    return StartPath("demo-cold", "--demo, empty home", ("--demo",), LOADING, FIRST_SCREEN_GOAL, None)


def _cold_cities(_homes: Homes) -> StartPath:
    """Not a goal of its own: how long the cities take to come from the in-process portal."""
    return StartPath("cold-cities", "--demo, empty home, cities in", ("--demo",), CITY, None, None)


def _site_online(homes: Homes) -> StartPath:
    home = homes.configured("site-online")
    homes.warm(home)
    return StartPath("site-online", "configured site, online, warm", (), CITY, FIRST_SCREEN_GOAL, home)


def _offline(homes: Homes) -> StartPath:
    home = homes.configured("offline")
    homes.warm(home)
    return StartPath("offline", "configured site, --offline", ("--offline",), CITY, FIRST_SCREEN_GOAL, home)


def _open_url(homes: Homes) -> StartPath:
    home = homes.configured("open-url")
    city, category = homes.warm(home)
    url = json.loads(reader(home, "list", city, category, "--json"))["items"][0]["url"]
    title = json.loads(reader(home, "read", url, "--json"))["title"]
    return StartPath("open-url", "open URL, article cached", ("open", url), clipped(title), FIRST_SCREEN_GOAL, home)


def _auto_saved(homes: Homes) -> StartPath:
    home = homes.new("auto-saved")
    url = homes.portal_c.base_url
    reader(home, "profile", "infer", url, "--save")
    homes.warm(home, "--base-url", url)
    what = "--base-url, saved inferred profile"
    return StartPath("auto-saved", what, ("--base-url", url), CITY, FIRST_SCREEN_GOAL, home)


def _demo_auto(homes: Homes) -> StartPath:
    home = homes.new("demo-auto")
    flags = ("--demo", "--site", "auto")
    homes.warm(home, *flags)
    return StartPath("demo-auto", "--demo --site auto, warm", flags, CITY, FIRST_SCREEN_GOAL, home)


def _first_rows(homes: Homes) -> StartPath:
    """The remembered place is 连云港's first category, written as the app writes it."""
    home = homes.configured("first-rows")
    homes.warm(home)
    city = next(c for c in json.loads(reader(home, "cities", "--json")) if c["name"] == CITY)
    category = json.loads(reader(home, "categories", CITY, "--json"))[0]
    title = json.loads(reader(home, "list", CITY, category["name"], "--json"))["items"][0]["title"]
    # paths.remembered_file() under this home; a configured site's key is its profile's name.
    memory = Memory.load(home / "state" / "remembered.json").bind("demo")
    place = Place(Spot(city["url"], city["name"]), Spot(category["url"], category["name"]))
    memory.note_place(place)
    problem = memory.save()
    if problem:
        raise RuntimeError(problem)
    what = f"rows of remembered {CITY} › {category['name']}"
    return StartPath("first-rows", what, (), clipped(title), FIRST_ROWS_GOAL, home)


PATHS: dict[str, Callable[[Homes], StartPath]] = {
    "demo-warm": _demo_warm,
    "demo-cold": _demo_cold,
    "cold-cities": _cold_cities,
    "site-online": _site_online,
    "offline": _offline,
    "open-url": _open_url,
    "auto-saved": _auto_saved,
    "demo-auto": _demo_auto,
    "first-rows": _first_rows,
}
