"""A page's text and how its bytes became that text (the charset decision).

Made by ``fetch`` (and by ``client`` for a saved file), shown by ``profile check``
and ``read --json``: a value every layer may hold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Declared", "Decoded"]


@dataclass(frozen=True, slots=True)
class Declared:
    """One charset declaration, as the server or the page wrote it."""

    label: str
    """The label, lower-cased and shortened: "gb2312", "utf-8"."""
    source: str
    """Where it was: "header", "first <meta>", "second <meta>", "byte-order mark"."""
    codec: str | None
    """The Python codec it names, or None for a label no browser knows."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded page and why it was decoded so."""

    text: str
    encoding: str
    """The Python codec used: "utf-8", "gb18030", …"""
    declared: tuple[Declared, ...] = ()
    """Every declaration found, in the order a browser weighs them."""
    note: str | None = None
    """One sentence when the bytes overruled a declaration; None otherwise."""

    def summary(self) -> dict[str, Any]:
        """The decision without the text: for reports and ``--json``."""
        return {
            "declared": [{"label": d.label, "source": d.source} for d in self.declared],
            "used": self.encoding,
            "note": self.note,
        }
