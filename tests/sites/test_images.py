"""Vetting a photo's bytes (``sites.images``): real files made by Pillow here, and hostile
ones crafted byte by byte, each answered with a picture or one clear sentence."""

from __future__ import annotations

import struct
import warnings
import zlib
from io import BytesIO

import pytest
from PIL import Image, ImageFile

from tui_reader.errors import BadImage, ReaderError
from tui_reader.limits import IMAGE_LIMITS
from tui_reader.sites.images import sniff, vet_image


def encoded(picture: Image.Image, fmt: str, **options: object) -> bytes:
    out = BytesIO()
    picture.save(out, fmt, **options)
    return out.getvalue()


def photo(size: tuple[int, int] = (320, 240)) -> Image.Image:
    """A gradient with a shape on it: something every encoder has work to do on."""
    picture = Image.linear_gradient("L").resize(size).convert("RGB")
    picture.paste((200, 40, 40), (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2))
    return picture


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int, height: int) -> bytes:
    """A PNG whose header declares ``width``×``height`` RGB pixels, with a sound checksum and
    a few hundred bytes of compressed zeros as its data: a decompression bomb."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    return (
        b"\x89PNG\r\n\x1a\n" + header + png_chunk(b"IDAT", zlib.compress(bytes(1 << 20), 9)) + png_chunk(b"IEND", b"")
    )


def jpeg_declaring(width: int, height: int) -> bytes:
    """A real small JPEG whose frame header (SOF0) is rewritten to declare ``width``×``height``."""
    data = bytearray(encoded(photo((64, 48)), "JPEG"))
    at = data.index(b"\xff\xc0")
    data[at + 5 : at + 9] = struct.pack(">HH", height, width)
    return bytes(data)


@pytest.mark.parametrize(
    ("fmt", "options", "media_type"),
    [
        ("JPEG", {"quality": 80}, "image/jpeg"),
        ("PNG", {}, "image/png"),
        ("GIF", {}, "image/gif"),
        ("WEBP", {}, "image/webp"),
        ("BMP", {}, "image/bmp"),
    ],
)
def test_each_shown_format_is_sniffed_and_decoded(fmt: str, options: dict[str, object], media_type: str) -> None:
    data = encoded(photo(), fmt, **options)
    vetted = vet_image(data, declared_type="application/octet-stream")
    assert (vetted.format, vetted.media_type, vetted.width, vetted.height) == (fmt, media_type, 320, 240)
    assert vetted.data == data
    picture = vetted.decode()
    assert picture.size == (320, 240) and picture.mode == "RGB"
    assert not vetted.animated and vetted.notes == ()


def test_the_bytes_decide_not_the_header() -> None:
    """A JPEG served as text/html is a JPEG; a PNG served as image/jpeg is a PNG."""
    assert vet_image(encoded(photo(), "JPEG"), declared_type="text/html").format == "JPEG"
    assert vet_image(encoded(photo(), "PNG"), declared_type="image/jpeg").format == "PNG"
    assert sniff(b"GIF89a...") == "GIF" and sniff(b"RIFF\0\0\0\0WEBPVP8 ") == "WEBP" and sniff(b"<html>") is None


def test_transparency_is_kept() -> None:
    picture = Image.new("RGBA", (40, 30), (0, 128, 0, 100))
    assert vet_image(encoded(picture, "PNG"), declared_type=None).decode().mode == "RGBA"


def test_an_animation_gives_its_first_frame_with_a_note() -> None:
    frames = [Image.new("RGB", (60, 40), colour) for colour in ("red", "green", "blue")]
    data = encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    vetted = vet_image(data, declared_type="image/gif")
    assert vetted.animated and vetted.decode().getpixel((5, 5)) == (255, 0, 0)
    assert any("first frame" in note for note in vetted.notes)


def test_a_thin_strip_within_the_pixel_cap_is_shown_with_a_note() -> None:
    vetted = vet_image(encoded(Image.new("RGB", (20000, 20), "orange"), "JPEG"), declared_type="image/jpeg")
    assert (vetted.width, vetted.height) == (20000, 20)
    assert vetted.notes == ("a thin strip (20000×20 pixels): it shows squeezed",)


def test_exif_orientation_is_applied() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90° clockwise
    vetted = vet_image(encoded(photo((80, 40)), "JPEG", exif=exif), declared_type="image/jpeg")
    assert (vetted.width, vetted.height) == (40, 80) and vetted.decode().size == (40, 80)


def test_a_jpeg_is_decoded_no_larger_than_the_picture_needs() -> None:
    """Drawn small, a large JPEG decodes at 1/2, 1/4 or 1/8 of its size (its DCT scaling),
    never below the size asked for, upright when its EXIF turns it."""
    vetted = vet_image(encoded(photo((2400, 1800)), "JPEG"), declared_type=None)
    assert vetted.decode().size == (2400, 1800)
    assert vetted.decode(within=(118, 76)).size == (300, 225)
    assert vetted.decode(within=(1180, 760)).size == (1200, 900)
    assert vetted.decode(within=(2000, 1000)).size == (2400, 1800)
    exif = Image.Exif()
    exif[0x0112] = 6
    turned = vet_image(encoded(photo((160, 80)), "JPEG", exif=exif), declared_type=None)
    assert turned.decode(within=(20, 40)).size == (20, 40)
    assert turned.decode(within=(30, 60)).size == (40, 80)


@pytest.mark.parametrize(
    ("data", "declared", "sentence"),
    [
        (
            "<!DOCTYPE html><html><head><title>404</title></head><body>图片不存在</body></html>".encode(),
            "image/jpeg",
            "the photo is not a picture (it is HTML, served as image/jpeg)",
        ),
        (
            b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
            "the photo is an SVG drawing (served as image/svg+xml), which is never shown",
        ),
        (b"  <svg width='10' height='10'></svg>", None, "the photo is an SVG drawing, which is never shown"),
        (
            b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00",
            "image/avif",
            "the photo is in a format that is not shown (AVIF)",
        ),
        (b"PK\x03\x04 a zip file", None, "the photo is not a picture (its format is unknown)"),
        (b"", "image/jpeg", "the photo is empty"),
        (b"\xff\xd8\xff\xe0 then nothing a JPEG needs", None, "the photo is damaged (not a readable JPEG file)"),
    ],
    ids=["html-as-jpeg", "svg", "bare-svg", "avif", "zip", "empty", "jpeg-garbage"],
)
def test_what_is_not_a_shown_picture_gets_one_sentence(data: bytes, declared: str | None, sentence: str) -> None:
    with pytest.raises(BadImage) as refused:
        vet_image(data, declared_type=declared)
    assert str(refused.value) == sentence
    assert isinstance(refused.value, ReaderError)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
def test_a_truncated_photo_is_refused(fmt: str) -> None:
    data = encoded(photo(), fmt)
    with pytest.raises(BadImage, match="^the photo is cut short"):
        vet_image(data[: len(data) * 6 // 10], declared_type=None)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_too_many_bytes_are_refused_before_anything_is_read() -> None:
    data = b"\xff\xd8\xff" + bytes(IMAGE_LIMITS.max_bytes)
    with pytest.raises(BadImage, match=r"^the photo is too large \(8\.0 MiB; at most 8 MiB\)$"):
        vet_image(data, declared_type="image/jpeg")


@pytest.mark.parametrize(
    ("data", "sentence"),
    [
        (png_bomb(8000, 6000), "the photo is too large (8000×6000, 48 megapixels; at most 40)"),
        (png_bomb(10000, 10000), "the photo is too large (10000×10000, 100 megapixels; at most 40)"),
        (png_bomb(60000, 60000), "the photo is too large (60000×60000, 3,600 megapixels; at most 40)"),
        (jpeg_declaring(60000, 60000), "the photo is too large (60000×60000, 3,600 megapixels; at most 40)"),
        (jpeg_declaring(9000, 5000), "the photo is too large (9000×5000, 45 megapixels; at most 40)"),
    ],
    ids=["png-48mp", "png-100mp", "png-3600mp", "jpeg-3600mp", "jpeg-45mp"],
)
def test_a_decompression_bomb_is_refused_from_its_header(data: bytes, sentence: str) -> None:
    """Refused from the declared size, before a pixel is decoded: the data behind these headers
    would not even decode (it is too short), so any other sentence would mean it was tried.
    Pillow's own warning for sizes above its threshold is not let out either (it would be
    printed over the screen)."""
    assert len(data) < 4096
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning would surface as "damaged", failing the test
        with pytest.raises(BadImage) as refused:
            vet_image(data, declared_type="image/png")
    assert str(refused.value) == sentence
