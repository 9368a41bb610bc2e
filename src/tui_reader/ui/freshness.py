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
from tui_reader.render import ago, clean_line

RETICK_SECONDS = 30.0
"""How often the screens rewrite the ages (the coarsest unit shown is minutes)."""

_shown: WeakKeyDictionary[Widget, tuple[Sourced[Any], bool]] = WeakKeyDictionary()


def freshness_label(sourced: Sourced[Any], *, refreshing: bool = False, short: bool = False) -> str:
    """ "network · just now", "cache · 3 min ago", "offline · 2 h ago", plus "refreshing…".

    ``short`` is for the narrow city and category panes: the age alone,
    "⟳" while refreshing and "⚠" when the portal could not be asked.
    """
    age = ago(sourced.fetched_at)
    if short:
        mark = "⟳ " if refreshing else "⚠ " if sourced.source == "stale-cache" else ""
        return clean_line(mark + age)
    where = {"stale-cache": "offline"}.get(sourced.source, sourced.source)
    label = f"{where} · {age}"
    if refreshing:
        label += " · refreshing…"
    return clean_line(label)


def show_freshness(pane: Widget, sourced: Sourced[Any], *, refreshing: bool = False) -> None:
    _shown[pane] = (sourced, refreshing)
    _draw(pane, sourced, refreshing)


def retick() -> None:
    """Rewrite every label with the ages as they are now."""
    for pane, (sourced, refreshing) in list(_shown.items()):
        if pane.is_attached:
            _draw(pane, sourced, refreshing)


def _draw(pane: Widget, sourced: Sourced[Any], refreshing: bool) -> None:
    # A pane says it is narrow with a class attribute (its width is not known
    # before the first layout, when the first cached data already arrives).
    short = bool(getattr(pane, "SHORT_FRESHNESS", False))
    label = freshness_label(sourced, refreshing=refreshing, short=short)
    # Setting the border repaints the whole pane even when the words are the
    # same (every page of a long list would).
    if pane.border_subtitle != label:
        pane.border_subtitle = label
