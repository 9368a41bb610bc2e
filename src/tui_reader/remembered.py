"""What the reader remembers between runs: the last site read, per site the
last place (city, category, highlighted article) and the recent cities, and
the theme picked in the command palette.

One small JSON file (``paths.remembered_file()``), read once at start and
written whole to a temporary file that then replaces it (``os.replace``), so a
crash mid-write leaves the old file intact. It is a convenience, never a reason
not to start: a damaged or unreadable file counts as empty, with one warning.
Saving merges this run's changes into what is on disk, so two readers open on
two sites keep each other's places.

The config file wins when it changed: the last site is reopened only while the
config's ``site`` and ``base_url`` are what they were when it was noted, and the
picked theme only while the configured theme is.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path
from typing import Any, NamedTuple

from tui_reader import paths

VERSION = 1
RECENT_CITIES = 5
"""How many recent cities the city list shows above the provinces."""

# The records below are NamedTuples, not dataclasses: they are made before every
# first screen, and a dataclass costs about half a millisecond to create.


class Spot(NamedTuple):
    """A city, category or article as remembered: where it was, and its name
    (the portal may be served from another address next time)."""

    url: str
    name: str

    def to_dict(self) -> dict[str, str]:
        return {"url": self.url, "name": self.name}


class Place(NamedTuple):
    city: Spot | None = None
    category: Spot | None = None
    article: Spot | None = None
    recent: tuple[Spot, ...] = ()
    """Cities chosen lately, the latest first (at most ``RECENT_CITIES``)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "city": self.city.to_dict() if self.city else None,
            "category": self.category.to_dict() if self.category else None,
            "article": self.article.to_dict() if self.article else None,
            "recent": [spot.to_dict() for spot in self.recent],
        }


class LastSite(NamedTuple):
    """The site flags of the last run (``--demo``, ``--site``, ``--base-url``)."""

    demo: bool = False
    site: str | None = None
    base_url: str | None = None


class Memory:
    """The remembered file, loaded; ``bind`` it to the site (and configured
    theme) of this run before reading or noting a place or a theme."""

    def __init__(self, path: Path, data: dict[str, Any], warning: str | None = None) -> None:
        self.path = path
        self.warning = warning
        """One sentence when the file could not be read (it then counts as empty)."""
        self._data = data
        self._changed: set[str] = set()
        self._lock = threading.Lock()  # saves run in a thread while the UI notes changes
        self.site_key = ""
        self.configured_theme: str | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Memory:
        path = path or paths.remembered_file()
        data, problem = _read(path)
        warning = None
        if problem:
            warning = f"{path} could not be read ({problem}); starting without the last place"
        return cls(path, data, warning)

    def bind(self, site_key: str, configured_theme: str | None = None) -> Memory:
        self.site_key = site_key
        self.configured_theme = configured_theme
        return self

    # -- the site ---------------------------------------------------------------------

    def last_site(self, config_site: str, config_base_url: str | None) -> LastSite | None:
        """The last run's site flags, unless the config's site changed since."""
        entry = self._data.get("last_site")
        if not isinstance(entry, dict) or entry.get("config") != [config_site, config_base_url]:
            return None
        site, base_url = entry.get("site"), entry.get("base_url")
        if not (_optional_text(site) and _optional_text(base_url)):
            return None
        return LastSite(demo=entry.get("demo") is True, site=site, base_url=base_url)

    def note_site(self, last: LastSite, config_site: str, config_base_url: str | None) -> None:
        entry = {
            "demo": last.demo,
            "site": last.site,
            "base_url": last.base_url,
            "config": [config_site, config_base_url],
        }
        self._set("last_site", entry)

    # -- the place, per site ------------------------------------------------------------

    @property
    def place(self) -> Place:
        sites = self._data.get("sites")
        entry = sites.get(self.site_key) if isinstance(sites, dict) else None
        if not isinstance(entry, dict):
            return Place()
        recent = entry.get("recent")
        return Place(
            city=_spot(entry.get("city")),
            category=_spot(entry.get("category")),
            article=_spot(entry.get("article")),
            recent=tuple(s for s in map(_spot, recent if isinstance(recent, list) else ()) if s)[:RECENT_CITIES],
        )

    def note_place(self, place: Place) -> bool:
        """Remember ``place`` for the bound site; False when nothing changed."""
        if place == self.place:
            return False
        with self._lock:
            sites = self._data.get("sites")
            if not isinstance(sites, dict):
                sites = self._data["sites"] = {}
            sites[self.site_key] = place.to_dict()
            self._changed.add("sites")
        return True

    # -- the theme ----------------------------------------------------------------------

    def theme(self) -> str | None:
        """The theme picked last, unless the configured theme changed since."""
        entry = self._data.get("theme")
        if not isinstance(entry, dict) or entry.get("configured") != self.configured_theme:
            return None
        name = entry.get("name")
        return name if isinstance(name, str) and name else None

    def note_theme(self, name: str) -> bool:
        """Remember ``name`` as picked under the configured theme; False when nothing changed."""
        if name == self.theme():
            return False
        self._set("theme", {"name": name, "configured": self.configured_theme})
        return True

    # -- the file -----------------------------------------------------------------------

    def save(self) -> str | None:
        """Write this run's changes (merged into the file as it is now); the
        reason as one sentence when that failed, else None."""
        with self._lock:
            if not self._changed:
                return None
            on_disk, _problem = _read(self.path)  # unreadable: written afresh
            for key in self._changed:
                if key == "sites":
                    sites = on_disk.get("sites")
                    if not isinstance(sites, dict):
                        sites = on_disk["sites"] = {}
                    sites[self.site_key] = self._data["sites"][self.site_key]
                else:
                    on_disk[key] = self._data[key]
            on_disk["version"] = VERSION
            text = json.dumps(on_disk, ensure_ascii=False, indent=1)
            self._changed.clear()
        # Two saves may overlap (the debounced one and the one at exit): one temporary file each.
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError as exc:
            with contextlib.suppress(OSError):  # it may never have been made
                temporary.unlink(missing_ok=True)
            return f"could not remember the last place in {self.path} ({exc.strerror or exc})"
        return None

    def _set(self, key: str, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            self._changed.add(key)


def _read(path: Path) -> tuple[dict[str, Any], str | None]:
    """The file's content, or ({}, why) when it is missing (no reason), unreadable or not ours."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError) as exc:
        return {}, str(getattr(exc, "strerror", None) or exc)
    try:
        data = json.loads(text)
    except ValueError:
        return {}, "not valid JSON"
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}, "not a file this version wrote"
    return data, None


def _spot(value: Any) -> Spot | None:
    if isinstance(value, dict) and isinstance(value.get("url"), str) and isinstance(value.get("name"), str):
        return Spot(value["url"], value["name"])
    return None


def _optional_text(value: Any) -> bool:
    return value is None or (isinstance(value, str) and bool(value))
