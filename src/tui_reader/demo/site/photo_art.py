"""Drawing the demo portal's pictures with Pillow: photos, thumbnails, logos, ad banners, and
the hostile files of ``photos.HOSTILE_KINDS``.

A photo is a gradient between two colours with a few shapes on it and its
number written large, all drawn from a stream seeded by the listing and the
photo's number: the same seed gives the same bytes. Everything is small
(a 320×240 photo is 10 to 20 KB) and drawn in a few milliseconds; the routes
keep recent ones in memory.

Pillow is imported when the first picture is drawn: a portal nobody asks
for pictures never loads it.
"""

from __future__ import annotations

import functools
import struct
import zlib
from io import BytesIO
from typing import TYPE_CHECKING

from tui_reader.demo.site.rng import Rng, stable_hash

if TYPE_CHECKING:
    from PIL.Image import Image
    from PIL.ImageFont import FreeTypeFont, ImageFont

__all__ = [
    "BOMB_SIDE",
    "STRIP_SIZE",
    "ad_banner",
    "bomb",
    "logo",
    "not_an_image_page",
    "photo",
    "placeholder",
    "stock",
    "strip",
    "svg_drawing",
    "truncated",
]

PHOTO_SIZE = (320, 240)
THUMB_SIZE = (160, 120)
STRIP_SIZE = (20000, 20)
BOMB_SIDE = 60000
"""A bomb declares BOMB_SIDE × BOMB_SIDE pixels (3.6 gigapixels) in a file of a few hundred bytes."""
_JPEG_QUALITY = 72
_PNG_COLOURS = 48


@functools.lru_cache(maxsize=8)
def _font(size: int) -> FreeTypeFont | ImageFont:
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def _colour(r: Rng) -> tuple[int, int, int]:
    return (r.randint(30, 225), r.randint(30, 225), r.randint(30, 225))


def _encode(picture: Image, fmt: str) -> bytes:
    out = BytesIO()
    if fmt == "PNG":
        # A small palette: flat shapes stay sharp and the file small.
        picture.quantize(_PNG_COLOURS).save(out, "PNG")
    elif fmt == "GIF":
        picture.quantize(_PNG_COLOURS).save(out, "GIF")
    else:
        picture.save(out, "JPEG", quality=_JPEG_QUALITY)
    return out.getvalue()


def _canvas(r: Rng, size: tuple[int, int]) -> Image:
    from PIL import Image, ImageOps

    ramp = Image.linear_gradient("L").rotate(r.below(4) * 90).resize(size)
    return ImageOps.colorize(ramp, _colour(r), _colour(r))


