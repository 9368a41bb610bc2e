"""The photo gallery (``p`` on an article): one photo fitted to the screen, ←/→ through
them, the counter, the alt text and what the vetting noted, ``o`` for the system
viewer, Esc back to the text (the article beneath is left as it was, scroll and all).

Where photos come from is not this screen's business: it is given a ``loader``
(photo → ``VettedImage``, the client's photo cache or the network, vetted in a
thread). Loading and scaling run in one worker (group "photo", exclusive): keys
are answered meanwhile, and moving on cancels the photo under way. A photo
that cannot be shown says why in one sentence.

←/→ wrap around: after the last photo comes the first again (the counter says where).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_reader.errors import BadImage, OfflineMiss, ReaderError
from tui_reader.render import clean_line
from tui_reader.ui import keys
from tui_reader.ui.pictures import CellPixels, PictureKind, cell_pixels, picture_kind
from tui_reader.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from tui_reader.models import Photo
    from tui_reader.sites import VettedImage

PhotoLoader = Callable[["Photo"], Awaitable["VettedImage"]]
"""Where the gallery's photos come from: a photo's address in, its vetted picture out."""

NOTHING_DRAWN = "(pictures are off: [ui] images = off; o opens the photo in your viewer)"


def failure_sentence(error: ReaderError) -> str:
    """What the gallery says in place of a photo that cannot be shown."""
    if isinstance(error, OfflineMiss):
        return "This photo is not cached, and the reader is offline."
    text = clean_line(str(error)) or type(error).__name__
    if isinstance(error, BadImage):
        return f"Not shown: {text}."
    return f"The photo could not be fetched: {text}."


class GalleryScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    GalleryScreen { background: $background; }
    GalleryScreen #gallery-counter { height: 1; padding: 0 1; background: $panel; }
    GalleryScreen #gallery-frame { height: 1fr; }
    GalleryScreen #gallery-message { width: auto; height: auto; padding: 1 2; color: $text-muted; }
    GalleryScreen #gallery-caption { height: auto; max-height: 4; padding: 0 1; }
    """
    BINDINGS: ClassVar = keys.GALLERY

    def __init__(
        self, photos: Sequence[Photo], loader: PhotoLoader, *, title: str = "", images: str = "auto", start: int = 0
    ) -> None:
        super().__init__()
        self.photos = tuple(photos)
        self.loader = loader
        self.title_text = clean_line(title)
        self.kind: PictureKind | None = picture_kind(images)
        self.index = start % len(self.photos) if self.photos else 0
        self.shown: VettedImage | None = None
        """The photo on screen once drawn (``o`` opens it); None while loading or after a failure."""
        self.message = ""
        """What stands in the photo's place, as plain text ("" while a picture is drawn)."""
        self._cell: CellPixels | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="gallery-counter")
        with Middle(id="gallery-frame"), Center():
            yield Static(id="gallery-message")
        yield Static(id="gallery-caption")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show_photo()

    @property
    def counter(self) -> str:
        return f"{self.index + 1} / {len(self.photos)}"

    def _say(self, message: str, *, style: str = "dim italic") -> None:
        self.message = message
        self._clear_picture()
        note = self.query_one("#gallery-message", Static)
        note.display = True
        note.update(Text(message, style=style))

    def _clear_picture(self) -> None:
        for old in self.query(".gallery-picture"):
            old.remove()

    def _draw_header(self, photo: Photo) -> None:
        header = Text.assemble(("📷 " + self.counter, "bold"))
        if self.title_text:
            header.append("  " + self.title_text, style="dim")
        header.truncate(max(1, self.size.width - 2), overflow="ellipsis")
        self.query_one("#gallery-counter", Static).update(header)
        self._caption(photo, ())

    def _caption(self, photo: Photo, notes: Sequence[str]) -> None:
        lines = [Text(clean_line(photo.alt) or "(no alt text)", style="" if photo.alt else "dim italic")]
        lines.extend(Text("note: " + clean_line(note), style="yellow") for note in notes)
        self.query_one("#gallery-caption", Static).update(Text("\n").join(lines))

    def show_photo(self) -> None:
        """Show the photo at ``index``: the counter and alt at once, the picture when loaded."""
        self.shown = None
        photo = self.photos[self.index]
        self._draw_header(photo)
        self._say(f"loading photo {self.counter}…")
        self._load(self.index)

    @work(group="photo", exclusive=True, exit_on_error=False)
    async def _load(self, index: int) -> None:
        photo = self.photos[index]
        try:
            vetted = await self.loader(photo)
        except ReaderError as error:
            if index == self.index:
                self._say(failure_sentence(error), style="bold red")
            return
        if index != self.index:
            return
        self._caption(photo, vetted.notes)
        if self.kind is None:
            self.shown = vetted
            self._say(NOTHING_DRAWN)
            return
        from tui_reader.ui.pictures import fit, picture_widget

        frame = self.query_one("#gallery-frame")
        if self._cell is None:
            self._cell = cell_pixels()
        cell = self._cell
        # (Laid out by now: the loader awaited at least one turn of the loop.)
        columns = (frame.content_size.width or self.size.width) - 2
        rows = frame.content_size.height or max(1, self.size.height - 6)
        try:
            fitted = await asyncio.to_thread(fit, vetted, columns, rows, self.kind, cell)
        except BadImage as error:  # vetted bytes decode again: only a fault of the decoder gets here
            if index == self.index:
                self._say(failure_sentence(error), style="bold red")
            return
        if index != self.index:
            return
        # Only now can o open it: before, its full-size decode for the viewer would
        # compete with this one for the processor, for a photo not on screen yet.
        self.shown = vetted
        self.message = ""
        self._clear_picture()
        self.query_one("#gallery-message", Static).display = False
        widget = picture_widget(self.kind, fitted, cell)
        widget.add_class("gallery-picture")
        await self.query_one("#gallery-frame Center").mount(widget)

    def _step(self, step: int) -> None:
        if len(self.photos) <= 1:
            self.notify("This article has one photo.", severity="information", timeout=2)
            return
        self.index = (self.index + step) % len(self.photos)
        self.show_photo()  # exclusive: the photo still loading is cancelled

    def action_next_photo(self) -> None:
        self._step(+1)

    def action_previous_photo(self) -> None:
        self._step(-1)

    def action_close(self) -> None:
        self.workers.cancel_group(self, "photo")
        self.dismiss()

    def action_open_viewer(self) -> None:
        if self.shown is None:
            self.notify("The photo is not loaded (yet): nothing to open.", severity="warning", timeout=3)
            return
        self._open(self.shown, self.photos[self.index].url)

    @work(group="viewer", thread=True, exit_on_error=False)
    def _open(self, vetted: VettedImage, url: str) -> None:
        from tui_reader.ui.photo_viewer import ViewerMissing, open_in_viewer, photo_file

        try:
            open_in_viewer(photo_file(vetted.decode(), url))
        except ViewerMissing as missing:
            self.app.call_from_thread(self.notify, str(missing), severity="warning")
        except BadImage as error:
            self.app.call_from_thread(self.notify, failure_sentence(error), severity="warning")
        except OSError as error:
            message = f"The photo could not be opened: {clean_line(error.strerror or str(error))}."
            self.app.call_from_thread(self.notify, message, severity="warning")
        else:
            self.app.call_from_thread(self.notify, "Opened in your photo viewer.", timeout=3)
