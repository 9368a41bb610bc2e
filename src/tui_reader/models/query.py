"""A search as the store runs it: the words, and the city and category it is kept to.

``query.py`` makes one from what the user typed; ``store`` compiles it to SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Query"]


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...] = ()
    """Every word must be in the title or the body (case-insensitive)."""
    city: str = ""
    """Kept to articles whose city name contains this, or whose city's slug is this; empty: any."""
    category: str = ""
    """The same for the category."""

    @property
    def text(self) -> str:
        """The words, as typed."""
        return " ".join(self.words)

    @property
    def filtered(self) -> bool:
        return bool(self.city or self.category)
