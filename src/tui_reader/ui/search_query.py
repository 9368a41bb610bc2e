"""The highlighting of what a search found (the language itself: ``tui_reader.query``).

A pure function, so it is tested without a screen.
"""

from __future__ import annotations

from rich.text import Text

from tui_reader.render import clean_line

MATCH_STYLE = "bold black on yellow"


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
