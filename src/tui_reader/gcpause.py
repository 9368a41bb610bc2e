"""Garbage collection paused while the process starts.

Start-up allocates tens of thousands of objects that live as long as the
process (Textual's classes, parsed CSS, the widgets) and frees almost none, yet
each allocation burst triggers a full garbage collection that walks all of
them again: about a fifth of the time to the first screen. So collection is
paused from the first line (``launch``) until the first screen is up (the TUI)
or the arguments are parsed (every other command), and then the survivors are
frozen out of the collector's sight before it resumes.

The reader then makes its full collections itself, in the pauses between
keys (``collect_in_pauses``, ``collect_if_due``): every widget line Textual
keeps holds its cut pieces and their caches, a hundred thousand objects and
more that a full collection walks in 20–40 ms, and left to itself the
collector starts one every second or two, often right on a key press or an
article open. Young garbage is still collected as it comes.

Libraries imported later, in the background (the page parsers), are frozen
the same way once they are in (``keep_for_good``).

A module of its own, below everything, because both the entry point and the
TUI's first paint reach it, and neither may import the other.
"""

from __future__ import annotations

import gc

__all__ = ["collect_if_due", "collect_in_pauses", "keep_for_good", "pause_collection", "resume_collection"]


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


_NO_AUTOMATIC_FULL = 1_000_000
"""Collections of the middle generation before an automatic full one: in effect, never."""


def collect_in_pauses() -> None:
    """Leave full collections to ``collect_if_due`` (the TUI calls it when no key is coming)."""
    young, middle, _full = gc.get_threshold()
    gc.set_threshold(young, middle, _NO_AUTOMATIC_FULL)


def collect_if_due() -> bool:
    """A full collection, if anything reached the oldest generation since the last one."""
    if not gc.isenabled() or gc.get_count()[2] == 0:
        return False
    gc.collect()
    return True
