"""Every key binding of the reader, each with a stable ``id``.

The ids are the public names of the bindings: a ``[keymap]`` table in the
config maps an id to other keys (Textual's ``App.set_keymap``), and the help
screen shows them. Several widgets share an id on purpose ("cursor.down" means
the same thing in every pane), so one keymap line remaps it everywhere.

Lists and the reader implement the same action names (``cursor_down``,
``first``, ``page_down``, …), so one list of bindings serves all of them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from textual.binding import Binding, BindingType

# Private, but it is the one place that says how Textual names a typed character
# ("?" → "question_mark"); the keymap must compare keys the way Textual will.
from textual.keys import Keys, _character_to_key, format_key

# Moving inside a pane. Shown in help, not in the footer (it would crowd it).
MOVE: list[BindingType] = [
    Binding("down,j", "cursor_down", "Down", show=False, id="cursor.down"),
    Binding("up,k", "cursor_up", "Up", show=False, id="cursor.up"),
    # "g g": g pressed twice (see ui/chords.py); a single g does nothing, as in vim.
    Binding("home,g g", "first", "Top", show=False, id="cursor.top"),
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
    Binding("z", "toggle_sidebars", "Show or hide cities and categories", show=False, id="layout.sidebars"),
    # Hunting: the list shown (its filter, city and category) kept as a watch.
    Binding("w", "save_watch", "Watch this list", show=False, id="list.save_watch"),
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
    # Hunting: the saved searches.
    Binding("W", "watches", "Watches", show=False, id="library.watches"),
    # For screenshots: phones, WeChat/QQ ids and contact names masked everywhere on screen.
    Binding("M", "toggle_mask_contacts", "Mask contacts", show=False, id="app.mask_contacts"),
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
    # The article's photos, one at a time (not in the footer: no room at 80 columns).
    Binding("p", "photos", "Photos", show=False, id="article.photos"),
]

# The article pane itself (either reader): hide this poster's listings from search and watches.
ARTICLE_VIEW: list[BindingType] = [
    Binding("X", "hide_poster", "Hide posts from this phone (or poster)", show=False, id="article.hide_poster"),
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
    Binding("m", "cycle_status", "Mark status", id="bookmarks.status"),
    Binding("e", "edit_note", "Note", id="bookmarks.note"),
    Binding("v", "filter_status", "Show status", show=False, id="bookmarks.filter_status"),
    Binding("E", "export", "Export", id="bookmarks.export"),
]

# A bookmark's note: Enter is the Input's own submit.
BOOKMARK_NOTE: list[BindingType] = [
    Binding("escape", "cancel", "Cancel", id="bookmark_note.cancel"),
]

# Where an export goes: Enter is the Input's own submit.
EXPORT_FILE: list[BindingType] = [
    Binding("escape", "cancel", "Cancel", id="export_file.cancel"),
]

# The search screen: Escape closes it; Down moves from the query to the results.
SEARCH: list[BindingType] = [
    Binding("escape", "back", "Back", id="pane.back"),
    # Priority: the app takes it before forwarding keys to the query box, so a "w"
    # typed right behind it goes to the results, not into the query (see SearchScreen.check_action).
    Binding("down", "results", "To results", show=False, id="search.results", priority=True),
    # Hunting: reposts folded under a post, and the query kept as a watch.
    Binding("e", "unfold", "Show reposts", id="search.unfold"),
    Binding("w", "save_watch", "Watch", id="search.save_watch"),
]

# -- hunting: watches -------------------------------------------------------------

# The watches (their rows use LIST): Enter shows a watch's matches.
WATCHES: list[BindingType] = [
    *LIBRARY_LIST,
    Binding("d,delete", "remove", "Remove watch", id="watches.remove"),
]

# "Save this query as a watch, named …": Enter is the Input's own submit.
SAVE_WATCH: list[BindingType] = [
    Binding("escape", "cancel", "Cancel", id="save_watch.cancel"),
]


# The photo gallery (a modal screen: the app's keys are shut out while it is open).
GALLERY: list[BindingType] = [
    Binding("escape,p", "close", "Back to the text", id="gallery.close"),
    Binding("right,l,space", "next_photo", "Next photo", id="gallery.next"),
    Binding("left,h", "previous_photo", "Previous photo", id="gallery.previous"),
    Binding("o", "open_viewer", "Open in viewer", id="gallery.open_viewer"),
]


# -- the keymap: what it may name, and where keys must not collide ---------------

PLACES: dict[str, tuple[list[BindingType], ...]] = {
    "the browse screen's lists": (LIST, BROWSE, ARTICLE, APP),
    "a filter box": (FILTER, BROWSE, ARTICLE, APP),
    "the reader pane": (MOVE, ARTICLE_VIEW, BROWSE, ARTICLE, APP),
    "the full-screen reader": (MOVE, ARTICLE_VIEW, READER, ARTICLE, APP),
    "the search box": (SEARCH, APP),
    "the search results": (LIST, SEARCH, APP),
    "the bookmarks": (LIST, BOOKMARKS, APP),
    "the history": (LIST, LIBRARY_LIST, APP),
    "the watches": (LIST, WATCHES, APP),
    "the watch name box": (SAVE_WATCH,),
    "the photo gallery": (GALLERY,),
    "help": (HELP,),
    "the link number box": (LINK_NUMBER,),
    "the bookmark note box": (BOOKMARK_NOTE,),
    "the export file box": (EXPORT_FILE,),
    "the open-in-browser question": (CONFIRM_OPEN,),
    "the copy chooser": (COPY_CHOICE,),
    "the text to copy by hand": (COPY_TEXT,),
}
"""The groups of bindings active together: one per kind of focused widget, with
the screen's and the app's (a modal screen shuts out the app's). A key given to
one binding must not be in use by another of the same place."""


class BindingInfo(NamedTuple):  # not a dataclass: made at every start, and cheaper
    id: str
    keys: tuple[str, ...]
    """Its default keys, as written above ("g g": two presses)."""
    description: str


def _bindings(group: list[BindingType]) -> Iterator[Binding]:
    for binding in group:
        if isinstance(binding, Binding) and binding.id:
            yield binding


def binding_infos() -> list[BindingInfo]:
    """Every binding id once, in the order of the places, with its default keys."""
    seen: dict[str, BindingInfo] = {}
    for groups in PLACES.values():
        for binding in (b for group in groups for b in _bindings(group)):
            if binding.id and binding.id not in seen:
                keys = tuple(key.strip() for key in binding.key.split(","))
                seen[binding.id] = BindingInfo(binding.id, keys, binding.description or binding.action)
    return list(seen.values())


def normal_key(key: str) -> str:
    """A key as Textual compares it: "?" and "question_mark" are one key."""
    return " ".join(_character_to_key(part) if len(part) == 1 else part for part in key.split())


def _known_key(key: str) -> bool:
    *modifiers, base = key.split("+") if len(key) > 1 else [key]
    if any(m not in ("ctrl", "shift", "alt", "meta", "super", "hyper") for m in modifiers):
        return False
    if len(base) == 1 or base in _KEY_NAMES:
        return True
    return format_key(base) != base  # a character's name: "slash", "question_mark", "minus"


_KEY_NAMES = frozenset(k.value for k in Keys)


def keymap_problems(keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """What is wrong with ``keymap`` (binding id → "keys"), as (id, sentence) pairs:
    unknown ids, unknown key names, and keys that collide in a place."""
    infos = {info.id: info for info in binding_infos()}
    problems: list[tuple[str, str]] = []
    for binding_id, keys in keymap.items():
        if binding_id not in infos:
            close = difflib.get_close_matches(binding_id, list(infos), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else " (the ? help screen lists them)"
            problems.append((binding_id, f"unknown binding id '{binding_id}' in [keymap]{hint}"))
            continue
        for key in keys.split(","):
            bad = [part for part in key.split() if not _known_key(part)]
            if bad:
                problems.append((binding_id, f"'{binding_id}': {bad[0]!r} is not a key name Textual knows"))
    if problems:
        return problems
    return _collisions(keymap, infos)


def _collisions(keymap: Mapping[str, str], infos: Mapping[str, BindingInfo]) -> list[tuple[str, str]]:
    defaults = {i: {normal_key(k) for k in info.keys} for i, info in infos.items()}
    effective = {
        i: ({normal_key(k) for k in keymap[i].split(",")} if i in keymap else keys) for i, keys in defaults.items()
    }
    problems: list[tuple[str, str]] = []
    reserved = _textual_keys()
    for binding_id in keymap:
        for key in sorted(effective[binding_id] & set(reserved)):
            problems.append((binding_id, f"'{binding_id}': {key!r} is Textual's own key for {reserved[key]}"))
    for place, groups in PLACES.items():
        here = list(dict.fromkeys(b.id for group in groups for b in _bindings(group) if b.id))
        for binding_id in (i for i in here if i in keymap):
            for key in sorted(effective[binding_id]):
                for other in (o for o in here if o != binding_id):
                    clash = _clash(key, effective[other])
                    # Keys both have by default overlap by design (the inner one wins).
                    if clash and not (clash in defaults[binding_id] and clash in defaults[other]):
                        problems.append((binding_id, _clash_sentence(binding_id, key, clash, infos[other], place)))
    return problems[:1]


def _textual_keys() -> dict[str, str]:
    """Keys the Textual app itself binds on every screen (quit, copy, the command palette)."""
    from textual.app import App

    keys = {App.COMMAND_PALETTE_BINDING: "the command palette"}
    for binding in Binding.make_bindings(App.BINDINGS):
        keys.setdefault(binding.key, binding.description.lower() or binding.action.replace("_", " "))
    return keys


def _clash(key: str, others: set[str]) -> str | None:
    """The key of ``others`` that ``key`` collides with: the same key, or one
    sequence starting the other ("g" and "g g")."""
    for other in sorted(others):
        if key == other or other.startswith(key + " ") or key.startswith(other + " "):
            return other
    return None


def _clash_sentence(binding_id: str, key: str, clash: str, other: BindingInfo, place: str) -> str:
    how = "is" if key == clash else f"collides with {clash!r}, which is"
    return f"'{binding_id}': {key!r} {how} already '{other.id}' ({other.description}) in {place}"
