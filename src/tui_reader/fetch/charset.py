"""Turn the bytes of an HTML page into text, the way a browser would, and better.

Chinese classifieds portals are the reason this module exists: many still serve
GBK/GB2312, often with the charset only in a ``<meta>`` tag, and they lie about
it: a header claiming UTF-8 over GBK bytes, a template saying gb2312 over a
page long since converted to UTF-8, two ``<meta>`` tags that disagree (cached
snapshots add their own). We follow the WHATWG order (byte-order mark, then
the header, then ``<meta>``, then a guess) and decode every GB label as
gb18030, a superset of GB2312 and GBK. But a declaration is only believed
while the bytes agree with it:

- when the declared charset cannot decode the bytes and a later declaration,
  UTF-8 or GB18030 can, the one that fits is used;
- bytes that decode cleanly both ways are judged by how Chinese each reading
  looks: UTF-8 read as GBK comes out as rare and unassigned characters (鎴夸骇
  for 房产), so a GB reading with fewer GB2312 characters than the UTF-8
  reading is mojibake;
- a single-byte charset (iso-8859-1, a common server default) decodes any
  bytes without error, so over valid UTF-8 or clean Chinese GB18030 it is not
  believed at all.

Decoding is strict first: a valid UTF-8 ``EF BF BD`` (a literal U+FFFD, debris
real snapshots carry) is text, not an error. The common case costs what a
plain decode costs: the first declaration decodes cleanly and, being UTF-8 or
not valid UTF-8, is not suspicious; everything else happens only when that
fails. Nothing here raises: a page nothing decodes cleanly is decoded with
replacement characters in whichever charset leaves the fewest unreadable ones.
"""

from __future__ import annotations

import codecs
import itertools
import re
from functools import lru_cache
from typing import NamedTuple

from tui_reader.models import Declared, Decoded

