"""Vetting a photo's bytes before anything shows them: bytes in, a vetted photo or a sentence out.

A portal's photo is as hostile as its pages can be: HTML served as
``image/jpeg`` (a login wall, a 404 page), an SVG (a document with scripts
in it, never rendered), a file cut off half-way, a few kilobytes that declare
60000×60000 pixels (a decompression bomb). ``vet_image`` answers each of them
with one sentence (``BadImage``) and a sound photo with a ``VettedImage``:

- the type is sniffed from the first bytes (JPEG, PNG, GIF, WebP, BMP); the
  ``Content-Type`` the server sent is never trusted, only named in the sentence;
- the byte cap and the pixel cap (``limits.IMAGE_LIMITS``) are checked before
  a pixel is decoded: the format's Pillow plugin reads the header only, so a
  bomb costs what its header costs;
- a truncated file is refused (Pillow's ``LOAD_TRUNCATED_IMAGES`` stays off),
  an animated one gives its first frame, a thin strip is kept with a note;
- a ``VettedImage`` keeps the bytes, not the pixels: ``decode`` gives them at the
  size a picture needs (a large JPEG never decoded whole to be drawn small).

Pillow is imported on the first photo, never at start-up.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING

from tui_reader.errors import BadImage
from tui_reader.limits import IMAGE_LIMITS, ImageLimits

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["FORMATS", "VettedImage", "sniff", "vet_image"]

FORMATS: dict[str, str] = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
    "BMP": "image/bmp",
}
"""The formats shown (Pillow's names), with their media types."""

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
)
# Picture formats a portal may send that are not shown: named, so the sentence is precise.
_OTHER_PICTURES: tuple[tuple[bytes, int, str], ...] = (
    (b"ftypavif", 4, "AVIF"),
    (b"ftypheic", 4, "HEIC"),
    (b"ftypmif1", 4, "HEIF"),
    (b"II*\x00", 0, "TIFF"),
    (b"MM\x00*", 0, "TIFF"),
    (b"\x00\x00\x01\x00", 0, "ICO"),
)
_MARKUP = re.compile(rb"^\s*<(?:\?xml|!doctype|!--|[a-z])", re.IGNORECASE)
_SVG = re.compile(rb"<svg[\s>]", re.IGNORECASE)
_HTML = re.compile(rb"<(?:html|head|body|title|div|p|script|meta)[\s>/]", re.IGNORECASE)
_CUT_SHORT = "the photo is cut short (the file ends before the picture does)"
_ORIENTATION = 0x0112
"""EXIF's orientation tag: 5 to 8 turn the picture a quarter."""
_PLUGINS = {
    "JPEG": ("JpegImagePlugin", "JpegImageFile"),
    "PNG": ("PngImagePlugin", "PngImageFile"),
    "GIF": ("GifImagePlugin", "GifImageFile"),
    "WEBP": ("WebPImagePlugin", "WebPImageFile"),
    "BMP": ("BmpImagePlugin", "BmpImageFile"),
}


@dataclass(frozen=True, slots=True)
class VettedImage:
    """A photo that passed: its sniffed format, its upright size, and the bytes that passed.

    No pixels are kept: decoded, a 2400×1800 photo takes 17 MB where its JPEG takes 1 MB,
    and a screen draws a small part of them. ``decode`` gives the pixels a picture needs."""

    format: str
    """Pillow's name of the sniffed format: "JPEG", "PNG", "GIF", "WEBP" or "BMP"."""
    media_type: str
    """The media type of ``format`` ("image/jpeg"), whatever the server said."""
    width: int
    height: int
    """The size upright (EXIF orientation applied), in pixels."""
    animated: bool
    notes: tuple[str, ...]
    """What a viewer should say under the photo ("only the first frame of an animation is shown")."""
    data: bytes = field(repr=False)
    """The bytes vetted, as they came."""

    def decode(self, within: tuple[int, int] | None = None) -> Image:
        """The first frame, upright, as RGB or RGBA: at full size, or, given ``within``
        (width, height upright), at the smallest size the format decodes to that still
        covers it, for the caller to scale the rest of the way. Only JPEG decodes smaller
        (at 1/2, 1/4 or 1/8 of its size, by its DCT scaling): the full frame of a large
        photo never exists then. CPU work: run it in a thread. ``BadImage`` as ``vet_image``."""
        scale = 1.0 if within is None else min(self.width / max(1, within[0]), self.height / max(1, within[1]))
        frame, _turned = _first_frame(_open(self.data, self.format), self.format, scale)
        return frame


def sniff(data: bytes) -> str | None:
    """The format of ``data`` by its first bytes, one of ``FORMATS``; None when it is none of them."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _not_a_picture(data: bytes, declared_type: str | None) -> BadImage:
    """The sentence for bytes no shown format starts with: what they are, as far as the bytes say."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    served = f", served as {declared_type}" if declared_type else ""
    if _MARKUP.match(head):
        if _SVG.search(head):
            served_svg = f" (served as {declared_type})" if declared_type else ""
            return BadImage(f"the photo is an SVG drawing{served_svg}, which is never shown")
        kind = "HTML" if _HTML.search(head) else "a text document"
        return BadImage(f"the photo is not a picture (it is {kind}{served})")
    for magic, at, name in _OTHER_PICTURES:
        if head[at : at + len(magic)] == magic:
            return BadImage(f"the photo is in a format that is not shown ({name})")
    if not data:
        return BadImage("the photo is empty")
    return BadImage(f"the photo is not a picture (its format is unknown{served})")


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:,.0f}" if pixels >= 10_000_000 else f"{pixels / 1_000_000:.1f}"


