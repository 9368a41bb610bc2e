"""What the user hunts with: watches (saved searches), the killfile, bookmark statuses.

Values only; the library file (``store.Library``) keeps them and
``client.UserLibrary`` works with them. The names of kill kinds and bookmark
statuses are written to the user's library file and typed on the command
line, so once released they stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui_reader.errors import ReaderError
from tui_reader.models.hits import SearchHit

__all__ = [
    "BOOKMARK_STATUSES",
    "KILL_KINDS",
    "Kill",
    "WatchHit",
    "WatchInfo",
    "check_bookmark_status",
    "check_kill",
]

BOOKMARK_STATUSES: tuple[str, ...] = ("", "to call", "called", "visited", "rejected")
"""Where the user is with a bookmarked listing; "" is no status yet. Stable names."""

KILL_KINDS: tuple[str, ...] = ("phone", "word", "poster")
"""What a killfile entry hides by: a phone number, a word in the title or text, a poster's name. Stable names."""


def check_bookmark_status(status: str) -> str:
    """``status`` when it is one of ``BOOKMARK_STATUSES`` (spaces around it ignored); ``ReaderError`` if not."""
    cleaned = " ".join(status.split()).casefold()
    if cleaned not in BOOKMARK_STATUSES:
        known = ", ".join(repr(s) for s in BOOKMARK_STATUSES if s)
        raise ReaderError(f"unknown bookmark status {status!r}: use one of {known}, or '' for none")
    return cleaned


def check_kill(kind: str, value: str) -> tuple[str, str]:
    """A killfile entry as it is kept: a known kind, a value with no spaces around it; ``ReaderError`` if not."""
    if kind not in KILL_KINDS:
        raise ReaderError(f"unknown kill kind {kind!r}: use one of {', '.join(KILL_KINDS)}")
    value = value.strip()
    if not value:
        raise ReaderError(f"a {kind} to kill cannot be empty")
    return kind, value


@dataclass(frozen=True, slots=True)
class WatchInfo:
    """One watch as ``watch list`` shows it."""

    name: str
    query: str
    """The query as typed (the search language of ``query``)."""
    created: str
    """ISO 8601 with offset."""
    matches: int
    """Articles that matched it at some sync (or when it was added)."""
    new: int
    """Of those, the ones not read yet."""
    last_run: str | None = None
    """When ``watch run`` last ran it (ISO 8601), None before the first run."""


@dataclass(frozen=True, slots=True)
class WatchHit:
    """One match of a watch for the TUI: the search hit, when the watch first saw it, and whether it is unread."""

    hit: SearchHit
    first_seen: str | None
    """ISO 8601; None for a match no sync has recorded yet."""
    unread: bool


@dataclass(frozen=True, slots=True)
class Kill:
    """One killfile entry: hide listings with this ``phone``, ``word`` or ``poster`` name."""

    kind: str
    value: str
    added: str
