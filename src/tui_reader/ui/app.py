"""The Textual application: owns the client, shows the browse screen, knows the keys.

Everything else lives in ``screens/`` (what is on screen and what to load)
and ``widgets/`` (one pane each). The app itself only starts and stops, and
opens the screens every other screen reaches (help, search, bookmarks, history).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.screen import ModalScreen

from tui_reader.gcpause import resume_collection
from tui_reader.ui import keys
from tui_reader.ui.screens.browse import BrowseScreen
from tui_reader.ui.screens.help import HelpScreen
from tui_reader.ui.screens.reader import ReaderScreen
from tui_reader.ui.syncing import SyncOptions

if TYPE_CHECKING:
    from tui_reader.client import Client
    from tui_reader.ui.screens.library_list import LibraryListScreen
    from tui_reader.ui.screens.search import SearchScreen


FIRST_SCREEN_GRACE = 0.5
"""Seconds after mounting at which garbage collection resumes."""


class ReaderApp(App[None]):
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar = keys.APP
    # Below 100 columns the reader pane is hidden and articles open full
    # screen; below 160 the city and category panes start folded away (see
    # app.tcss and screens/browse_layout.py).
    # Not marked ClassVar: Textual declares it "ClassVar[...] | None", which type
    # checkers read as an instance variable.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (160, "-wide")]

    def __init__(
        self,
        client: Client,
        *,
        site_title: str,
        open_url: str | None = None,
        notice: str | None = None,
        keymap: dict[str, str] | None = None,
        sync_options: SyncOptions | None = None,
    ) -> None:
        super().__init__()
        self.client = client
        self._sync_options = sync_options
        self.title = site_title
        self._open_url = open_url
        self._notice = notice
        self._keymap = dict(keymap or {})

    def get_default_screen(self) -> BrowseScreen:
        # The browse screen is the bottom of the stack itself: pushing it over
        # Textual's empty default screen would compose and paint that one too.
        return BrowseScreen(self.client, self._sync_options)

    def on_mount(self) -> None:
        # Garbage collection is paused while the first screen is built (see
        # tui_reader.gcpause); half a second is well after it is painted.
        self.set_timer(FIRST_SCREEN_GRACE, resume_collection)
        if self._keymap:
            self.set_keymap(self._keymap)
        if self._open_url is not None:
            # Esc from this reader lands on the browse screen, not out of the app.
            self.push_screen(ReaderScreen(self.client, self._open_url))
        if self._notice:
            self.notify(self._notice, markup=False, severity="warning", timeout=10)

    async def on_unmount(self) -> None:
        await self.client.aclose()

    # The library's screens open from anywhere (not over themselves).
    def action_search(self) -> None:
        from tui_reader.ui.screens.search import SearchScreen

        self._open_library_screen(SearchScreen)

    def action_bookmarks(self) -> None:
        from tui_reader.ui.screens.bookmarks import BookmarksScreen

        self._open_library_screen(BookmarksScreen)

    def action_history(self) -> None:
        from tui_reader.ui.screens.history import HistoryScreen

        self._open_library_screen(HistoryScreen)

    def _open_library_screen(self, screen_type: type[SearchScreen | LibraryListScreen]) -> None:
        if isinstance(self.screen, (screen_type, ModalScreen)):
            return
        self.push_screen(screen_type(self.client))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        # Taken now, from the screen and pane the user is looking at.
        self.push_screen(HelpScreen(self.screen.active_bindings))
