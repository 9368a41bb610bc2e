"""Garbage collection paused while the process starts.

Start-up allocates tens of thousands of objects that live as long as the
process (Textual's classes, parsed CSS, the widgets) and frees almost none, yet
each allocation burst triggers a full garbage collection that walks all of
them again: about a fifth of the time to the first screen. So collection is
paused from the first line (``launch``) until the first screen is up (the TUI)
or the arguments are parsed (every other command), and then the survivors are
frozen out of the collector's sight before it resumes.

A module of its own, below everything, because both the entry point and the
TUI's first paint reach it, and neither may import the other.
"""

from __future__ import annotations

import gc

__all__ = ["pause_collection", "resume_collection"]


def pause_collection() -> None:
    gc.disable()


def resume_collection() -> None:
    """Start collecting again (idempotent); what exists now is kept for good."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
