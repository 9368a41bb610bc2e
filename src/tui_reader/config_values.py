"""How each value of ``config.toml`` is checked on the way in and written on the way out.

A check takes the key (for the message), the value as TOML gave it and the
file's folder (for relative paths), and returns the value ``Config`` holds or
raises ``Invalid`` with the part of the message after ``file:line:``. A writer
turns a ``Config`` value back into TOML for the commented defaults file.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

__all__ = [
    "DURATION",
    "Invalid",
    "UNITS",
    "count",
    "dirs",
    "dirs_text",
    "duration",
    "duration_text",
    "flag",
    "flag_text",
    "images",
    "is_number",
    "megabytes",
    "megabytes_text",
    "name",
    "number_text",
    "parse_duration",
    "positive",
    "rows",
    "show",
    "text",
    "theme",
    "url",
]

_MB = 1024 * 1024


class Invalid(Exception):
    """A value failed its check; the message is the part after ``file:line:``."""


def show(value: Any) -> str:
    """A value as it looked in the file, for error messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "a table"
    return str(value)


def is_number(value: Any) -> bool:
    # TOML booleans are Python bools, which are ints: "timeout = true" is not 1.
    return isinstance(value, int | float) and not isinstance(value, bool)


# -- checks: file value -> Config value ------------------------------------------


def name(key: str, value: Any, base: Path) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise Invalid(f"'{key}' must be a profile name like \"demo\", not {show(value)}")


def url(key: str, value: Any, base: Path) -> str | None:
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.startswith(("http://", "https://")):
            return text
    raise Invalid(f"'{key}' must be an address starting with http:// or https://, not {show(value)}")


def dirs(key: str, value: Any, base: Path) -> tuple[Path, ...]:
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        # Relative folders are read relative to the config file, not to
        # wherever the command happens to be started from.
        return tuple(base / Path(v.strip()).expanduser() for v in value)
    raise Invalid(f"'{key}' must be a list of folders like [\"~/sites\"], not {show(value)}")


def positive(key: str, value: Any, base: Path) -> float:
    if is_number(value) and math.isfinite(value) and value > 0:
        return float(value)
    raise Invalid(f"'{key}' must be a positive number, not {show(value)}")


def theme(key: str, value: Any, base: Path) -> str:
    if isinstance(value, str):
        return value.strip()  # whether the name exists is checked by ui.themes
    raise Invalid(f'\'{key}\' must be a theme\'s name like "nord", or "" for the default, not {show(value)}')


IMAGES = ("auto", "on", "off")


def images(key: str, value: Any, base: Path) -> str:
    if isinstance(value, str) and value.strip().lower() in IMAGES:
        return value.strip().lower()
    raise Invalid(f'\'{key}\' must be "auto", "on" or "off", not {show(value)}')


def count(key: str, value: Any, base: Path) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 64:
        return value
    raise Invalid(f"'{key}' must be a whole number from 1 to 64, not {show(value)}")


def flag(key: str, value: Any, base: Path) -> bool:
    if isinstance(value, bool):
        return value
    raise Invalid(f"'{key}' must be true or false, not {show(value)}")


def rows(key: str, value: Any, base: Path) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 20:
        return value
    raise Invalid(f"'{key}' must be a whole number from 0 to 20, not {show(value)}")


def megabytes(key: str, value: Any, base: Path) -> int:
    return max(1, int(positive(key, value, base) * _MB))


UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")


def parse_duration(value: Any) -> float:
    """Seconds in ``30``, ``"30s"``, ``"30m"``, ``"2h"``, ``"7d"`` (0 allowed: always refetch)."""
    if is_number(value) and math.isfinite(value) and value >= 0:
        return float(value)
    if isinstance(value, str):
        match = DURATION.fullmatch(value.strip().lower())
        if match:
            return float(match[1]) * UNITS[match[2] or "s"]
    raise ValueError(f"not a duration: {value!r}")


def duration(key: str, value: Any, base: Path) -> float:
    try:
        return parse_duration(value)
    except ValueError:
        raise Invalid(f'\'{key}\' must be a duration like "30m", "2h" or "7d", not {show(value)}') from None


# -- rendering: Config value -> file text (for the default file) ----------------


def text(value: str | None) -> str:
    return show(value or "")


def flag_text(value: bool) -> str:
    return show(value)


def dirs_text(value: tuple[Path, ...]) -> str:
    return show([str(p) for p in value])


def number_text(value: float) -> str:
    return repr(float(value))


def megabytes_text(value: int) -> str:
    mb = value / _MB
    return str(int(mb)) if mb.is_integer() else repr(mb)


def duration_text(value: float) -> str:
    for unit in ("d", "h", "m", "s"):
        count = value / UNITS[unit]
        if count.is_integer() and count > 0:
            return f'"{int(count)}{unit}"'
    return repr(float(value))
