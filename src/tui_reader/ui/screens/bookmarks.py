"""``B``: the bookmarks — title, then status · note · city › category · when saved.

Enter reads one, ``d`` removes it, ``m`` marks its status on (to call → called
→ visited → rejected → none), ``e`` edits its note, ``v`` shows only one
status at a time, ``E`` exports them all (the shortlist) to a file. Reading
works offline: a bookmark keeps its own copy of the article.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text

from tui_reader.errors import ReaderError
from tui_reader.models import BOOKMARK_STATUSES
from tui_reader.render import ago, clean_line, counted
from tui_reader.ui import keys
from tui_reader.ui.screens.library_list import LibraryListScreen, place_of

_STATUS_STYLE = {"to call": "bold yellow", "called": "bold cyan", "visited": "bold green", "rejected": "bold red"}


def next_status(status: str) -> str:
    """The status after ``status`` in ``BOOKMARK_STATUSES``, round to none again."""
    index = BOOKMARK_STATUSES.index(status) if status in BOOKMARK_STATUSES else -1
    return BOOKMARK_STATUSES[(index + 1) % len(BOOKMARK_STATUSES)]


class BookmarksScreen(LibraryListScreen):
    BINDINGS: ClassVar = keys.BOOKMARKS
    heading = "Bookmarks"
    noun = "bookmark"
    empty_hint = "No bookmarks yet: b on an article keeps it here, readable offline."

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.status_filter: str | None = None
        """Only the bookmarks with this status ("" none yet); None: all of them."""

    def load(self) -> list[dict[str, Any]]:
        every = self.client.user.bookmarks()
        if self.status_filter is None:
            return every
        return [entry for entry in every if (entry.get("status") or "") == self.status_filter]

    def describe(self, entry: dict[str, Any]) -> str:
        saved = f"saved {ago(datetime.fromisoformat(entry['added_at']))}"
        return " · ".join(part for part in (place_of(entry.get("article") or {}), saved) if part)

    def describe_line(self, entry: dict[str, Any]) -> Text:
        line = Text()
        status, note = entry.get("status") or "", clean_line(entry.get("note") or "")
        if getattr(self.app, "mask_contacts", False) and note:
            from tui_reader.render import mask_contacts

            note = mask_contacts(note)
        for part, style in ((status, _STATUS_STYLE.get(status, "bold")), (note, "italic")):
            if part:
                line.append(part, style=style)
                line.append(" · ", style="dim")
        line.append_text(super().describe_line(entry))
        return line

    def count_line(self) -> str:
        if self.status_filter is None:
            return super().count_line()
        which = f"marked '{self.status_filter}'" if self.status_filter else "with no status"
        return f"{counted(len(self.entries), self.noun)} {which} (v shows the next status)"

    def on_screen_resume(self) -> None:
        self.reload()  # a bookmark may have been removed from the reader (b)

    def action_remove(self) -> None:
        entry = self.highlighted_entry
        if entry is None:
            return
        try:
            self.client.user.unbookmark(entry["url"])
        except ReaderError as exc:
            self.notify(f"Bookmark not removed: {clean_line(str(exc))}", severity="error", markup=False)
            return
        self.notify(f"Bookmark removed: {clean_line(entry.get('title') or entry['url'])}", markup=False)
        self.reload()

    # A status or a note is one small write to the library file: done at once,
    # like removing, so that t pressed three times lands three statuses on.
    def action_cycle_status(self) -> None:
        entry = self.highlighted_entry
        if entry is None:
            return
        status = next_status(entry.get("status") or "")
        try:
            kept = self.client.user.bookmark_status(entry["url"], status)
        except ReaderError as exc:
            self.notify(f"Status not changed: {clean_line(str(exc))}", severity="error", markup=False)
            return
        self.reload()  # the row says it (or, filtered by another status, goes)
        if kept:
            self.notify(f"Status: {kept}", markup=False, timeout=2)

    def action_edit_note(self) -> None:
        entry = self.highlighted_entry
        if entry is None:
            return
        from tui_reader.ui.dialogs.bookmark_note import BookmarkNoteScreen  # loaded when first needed

        def written(note: str | None) -> None:
            if note is None:
                return
            try:
                self.client.user.bookmark_note(entry["url"], note)
            except ReaderError as exc:
                self.notify(f"Note not saved: {clean_line(str(exc))}", severity="error", markup=False)
                return
            self.reload()
            self.notify("Note saved." if note else "Note cleared.", markup=False, timeout=2)

        title = entry.get("title") or entry["url"]
        self.app.push_screen(BookmarkNoteScreen(title, entry.get("note") or ""), written)

    def action_filter_status(self) -> None:
        """All bookmarks, then those to call, called, visited, rejected, with none; then all again."""
        order: list[str | None] = [None, *BOOKMARK_STATUSES[1:], ""]
        self.status_filter = order[(order.index(self.status_filter) + 1) % len(order)]
        self.reload()

    def action_export(self) -> None:
        """The shortlist to a file: where, in a dialog; written in a thread; masked if the screen is."""
        from tui_reader.ui.dialogs.export_file import ExportFileScreen, format_of

        masked = bool(getattr(self.app, "mask_contacts", False))

        def chosen(path: str | None) -> None:
            if path is not None:
                self.run_worker(self._export(path, format_of(path) or "md", masked), group="export")

        self.app.push_screen(ExportFileScreen("bookmarks", masked), chosen)

    async def _export(self, path: str, fmt: str, masked: bool) -> None:
        def write() -> int:
            done = self.client.user.export("bookmarks", fmt, mask=masked)
            self.client.user.save_export(path, done.text)
            return done.rows

        try:
            rows = await asyncio.to_thread(write)
        except ReaderError as exc:
            self.notify(f"Not exported: {clean_line(str(exc))}", severity="error", markup=False)
            return
        where = str(Path(path).expanduser())
        self.notify(f"Exported {counted(rows, 'bookmark')} to {clean_line(where)}", markup=False)
