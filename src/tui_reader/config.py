"""The user's settings: ``config.toml``, read strictly.

Defaults live in one place, the ``Config`` record. The commented file
written on first run is generated from those defaults and from ``_KEYS`` (one
row per setting: where it lives in the file, how it is checked, what it means),
so the file, the parser and the defaults cannot drift apart.

Strict on purpose: an unknown table or key is an error, reported with the file
and line, because a silently ignored typo ("timout = 3") is worse than a
refusal to start. The user's file is only read, never rewritten.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from tui_reader import config_values as checks
from tui_reader import paths
from tui_reader.config_values import parse_duration
from tui_reader.errors import ConfigError
from tui_reader.toml_lines import decode, find_line, located, read_text, syntax_error

_MB = 1024 * 1024


class Config(NamedTuple):
    """The settings. A NamedTuple rather than a frozen dataclass: it is defined
    before every first screen, and on Python 3.11 a dataclass costs about ten
    times as much to define (it compiles six methods)."""

    site: str = "demo"
    """Name of the site profile to read."""
    base_url: str | None = None
    """The portal's address; None means the profile's own."""
    profile_dirs: tuple[Path, ...] = ()
    """Extra folders searched for site profiles (``*.toml``)."""
    timeout: float = 10.0
    """Seconds to wait for each read from the network."""
    deadline: float = 30.0
    """Seconds allowed for a whole download."""
    max_page_bytes: int = 8 * _MB
    """Largest page accepted, counted after decompression."""
    prefetch: bool = True
    """Fetch the article under the cursor, and a few after it, before Enter (not offline)."""
    prefetch_count: int = 3
    """Rows after the cursor's whose articles are prefetched."""
    ttl_cities: float = 7 * 86400.0
    """Seconds a cached city (or category) list counts as fresh."""
    ttl_listings: float = 30 * 60.0
    """Seconds a cached listing page counts as fresh."""
    ttl_articles: float = 7 * 86400.0
    """Seconds a cached article counts as fresh."""
    cache_max_age: float = 90 * 86400.0
    """Cached pages older than this many seconds are evicted (0: no age limit)."""
    cache_max_bytes: int = 1024 * _MB
    """The cache is trimmed, oldest first, to this size."""
    cache_photo_bytes: int = 200 * _MB
    """The photo cache is trimmed, least recently used first, to this size
    (bookmarked articles' photos are kept)."""
    sync_concurrency: int = 2
    """Requests a sync keeps in flight to one portal."""
    sync_delay: float = 0.25
    """Seconds between the starts of two sync requests to one portal."""
    sync_deadline: float = 15.0
    """Seconds a sync allows one page, retries included: a page dripping slower is
    reported, not waited for (a sync's other requests go on meanwhile)."""
    theme: str = ""
    """Name of the Textual theme the reader starts with; empty means Textual's default."""
    images: str = "auto"
    """Pictures in the photo gallery: "auto" (the best the terminal is known to draw),
    "on" (half-blocks at least, where nothing better is known) or "off" (none)."""
    keymap: Mapping[str, str] = MappingProxyType({})
    """Binding id → keys (``"cursor.down" = "j,down"``), from ``[keymap]``; checked by ``ui.keys``."""
    source: Path | None = None
    """The file these settings were read from; None when defaults were used.
    Not part of equality: the same settings are equal wherever they were read."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Config):
            return NotImplemented
        return self[:-1] == other[:-1]

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal


class _Key(NamedTuple):  # not a dataclass: about a tenth of the cost to define, before the first screen
    table: str
    key: str
    attr: str
    check: Callable[[str, Any, Path], Any]
    render: Callable[[Any], str]
    help: str


_KEYS: tuple[_Key, ...] = (
    _Key("site", "name", "site", checks.name, checks.text, "which site profile to read (builtin: demo)"),
    _Key("site", "base_url", "base_url", checks.url, checks.text, "the portal's address; empty = the profile's own"),
    _Key(
        "site",
        "profile_dirs",
        "profile_dirs",
        checks.dirs,
        checks.dirs_text,
        "extra folders with site profiles (*.toml)",
    ),
    _Key("network", "timeout", "timeout", checks.positive, checks.number_text, "seconds to wait for each read"),
    _Key(
        "network", "deadline", "deadline", checks.positive, checks.number_text, "seconds allowed for a whole download"
    ),
    _Key(
        "network",
        "max_page_mb",
        "max_page_bytes",
        checks.megabytes,
        checks.megabytes_text,
        "largest page accepted, in MB",
    ),
    _Key(
        "fetch",
        "prefetch",
        "prefetch",
        checks.flag,
        checks.flag_text,
        "fetch the article under the cursor before Enter (paced as [sync] delay; never offline)",
    ),
    _Key("fetch", "prefetch_count", "prefetch_count", checks.rows, str, "and the articles of this many rows after it"),
    _Key(
        "cache",
        "cities_ttl",
        "ttl_cities",
        checks.duration,
        checks.duration_text,
        "how long a city list counts as fresh",
    ),
    _Key(
        "cache",
        "listings_ttl",
        "ttl_listings",
        checks.duration,
        checks.duration_text,
        "how long a listing page counts as fresh",
    ),
    _Key(
        "cache",
        "article_ttl",
        "ttl_articles",
        checks.duration,
        checks.duration_text,
        "how long an article counts as fresh",
    ),
    _Key(
        "cache",
        "max_age",
        "cache_max_age",
        checks.duration,
        checks.duration_text,
        "evict cached pages older than this (0 = never)",
    ),
    _Key(
        "cache",
        "max_size_mb",
        "cache_max_bytes",
        checks.megabytes,
        checks.megabytes_text,
        "trim the cache, oldest first, to this many MB",
    ),
    _Key(
        "cache",
        "photos_mb",
        "cache_photo_bytes",
        checks.megabytes,
        checks.megabytes_text,
        "keep this many MB of photos, least recently seen go first (bookmarks' stay)",
    ),
    _Key("sync", "concurrency", "sync_concurrency", checks.count, str, "requests a sync keeps in flight to the portal"),
    _Key(
        "sync",
        "delay",
        "sync_delay",
        checks.duration,
        checks.duration_text,
        "seconds between two sync requests to the portal",
    ),
    _Key(
        "sync",
        "deadline",
        "sync_deadline",
        checks.positive,
        checks.number_text,
        "seconds a sync allows one page, retries included",
    ),
    _Key(
        "ui",
        "theme",
        "theme",
        checks.theme,
        checks.text,
        "a Textual theme, or one of yours in themes/*.toml; empty = default",
    ),
    _Key(
        "ui",
        "images",
        "images",
        checks.images,
        checks.text,
        "photos in the gallery (p): auto = as the terminal can, on = half-blocks at least, off = none",
    ),
)
_TABLES = tuple(dict.fromkeys(k.table for k in _KEYS))

_HEADER = """\
# tui-reader configuration.
#
# Written with the default settings on first run; tui-reader never rewrites it.
# Change what you need. An unknown table or key is an error (reported with its
# line), so a typo cannot be silently ignored. Delete this file to get the
# defaults back.
#
# Durations are a number of seconds or a text like "30s", "30m", "2h", "7d".
"""


KEYMAP_TABLE = "keymap"

KeymapRow = tuple[str, str, str]
"""One binding for the default file: its id, its default keys, what it does."""

_KEYMAP_HEADER = """\
# Keys: binding-id = "keys", Textual key names separated by commas ("g g" is g
# pressed twice). Uncomment a line and change it to move a binding; the ? help
# screen shows every id. A key already used where the binding works is refused.
"""


def default_text(keymap: Iterable[KeymapRow] = ()) -> str:
    """The commented default ``config.toml``, built from ``Config``'s defaults,
    and the ``[keymap]`` section from ``keymap`` (every binding, given by ``ui.keys``)."""
    defaults = Config()
    lines = [_HEADER]
    for table in _TABLES:
        lines.append(f"[{table}]")
        rows = [(f"{k.key} = {k.render(getattr(defaults, k.attr))}", k.help) for k in _KEYS if k.table == table]
        lines.extend(_aligned(rows, prefix=""))
        lines.append("")
    lines.extend([_KEYMAP_HEADER.rstrip("\n"), f"[{KEYMAP_TABLE}]"])
    rows = [(f"{checks.show(binding_id)} = {checks.show(keys)}", help) for binding_id, keys, help in keymap]
    if rows:
        lines.extend(_aligned(rows, prefix="# "))
    lines.append("")
    return "\n".join(lines)


def _aligned(rows: list[tuple[str, str]], *, prefix: str) -> list[str]:
    width = max(len(assignment) for assignment, _ in rows)
    return [f"{prefix}{assignment:<{width}}  # {help}" for assignment, help in rows]


# -- loading ------------------------------------------------------------------


def error_at(config: Config, table: str, key: str | None, message: str) -> ConfigError:
    """``file:line: message`` about ``key`` in ``[table]`` of the file ``config`` was read from.

    For the checks that need what only upper layers know (binding ids, theme
    names): they find the problem, this finds the line.
    """
    if config.source is None:
        return ConfigError(message)
    try:
        text = read_text(config.source)
    except ConfigError:
        return located(config.source, None, message)
    return located(config.source, find_line(text, table, key), message)


def parse_config(text: str, path: Path) -> Config:
    """Check ``text`` (the content of ``path``) and build a Config from it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise syntax_error(path, text, exc) from None
    values: dict[str, Any] = {}
    for table, content in data.items():
        if table not in _TABLES and table != KEYMAP_TABLE:
            line = find_line(text, table)
            if isinstance(content, dict):
                raise located(path, line, f"unknown table [{table}]")
            raise located(path, find_line(text, None, table), f"unknown key '{table}' outside any table")
        if not isinstance(content, dict):
            raise located(
                path, find_line(text, None, table), f"'{table}' must be a table: write [{table}] on a line of its own"
            )
        if table == KEYMAP_TABLE:
            values["keymap"] = _keymap(
                content, lambda key, message: located(path, find_line(text, KEYMAP_TABLE, key), message)
            )
            continue
        known = {k.key: k for k in _KEYS if k.table == table}
        for key, value in content.items():
            spec = known.get(key)
            if spec is None:
                raise located(path, find_line(text, table, key), f"unknown key '{key}' in [{table}]")
            try:
                values[spec.attr] = spec.check(key, value, path.parent)
            except checks.Invalid as exc:
                raise located(path, find_line(text, table, key), str(exc)) from None
    return Config(**values, source=path)