def _draw_photo(seed: int, key: tuple[object, ...], number: int) -> Image:
    from PIL import ImageDraw

    r = Rng(stable_hash(seed, "photo", *key, number))
    width, height = PHOTO_SIZE
    picture = _canvas(r, PHOTO_SIZE)
    draw = ImageDraw.Draw(picture)
    for _ in range(r.randint(3, 6)):
        x, y = r.below(width), r.below(height)
        w, h = r.randint(30, 140), r.randint(30, 110)
        box = (x - w // 2, y - h // 2, x + w // 2, y + h // 2)
        shape = r.below(3)
        if shape == 0:
            draw.ellipse(box, fill=_colour(r))
        elif shape == 1:
            draw.rectangle(box, fill=_colour(r))
        else:
            draw.polygon([(box[0], box[3]), ((box[0] + box[2]) // 2, box[1]), (box[2], box[3])], fill=_colour(r))
    draw.rounded_rectangle((12, 12, 92, 92), radius=10, fill=(255, 255, 255))
    draw.text((52, 52), str(number), font=_font(60), fill=(20, 20, 20), anchor="mm")
    return picture


def photo(seed: int, key: tuple[object, ...], number: int, fmt: str, *, thumb: bool = False) -> bytes:
    """Photo ``number`` of the listing ``key`` (city, board, id) in ``fmt`` ("JPEG" or "PNG")."""
    picture = _draw_photo(seed, key, number)
    if thumb:
        picture = picture.reduce(PHOTO_SIZE[0] // THUMB_SIZE[0])
    return _encode(picture, fmt)


def stock(seed: int, number: int) -> bytes:
    """One of style "c"'s stock pictures (its side boxes), 120×90."""
    return _encode(_draw_photo(seed, ("stock",), number).resize((120, 90)), "JPEG")


def _banner(r: Rng, size: tuple[int, int], text: str, fmt: str) -> bytes:
    from PIL import ImageDraw

    picture = _canvas(r, size)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((2, 2, size[0] - 3, size[1] - 3), outline=(255, 255, 255), width=2)
    draw.text((size[0] // 2, size[1] // 2), text, font=_font(size[1] * 2 // 5), fill=(255, 255, 255), anchor="mm")
    return _encode(picture, fmt)


def logo(style: str) -> bytes:
    """The site's logo: GIF for the old portal ("a"), PNG for the others."""
    name = {"a": "JIUZHOU", "b": "JIUZHOU LIFE"}.get(style, "BAFANG")
    return _banner(Rng(stable_hash("logo", style)), (180, 48), name, "GIF" if style == "a" else "PNG")


def ad_banner(style: str, number: int) -> bytes:
    """Ad banner ``number`` of the style (468×60, the classic banner size)."""
    return _banner(
        Rng(stable_hash("ad", style, number)), (468, 60), f"AD {number + 1}", "PNG" if style == "b" else "JPEG"
    )


def placeholder(style: str) -> bytes:
    """The grey picture lazy ``<img>`` show until script loads the real one."""
    from PIL import Image

    return _encode(Image.new("RGB", (4, 3), (230, 230, 230)), "PNG" if style == "b" else "GIF")


# --- hostile pictures ------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb(fmt: str) -> bytes:
    """A decompression bomb: a valid header declaring BOMB_SIDE × BOMB_SIDE pixels, a tiny file.

    The PNG's data is a megabyte of zeros compressed to about a kilobyte; the JPEG is a real
    small one whose frame header (SOF0) is rewritten."""
    if fmt == "PNG":
        header = struct.pack(">IIBBBBB", BOMB_SIDE, BOMB_SIDE, 8, 2, 0, 0, 0)
        data = zlib.compress(bytes(1 << 20), 9)
        return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b"")
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (16, 16), (128, 128, 128)).save(out, "JPEG")
    small = bytearray(out.getvalue())
    at = small.index(b"\xff\xc0")
    small[at + 5 : at + 9] = struct.pack(">HH", BOMB_SIDE, BOMB_SIDE)
    return bytes(small)


def truncated(whole: bytes) -> bytes:
    """A photo cut off after 60% of its bytes, as an interrupted upload leaves it."""
    return whole[: len(whole) * 6 // 10]


def strip(seed: int, key: tuple[object, ...], fmt: str) -> bytes:
    """A STRIP_SIZE strip (20000×20, 0.4 megapixels: within every pixel cap)."""
    from PIL import Image, ImageOps

    r = Rng(stable_hash(seed, "strip", *key))
    ramp = Image.linear_gradient("L").rotate(90).resize(STRIP_SIZE)
    return _encode(ImageOps.colorize(ramp, _colour(r), _colour(r)), fmt)


def not_an_image_page() -> str:
    """What a portal answers for a picture it lost: an HTML page (served as the image's type)."""
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>图片不存在</title></head>'
        "<body><h1>404</h1><p>图片不存在或已被删除。</p></body></html>\n"
    )


def svg_drawing() -> str:
    """An SVG with a script in it: never to be rendered."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" viewBox="0 0 320 240">'
        '<rect width="320" height="240" fill="#ccc"/><text x="20" y="120">SVG</text>'
        "<script>alert(document.cookie)</script></svg>\n"
    )
