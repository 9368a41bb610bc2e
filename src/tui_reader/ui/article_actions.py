"""What the article keys do, shared by the browse screen's reader pane and the
full-screen reader: open the article or one of its links in the browser (after
showing the target), copy its URL, its first phone number or any of its
fields (all through ``ui.clipboard``, which says what really happened), and
hide its poster's listings (the killfile).

With contacts masked (the app's ``mask_contacts``) the phone is not copied —
a masked number is no use to call, and the real one is what the mask is
there to keep off the screen — and ``C`` offers the masked values, as shown.

Every URL goes through ``fetch.canonical_url`` right before it is shown and
again when it is opened: only http(s), no option-looking strings, host in
punycode, no user-info disguise. The browser gets it from Python's
``webbrowser`` as one argument — no shell ever sees it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from textual.widget import Widget

from tui_reader.errors import Blocked
from tui_reader.render import clean_line
from tui_reader.ui.clipboard import start_copy

if TYPE_CHECKING:
    from tui_reader.models import Article

__all__ = [
    "choose_and_copy",
    "confirm_and_open",
    "copy_phone",
    "copy_url",
    "follow_link",
    "hide_poster",
    "link_checks_loaded",
    "link_target",
    "load_link_checks",
    "open_link",
]

_MASKED = "Contacts are masked: nothing copied (M or the palette's Show contacts shows them)."


def _masking(node: Widget) -> bool:
    return bool(getattr(node.app, "mask_contacts", False))


def _canonical_url(url: str) -> str:
    # The address parser brings httpx with it (some 30 ms): loaded when first
    # needed, or beforehand in a thread (load_link_checks), never for the first screen.
    from tui_reader.urls import canonical_url

    return canonical_url(url)


_link_checks_loaded = False


def load_link_checks() -> None:
    """Import what ``link_target`` needs; call it from a thread."""
    global _link_checks_loaded
    import tui_reader.urls  # noqa: F401

    _link_checks_loaded = True


def link_checks_loaded() -> bool:
    return _link_checks_loaded


def link_target(url: str) -> str | None:
    """Where a hyperlink in the reader (OSC 8) may point: the canonical form of
    ``url``, http(s) only; None for anything refused. The terminal opens these
    itself (usually on Ctrl- or Cmd-click), so they get the same check as ``o``.

    None too while the check is not loaded yet (``load_link_checks``): the first
    article shown does not wait for it, and is drawn again with its links."""
    if not _link_checks_loaded:
        return None
    try:
        target = _canonical_url(url)
    except Blocked:
        return None
    return target if urlsplit(target).scheme in ("http", "https") else None


def _host(url: str) -> str:
    # canonical_url's output carries no user-info, so the netloc is host[:port].
    return urlsplit(url).netloc


def _refuse(node: Widget, reason: str) -> None:
    node.notify(f"Not opened: {clean_line(reason)}", severity="error", markup=False)


def confirm_and_open(node: Widget, url: str, what: str) -> None:
    """Show the canonical target of ``url`` and open it only on a yes."""
    try:
        target = _canonical_url(url)
    except Blocked as refused:
        _refuse(node, str(refused))
        return

    def answered(yes: bool | None) -> None:
        if not yes:
            node.notify("Nothing opened.", markup=False, timeout=2)
            return
        try:
            checked = _canonical_url(target)  # the same check, at the moment of opening
        except Blocked as refused:
            _refuse(node, str(refused))
            return
        import webbrowser  # loaded when a link is opened, not at start-up

        if webbrowser.open(checked):
            node.notify(f"Opened {checked}", markup=False)
        else:
            node.notify(f"No browser could open {checked}", severity="warning", markup=False)

    from tui_reader.ui.dialogs.open_link import ConfirmOpenScreen  # loaded when first needed

    node.app.push_screen(ConfirmOpenScreen(target, _host(target), what), answered)


def copy_url(node: Widget, url: str | None) -> None:
    if url is None:
        node.notify("No article to copy.", severity="warning")
        return
    start_copy(node, clean_line(url), "the URL")


def copy_phone(node: Widget, article: Article | None) -> None:
    if article is None:
        node.notify("Open an article first.", severity="warning")
        return
    if _masking(node):
        node.notify(_MASKED, severity="warning", markup=False)
        return
    from tui_reader.render import first_phone

    phone = first_phone(article)
    if phone is None:
        node.notify("This article gives no phone number.", severity="warning")
        return
    start_copy(node, phone, f"phone {phone}")


def choose_and_copy(node: Widget, article: Article | None) -> None:
    """``C``: choose a field, a fact, the URL or the whole article, and copy it."""
    if article is None:
        node.notify("Open an article first.", severity="warning")
        return
    from tui_reader.models import Article
    from tui_reader.render import copy_entries, mask_article_dict
    from tui_reader.ui.dialogs.copying import CopyChoiceScreen  # loaded when first needed

    if _masking(node):  # what is on screen, masked: never the contacts the mask hides
        article = Article.from_dict(mask_article_dict(article.to_dict()))

    def chosen(entry: tuple[str, str] | None) -> None:
        if entry is not None:
            label, text = entry
            # A line is named by itself in the toast; the whole article by its label.
            start_copy(node, text, label.lower() if "\n" in text.strip() else f"{label} {text}")

    node.app.push_screen(CopyChoiceScreen(copy_entries(article)), chosen)


def open_link(node: Widget, article: Article, number: int) -> None:
    if not 1 <= number <= len(article.links):
        node.notify(f"No link {number}: this article has {len(article.links)}.", severity="warning")
        return
    link = article.links[number - 1]
    if not link.openable:
        _refuse(node, f"link [{number}] {link.refused}")
        return
    confirm_and_open(node, link.url, f"[{number}] {link.text}")


def follow_link(node: Widget, article: Article | None) -> None:
    """Ask for a link number (the "[n]" in the text), then confirm and open it."""
    if article is None:
        node.notify("Open an article first.", severity="warning")
        return
    if not article.links:
        node.notify("This article has no links.", severity="warning")
        return

    def chosen(number: int | None) -> None:
        if number is not None:
            open_link(node, article, number)

    from tui_reader.ui.dialogs.open_link import LinkNumberScreen  # loaded when first needed

    node.app.push_screen(LinkNumberScreen(len(article.links)), chosen)


def hide_poster(node: Widget, article: Article | None, kind: str | None = None) -> None:
    """Hide the listings of this article's first phone (``kind`` "phone"), or of its
    contact name ("poster"); None: the phone, else the name. Search and watches
    leave them out from now on; the toast says how to undo it."""
    if article is None:
        node.notify("Open an article first.", severity="warning")
        return
    client = getattr(node.app, "client", None)
    found = _poster_of(article, kind)
    if client is None or found is None:
        what = {"phone": "phone number", "poster": "contact name"}.get(kind or "", "phone number or contact name")
        node.notify(f"This article gives no {what} to hide.", severity="warning", markup=False)
        return
    hidden, value = found

    def add() -> None:
        from tui_reader.errors import ReaderError

        try:
            kept = client.user.kill_add(hidden, value)
        except ReaderError as exc:
            node.app.call_from_thread(
                node.notify, f"Nothing hidden: {clean_line(str(exc))}", severity="error", markup=False
            )
            return
        if _masking(node):  # the value would unmask what the screen hides
            undo = f"Undo: tui-reader kill list, then kill remove {hidden} …"
            message = f"Hidden: posts from this {hidden} no longer show in lists, search and watches. {undo}"
        else:
            value_shown = kept.value if " " not in kept.value else repr(kept.value)
            message = (
                f"Hidden: posts from {hidden} {value_shown} no longer show in lists, search and watches. "
                f"Undo: tui-reader kill remove {hidden} {value_shown}"
            )
        node.app.call_from_thread(node.notify, message, markup=False, timeout=10)
        changed = getattr(node.screen, "killfile_changed", None)  # a list on screen may show that poster
        if changed is not None:
            node.app.call_from_thread(changed)

    node.run_worker(add, thread=True, group="killfile", exit_on_error=False)


def _poster_of(article: Article, kind: str | None) -> tuple[str, str] | None:
    for wanted, key in (("phone", "phones"), ("poster", "contact")):
        if kind in (None, wanted):
            values = [clean_line(v) for v in article.fields.get(key, ()) if clean_line(v)]
            if values:
                return wanted, values[0]
    return None