__all__ = ["Declared", "Decoded", "decode_html", "decode_html_explained", "normalize_label"]

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
# A tag is matched first and searched for "charset" second: one pattern doing
# both would rescan every tag body once per character, slow on a long head.
# ``[^<>]`` keeps a hostile "<meta<meta<meta…" linear; the bounds keep a
# hostile endless tag or label cheap (real ones are a few dozen bytes).
_META_TAG = re.compile(rb"<meta\b[^<>]{0,1024}", re.I)
_CHARSET = re.compile(rb"""\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.I)
_HEAD_END = re.compile(rb"</head\b|<body\b", re.I)
_CJK_LEAD = re.compile(rb"[\xe0-\xf4]")

# The fast path looks where WHATWG looks: the first 1024 bytes.
_PRESCAN_BYTES = 1024
# The whole head is read only when that fails, or to explain: real pages put
# their metas after long inline scripts, a snapshot adds one at the top.
_HEAD_LIMIT = 64 * 1024
_MAX_METAS = 8
_MAX_META_TAGS = 64
# Enough text to tell Chinese from mojibake, bounded on huge pages.
_FIT_CHARS = 20_000
_SCORE_BYTES = 64 * 1024

# Python codecs that a hostile label could name but that are not page
# encodings (they raise, or they interpret escapes); WHATWG ignores them too.
_REFUSED_CODECS = frozenset(
    {"undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "utf-7", "mbcs", "oem"}
)
_DECODE_ERRORS = (UnicodeError, LookupError, ValueError)
_NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030", "cp1252": "windows-1252"}
_ORDINALS = ("first", "second", "third", "fourth", "fifth")


class _Reading(NamedTuple):
    text: str
    codec: str
    why: str | None = None
    """Why this reading beat the declaration it replaced: "clean", "mojibake", "least bad"."""


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


def decode_html(content: bytes, content_type: str | None) -> tuple[str, str]:
    """Decode an HTML page; return ``(text, codec name)``. Never raises."""
    decoded = _decode(content, content_type, explain=False)
    return decoded.text, decoded.encoding


def decode_html_explained(content: bytes, content_type: str | None) -> Decoded:
    """Decode an HTML page and say which declarations there were and which won. Never raises."""
    return _decode(content, content_type, explain=True)


# --- declarations --------------------------------------------------------------------


# Pages of one site repeat the same few labels: a sync of thousands of pages
# looks each up once (bounded against hostile variety).
@lru_cache(maxsize=256)
def _declared(label: bytes | str, source: str) -> Declared:
    text = label.decode("ascii") if isinstance(label, bytes) else label
    text = text.strip().lower()
    return Declared(text, source, normalize_label(text))


def _header_declaration(content_type: str | None) -> Declared | None:
    match = _HEADER_CHARSET.search(content_type) if content_type else None
    return _declared(match.group(1), "header") if match else None


def _meta_labels(content: bytes, end: int, most: int = _MAX_METAS) -> list[bytes]:
    # Both <meta charset=x> and <meta http-equiv content="text/html; charset=x">
    # put "charset=" inside the tag, so one pattern covers both forms.
    labels = []
    for tag in itertools.islice(_META_TAG.finditer(content, 0, end), _MAX_META_TAGS):
        match = _CHARSET.search(tag.group())
        if match:
            labels.append(match.group(1))
            if len(labels) == most:
                break
    return labels


def _meta_source(index: int) -> str:
    return f"{_ORDINALS[index]} <meta>" if index < len(_ORDINALS) else f"<meta> {index + 1}"


def _first_meta(content: bytes) -> Declared | None:
    labels = _meta_labels(content, _PRESCAN_BYTES, most=1)
    return _declared(labels[0], _meta_source(0)) if labels else None


def _all_declarations(content: bytes, header: Declared | None) -> tuple[Declared, ...]:
    head = _HEAD_END.search(content, 0, _HEAD_LIMIT)
    # At least the prescan window, so the fast path's first <meta> is always among these.
    end = max(head.start() if head else _HEAD_LIMIT, _PRESCAN_BYTES)
    metas = [_declared(label, _meta_source(i)) for i, label in enumerate(_meta_labels(content, end))]
    return ((header,) if header else ()) + tuple(metas)


# --- readings --------------------------------------------------------------------------


def _strict(content: bytes, codec: str) -> str | None:
    try:
        return content.decode(codec)
    except _DECODE_ERRORS:
        return None


def _lenient(content: bytes, codec: str) -> str | None:
    try:
        return content.decode(codec, errors="replace")
    except _DECODE_ERRORS:
        return None  # a codec we did not think to refuse


@lru_cache(maxsize=64)
def _is_single_byte(codec: str) -> bool:
    """True for charsets in which (nearly) every byte is a character: they decode
    anything without error, so a clean decoding proves nothing."""
    alone = 0
    for byte in range(0x80, 0x100):
        if _strict(bytes((byte,)), codec) is not None:
            alone += 1
    return alone >= 96


def _gb2312_counts(text: str) -> tuple[int, int]:
    """(non-ASCII characters, how many of them GB2312 has), counted in C."""
    ascii_chars = len(text.encode("ascii", "ignore"))
    gb_bytes = len(text.encode("gb2312", "ignore"))  # two bytes per GB2312 character
    return len(text) - ascii_chars, (gb_bytes - ascii_chars) // 2


def _fit(text: str) -> float:
    """How Chinese the non-ASCII part of a reading looks: the share of it in GB2312.

    GB2312 holds the 6,763 common hanzi and the usual punctuation, so real
    Chinese text scores near 1; UTF-8 read as GBK lands mostly on rare GBK
    extension characters and user-defined codes (涓枃 for 中文) and scores low.
    A replacement character never fits.
    """
    wide, fitting = _gb2312_counts(text[:_FIT_CHARS])
    return fitting / wide if wide else 1.0


def _misfits(text: str) -> int:
    wide, fitting = _gb2312_counts(text)
    return wide - fitting


def _overruling(content: bytes, codec: str, text: str) -> _Reading | None:
    """A better reading than a clean decoding in a declared non-UTF-8 charset, if there is one."""
    utf8 = _strict(content, "utf-8")
    if utf8 is not None:
        if _is_single_byte(codec):
            return _Reading(utf8, "utf-8", "mojibake")
        # Short UTF-8 Chinese can decode cleanly as GBK; the UTF-8 reading then
        # holds CJK (3-byte sequences) and looks more Chinese than the GB one.
        # One such character is not evidence: random GBK pairs make one by chance.
        if _wide_utf8_chars(content, 2) and _fit(utf8) > _fit(text):
            return _Reading(utf8, "utf-8", "mojibake")
        return None
    if _is_single_byte(codec):
        gb = _strict(content, "gb18030")
        if gb is not None and _reads_as_chinese(gb, text):
            return _Reading(gb, "gb18030", "mojibake")
    return None


def _reads_as_chinese(gb: str, single_byte: str) -> bool:
    """Whether a clean GB18030 reading beats a single-byte one.

    It must be nearly all common Chinese, and more than one character of it:
    two accented Latin letters in a row can pair up into a GB character by chance.
    """
    wide, fitting = _gb2312_counts(gb[:_FIT_CHARS])
    return fitting > 1 and fitting >= 0.9 * wide and fitting / wide > _fit(single_byte)


def _wide_utf8_chars(content: bytes, count: int) -> bool:
    """Whether valid UTF-8 bytes hold at least ``count`` characters of three or four bytes."""
    found = _CJK_LEAD.search(content)
    while found is not None and count > 1:
        found, count = _CJK_LEAD.search(content, found.end()), count - 1
    return found is not None


def _declared_reading(content: bytes, codec: str) -> _Reading | None:
    """The page read as a declaration says, or as the bytes overrule it; None if it does not decode."""
    text = _strict(content, codec)
    if text is None:
        return None
    if codec == "utf-8" or content.isascii():
        return _Reading(text, codec)
    return _overruling(content, codec, text) or _Reading(text, codec)


def _fallback_reading(content: bytes, codecs_: list[str], tried: str | None) -> _Reading:
    """When the first declaration did not decode: a later one, UTF-8, GB18030, or the least bad."""
    for codec in codecs_:
        if codec != tried and (reading := _declared_reading(content, codec)) is not None:
            return reading if reading.why else reading._replace(why="clean")
    utf8 = _strict(content, "utf-8")
    if utf8 is not None:
        return _Reading(utf8, "utf-8", "clean")
    gb = _strict(content, "gb18030")
    if gb is not None:
        broken = _lenient(content, codecs_[0]) if codecs_ else None
        if broken is None or _fit(gb) > _fit(broken):
            return _Reading(gb, "gb18030", "clean")
    return _least_bad(content, codecs_)


def _least_bad(content: bytes, codecs_: list[str]) -> _Reading:
    """Nothing decodes cleanly: the first declaration stays unless another
    reading leaves less than half as many characters unreadable. An honest page
    with a few broken bytes keeps its charset; GBK under a UTF-8 label, where
    nearly every character breaks, does not. Unlabelled bytes that are not
    UTF-8 are almost surely GBK on these sites, so GB18030 is the first guess."""
    candidates = codecs_ + [codec for codec in ("gb18030", "utf-8") if codec not in codecs_]
    # Judged on the same leading bytes for all, so a huge broken page costs one full decode.
    sample = content[:_SCORE_BYTES]
    scored = [(_misfits(text), codec) for codec in candidates if (text := _lenient(sample, codec)) is not None]
    first = scored[0]  # there is one: utf-8 and gb18030 always decode with replacement
    best = min(scored, key=lambda score: score[0])
    codec = (best if best[0] * 2 < first[0] else first)[1]
    return _Reading(_lenient(content, codec) or "", codec, "least bad")


# --- the decision ----------------------------------------------------------------------


def _decode(content: bytes, content_type: str | None, *, explain: bool) -> Decoded:
    header = _header_declaration(content_type)
    for bom, name in _BOMS:
        if content.startswith(bom):
            return _bom_decoded(content[len(bom) :], name, header)
    first = header if header is not None else _first_meta(content)
    tried = first.codec if first is not None else None
    if first is not None and tried is not None:
        # The fast path: the first declaration decodes cleanly and nothing overrules it.
        reading = _declared_reading(content, tried)
        if reading is not None and reading.codec == tried and not explain:
            return Decoded(reading.text, tried, (first,))
        if reading is not None:
            declared = _all_declarations(content, header)
            return Decoded(reading.text, reading.codec, declared, _note(declared, reading))
    declared = _all_declarations(content, header)
    codecs_ = list(dict.fromkeys(d.codec for d in declared if d.codec is not None))
    reading = _fallback_reading(content, codecs_, tried)
    return Decoded(reading.text, reading.codec, declared, _note(declared, reading))


def _bom_decoded(content: bytes, codec: str, header: Declared | None) -> Decoded:
    declared = (Declared(_NAMES.get(codec, codec).lower(), "byte-order mark", codec),)
    note = None
    if header is not None and header.codec != codec:
        note = (
            f"declared {header.label} (header), but the page starts with a {_name(codec)} byte-order mark: "
            f"read as {_name(codec)}"
        )
    return Decoded(content.decode(codec, errors="replace"), codec, declared + ((header,) if header else ()), note)


def _name(codec: str) -> str:
    return _NAMES.get(codec, codec)


def _note(declared: tuple[Declared, ...], reading: _Reading) -> str | None:
    """One sentence when the reading is not what the first usable declaration says."""
    known = [d for d in declared if d.codec is not None]
    used = _name(reading.codec)
    if not known:
        if not declared:
            return None
        labels = ", ".join(f"{d.label} ({d.source})" for d in declared)
        return f"declared {labels}, not a charset browsers know: read as {used}"
    first = known[0]
    if reading.codec == first.codec:
        return None
    because = {
        "mojibake": f"the bytes are {used} (as {first.label} they read as mojibake)",
        "least bad": f"the bytes are not valid {first.label}, and fewer of them break as {used}",
    }.get(reading.why or "", f"the bytes are {used}")
    agreeing = next((d for d in known[1:] if d.codec == reading.codec), None)
    tail = f", as the {agreeing.source} says" if agreeing else ""
    return f"declared {first.label} ({first.source}), but {because}: read as {used}{tail}"
