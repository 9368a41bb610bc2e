"""How fresh a pane's data is, written on the pane's border: "cache · 3 min ago".

The status bar says where the *last* load came from; the border says it for
each pane, so a glance tells which list is old. Ages grow while the screen is
open, so the labels are kept (weakly, per pane) and ``retick`` rewrites them.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from textual.widget import Widget

from tui_reader.models import Sourced
from tui_reader.sanitize import clean_line
from tui_reader.timefmt import ago

RETICK_SECONDS = 30.0
"""How often the screens rewrite the ages (the coarsest unit shown is minutes)."""

_shown: WeakKeyDictionary[Widget, tuple[Sourced[Any], bool]] = WeakKeyDictionary()


def freshness_label(sourced: Sourced[Any], *, refreshing: bool = False) -> str:
    """"network · just now", "cache · 3 min ago", "offline · 2 h ago", plus "refreshing…"."""
    where = {"stale-cache": "offline"}.get(sourced.source, sourced.source)
    label = f"{where} · {ago(sourced.fetched_at)}"
    if refreshing:
        label += " · refreshing…"
    return clean_line(label)


def show_freshness(pane: Widget, sourced: Sourced[Any], *, refreshing: bool = False) -> None:
    _shown[pane] = (sourced, refreshing)
    pane.border_subtitle = freshness_label(sourced, refreshing=refreshing)


def retick() -> None:
    """Rewrite every label with the ages as they are now."""
    for pane, (sourced, refreshing) in list(_shown.items()):
        if pane.is_attached:
            pane.border_subtitle = freshness_label(sourced, refreshing=refreshing)
