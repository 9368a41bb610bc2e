"""Turn the bytes of an HTML page into text, the way a browser would.

Chinese classifieds portals are the reason this module exists: many still serve
GBK/GB2312, often with the charset only in a ``<meta>`` tag, sometimes with a
header that claims UTF-8 while the bytes are GBK. We follow the WHATWG order
(byte-order mark, then the header, then ``<meta>`` in the first 1024 bytes,
then a guess) and decode every GB label as gb18030, which is a superset of
GB2312 and GBK, so a page labelled "gb2312" that uses GBK-only characters
still reads correctly. Nothing here raises: a page that cannot be decoded
cleanly is decoded with replacement characters.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["decode_html", "normalize_label"]

# Labels browsers treat as the GB family. All of them decode as gb18030.
_GB_LABELS = frozenset(
    {
        "gbk",
        "gb2312",
        "gb_2312",
        "gb_2312-80",
        "gb18030",
        "x-gbk",
        "chinese",
        "csgb2312",
        "csiso58gb231280",
        "iso-ir-58",
        "cp936",
        "ms936",
        "windows-936",
    }
)

# WHATWG maps these to windows-1252; Python's latin-1 would mis-decode 0x80–0x9F.
_WINDOWS_1252_LABELS = frozenset({"ascii", "us-ascii", "iso-8859-1", "latin1", "l1", "iso8859-1"})

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Matched on bytes: every charset we care about is ASCII-compatible in markup.
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)

_PRESCAN_BYTES = 1024

# Python codecs that a hostile label could name but that are not page
# encodings (they raise, or they interpret escapes); WHATWG ignores them too.
_REFUSED_CODECS = frozenset(
    {"undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "utf-7", "mbcs", "oem"}
)


def normalize_label(label: str | None) -> str | None:
    """Map a charset label to the name of a Python codec, or None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _GB_LABELS:
        return "gb18030"
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    name = info.name
    if not getattr(info, "_is_text_encoding", True) or name in _REFUSED_CODECS:
        return None
    # A <meta> cannot honestly declare UTF-16 (it is read as ASCII); browsers use UTF-8.
    if name.startswith("utf-16"):
        return "utf-8"
    return name


def _header_label(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return normalize_label(match.group(1)) if match else None


def _meta_label(content: bytes) -> str | None:
    # Both <meta charset=x> and <meta http-equiv content="text/html; charset=x">
    # put "charset=" inside the tag, so one pattern covers both forms.
    match = _META_CHARSET.search(content[:_PRESCAN_BYTES])
    return normalize_label(match.group(1).decode("ascii")) if match else None


def _is_utf8(content: bytes) -> bool:
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_html(content: bytes, content_type: str | None) -> tuple[str, str]:
    """Decode an HTML page; return ``(text, codec name)``. Never raises."""
    for bom, name in _BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(name, errors="replace"), name

    header = _header_label(content_type)
    meta = _meta_label(content)
    if header is not None:
        if header == "utf-8" and meta not in (None, "utf-8") and not _is_utf8(content):
            # The header claims UTF-8 but the bytes say otherwise and the page
            # itself names another charset: portals misconfigure servers far
            # more often than they mislabel their own templates.
            encoding = meta
        else:
            encoding = header
    elif meta is not None:
        encoding = meta
    elif _is_utf8(content):
        encoding = "utf-8"
    else:
        # Unlabelled and not UTF-8: on this kind of site it is almost surely GBK.
        encoding = "gb18030"
    try:
        return content.decode(encoding, errors="replace"), encoding
    except (LookupError, UnicodeError, ValueError):
        # A codec we did not think to refuse: promise kept, never raise.
        return content.decode("utf-8", errors="replace"), "utf-8"
