"""Photo loaders for the gallery: real generated demo photos, vetted by the real ``vet_image``.

The gallery is given its photos' source (a loader); the app's own comes from
the client. These give it the bytes of the demo portal's own photos, or a
hostile one, and vet them in a thread as the client does: real parts, only
the fetch left out. ``SlowPhotos`` waits on an event before answering, to
show what the screen does while a photo is still on its way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from tui_reader.demo.site import photo_art
from tui_reader.models import Article, Photo
from tui_reader.sites import VettedImage, vet_image


def demo_photo_bytes(photo: Photo) -> bytes:
    """The demo portal's drawing for ``photo`` (its number is the last digit group of the address)."""
    stem = photo.url.rsplit("/", 1)[-1].split(".")[0]
    number = int(stem.rsplit("_", 1)[-1]) if stem.rsplit("_", 1)[-1].isdigit() else 1
    return photo_art.photo(1, (photo.url,), number, "JPEG")


class DemoPhotos:
    """A loader: every photo is the demo's drawing, except those named in ``hostile``
    (address → bytes), which are what a hostile portal sends."""

    def __init__(self, hostile: dict[str, bytes] | None = None) -> None:
        self.hostile = dict(hostile or {})
        self.asked: list[str] = []

    async def __call__(self, photo: Photo) -> VettedImage:
        self.asked.append(photo.url)
        data = self.hostile.get(photo.url) or demo_photo_bytes(photo)
        return await asyncio.to_thread(vet_image, data, declared_type="image/jpeg")

    def source(self, article: Article) -> Callable[[Photo], object]:
        return self


class SlowPhotos(DemoPhotos):
    """Holds every photo until ``release`` is set; records the ones cancelled meanwhile."""

    def __init__(self) -> None:
        super().__init__()
        self.release = asyncio.Event()
        self.cancelled: list[str] = []

    async def __call__(self, photo: Photo) -> VettedImage:
        try:
            await self.release.wait()
        except asyncio.CancelledError:
            self.cancelled.append(photo.url)
            raise
        return await super().__call__(photo)
