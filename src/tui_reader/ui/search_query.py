"""The search box's little language, and the highlighting of what it found.

``单车 city:连云港 cat:二手`` searches for 单车 in articles of 连云港 in 二手:
words are ANDed (as in ``tui-reader search``), ``city:`` and ``cat:`` (or
``category:``) keep hits whose city or category contains the value. Pure
functions, so they are tested without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from tui_reader.render import clean_line

_FILTERS = {"city": "city", "cat": "category", "category": "category"}

MATCH_STYLE = "bold black on yellow"


@dataclass(frozen=True)
class SearchQuery:
    words: tuple[str, ...] = ()
    city: str = ""
    category: str = ""

    @property
    def text(self) -> str:
        """The words, as the store's search takes them."""
        return " ".join(self.words)

    def keeps(self, city: str | None, category: str | None) -> bool:
        return _contains(city, self.city) and _contains(category, self.category)

    @property
    def filtered(self) -> bool:
        return bool(self.city or self.category)


def parse_query(text: str) -> SearchQuery:
    words: list[str] = []
    found = {"city": "", "category": ""}
    for token in text.split():
        name, colon, value = token.partition(":")
        field = _FILTERS.get(name.casefold()) if colon else None
        if field is not None:
            found[field] = value
        else:
            words.append(token)
    return SearchQuery(tuple(words), found["city"], found["category"])


def highlighted(text: str, words: tuple[str, ...], *, style: str = "") -> Text:
    """``text`` cleaned, as a ``Text`` with every occurrence of every word styled (case-insensitive)."""
    shown = Text(clean_line(text), style=style, no_wrap=True, overflow="ellipsis")
    plain = shown.plain
    # Offsets in the folded text must be offsets in the shown one: casefold
    # may change lengths (ß → ss), lower() rarely does; else match as written.
    fold = next((f for f in (str.casefold, str.lower) if len(f(plain)) == len(plain)), str)
    folded = fold(plain)
    for word in words:
        needle = fold(word)
        if not needle:
            continue
        start = folded.find(needle)
        while start >= 0:
            shown.stylize(MATCH_STYLE, start, start + len(needle))
            start = folded.find(needle, start + len(needle))
    return shown


def _contains(value: str | None, wanted: str) -> bool:
    return not wanted or wanted.casefold() in (value or "").casefold()
