"""Which of the user's profile files passed the selector check: unchanged, they are not parsed again.

A user's profile is checked in full when it is read: every selector is parsed by
selectolax, whose import alone costs some 3 ms before the first screen. A file
that passed is remembered by a digest of its text (its length and CRC-32) in the
state folder; at the next start the same text skips that parse. An edited file
has another digest and is checked again; every other check runs every time.

The memo is a convenience: unreadable, it counts as empty, and a failed write
only costs the check next time.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

from tui_reader import paths

__all__ = ["digest", "note_checked", "was_checked"]

KEEP = 64
"""Digests kept (the latest): more profile files than anyone edits."""


def digest(source: str) -> str:
    data = source.encode("utf-8")
    return f"{len(data)}-{zlib.crc32(data):08x}"


def _memo() -> Path:
    return paths.state_dir() / "checked-profiles"


def _known() -> list[str]:
    try:
        return _memo().read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        return []


def was_checked(source_digest: str) -> bool:
    return source_digest in _known()


def note_checked(source_digest: str) -> None:
    known = _known()
    if source_digest in known:
        return
    memo = _memo()
    temporary = memo.with_name(f"{memo.name}.{os.getpid()}.tmp")
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text("\n".join([*known, source_digest][-KEEP:]) + "\n", encoding="ascii")
        os.replace(temporary, memo)  # whole or not at all, whoever writes at once
    except OSError:
        temporary.unlink(missing_ok=True)
