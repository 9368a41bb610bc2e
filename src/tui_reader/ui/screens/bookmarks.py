"""``B``: the bookmarks — title, city › category, when saved; Enter reads, ``d`` removes.

Reading works offline: a bookmark keeps its own copy of the article.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from tui_reader.errors import ReaderError
from tui_reader.render import ago, clean_line
from tui_reader.ui import keys
from tui_reader.ui.screens.library_list import LibraryListScreen, place_of


class BookmarksScreen(LibraryListScreen):
    BINDINGS: ClassVar = keys.BOOKMARKS
    heading = "Bookmarks"
    noun = "bookmark"
    empty_hint = "No bookmarks yet: b on an article keeps it here, readable offline."

    def load(self) -> list[dict[str, Any]]:
        return self.client.user.bookmarks()

    def describe(self, entry: dict[str, Any]) -> str:
        saved = f"saved {ago(datetime.fromisoformat(entry['added_at']))}"
        return " · ".join(part for part in (place_of(entry.get("article") or {}), saved) if part)

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
