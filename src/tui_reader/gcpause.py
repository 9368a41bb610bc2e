"""Garbage collection paused while the process starts.

Start-up allocates tens of thousands of objects that live as long as the
process (Textual's classes, parsed CSS, the widgets) and frees almost none, yet
each allocation burst triggers a full garbage collection that walks all of
them again: about a fifth of the time to the first screen. So collection is
paused from the first line (``launch``) until the first screen is up (the TUI)
or the arguments are parsed (every other command), and then the survivors are
frozen out of the collector's sight before it resumes.

Libraries imported later, in the background (the page parsers), are frozen
the same way once they are in (``keep_for_good``).

A module of its own, below everything, because both the entry point and the
TUI's first paint reach it, and neither may import the other.
"""

from __future__ import annotations

import gc

__all__ = ["keep_for_good", "pause_collection", "resume_collection"]


def pause_collection() -> None:
    gc.disable()


def resume_collection() -> None:
    """Start collecting again (idempotent); what exists now is kept for good."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def keep_for_good() -> None:
    """Freeze what exists now out of the collector's sight, once libraries loaded
    after start-up (the page parsers) are in: they live as long as the process, and
    every full collection would walk them again (tens of milliseconds each, a key
    press that waits). Cyclic garbage among them is then never collected, so this is
    called once, not as a habit."""
    gc.freeze()
