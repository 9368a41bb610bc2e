"""Site profiles: TOML files that say where things are on one portal's pages.

A profile is data, not code, so users can add a portal without writing Python.
Loading is strict on purpose: an unknown key is almost always a typo, and a
typo that silently does nothing is far harder to find than an error that names
the file, the line and the key. Selectors and patterns are checked at load
time for the same reason.

Built-in profiles ship in ``sites/builtin/*.toml``; a user profile with the
same name (in any of ``extra_dirs``, earlier dirs first) replaces it.
"""

from __future__ import annotations

import functools
import re
import tomllib
import typing
from collections.abc import Sequence
from datetime import timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from tui_reader.errors import ProfileError
from tui_reader.sites.pager import PAGE_FIELD
from tui_reader.sites.text import DEFAULT_DATE, DEFAULT_VIEWS, parse_utc_offset

__all__ = [
    "AUTO",
    "ArticleSelectors",
    "CategorySelectors",
    "CitySelectors",
    "ListingSelectors",
    "Patterns",
    "SiteProfile",
    "auto_profile",
    "available_profiles",
    "builtin_dir",
    "profile_claiming",
    "load_profile",
    "load_profile_file",
]

if TYPE_CHECKING:

    class ProfileChecks(Protocol):
        """Which profile texts passed the full check before (kept by the caller)."""

        def passed(self, source: str) -> bool: ...
        def note_passed(self, source: str) -> None: ...


_NAME = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")

AUTO = "auto"
"""A selector whose value is "auto" is discovered from each page's structure
(see ``sites/discover``) instead of selected: the ``--site auto`` profile says
it everywhere, and ``profile infer`` leaves it where it found nothing sure."""
AUTO_SITE = "auto"

# The sections are NamedTuples, not dataclasses: a profile is loaded before the
# first screen, and on Python 3.11 a frozen dataclass costs about half a
# millisecond to define (it compiles six methods); a NamedTuple a tenth of that.


class CitySelectors(NamedTuple):
    link: str
    group: str | None = None
    group_name: str | None = None


class CategorySelectors(NamedTuple):
    link: str


class ListingSelectors(NamedTuple):
    container: str
    item: str
    title: str
    date: str | None = None
    views: str | None = None
    price: str | None = None
    pager_current: str | None = None
    pager_next: str | None = None
    pager_links: str | None = None
    page_param: str = "page"
    page_path: str | None = None
    """E.g. "list/{page}/": page N lives at that path under the category (instead of ?page=N)."""
    thumb: str | None = None
    """The row's thumbnail (an image, or an element holding one); without it, the row's first photo."""
    photo_count: str | None = None
    """The element showing how many photos the listing has ("6图"); without it, read from the row's text."""


class ArticleSelectors(NamedTuple):
    title: str
    body: str
    meta: str | None = None
    paragraph: str | None = "p"
    drop: tuple[str, ...] = ("script", "style")
    contact_item: str | None = None
    contact_label: str | None = None
    breadcrumb: str | None = None
    city_crumb: int = 1
    category_crumb: int = 2
    json_ld: bool = False
    """Read published time and views from the page's JSON-LD when the meta line gives none."""
    photos: str | None = None
    """The listing's photos (images, or elements holding them, e.g. the gallery); without it,
    they are told from the portal's logos, icons and ads by the page's structure."""


class Patterns(NamedTuple):
    """Regular expressions, kept as text: compiled where a page is read (``re``
    keeps what it compiled), as compiling the defaults cost ~0.7 ms of every start.
    A profile's own are compiled, and checked, when it is loaded."""

    published: str = DEFAULT_DATE
    listing_date: str = DEFAULT_DATE
    views: str = DEFAULT_VIEWS


class SiteProfile(NamedTuple):
    name: str
    title: str
    cities: CitySelectors
    categories: CategorySelectors
    listings: ListingSelectors
    article: ArticleSelectors
    base_url: str | None = None
    city_suffix: str = ""
    timezone: timezone = parse_utc_offset("+08:00")
    patterns: Patterns = Patterns()
    path: Path | None = None
    """The file the profile came from (for messages)."""


_SECTIONS: dict[str, Any] = {  # NamedTuple classes: their _fields and _field_defaults
    "cities": CitySelectors,
    "categories": CategorySelectors,
    "listings": ListingSelectors,
    "article": ArticleSelectors,
    "patterns": Patterns,
}
_TOP_LEVEL = {"name", "title", "base_url", "city_suffix", "timezone", *_SECTIONS}
_REQUIRED_TOP = ("name", "title", "cities", "categories", "listings", "article")
# Named groups each pattern must define, so the parser can rely on them.
_PATTERN_GROUPS = {"published": {"year", "month", "day"}, "listing_date": {"year", "month", "day"}, "views": {"views"}}


