"""Line breaking for mixed Chinese and Latin text, with kinsoku, as a Rich renderable.

Rich folds CJK text at any character, so a line may start with "，" or "。"
— which Chinese typesetting never does — and it knows nothing of opening
brackets left dangling at a line end. Here a line may break between any two
CJK characters and at spaces, but closing punctuation (、，。！？）」』】…) stays
on the line before it and opening punctuation (（「『【…) goes to the line
after it: the character before a closing mark travels down with it (追い出し,
"push out"), never the mark up past the width. No line is ever wider than the
width it is given; a word longer than a whole line is folded by character.

Widths are terminal cells (``rich.cells``), so full-width characters count
two and combining marks count nothing and stay with their base character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

__all__ = ["CLOSING", "OPENING", "Wrapped", "break_lines"]

CLOSING = frozenset("、，。．！？：；）」』】〕〉》〗〙〛｝］〞”’…‥・·～％‰℃,.!?:;)]}%»")
"""May not start a line."""
OPENING = frozenset("（「『【〔〈《〖〘〚｛［〝“‘([{«¥￥")
"""May not end a line."""
GLUE = frozenset("/／")
"""Holds its neighbours together ("元/月", "元/㎡" never break at the slash)."""
_FOOTNOTE = re.compile(r"\[\d+\]")
"""A link number "[3]" stays with the word it numbers."""


def _units(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, space_before) of each unbreakable piece of one hard line.

    A wide character is a piece of its own; a run of narrow non-space
    characters is one piece (a word); zero-width characters join the piece
    before them. Then closing marks join the piece before, opening marks the
    piece after, when nothing but the mark stands between them."""
    raw: list[list[int | bool]] = []
    space = False
    previous: list[int | bool] | None = None
    for index, char in enumerate(text):
        if char.isspace():
            space = True
            continue
        width = get_character_cell_size(char)  # cached per character: this loop is the hot one
        if (
            previous is not None
            and not space
            and previous[1] == index
            and (width == 0 or (width == 1 and previous[3] == 1))
        ):
            previous[1] = index + 1  # zero-width mark, or the next letter of a word
        else:
            previous = [index, index + 1, space, width]
            raw.append(previous)
        space = False
    merged: list[list[int | bool]] = []
    for piece in raw:
        start = int(piece[0])
        touching = bool(merged) and not piece[2]
        before = text[int(merged[-1][1]) - 1] if merged else ""
        # Kinsoku holds across a space too ("好 ，" keeps the comma up);
        # the slash and link numbers only glue what touches them.
        if merged and (
            text[start] in CLOSING
            or before in OPENING
            or (touching and (text[start] in GLUE or before in GLUE or _FOOTNOTE.match(text, start, int(piece[1]))))
        ):
            merged[-1][1] = piece[1]
        else:
            merged.append(list(piece))
    return [(int(s), int(e), bool(sp)) for s, e, sp, _w in merged]


def _fold(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Cut one piece wider than ``width`` into chunks that fit; a chunk never
    starts with a closing mark when the one before can give it a character."""
    chunks: list[tuple[int, int]] = []
    position = start
    while position < end:
        stop, used = position, 0
        # Greedy; zero-width marks cost nothing, so they stay with their base.
        while stop < end and used + cell_len(text[stop]) <= width:
            used += cell_len(text[stop])
            stop += 1
        stop = max(stop, position + 1)  # a character wider than the whole line
        if stop < end:
            cut = stop
            while cut - 1 > position and text[cut] in CLOSING:
                cut -= 1
            stop = cut
        chunks.append((position, stop))
        position = stop
    return chunks


def _break_one(text: str, width: int) -> Iterator[tuple[int, int]]:
    line_start: int | None = None
    line_end = 0
    used = 0
    for start, end, _space in _units(text):
        width_of = cell_len(text[start:end])
        gap = cell_len(text[line_end:start]) if line_start is not None else 0
        if line_start is not None and used + gap + width_of <= width:
            line_end, used = end, used + gap + width_of
            continue
        if line_start is not None:
            yield line_start, line_end
            line_start = None
        if width_of <= width:
            line_start, line_end, used = start, end, width_of
            continue
        chunks = _fold(text, start, end, width)
        yield from chunks[:-1]
        line_start, line_end = chunks[-1]
        used = cell_len(text[line_start:line_end])
    if line_start is not None:
        yield line_start, line_end


def break_lines(text: str, width: int) -> list[tuple[int, int]]:
    """Character ranges of the lines ``text`` takes at ``width`` cells.

    Newlines are hard breaks (an empty line stays an empty line); spaces at a
    break are dropped."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    offset = 0
    for hard in text.split("\n"):
        found = list(_break_one(hard, width))
        lines.extend((offset + s, offset + e) for s, e in found)
        if not found:
            lines.append((offset, offset))
        offset += len(hard) + 1
    return lines


class Wrapped:
    """A ``Text`` broken into lines with kinsoku, optionally behind a prefix.

    ``first`` goes before the first line (a bullet, "1. ", a quote bar) and
    ``rest`` before every other line; both should be equally wide so the
    text hangs in one column."""

    def __init__(self, text: Text, first: Text | None = None, rest: Text | None = None) -> None:
        self.text = text
        self.first = first or Text("")
        self.rest = rest if rest is not None else Text(" " * self.first.cell_len)

    def lines(self, width: int) -> list[Text]:
        lead = max(self.first.cell_len, self.rest.cell_len)
        plain = self.text.plain.replace("\t", " ")
        ranges = break_lines(plain, max(1, width - lead))
        offsets = sorted({o for pair in ranges for o in pair} | {0, len(plain)})
        pieces = dict(zip(zip(offsets, offsets[1:], strict=False), self.text.divide(offsets[1:-1]), strict=False))
        position = {offset: index for index, offset in enumerate(offsets)}
        out: list[Text] = []
        for number, (start, end) in enumerate(ranges):
            body = _slice(pieces, offsets, position[start], end, self.text)
            prefix = self.first if number == 0 else self.rest
            out.append(Text.assemble(prefix.copy(), body))
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(options.max_width):
            yield from line.render(console)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lead = max(self.first.cell_len, self.rest.cell_len)
        plain = self.text.plain
        pieces = [plain[s:e] for s, e, _ in _units(plain.replace("\n", " "))]
        widest_piece = max((cell_len(p) for p in pieces), default=0)
        widest_line = max((cell_len(line) for line in plain.split("\n")), default=0)
        return Measurement(lead + min(widest_piece, options.max_width), lead + widest_line).clamp(
            max_width=options.max_width
        )


def _slice(pieces: dict[tuple[int, int], Text], offsets: list[int], index: int, end: int, whole: Text) -> Text:
    """The styled text from ``offsets[index]`` to ``end``, out of the divided pieces."""
    if offsets[index] == end:
        return Text("", style=whole.style)
    out = Text(style=whole.style)
    while index + 1 < len(offsets) and offsets[index] < end:
        out.append_text(pieces[(offsets[index], offsets[index + 1])])
        index += 1
    return out
