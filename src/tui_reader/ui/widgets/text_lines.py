"""Text already broken into lines, of which only the visible ones are painted.

A ``Static`` holding a long article turns every one of its lines into
Textual strips whenever it is laid out or painted: for 4,000 lines that is a
quarter of a second in which no key is answered. This widget is told its
lines (Rich segments, broken for a width in a worker thread by the reader
pane) and, through Textual's Line API, builds a strip only for a line that
is on screen; its height is the number of lines.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget


class TextLines(Widget):
    DEFAULT_CSS: ClassVar[str] = "TextLines { height: auto; }"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]  # Widget's own keywords
        self.lines: list[list[Segment]] = []
        self.width = 0

    def show(self, lines: list[list[Segment]], width: int) -> None:
        self.lines = lines
        self.width = width
        self.refresh(layout=True)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if 0 <= y < len(self.lines):
            return Strip(self.lines[y]).crop_extend(0, width, self.rich_style)
        return Strip.blank(width, self.rich_style)