def auto_profile() -> SiteProfile:
    """The profile of a portal no profile describes: every part discovered."""
    return SiteProfile(
        name=AUTO_SITE,
        title="",
        cities=CitySelectors(link=AUTO),
        categories=CategorySelectors(link=AUTO),
        # No page_param: page N is reached by following the pager's "next" links.
        listings=ListingSelectors(container=AUTO, item=AUTO, title=AUTO, page_param=""),
        article=ArticleSelectors(title=AUTO, body=AUTO),
    )


def profile_claiming(
    url: str, extra_dirs: Sequence[Path] = (), *, checks: ProfileChecks | None = None
) -> SiteProfile | None:
    """The profile whose ``base_url`` is on the host of ``url`` (a user's first), or None;
    ``checks``: as in ``load_profile_file``."""
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return None
    for folder in _search_dirs(extra_dirs):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            if not _NAME.match(path.stem):
                continue
            try:
                source = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            # A cheap look at base_url before a full (strict) load.
            found = re.search(r"""^\s*base_url\s*=\s*["']([^"']+)["']""", source, re.M)
            if found and (urlsplit(found.group(1)).hostname or "").lower() == host:
                return load_profile_file(path, bundled=folder == builtin_dir(), checks=checks)
    return None


def builtin_dir() -> Path:
    return Path(__file__).with_name("builtin")


def _search_dirs(extra_dirs: Sequence[Path]) -> list[Path]:
    return [Path(d).expanduser() for d in extra_dirs] + [builtin_dir()]


def available_profiles(extra_dirs: Sequence[Path] = ()) -> list[str]:
    names: set[str] = {AUTO_SITE}
    for folder in _search_dirs(extra_dirs):
        if folder.is_dir():
            names.update(p.stem for p in folder.glob("*.toml") if _NAME.match(p.stem))
    return sorted(names)


def load_profile(name: str, extra_dirs: Sequence[Path] = (), *, checks: ProfileChecks | None = None) -> SiteProfile:
    """Find the profile called ``name`` (user dirs first, then built-in) and load it;
    "auto" is the discovering profile (see :func:`auto_profile`); ``checks``: as in
    ``load_profile_file``."""
    if name == AUTO_SITE:
        return auto_profile()
    if not _NAME.match(name):
        raise ProfileError(f"{name!r} is not a profile name (use lower-case letters, digits, - and _)")
    for folder in _search_dirs(extra_dirs):
        candidate = folder / f"{name}.toml"
        if candidate.is_file():
            return load_profile_file(candidate, bundled=folder == builtin_dir(), checks=checks)
    known = ", ".join(available_profiles(extra_dirs)) or "none"
    raise ProfileError(f"no site profile named {name!r} (known: {known})")


def load_profile_file(path: Path, *, bundled: bool = False, checks: ProfileChecks | None = None) -> SiteProfile:
    """Load and check one profile file; every problem is a ProfileError naming the file.

    ``bundled``: a profile shipped in ``builtin/``, whose selectors the tests
    check (``test_bundled_profiles_pass_every_check``): checking them again on
    every start would load selectolax before the first screen for nothing. A
    user's file is checked in full; with ``checks`` (what runs of the reader
    remember), a text that passed before skips the selectors' parse."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read the profile ({exc})") from None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML ({exc})") from None
    if bundled or (checks is not None and checks.passed(source)):
        return _Checker(path, source, check_selectors=False).profile(data)
    profile = _Checker(path, source).profile(data)
    if checks is not None:
        checks.note_passed(source)
    return profile


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    """A section's field types, evaluated once (the annotations are strings)."""
    return typing.get_type_hints(cls)


