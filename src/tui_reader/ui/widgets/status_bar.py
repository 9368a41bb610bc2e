"""One line at the bottom: what is loading, where the shown data came from, the last error."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from tui_reader.models import Sourced
from tui_reader.render import ago, clean_line


def describe_source(sourced: Sourced[Any], what: str = "") -> str:
    """Say how fresh ``sourced`` is, in the words the status bar uses.

    "network · 20 articles", "cache · fetched 3 min ago · 20 articles",
    "offline — showing cached data from 2 h ago (could not connect to …)".
    """
    suffix = f" · {what}" if what else ""
    if sourced.source == "network":
        text = f"network{suffix}"
    elif sourced.source == "cache":
        text = f"cache · fetched {ago(sourced.fetched_at)}{suffix}"
    elif sourced.source == "stale-cache":
        text = f"offline — showing cached data from {ago(sourced.fetched_at)}"
        # The client says "offline" when we never tried; anything else is why
        # the fetch failed, and the user wants to know that.
        if sourced.note and sourced.note != "offline":
            text += f" ({sourced.note})"
        text += suffix
    else:
        text = f"{sourced.source}{suffix}"
    if sourced.source != "stale-cache" and sourced.note:
        text += f" · {sourced.note}"
    return clean_line(text)


class StatusBar(Static):
    """Pushed to by the screen; never loads anything itself."""

    DEFAULT_CSS = """
    StatusBar { height: 1; width: 1fr; background: $panel; padding: 0 1; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self._loading: dict[str, str] = {}
        self._sourced: Sourced[Any] | None = None
        """The result the source part speaks of (``restate`` and ``forget`` check it)."""
        self._source = ""
        self._error = ""
        self._note = ""

    # Several panes load at once (categories while cities refresh); each task
    # has its own key so finishing one does not hide another still running.
    def begin(self, task: str, label: str) -> None:
        self._loading[task] = label
        self._redraw()

    def end(self, task: str) -> None:
        self._loading.pop(task, None)
        self._redraw()

    def show_source(self, sourced: Sourced[Any], what: str = "") -> None:
        self._sourced = sourced
        self._source = describe_source(sourced, what)
        self._error = ""
        self._redraw()

    def restate(self, sourced: Sourced[Any] | None, what: str) -> None:
        """Say ``what`` instead, if the line still speaks of ``sourced`` (a count
        that changed under a filter, or as pages were added)."""
        if sourced is not None and sourced is self._sourced:
            self._source = describe_source(sourced, what)
            self._redraw()

    def forget_source(self, sourced: Sourced[Any] | None = None) -> None:
        """The place changed: what was said about the last load (or about
        ``sourced``, if the line still speaks of it) no longer applies."""
        if sourced is not None and sourced is not self._sourced:
            return
        self._sourced = None
        self._source = ""
        self._error = ""
        self._redraw()

    def show_error(self, message: str) -> None:
        self._error = clean_line(message)
        self._redraw()

    def show_note(self, message: str) -> None:
        """A line that outlives the next load (a sync's summary); "" removes it."""
        self._note = clean_line(message)
        self._redraw()

    @property
    def text(self) -> str:
        """What the bar says now, as plain text (tests and the tmux check read it)."""
        return self._build_text().plain

    def _build_text(self) -> Text:
        parts: list[Text] = []
        if self._loading:
            parts.append(Text("⟳ " + " · ".join(self._loading.values()), style="bold yellow"))
        if self._source:
            parts.append(Text(self._source, style="dim" if self._loading else ""))
        if self._note:
            parts.append(Text(self._note, style="bold green"))
        if self._error:
            parts.append(Text("⚠ " + self._error, style="bold red"))
        return Text("  │  ", style="dim").join(parts)

    def _redraw(self) -> None:
        # One line, always: no new layout of the screen (which costs tens of
        # ms) for a change of words.
        self.update(self._build_text(), layout=False)
