"""The highlighting of what a search found, and the marker under a query's bad part
(the language itself: ``tui_reader.query``).

Pure functions, so they are tested without a screen.
"""

from __future__ import annotations

from rich.cells import cell_len
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


def error_marker(message: str, at: int, before: int, width: int, *, text: str) -> Text:
    """One line pointing at the bad part of ``text``: a ``^`` under character
    ``at`` (the box shows ``text`` from column ``before`` of this line) and the
    message beside it, on the side where it fits; only the message when neither does.
    Calm on purpose: a half-typed query is normal."""
    column = before + cell_len(clean_line(text[:at]))
    message = clean_line(message)
    line = Text(no_wrap=True, overflow="ellipsis")
    if column + 2 + cell_len(message) <= width:
        line.append(" " * column)
        line.append("^", style="bold yellow")
        line.append(" " + message, style="dim")
    elif cell_len(message) + 2 <= column < width:
        line.append(" " * (column - cell_len(message) - 1))
        line.append(message + " ", style="dim")
        line.append("^", style="bold yellow")
    else:
        line.append(message, style="dim")
    return line