def _keymap(content: dict[str, Any], fail: Callable[[str, str], ConfigError]) -> dict[str, str]:
    """``[keymap]``: binding id → keys. Which ids exist is checked where the
    bindings live (``ui.keys``); here only the shape: each value a text of keys."""
    keymap: dict[str, str] = {}
    # An unquoted id (cursor.down = "j") is a dotted key, a nested table in TOML.
    pending = [(key, value) for key, value in content.items()]
    while pending:
        key, value = pending.pop(0)
        if isinstance(value, dict):
            pending.extend((f"{key}.{inner}", item) for inner, item in value.items())
            continue
        keys = normal_keys(value) if isinstance(value, str) else None
        if not keys:
            raise fail(key, f"'{key}' must be keys like \"j,down,ctrl+n\", not {checks.show(value)}")
        keymap[key] = keys
    return keymap


def normal_keys(text: str) -> str:
    """``" j , ctrl+n ,g  g"`` → ``"j,ctrl+n,g g"``; empty when a key in the list is empty."""
    keys = [" ".join(key.split()) for key in text.split(",")]
    return ",".join(keys) if all(keys) else ""


def load_config(path: Path | None = None, *, create: bool = True, template: Callable[[], str] | None = None) -> Config:
    """Read ``path`` (default: ``paths.config_file()``).

    When the file does not exist, the defaults are returned; with ``create``
    the commented default file (``template()``, default: :func:`default_text`)
    is written first so the user has something to edit. Raises ``ConfigError``
    (one line: file, line, what is wrong).
    """
    path = Path(path) if path is not None else paths.config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if create:
            _write_defaults(path, (template or default_text)())
        return Config()
    except OSError as exc:
        raise located(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    return parse_config(decode(path, raw), path)


def _write_defaults(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # "x": never overwrite a file that appeared since we looked.
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except OSError:
        # A read-only home must not stop the reader: the defaults still apply,
        # there is just no file to edit yet.
        pass


__all__ = [
    "KEYMAP_TABLE",
    "Config",
    "KeymapRow",
    "default_text",
    "error_at",
    "load_config",
    "normal_keys",
    "parse_config",
    "parse_duration",
]
