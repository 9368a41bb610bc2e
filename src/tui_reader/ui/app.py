"""The Textual application: owns the client, shows the browse screen, knows the keys.

Everything else lives in ``screens/`` (what is on screen and what to load)
and ``widgets/`` (one pane each). The app itself only starts and stops, and
opens the screens every other screen reaches (help, search, bookmarks, history,
watches).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from time import monotonic
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, InvalidThemeError
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.worker import get_current_worker

from tui_reader.gcpause import collect_if_due, collect_in_pauses, keep_for_good, resume_collection
from tui_reader.ui import keys
from tui_reader.ui.chords import key_display
from tui_reader.ui.photos import client_loader
from tui_reader.ui.place_keeper import PlaceKeeper
from tui_reader.ui.remembering import MemoryWriter
from tui_reader.ui.screens.browse import BrowseScreen
from tui_reader.ui.syncing import SyncOptions

if TYPE_CHECKING:
    from textual.theme import Theme

    from tui_reader.client import Client
    from tui_reader.models import Article
    from tui_reader.remembered import Memory
    from tui_reader.ui.commands import ReaderCommands
    from tui_reader.ui.screens.gallery import PhotoLoader
    from tui_reader.ui.screens.library_list import LibraryListScreen
    from tui_reader.ui.screens.search import SearchScreen
    from tui_reader.ui.screens.watches import WatchesScreen


FIRST_SCREEN_GRACE = 0.5
PAUSE_BEFORE_COLLECTING = 0.5
"""Seconds without a key after which the garbage collector may run a full pass
(``tui_reader.gcpause``): a pass then delays no key and no article open."""
"""Seconds after mounting at which garbage collection resumes."""


def _reader_commands() -> type[ReaderCommands]:
    # Imported when the palette first opens: the first screen does not need it.
    from tui_reader.ui.commands import ReaderCommands

    return ReaderCommands


class ReaderApp(App[None]):
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar = keys.APP
    COMMANDS: ClassVar = App.COMMANDS | {_reader_commands}
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
        theme: str | None = None,
        user_themes: tuple[Theme, ...] = (),
        memory: Memory | None = None,
        images: str = "auto",
        photo_source: Callable[[Article], PhotoLoader | None] | None = None,
    ) -> None:
        super().__init__()
        self.client = client
        self._sync_options = sync_options
        self.title = self.site_title = site_title
        self._open_url = open_url
        self._notice = notice
        self._keymap = dict(keymap or {})
        self._theme_name = theme or None
        self._user_themes = user_themes
        self.unexpected_error: BaseException | None = None
        """What escaped a handler and ended the app; the command line reports it."""
        self.remembering = MemoryWriter(self, memory)
        """The last place and theme, kept for the next start (no memory: nothing is kept)."""
        self.mask_contacts = False
        self.images = images
        """``[ui] images``: how the photo gallery draws pictures (auto, on, off)."""
        self.photo_source = photo_source or partial(client_loader, client)
        """Where the gallery gets an article's photos: the client's photo cache and the network."""
        self._last_key = 0.0
        """When the last key came (``time.monotonic``): full collections wait for a pause."""
        """Phones, WeChat/QQ ids and contact names masked on screen (``M``, for screenshots)."""

    def get_default_screen(self) -> Screen[None]:
        # The first screen is the bottom of the stack itself: pushing it over
        # Textual's empty default screen would compose and paint that one too.
        # `open URL` shows the article first; the browse screen is made when the
        # reader is left (Esc), not composed beneath it before its first paint.
        if self._open_url is not None:
            from tui_reader.ui.screens.reader import ReaderScreen  # the browse screen's first start does without

            screen: Screen[None] = ReaderScreen(self.client, self._open_url)
        else:
            screen = self._browse_screen()
        # Textual gives a screen its width's class on the first resize, which
        # comes after the first paint: restyling every widget then cost a
        # second full frame. With the class already right, that changes nothing.
        # (Not restyled now: its styles are worked out when it is mounted.)
        width = self.size.width
        return screen.update_classes(
            {max(b for b in self.HORIZONTAL_BREAKPOINTS if b[0] <= width)[1]: True}, update=False
        )

    def _browse_screen(self) -> BrowseScreen:
        return BrowseScreen(
            self.client, self._sync_options, PlaceKeeper(self.remembering.memory, self.remembering.later)
        )

    def on_reader_screen_left(self) -> None:  # ReaderScreen.Left, by name: that module loads with a reader
        # Esc from the article `open URL` showed lands on the browse screen, not
        # out of the app. It goes on top (Textual cannot swap out the bottom
        # screen); the first reader stays beneath it, out of sight.
        self.push_screen(self._browse_screen())

    def on_mount(self) -> None:
        # Garbage collection is paused while the first screen is built (see
        # tui_reader.gcpause); half a second is well after it is painted.
        self.set_timer(FIRST_SCREEN_GRACE, self._collect_in_pauses)
        # After the first screen, in a thread: the page parsers are imported, and
        # articles cached by an older version get their numbers (price, area …),
        # so neither the first page read nor the first search waits for that.
        self.set_timer(FIRST_SCREEN_GRACE, self._in_the_background)
        if self._keymap:
            self.set_keymap(self._keymap)
        for theme in self._user_themes:
            self.register_theme(theme)
        if self._theme_name:
            self.apply_theme(self._theme_name)
        if self._notice:
            self.notify(self._notice, markup=False, severity="warning", timeout=10)
        self.remembering.start()

    def _collect_in_pauses(self) -> None:
        resume_collection()
        collect_in_pauses()
        self.set_interval(PAUSE_BEFORE_COLLECTING / 2, self._collect_if_idle)

    def _collect_if_idle(self) -> None:
        if monotonic() - self._last_key >= PAUSE_BEFORE_COLLECTING:
            collect_if_due()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._last_key = monotonic()
        await super().on_event(event)

    def _in_the_background(self) -> None:
        def measure() -> None:
            # The page parsers in first, off the event loop, and kept out of the
            # collector's way (tui_reader.gcpause): a prefetch soon needs them.
            self.client.warm_up()
            keep_for_good()
            worker = get_current_worker()  # a batch at a time, so quitting does not wait for them all
            while not worker.is_cancelled and self.client.user.measure_old(batches=1):
                pass

        self.run_worker(measure, thread=True, group="measure-old", exit_on_error=False)

    def apply_theme(self, name: str) -> None:
        """Switch to the theme called ``name`` (registered: Textual's own and the user's)."""
        try:
            self.theme = name
        except InvalidThemeError:  # a remembered theme since removed: Textual's default stays
            self.notify(f"No theme named {name!r}; using the default.", markup=False, severity="warning")

    def get_key_display(self, binding: Binding) -> str:
        return key_display(binding) or super().get_key_display(binding)

    def _handle_exception(self, error: Exception) -> None:
        # Textual would print a traceback over the terminal as the app exits;
        # keep the error for the command line, which writes it to a crash log
        # and says so in one line.
        self.unexpected_error = error
        super()._handle_exception(error)
        self._exit_renderables.clear()

    async def on_unmount(self) -> None:
        self.remembering.now()
        await self.client.aclose()

    # The library's screens open from anywhere (not over themselves).
    def action_search(self) -> None:
        from tui_reader.ui.screens.search import SearchScreen

        self._open_library_screen(SearchScreen)

    def action_bookmarks(self) -> None:
        from tui_reader.ui.screens.bookmarks import BookmarksScreen

        self._open_library_screen(BookmarksScreen)

    def action_export_bookmarks(self) -> None:
        from tui_reader.ui.screens.bookmarks import BookmarksScreen

        self.action_bookmarks()
        if isinstance(self.screen, BookmarksScreen):
            self.screen.action_export()

    def action_history(self) -> None:
        from tui_reader.ui.screens.history import HistoryScreen

        self._open_library_screen(HistoryScreen)

    def action_watches(self) -> None:
        from tui_reader.ui.screens.watches import WatchesScreen

        self._open_library_screen(WatchesScreen)

    def _open_library_screen(self, screen_type: type[SearchScreen | LibraryListScreen | WatchesScreen]) -> None:
        if isinstance(self.screen, (screen_type, ModalScreen)):
            return
        self.push_screen(screen_type(self.client))

    def action_help(self) -> None:
        from tui_reader.ui.screens.help import HelpScreen  # loaded when first asked for

        if isinstance(self.screen, HelpScreen):
            return
        # Taken now, from the screen and pane the user is looking at.
        self.push_screen(HelpScreen(self.screen.active_bindings))

    # -- commands of the palette (ui/commands.py) ----------------------------------------

    def action_toggle_offline(self) -> None:
        """Read only from the cache, or from the portal again."""
        self.client.offline = not self.client.offline
        for browse in self.screen_stack:
            if isinstance(browse, BrowseScreen):
                browse.show_offline()
        if self.client.offline:
            self.notify("Offline: only the cache is read; nothing is fetched until you go online.")
        else:
            self.notify("Online: the portal is read again.")

    def action_toggle_mask_contacts(self) -> None:
        """Mask contacts on screen (for screenshots), or show them again."""
        from tui_reader.ui.panes.article_view import ArticleView
        from tui_reader.ui.widgets.listing_rows import ListingRows

        self.mask_contacts = not self.mask_contacts
        self.title = f"{self.site_title} · contacts masked" if self.mask_contacts else self.site_title
        for screen in self.screen_stack:
            for view in screen.query(ArticleView):
                view.redraw()
            for rows in screen.query(ListingRows):
                rows.refresh()  # each row's key says whether it is masked
            redraw = getattr(screen, "contacts_mask_changed", None)  # rows and titles of its own
            if redraw is not None:
                redraw()
        self.notify("Contacts masked." if self.mask_contacts else "Contacts shown.", markup=False, timeout=3)

    def action_open_config(self) -> None:
        """The config file in $VISUAL or $EDITOR; without one, where it is."""
        from tui_reader.ui.config_editor import open_config

        open_config(self)
