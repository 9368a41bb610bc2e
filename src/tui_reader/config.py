"""The user's settings: ``config.toml``, read strictly.

Defaults live in one place, the ``Config`` dataclass. The commented file
written on first run is generated from those defaults and from ``_KEYS`` (one
row per setting: where it lives in the file, how it is checked, what it means),
so the file, the parser and the defaults cannot drift apart.

Strict on purpose: an unknown table or key is an error, reported with the file
and line, because a silently ignored typo ("timout = 3") is worse than a
refusal to start. The user's file is only read, never rewritten.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui_reader import paths
from tui_reader.errors import ConfigError
from tui_reader.toml_lines import decode, find_line, located, read_text, syntax_error

_MB = 1024 * 1024


@dataclass(frozen=True)
class Config:
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
    sync_concurrency: int = 2
    """Requests a sync keeps in flight to one portal."""
    sync_delay: float = 0.25
    """Seconds between the starts of two sync requests to one portal."""
    sync_deadline: float = 15.0
    """Seconds a sync allows one page, retries included: a page dripping slower is
    reported, not waited for (a sync's other requests go on meanwhile)."""
    theme: str = ""
    """Name of the Textual theme the reader starts with; empty means Textual's default."""
    keymap: Mapping[str, str] = field(default_factory=dict)
    """Binding id → keys (``"cursor.down" = "j,down"``), from ``[keymap]``; checked by ``ui.keys``."""
    source: Path | None = field(default=None, compare=False)
    """The file these settings were read from; None when defaults were used."""


class _Invalid(Exception):
    """A value failed its check; the message is the part after ``file:line:``."""


def _show(value: Any) -> str:
    """A value as it looked in the file, for error messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "a table"
    return str(value)


def _is_number(value: Any) -> bool:
    # TOML booleans are Python bools, which are ints: "timeout = true" is not 1.
    return isinstance(value, int | float) and not isinstance(value, bool)


# -- checks: file value -> Config value ------------------------------------------


def _name(key: str, value: Any, base: Path) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise _Invalid(f"'{key}' must be a profile name like \"demo\", not {_show(value)}")


def _url(key: str, value: Any, base: Path) -> str | None:
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.startswith(("http://", "https://")):
            return text
    raise _Invalid(f"'{key}' must be an address starting with http:// or https://, not {_show(value)}")


def _dirs(key: str, value: Any, base: Path) -> tuple[Path, ...]:
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        # Relative folders are read relative to the config file, not to
        # wherever the command happens to be started from.
        return tuple(base / Path(v.strip()).expanduser() for v in value)
    raise _Invalid(f"'{key}' must be a list of folders like [\"~/sites\"], not {_show(value)}")


def _positive(key: str, value: Any, base: Path) -> float:
    if _is_number(value) and math.isfinite(value) and value > 0:
        return float(value)
    raise _Invalid(f"'{key}' must be a positive number, not {_show(value)}")


def _theme(key: str, value: Any, base: Path) -> str:
    if isinstance(value, str):
        return value.strip()  # whether the name exists is checked by ui.themes
    raise _Invalid(f'\'{key}\' must be a theme\'s name like "nord", or "" for the default, not {_show(value)}')


def _count(key: str, value: Any, base: Path) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 64:
        return value
    raise _Invalid(f"'{key}' must be a whole number from 1 to 64, not {_show(value)}")


def _flag(key: str, value: Any, base: Path) -> bool:
    if isinstance(value, bool):
        return value
    raise _Invalid(f"'{key}' must be true or false, not {_show(value)}")


def _rows(key: str, value: Any, base: Path) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 20:
        return value
    raise _Invalid(f"'{key}' must be a whole number from 0 to 20, not {_show(value)}")


def _megabytes(key: str, value: Any, base: Path) -> int:
    return max(1, int(_positive(key, value, base) * _MB))


_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")


def parse_duration(value: Any) -> float:
    """Seconds in ``30``, ``"30s"``, ``"30m"``, ``"2h"``, ``"7d"`` (0 allowed: always refetch)."""
    if _is_number(value) and math.isfinite(value) and value >= 0:
        return float(value)
    if isinstance(value, str):
        match = _DURATION.fullmatch(value.strip().lower())
        if match:
            return float(match[1]) * _UNITS[match[2] or "s"]
    raise ValueError(f"not a duration: {value!r}")


def _duration(key: str, value: Any, base: Path) -> float:
    try:
        return parse_duration(value)
    except ValueError:
        raise _Invalid(f'\'{key}\' must be a duration like "30m", "2h" or "7d", not {_show(value)}') from None


# -- rendering: Config value -> file text (for the default file) ----------------


def _text(value: str | None) -> str:
    return _show(value or "")


def _flag_text(value: bool) -> str:
    return _show(value)


def _dirs_text(value: tuple[Path, ...]) -> str:
    return _show([str(p) for p in value])


def _number_text(value: float) -> str:
    return repr(float(value))


def _megabytes_text(value: int) -> str:
    mb = value / _MB
    return str(int(mb)) if mb.is_integer() else repr(mb)


def _duration_text(value: float) -> str:
    for unit in ("d", "h", "m", "s"):
        count = value / _UNITS[unit]
        if count.is_integer() and count > 0:
            return f'"{int(count)}{unit}"'
    return repr(float(value))


@dataclass(frozen=True)
class _Key:
    table: str
    key: str
    attr: str
    check: Callable[[str, Any, Path], Any]
    render: Callable[[Any], str]
    help: str


_KEYS: tuple[_Key, ...] = (
    _Key("site", "name", "site", _name, _text, "which site profile to read (builtin: demo)"),
    _Key("site", "base_url", "base_url", _url, _text, "the portal's address; empty = the profile's own"),
    _Key("site", "profile_dirs", "profile_dirs", _dirs, _dirs_text, "extra folders with site profiles (*.toml)"),
    _Key("network", "timeout", "timeout", _positive, _number_text, "seconds to wait for each read"),
    _Key("network", "deadline", "deadline", _positive, _number_text, "seconds allowed for a whole download"),
    _Key("network", "max_page_mb", "max_page_bytes", _megabytes, _megabytes_text, "largest page accepted, in MB"),
    _Key(
        "fetch",
        "prefetch",
        "prefetch",
        _flag,
        _flag_text,
        "fetch the article under the cursor before Enter (paced as [sync] delay; never offline)",
    ),
    _Key("fetch", "prefetch_count", "prefetch_count", _rows, str, "and the articles of this many rows after it"),
    _Key("cache", "cities_ttl", "ttl_cities", _duration, _duration_text, "how long a city list counts as fresh"),
    _Key("cache", "listings_ttl", "ttl_listings", _duration, _duration_text, "how long a listing page counts as fresh"),
    _Key("cache", "article_ttl", "ttl_articles", _duration, _duration_text, "how long an article counts as fresh"),
    _Key(
        "cache", "max_age", "cache_max_age", _duration, _duration_text, "evict cached pages older than this (0 = never)"
    ),
    _Key(
        "cache",
        "max_size_mb",
        "cache_max_bytes",
        _megabytes,
        _megabytes_text,
        "trim the cache, oldest first, to this many MB",
    ),
    _Key("sync", "concurrency", "sync_concurrency", _count, str, "requests a sync keeps in flight to the portal"),
    _Key("sync", "delay", "sync_delay", _duration, _duration_text, "seconds between two sync requests to the portal"),
    _Key(
        "sync", "deadline", "sync_deadline", _positive, _number_text, "seconds a sync allows one page, retries included"
    ),
    _Key("ui", "theme", "theme", _theme, _text, "a Textual theme, or one of yours in themes/*.toml; empty = default"),
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
    rows = [(f"{_show(binding_id)} = {_show(keys)}", help) for binding_id, keys, help in keymap]
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
            except _Invalid as exc:
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
            raise fail(key, f"'{key}' must be keys like \"j,down,ctrl+n\", not {_show(value)}")
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
