"""Every key binding of the reader, each with a stable ``id``.

The ids are the public names of the bindings: a ``[keymap]`` table in the
config maps an id to other keys (Textual's ``App.set_keymap``), and the help
screen shows them. Several widgets share an id on purpose ("cursor.down" means
the same thing in every pane), so one keymap line remaps it everywhere.

Lists and the reader implement the same action names (``cursor_down``,
``first``, ``page_down``, …), so one list of bindings serves all of them.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

# Moving inside a pane. Shown in help, not in the footer (it would crowd it).
MOVE: list[BindingType] = [
    Binding("down,j", "cursor_down", "Down", show=False, id="cursor.down"),
    Binding("up,k", "cursor_up", "Up", show=False, id="cursor.up"),
    Binding("home,g", "first", "Top", show=False, id="cursor.top"),
    Binding("end,G", "last", "Bottom", show=False, id="cursor.bottom"),
    Binding("pageup", "page_up", "Page up", show=False, id="cursor.page_up"),
    Binding("pagedown,space", "page_down", "Page down", show=False, id="cursor.page_down"),
]

# Lists also drill in.
LIST: list[BindingType] = [
    *MOVE,
    Binding("enter,l", "select", "Open", id="pane.open"),
]

# Screen-level: between panes and on the focused pane as a whole.
BROWSE: list[BindingType] = [
    Binding("tab", "pane_next", "Next pane", show=False, id="pane.next"),
    Binding("shift+tab", "pane_previous", "Previous pane", show=False, id="pane.previous"),
    Binding("escape,h", "back", "Back", id="pane.back"),
    # Priority: the app runs it the moment "/" arrives, so text typed right
    # after it lands in the filter (the screen skips it while a filter has focus).
    Binding("slash", "filter", "Filter", id="pane.filter", priority=True),
    Binding("r", "refresh", "Refresh", id="pane.refresh"),
    Binding("o", "open_browser", "Browser", id="article.open_browser"),
    Binding("y", "copy_url", "Copy URL", id="article.copy_url"),
    Binding("b", "toggle_bookmark", "Bookmark", id="article.bookmark"),
    Binding("n", "next_unread", "Next unread", show=False, id="list.next_unread"),
    Binding("S", "sync", "Sync", id="library.sync"),
    Binding("x", "cancel_sync", "Cancel sync", show=False, id="library.cancel_sync"),
    Binding("z", "toggle_sidebars", "Cities pane", show=False, id="layout.sidebars"),
]

# The full-screen reader: no panes to move between, nothing to filter.
READER: list[BindingType] = [
    Binding("escape,h", "back", "Back", id="pane.back"),
    Binding("r", "refresh", "Refresh", id="pane.refresh"),
    Binding("o", "open_browser", "Browser", id="article.open_browser"),
    Binding("y", "copy_url", "Copy URL", id="article.copy_url"),
    # Not in the footer: at 80 columns it would push "Quit" off the line.
    Binding("b", "toggle_bookmark", "Bookmark", show=False, id="article.bookmark"),
]

APP: list[BindingType] = [
    Binding("question_mark", "help", "Help", id="app.help"),
    Binding("q", "quit", "Quit", id="app.quit"),
    # The library's screens: in help (?) and the README; the footer has no room.
    Binding("s,ctrl+f", "search", "Search", show=False, id="library.search"),
    Binding("B", "bookmarks", "Bookmarks", show=False, id="library.bookmarks"),
    Binding("H", "history", "History", show=False, id="library.history"),
]

# A filter input: Escape leaves it (Enter is the Input's own submit).
FILTER: list[BindingType] = [
    Binding("escape", "leave", "Leave filter", id="filter.leave"),
]

# The article on screen (the reader pane, or the full-screen reader).
ARTICLE: list[BindingType] = [
    # Reading along the list: the next (previous) article opens, its row
    # highlighted; in help and the README, not in the footer.
    Binding("J", "next_article", "Next article", show=False, id="article.next"),
    Binding("K", "previous_article", "Previous article", show=False, id="article.previous"),
    Binding("c", "copy_phone", "Copy phone", id="article.copy_phone"),
    Binding("C", "copy_choice", "Copy…", show=False, id="article.copy"),  # the fields panel names it
    Binding("f", "follow_link", "Open link N", id="article.follow_link"),
]

# "Open link number …": Enter is the Input's own submit.
LINK_NUMBER: list[BindingType] = [
    Binding("escape", "cancel", "Cancel", id="link_number.cancel"),
]

# "Open this in your browser?": nothing opens without a yes.
CONFIRM_OPEN: list[BindingType] = [
    Binding("enter,y", "confirm", "Open", id="confirm_open.yes"),
    Binding("escape,n", "cancel", "Cancel", id="confirm_open.no"),
]

# "Copy which?": Enter is the list's own select.
COPY_CHOICE: list[BindingType] = [
    Binding("escape", "cancel", "Cancel", id="copy_choice.cancel"),
]

# The text shown to copy by hand, when there is no clipboard to put it in.
COPY_TEXT: list[BindingType] = [
    Binding("escape", "close", "Close", id="copy_text.close"),
]

HELP: list[BindingType] = [
    Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
]

# The bookmarks and history lists (their rows use LIST).
LIBRARY_LIST: list[BindingType] = [
    Binding("escape,h", "back", "Back", id="pane.back"),
]

BOOKMARKS: list[BindingType] = [
    *LIBRARY_LIST,
    Binding("d,delete", "remove", "Remove bookmark", id="bookmarks.remove"),
]

# The search screen: Escape closes it; Down moves from the query to the results.
SEARCH: list[BindingType] = [
    Binding("escape", "back", "Back", id="pane.back"),
    Binding("down", "results", "To results", show=False, id="search.results"),
]
