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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui_reader import paths
from tui_reader.errors import ConfigError

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


def _count(key: str, value: Any, base: Path) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 64:
        return value
    raise _Invalid(f"'{key}' must be a whole number from 1 to 64, not {_show(value)}")


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


def default_text() -> str:
    """The commented default ``config.toml``, built from ``Config``'s defaults."""
    defaults = Config()
    lines = [_HEADER]
    for table in _TABLES:
        lines.append(f"[{table}]")
        rows = [(f"{k.key} = {k.render(getattr(defaults, k.attr))}", k.help) for k in _KEYS if k.table == table]
        width = max(len(assignment) for assignment, _ in rows)
        lines.extend(f"{assignment:<{width}}  # {help}" for assignment, help in rows)
        lines.append("")
    return "\n".join(lines)


# -- finding lines ---------------------------------------------------------------

_HEADER_LINE = re.compile(r"\s*\[\[?\s*([^\]]*?)\s*\]\]?\s*(#.*)?$")


def _bare(name: str) -> str:
    name = name.strip()
    return name[1:-1] if len(name) >= 2 and name[0] == name[-1] and name[0] in "\"'" else name


def _find_line(text: str, table: str | None, key: str | None = None) -> int | None:
    """The 1-based line that defines ``[table]``, or ``key`` in it, or None.

    tomllib gives positions only for syntax errors, so for "unknown key" and
    "bad value" we look the line up in the raw text: every ``name =`` line is
    given its full dotted name (current ``[table]`` + key), which also covers
    ``site.name = ...`` at the top and ``site = {name = ...}``. Good enough for
    the files people write; not a full TOML parser.
    """
    target = ".".join(part for part in (table, key) if part)
    current = ""
    header_line: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        header = _HEADER_LINE.match(line)
        if header:
            current = _dotted(header[1])
            if current == target or current.startswith(target + "."):
                return number  # the header itself defines it: [site] or [site.extra]
            if current == table and header_line is None:
                header_line = number  # fallback when the key line is not found
            continue
        if "=" not in line:
            continue
        left = _dotted(line.split("=", 1)[0])
        full = f"{current}.{left}" if current else left
        if full == target or full.startswith(target + ".") or target.startswith(full + "."):
            return number
    return header_line


def _dotted(name: str) -> str:
    return ".".join(_bare(part) for part in name.split("."))


# -- loading ------------------------------------------------------------------


def _fail(path: Path, line: int | None, message: str) -> ConfigError:
    where = f"{path}:{line}" if line else f"{path}"
    return ConfigError(f"{where}: {message}")


def _syntax_error(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> ConfigError:
    # tomllib ends its messages with "(at line L, column C)" or "(at end of
    # document)"; move the line to the front where editors and people look.
    message = str(exc)
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if match:
        return _fail(path, int(match[1]), f"{message[: match.start()]} (column {match[2]})")
    match = re.search(r"\s*\(at end of document\)$", message)
    if match:
        last = max(1, len(text.splitlines()))
        return _fail(path, last, f"{message[: match.start()]} (at the end of the file)")
    return _fail(path, None, message)


def parse_config(text: str, path: Path) -> Config:
    """Check ``text`` (the content of ``path``) and build a Config from it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(path, text, exc) from None
    values: dict[str, Any] = {}
    for table, content in data.items():
        if table not in _TABLES:
            line = _find_line(text, table)
            if isinstance(content, dict):
                raise _fail(path, line, f"unknown table [{table}]")
            raise _fail(path, _find_line(text, None, table), f"unknown key '{table}' outside any table")
        if not isinstance(content, dict):
            raise _fail(
                path, _find_line(text, None, table), f"'{table}' must be a table: write [{table}] on a line of its own"
            )
        known = {k.key: k for k in _KEYS if k.table == table}
        for key, value in content.items():
            spec = known.get(key)
            if spec is None:
                raise _fail(path, _find_line(text, table, key), f"unknown key '{key}' in [{table}]")
            try:
                values[spec.attr] = spec.check(key, value, path.parent)
            except _Invalid as exc:
                raise _fail(path, _find_line(text, table, key), str(exc)) from None
    return Config(**values, source=path)


def load_config(path: Path | None = None, *, create: bool = True) -> Config:
    """Read ``path`` (default: ``paths.config_file()``).

    When the file does not exist, the defaults are returned; with ``create``
    the commented default file is written first so the user has something to
    edit. Raises ``ConfigError`` (one line: file, line, what is wrong).
    """
    path = Path(path) if path is not None else paths.config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if create:
            _write_defaults(path)
        return Config()
    except OSError as exc:
        raise _fail(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        # utf-8-sig: tolerate the byte-order mark some Windows editors add.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise _fail(path, line, "the file is not UTF-8 text") from None
    return parse_config(text, path)


def _write_defaults(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # "x": never overwrite a file that appeared since we looked.
        with path.open("x", encoding="utf-8") as file:
            file.write(default_text())
    except OSError:
        # A read-only home must not stop the reader: the defaults still apply,
        # there is just no file to edit yet.
        pass


__all__ = ["Config", "default_text", "load_config", "parse_config", "parse_duration"]