def _open_header(data: bytes, name: str) -> Image:
    """The image's header read by the plugin of its sniffed format, and nothing decoded.

    The plugin's class is called directly, not through ``Image.open``: that would try
    other formats too, and check the size against Pillow's own bomb threshold, which
    warns (on stderr, over a full-screen app) for sizes our lower cap refuses anyway."""
    import importlib

    module, cls = _PLUGINS[name]
    plugin = getattr(importlib.import_module(f"PIL.{module}"), cls)
    opened: Image = plugin(BytesIO(data))
    return opened


def _too_large(limits: ImageLimits) -> BadImage:
    return BadImage(f"the photo is too large (at most {_megapixels(limits.max_pixels)} megapixels)")


def _open(data: bytes, name: str, limits: ImageLimits = IMAGE_LIMITS) -> Image:
    """``_open_header``, its failures in one sentence each."""
    from PIL.Image import DecompressionBombError

    try:
        return _open_header(data, name)
    except DecompressionBombError:
        # Pillow's own check, inside a plugin (a GIF frame far larger than its screen).
        raise _too_large(limits) from None
    except Exception:
        # Pillow's parsers raise many kinds of errors on broken headers (OSError, SyntaxError,
        # struct.error, ValueError …); every one of them means the same to a reader.
        raise BadImage(f"the photo is damaged (not a readable {name} file)") from None


def _first_frame(opened: Image, name: str, scale: float, limits: ImageLimits = IMAGE_LIMITS) -> tuple[Image, bool]:
    """``opened``'s first frame decoded (``scale`` times smaller, or less, where the format
    can), upright, RGB or RGBA; and whether making it upright turned it a quarter.

    No copy is made that is not needed: the frame is turned in place, and converted only
    from another mode. A decoder that scales still reads every byte: a file cut short is
    found at any scale."""
    from PIL import ImageOps
    from PIL.Image import DecompressionBombError

    with opened:
        try:
            if scale >= 2:
                # JPEG's DCT scaling (a no-op for other formats); the box is in stored
                # orientation, and the decoder never goes below it.
                width, height = opened.size
                opened.draft(opened.mode, (math.ceil(width / scale), math.ceil(height / scale)))
            opened.load()  # the first frame
            turned = opened.getexif().get(_ORIENTATION, 1) in (5, 6, 7, 8)
            ImageOps.exif_transpose(opened, in_place=True)
            mode = "RGB"
            if opened.mode in ("RGBA", "LA", "PA") or "transparency" in opened.info:
                mode = "RGBA"
            frame = opened if opened.mode == mode else opened.convert(mode)
        except DecompressionBombError:
            raise _too_large(limits) from None
        except Exception as exc:
            if "truncated" in str(exc) or isinstance(exc, EOFError):
                raise BadImage(_CUT_SHORT) from None
            raise BadImage(f"the photo is damaged (its {name} data cannot be decoded)") from None
    return frame, turned


def vet_image(data: bytes, *, declared_type: str | None, limits: ImageLimits = IMAGE_LIMITS) -> VettedImage:
    """``data`` vetted as a photo, or ``BadImage`` saying in one sentence why it is not shown.

    ``declared_type`` is the server's Content-Type, used only in what the sentence
    says: the bytes decide what the photo is. The first frame is decoded all through
    (a JPEG at 1/8 of its size: every byte is read all the same), then let go."""
    if len(data) > limits.max_bytes:
        size = len(data) / 1024 / 1024
        raise BadImage(f"the photo is too large ({size:.1f} MiB; at most {limits.max_bytes >> 20} MiB)")
    name = sniff(data)
    if name is None:
        raise _not_a_picture(data, declared_type)
    if name == "WEBP" and int.from_bytes(data[4:8], "little") + 8 > len(data):
        # Pillow's WebP decoder reads the whole file at open: a short one fails there, unnamed.
        raise BadImage(_CUT_SHORT)
    opened = _open(data, name, limits)
    width, height = opened.size
    pixels = width * height
    if pixels > limits.max_pixels:
        raise BadImage(
            f"the photo is too large ({width}×{height}, {_megapixels(pixels)} megapixels; "
            f"at most {_megapixels(limits.max_pixels)})"
        )
    # (Above: a bomb stops here, its header read and not one pixel decoded.)
    if width < 1 or height < 1:
        raise BadImage("the photo is empty (no pixels)")
    animated = bool(getattr(opened, "is_animated", False))
    _frame, turned = _first_frame(opened, name, max(width, height), limits)
    if turned:
        width, height = height, width
    return VettedImage(name, FORMATS[name], width, height, animated, _notes(width, height, animated, limits), data)


def _notes(width: int, height: int, animated: bool, limits: ImageLimits) -> tuple[str, ...]:
    notes = []
    if animated:
        notes.append("an animation: only its first frame is shown")
    long_side, short_side = max(width, height), min(width, height)
    if long_side > short_side * limits.strip_ratio:
        notes.append(f"a thin strip ({width}×{height} pixels): it shows squeezed")
    return tuple(notes)