class _Checker:
    """Turns the parsed TOML into a SiteProfile, with messages that point at the line."""

    def __init__(self, path: Path, source: str, *, check_selectors: bool = True) -> None:
        self.path = path
        self.lines = source.splitlines()
        self.check_selectors = check_selectors

    def fail(self, message: str, section: str | None = None, key: str | None = None) -> typing.NoReturn:
        line = self._line_of(section, key) if key else None
        where = f"{self.path}:{line}" if line else str(self.path)
        raise ProfileError(f"{where}: {message}")

    def _line_of(self, section: str | None, key: str) -> int | None:
        # tomllib does not report positions; a plain scan finds the line in
        # every profile written the ordinary way (one key per line).
        current: str | None = None
        key_line = re.compile(rf"""^\s*["']?{re.escape(key)}["']?\s*=""")
        for number, line in enumerate(self.lines, start=1):
            header = re.match(r"^\s*\[([^\]]+)\]", line)
            if header:
                current = header.group(1).strip()
            elif current == section and key_line.match(line):
                return number
        return None

    def profile(self, data: dict[str, Any]) -> SiteProfile:
        for key in data:
            if key not in _TOP_LEVEL:
                self.fail(f"unknown key {key!r}", None, key)
        for key in _REQUIRED_TOP:
            if key not in data:
                self.fail(f"missing required key {key!r}" if key in ("name", "title") else f"missing section [{key}]")
        name = self.string(data, None, "name")
        if name != self.path.stem:
            self.fail(f"name {name!r} does not match the file name {self.path.stem!r}", None, "name")
        base_url = data.get("base_url")
        if base_url is not None:
            base_url = self.string(data, None, "base_url").rstrip("/")
            if not re.match(r"^https?://[^/]+", base_url):
                self.fail(f"base_url {base_url!r} is not an http(s) address", None, "base_url")
        tz = parse_utc_offset("+08:00")
        if "timezone" in data:
            try:
                tz = parse_utc_offset(self.string(data, None, "timezone"))
            except ValueError as exc:
                self.fail(str(exc), None, "timezone")
        sections = {name: self.section(name, data.get(name, {})) for name in _SECTIONS}
        return SiteProfile(
            name=name,
            title=self.string(data, None, "title"),
            base_url=base_url,
            city_suffix=self.string(data, None, "city_suffix") if "city_suffix" in data else "",
            timezone=tz,
            path=self.path,
            **sections,
        )

    def string(self, table: dict[str, Any], section: str | None, key: str) -> str:
        value = table[key]
        if not isinstance(value, str):
            self.fail(f"{key!r} must be a string", section, key)
        return value

    def section(self, name: str, table: Any) -> Any:
        cls = _SECTIONS[name]
        if not isinstance(table, dict):
            self.fail(f"{name!r} must be a table ([{name}])", None, name)
        hints = _type_hints(cls)
        fields = cls._fields
        for key in table:
            if key not in fields:
                self.fail(f"unknown key {key!r} in [{name}]", name, key)
        if "page_param" in table and "page_path" in table:
            self.fail(
                f"[{name}] has both page_param and page_path: a portal numbers its pages one way", name, "page_path"
            )
        values: dict[str, Any] = {}
        for key in fields:
            if key not in table:
                if key not in cls._field_defaults:
                    self.fail(f"missing required key {key!r} in [{name}]")
                continue
            values[key] = self.value(name, key, hints[key], table[key])
        return cls(**values)

    def value(self, section: str, key: str, hint: Any, value: Any) -> Any:
        where = f"{key!r} in [{section}]"
        if hint is bool:
            if not isinstance(value, bool):
                self.fail(f"{where} must be true or false", section, key)
            return value
        if hint is int:
            if not isinstance(value, int) or isinstance(value, bool):
                self.fail(f"{where} must be a whole number", section, key)
            return value
        if typing.get_origin(hint) is tuple:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                self.fail(f"{where} must be a list of strings", section, key)
            for selector in value:
                self.selector(section, key, selector)
            return tuple(value)
        if not isinstance(value, str):
            self.fail(f"{where} must be a string", section, key)
        if section == "patterns":
            return self.pattern(key, value)
        if key == "page_path":
            self.page_path(section, value)
        elif key != "page_param":
            self.selector(section, key, value)
        return value

    def page_path(self, section: str, value: str) -> None:
        where = f"'page_path' in [{section}]"
        rest = value.replace(PAGE_FIELD, "", 1)
        if PAGE_FIELD not in value or "{" in rest or "}" in rest:
            self.fail(f'{where} must hold {PAGE_FIELD} once, e.g. "list/{PAGE_FIELD}/"', section, "page_path")
        if value.startswith("/") or "://" in value or "?" in value:
            self.fail(
                f'{where} is a path under the category\'s address, e.g. "list/{PAGE_FIELD}/" '
                f"(for ?page=N use page_param)",
                section,
                "page_path",
            )

    def pattern(self, key: str, value: str) -> str:
        try:
            compiled = re.compile(value)
        except re.error as exc:
            self.fail(f"{key!r} in [patterns] is not a valid regular expression ({exc})", "patterns", key)
        missing = _PATTERN_GROUPS[key] - set(compiled.groupindex)
        if missing:
            groups = ", ".join(sorted(missing))
            self.fail(f"{key!r} in [patterns] needs the named group(s) {groups}", "patterns", key)
        return value

    def selector(self, section: str, key: str, value: str) -> None:
        if not self.check_selectors:
            return
        # Imported here: loading selectolax is only worth it once a profile is used.
        from selectolax.lexbor import LexborHTMLParser, SelectolaxError

        try:
            LexborHTMLParser("<p></p>").css(value)
        except (SelectolaxError, ValueError):
            self.fail(f"{key!r} in [{section}] is not a valid CSS selector: {value!r}", section, key)
