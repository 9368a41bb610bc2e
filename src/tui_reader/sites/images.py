"""Vetting a photo's bytes before anything shows them: bytes in, a decoded picture or a sentence out.

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
  an animated one gives its first frame, a thin strip is kept with a note.

Pillow is imported on the first photo, never at start-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
_PLUGINS = {
    "JPEG": ("JpegImagePlugin", "JpegImageFile"),
    "PNG": ("PngImagePlugin", "PngImageFile"),
    "GIF": ("GifImagePlugin", "GifImageFile"),
    "WEBP": ("WebPImagePlugin", "WebPImageFile"),
    "BMP": ("BmpImagePlugin", "BmpImageFile"),
}


@dataclass(frozen=True, slots=True)
class VettedImage:
    """A photo that passed: its sniffed format, its size and its decoded first frame."""

    format: str
    """Pillow's name of the sniffed format: "JPEG", "PNG", "GIF", "WEBP" or "BMP"."""
    media_type: str
    """The media type of ``format`` ("image/jpeg"), whatever the server said."""
    width: int
    height: int
    image: Image
    """The first frame, decoded, upright (EXIF orientation applied), as RGB or RGBA."""
    animated: bool
    notes: tuple[str, ...]
    """What a viewer should say under the photo ("only the first frame of an animation is shown")."""


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


def vet_image(data: bytes, *, declared_type: str | None, limits: ImageLimits = IMAGE_LIMITS) -> VettedImage:
    """``data`` decoded as a photo, or ``BadImage`` saying in one sentence why it is not shown.

    ``declared_type`` is the server's Content-Type, used only in what the sentence
    says: the bytes decide what the photo is."""
    if len(data) > limits.max_bytes:
        size = len(data) / 1024 / 1024
        raise BadImage(f"the photo is too large ({size:.1f} MiB; at most {limits.max_bytes >> 20} MiB)")
    name = sniff(data)
    if name is None:
        raise _not_a_picture(data, declared_type)
    if name == "WEBP" and int.from_bytes(data[4:8], "little") + 8 > len(data):
        # Pillow's WebP decoder reads the whole file at open: a short one fails there, unnamed.
        raise BadImage(_CUT_SHORT)
    from PIL import ImageOps
    from PIL.Image import DecompressionBombError

    try:
        opened = _open_header(data, name)
    except DecompressionBombError:
        # Pillow's own check, inside a plugin (a GIF frame far larger than its screen).
        raise BadImage(f"the photo is too large (at most {_megapixels(limits.max_pixels)} megapixels)") from None
    except Exception:
        # Pillow's parsers raise many kinds of errors on broken headers (OSError, SyntaxError,
        # struct.error, ValueError …); every one of them means the same to a reader.
        raise BadImage(f"the photo is damaged (not a readable {name} file)") from None
    with opened:
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
        try:
            opened.load()  # the first frame
            frame = ImageOps.exif_transpose(opened)
            mode = "RGBA" if frame.mode in ("RGBA", "LA", "PA") or "transparency" in frame.info else "RGB"
            picture = frame.convert(mode)
        except DecompressionBombError:
            raise BadImage(f"the photo is too large (at most {_megapixels(limits.max_pixels)} megapixels)") from None
        except Exception as exc:
            if "truncated" in str(exc) or isinstance(exc, EOFError):
                raise BadImage(_CUT_SHORT) from None
            raise BadImage(f"the photo is damaged (its {name} data cannot be decoded)") from None
    return VettedImage(
        name, FORMATS[name], picture.width, picture.height, picture, animated, _notes(picture, animated, limits)
    )


def _notes(picture: Image, animated: bool, limits: ImageLimits) -> tuple[str, ...]:
    notes = []
    if animated:
        notes.append("an animation: only its first frame is shown")
    long_side, short_side = max(picture.size), min(picture.size)
    if long_side > short_side * limits.strip_ratio:
        notes.append(f"a thin strip ({picture.width}×{picture.height} pixels): it shows squeezed")
    return tuple(notes)
