"""``H``: the articles opened lately, newest first; Enter reads one again."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tui_reader.render import ago
from tui_reader.ui.screens.library_list import LibraryListScreen


class HistoryScreen(LibraryListScreen):
    heading = "History"
    empty_hint = "Nothing opened yet: articles you read are listed here."

    def load(self) -> list[dict[str, Any]]:
        return self.client.user.history()

    def describe(self, entry: dict[str, Any]) -> str:
        when = f"opened {ago(datetime.fromisoformat(entry['opened_at']))}"
        count = entry.get("opened_count", 1)
        return when if count <= 1 else f"{when} · {count} times"

    def on_screen_resume(self) -> None:
        self.reload()  # reading from here adds to the history
