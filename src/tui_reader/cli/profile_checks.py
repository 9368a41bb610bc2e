"""Which of the user's profile files passed the full check: unchanged, their selectors are not parsed again.

A user's profile is checked in full when it is read: every selector is parsed by
selectolax, whose import alone costs some 3 ms before the first screen. A text
that passed is remembered by its digest (its length and CRC-32) in the state
folder; at the next start the same text skips that parse.
An edited file has another digest and is checked again; every other check runs
every time.

The memo is a convenience: unreadable, it counts as empty, and a failed write
only costs the check next time.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

from tui_reader import paths

__all__ = ["FileProfileChecks"]

KEEP = 64
"""Digests kept (the latest): more profile files than anyone edits."""


def _digest(source: str) -> str:
    data = source.encode("utf-8")
    return f"{len(data)}-{zlib.crc32(data):08x}"


class FileProfileChecks:
    """``sites.ProfileChecks`` kept in ``checked-profiles`` in the state folder."""

    def __init__(self, memo: Path | None = None) -> None:
        self.memo = memo or paths.state_dir() / "checked-profiles"

    def _known(self) -> list[str]:
        try:
            return self.memo.read_text(encoding="ascii").split()
        except (OSError, UnicodeDecodeError):
            return []

    def passed(self, source: str) -> bool:
        return _digest(source) in self._known()

    def note_passed(self, source: str) -> None:
        digest = _digest(source)
        known = self._known()
        if digest in known:
            return
        temporary = self.memo.with_name(f"{self.memo.name}.{os.getpid()}.tmp")
        try:
            self.memo.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text("\n".join([*known, digest][-KEEP:]) + "\n", encoding="ascii")
            os.replace(temporary, self.memo)  # whole or not at all, whoever writes at once
        except OSError:
            temporary.unlink(missing_ok=True)
