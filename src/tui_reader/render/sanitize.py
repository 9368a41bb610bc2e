"""Make page-derived text safe to put on a terminal.

Everything we show comes from pages we do not control. A title can carry an
escape sequence that moves the cursor, rewrites the window title or writes the
clipboard (OSC 52), or a bidi override that makes "exe.txt" read as "txt.exe".
Textual draws text cell by cell, but a control character still takes a cell
and confuses width maths, and copied text keeps it. So nothing is dropped
silently: each such character becomes a visible stand-in, and the reader sees
that the page contained something odd.

- C0 controls (except newline and tab), DEL → their U+2400 "control picture"
  (NUL → ␀, BEL → ␇, ESC → ␛, DEL → ␡). CR LF and lone CR become newlines:
  they are line ends, not attacks, and old portals are full of them.
- ESC/C1-introduced *string* sequences (OSC, DCS, APC, PM, SOS) are replaced
  whole, payload included, by one marker such as ``⟨OSC⟩``; the payload is
  data for a terminal (a clipboard write, a hyperlink), never for a reader.
  A CSI sequence keeps its harmless printable parameters after a ␛ so
  ``␛[31m`` shows what the page tried to do.
- Other C1 controls (U+0080–U+009F) → ``⟨U+0085⟩``.
- Bidi embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069) →
  ``⟨RLO⟩`` and friends.
- Lone surrogates (U+D800–U+DFFF, e.g. from a ``\ud800`` in stored JSON) →
  ``⟨U+D800⟩``: they cannot be encoded as UTF-8, so a terminal write or a
  ``--json`` print would fail on them.

``clean`` is called for every string on screen, so it is one regex pass for
the multi-character sequences, one ``str.translate`` for single characters,
and an early return for the (usual) text with nothing to fix.
"""

from __future__ import annotations

import functools
import re

__all__ = ["clean", "clean_line"]

_BIDI_NAMES = {
    0x202A: "LRE",
    0x202B: "RLE",
    0x202C: "PDF",
    0x202D: "LRO",
    0x202E: "RLO",
    0x2066: "LRI",
    0x2067: "RLI",
    0x2068: "FSI",
    0x2069: "PDI",
}


# The table and the sequence pattern serve only text that needs work, which is
# rare: built on first use, not on import (about 1.5 ms before the first screen).
@functools.cache
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        if code not in (0x09, 0x0A):
            table[code] = chr(0x2400 + code)
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):
        table[code] = f"⟨U+{code:04X}⟩"
    for code, name in _BIDI_NAMES.items():
        table[code] = f"⟨{name}⟩"
    for code in range(0xD800, 0xE000):
        table[code] = f"⟨U+{code:04X}⟩"
    return table


# Anything that needs work; text without a match is returned as is.
_NEEDS_WORK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# String sequences: introducer, payload, terminator (BEL, ESC \ or C1 ST).
# Only *terminated* ones swallow their payload: an unterminated introducer
# becomes a marker and the text after it stays readable (its own controls are
# still made visible by the table), so a stray ESC ] cannot hide an article.
_STRING_KINDS = {"]": "OSC", "P": "DCS", "_": "APC", "^": "PM", "X": "SOS"}
_C1_STRING_KINDS = {"\x9d": "OSC", "\x90": "DCS", "\x9f": "APC", "\x9e": "PM", "\x98": "SOS"}


@functools.cache
def _sequence() -> re.Pattern[str]:
    return re.compile(
        r"""
        (?P<string>
            (?: \x1b (?P<esc_kind>[\]P_^X]) | (?P<c1_kind>[\x9d\x90\x9f\x9e\x98]) )
            (?: [^\x07\x1b\x9c]*? (?P<end>\x07|\x1b\\|\x9c) )?
        )
        | (?P<csi> (?:\x1b\[|\x9b) (?P<csi_body>[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e])? )
        """,
        re.VERBOSE,
    )


def _replace_sequence(match: re.Match[str]) -> str:
    if match.group("string") is not None:
        kind = _STRING_KINDS.get(match.group("esc_kind") or "") or _C1_STRING_KINDS[match.group("c1_kind")]
        return f"⟨{kind}⟩"
    # CSI: show it as ␛[…; the parameters are printable ASCII already.
    return "\u241b[" + (match.group("csi_body") or "")


def clean(text: str) -> str:
    """Return ``text`` with every control, escape sequence and bidi override visible.

    Newlines and tabs are kept (paragraphs and layout); CR LF / CR become LF.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _NEEDS_WORK.search(text) is None:
        return text
    text = _sequence().sub(_replace_sequence, text)
    return text.translate(_table())


_WHITESPACE_RUN = re.compile(r"[\s\u2028\u2029]+")


def clean_line(text: str) -> str:
    """``clean`` for one-line places (titles, list cells): whitespace runs,
    newlines and tabs included, fold to one space; ends are stripped."""
    return _WHITESPACE_RUN.sub(" ", clean(text)).strip()
