"""Errors that name a TOML file and line: ``path:line: message``.

The user's settings (``config.toml``) and their themes (``themes/*.toml``) are
read strictly, and every complaint points at the line to fix. tomllib gives
positions only for syntax errors, so for "unknown key" and "bad value" the
line is looked up in the raw text here. Good enough for the files people
write; not a full TOML parser.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from tui_reader.errors import ConfigError

__all__ = ["decode", "dotted", "find_line", "located", "read_text", "syntax_error"]

_HEADER_LINE = re.compile(r"\s*\[\[?\s*([^\]]*?)\s*\]\]?\s*(#.*)?$")


def _bare(name: str) -> str:
    name = name.strip()
    return name[1:-1] if len(name) >= 2 and name[0] == name[-1] and name[0] in "\"'" else name


def _split_dotted(name: str) -> list[str]:
    """``a."b.c".d`` → ``["a", '"b.c"', "d"]``: dots inside quotes belong to the key."""
    parts: list[str] = []
    current: list[str] = []
    quote = ""
    for char in name:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == ".":
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def dotted(name: str) -> str:
    """A TOML key as one dotted name: ``"cursor.down"`` and ``cursor.down`` both read ``cursor.down``."""
    return ".".join(_bare(part) for part in _split_dotted(name))


def find_line(text: str, table: str | None, key: str | None = None) -> int | None:
    """The 1-based line that defines ``[table]``, or ``key`` in it, or None.

    Every ``name =`` line is given its full dotted name (current ``[table]`` +
    key), which also covers ``site.name = ...`` at the top and
    ``site = {name = ...}``.
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
            current = dotted(header[1])
            if current == target or current.startswith(target + "."):
                return number  # the header itself defines it: [site] or [site.extra]
            if current == table and header_line is None:
                header_line = number  # fallback when the key line is not found
            continue
        if "=" not in line:
            continue
        left = dotted(_key_part(line))
        full = f"{current}.{left}" if current else left
        if full == target or full.startswith(target + ".") or target.startswith(full + "."):
            return number
    return header_line


def _key_part(line: str) -> str:
    """What stands left of the first ``=`` that is not inside quotes."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "=":
            return line[:index]
    return line


def located(path: Path, line: int | None, message: str) -> ConfigError:
    where = f"{path}:{line}" if line else f"{path}"
    return ConfigError(f"{where}: {message}")


def syntax_error(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> ConfigError:
    # tomllib ends its messages with "(at line L, column C)" or "(at end of
    # document)"; move the line to the front where editors and people look.
    message = str(exc)
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if match:
        return located(path, int(match[1]), f"{message[: match.start()]} (column {match[2]})")
    match = re.search(r"\s*\(at end of document\)$", message)
    if match:
        last = max(1, len(text.splitlines()))
        return located(path, last, f"{message[: match.start()]} (at the end of the file)")
    return located(path, None, message)


def decode(path: Path, raw: bytes) -> str:
    try:
        # utf-8-sig: tolerate the byte-order mark some Windows editors add.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise located(path, line, "the file is not UTF-8 text") from None


def read_text(path: Path) -> str:
    """The file's text; ``ConfigError`` (file, line) when it cannot be read or is not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise located(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    return decode(path, raw)
