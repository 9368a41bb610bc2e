"""Pictures on the terminal: which way to draw them, scaling a photo to the pane, the widget.

The widgets are textual-image's: the kitty graphics protocol, Sixel, or
coloured half-blocks (two pixels a cell), which every colour terminal shows.

textual-image chooses its protocol by asking the terminal (escape sequences,
answers read from stdin) when it is imported, and says itself that this no
longer works once Textual runs: Textual's input thread would take the
answers as keys. It is imported on the first photo, long after start-up, so
the choice is made here instead, from what the environment says the terminal
is (``picture_kind``), and the library is imported with the terminal queries
kept off (``_import_widgets``).

``[ui] images``: ``auto`` draws what the terminal is known to draw and
nothing where it shows no colours (``TERM=dumb``, ``NO_COLOR``); ``on``
draws half-blocks even there; ``off`` draws no picture (the gallery still
counts, names and opens the photos).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import sys
from collections.abc import Iterator, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from PIL.Image import Image
    from textual.widget import Widget

    from tui_reader.sites import VettedImage

PictureKind = Literal["kitty", "sixel", "halfblocks"]

_SIXEL_TERMINALS = ("foot", "mlterm", "contour", "yaft")
"""``TERM`` names of terminals that draw Sixel (prefixes: "foot-extra" is foot)."""
_SIXEL_PROGRAMS = ("WezTerm", "mintty", "iTerm.app")
"""``TERM_PROGRAM`` values of terminals that draw Sixel whatever their ``TERM`` says."""
_NO_COLOUR_TERMS = ("dumb", "", "unknown")


class CellPixels(NamedTuple):
    """A terminal cell's size in pixels (kitty and Sixel pictures are drawn in pixels)."""

    width: int
    height: int


def picture_kind(setting: str, env: Mapping[str, str] | None = None) -> PictureKind | None:
    """How the gallery draws pictures under ``[ui] images = setting``; None: it draws none."""
    if setting == "off":
        return None
    env = os.environ if env is None else env
    term = env.get("TERM", "")
    # Inside tmux or screen the outer terminal's protocols are not passed through.
    multiplexed = bool(env.get("TMUX")) or term.startswith(("screen", "tmux"))
    if not multiplexed:
        if env.get("KITTY_WINDOW_ID") or term == "xterm-kitty":
            return "kitty"
        if term.startswith(_SIXEL_TERMINALS) or env.get("TERM_PROGRAM") in _SIXEL_PROGRAMS:
            return "sixel"
    if setting == "auto" and (term in _NO_COLOUR_TERMS or "NO_COLOR" in env) and not multiplexed:
        return None
    return "halfblocks"


def cell_pixels() -> CellPixels:
    """The cell size the terminal reports (TIOCGWINSZ), else the VT340's 10×20 that
    textual-image assumes too. Never asks by escape sequence: Textual reads stdin."""
    try:
        import fcntl
        import struct
        import termios

        packed = fcntl.ioctl(sys.__stdout__, termios.TIOCGWINSZ, b"\0" * 8)  # type: ignore[arg-type]
        rows, columns, width, height = struct.unpack("HHHH", packed)
        if rows and columns and width and height:
            return CellPixels(width // columns, height // rows)
    except (ImportError, OSError, ValueError, TypeError):
        pass  # not a terminal, or not a POSIX one
    return CellPixels(10, 20)


class Fitted(NamedTuple):
    """A photo scaled to the pane: the picture to draw and the cells it takes."""

    picture: Image
    columns: int
    rows: int


def fit(photo: VettedImage, columns: int, rows: int, kind: PictureKind, cell: CellPixels) -> Fitted:
    """``photo`` decoded and scaled down to fit ``columns`` × ``rows`` cells, its shape kept.

    CPU work (a few ms to tens of ms for a large photo): run it in a thread. The
    picture comes out at the pixels the protocol draws (two a cell for half-blocks),
    so the widget's own scaling on the event loop has next to nothing left to do.
    It is decoded no larger than that allows (``VettedImage.decode``): a 1 MB JPEG
    drawn in half-blocks is decoded at 1/8 of its size, never at 17 MB."""
    from PIL.Image import Resampling

    columns, rows = max(1, columns), max(1, rows)
    # Half-blocks draw a cell as two pixels stacked: cells are about twice as tall as wide.
    pixel = (1, 2) if kind == "halfblocks" else (cell.width, cell.height)
    cell_w, cell_h = (1.0, 2.0) if kind == "halfblocks" else (float(cell.width), float(cell.height))
    scale = min(columns * cell_w / photo.width, rows * cell_h / photo.height)
    used_columns = max(1, min(columns, round(photo.width * scale / cell_w)))
    used_rows = max(1, min(rows, round(photo.height * scale / cell_h)))
    size = (used_columns * pixel[0], used_rows * pixel[1])
    decoded = photo.decode(within=size)
    picture = decoded if decoded.size == size else decoded.resize(size, Resampling.LANCZOS, reducing_gap=3.0)
    return Fitted(picture, used_columns, used_rows)


def picture_widget(kind: PictureKind, fitted: Fitted, cell: CellPixels) -> Widget:
    """textual-image's widget for ``kind`` showing ``fitted``, sized to its cells."""
    widgets = _import_widgets(cell)
    if kind == "kitty":
        widget: Widget = widgets.TGPImage(fitted.picture)
    elif kind == "sixel":
        widget = widgets.SixelImage(fitted.picture)
    else:
        widget = widgets.HalfcellImage(fitted.picture)
    widget.styles.width = fitted.columns
    widget.styles.height = fitted.rows
    return widget


class _NotATerminal(io.StringIO):
    def isatty(self) -> bool:
        return False


@contextlib.contextmanager
def _no_terminal_queries() -> Iterator[None]:
    """textual-image asks the terminal only when ``sys.__stdout__`` is a tty: for the
    length of its import it is not (nothing is written to it meanwhile)."""
    real = sys.__stdout__
    setattr(sys, "__stdout__", _NotATerminal())  # noqa: B010  # typed Final: not a plain assignment
    try:
        yield
    finally:
        setattr(sys, "__stdout__", real)  # noqa: B010


def _import_widgets(cell: CellPixels) -> ModuleType:
    """``textual_image.widget``, imported without asking the terminal anything."""
    if "textual_image.widget" in sys.modules:
        return sys.modules["textual_image.widget"]
    with _no_terminal_queries():
        from textual_image import _terminal

        # Its cell size is asked once and kept: ours, measured without a query.
        _terminal.get_cell_size._result = _terminal.CellSize(*cell)  # type: ignore[attr-defined]
        return importlib.import_module("textual_image.widget")
