"""What the user has read, and what is new in a list since the last visit.

The library (``client.user.read_among``, ``client.user.new_since_last_visit``) remembers
both across runs; this keeps the answers for the session, so the article list
and the unread counts on the categories can be drawn without asking again.

"New since last visit" is asked once per page per session and only grows:
the library records a visit each time it is asked, so asking again on a
background refresh would forget what was new a second ago.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tui_reader.errors import ReaderError
from tui_reader.models import Category, Listing

if TYPE_CHECKING:
    from tui_reader.client import Client


class ReadingState:
    def __init__(self, client: Client) -> None:
        self.client = client
        self.read: set[str] = set()
        self.killed: set[str] = set()
        """Listings the killfile hides (``tui-reader kill``, ``X`` on an article)."""
        self._new_by_page: dict[str, set[str]] = {}

    @property
    def new(self) -> set[str]:
        """Every listing seen as new on any page shown this session."""
        return set().union(*self._new_by_page.values())

    def note_page(self, page_url: str, listings: Iterable[Listing]) -> None:
        """A page of ``page_url`` is about to be shown: learn its read and new marks."""
        self.apply(page_url, self.look_up(page_url, listings))

    def look_up(self, page_url: str, listings: Iterable[Listing]) -> tuple[set[str], set[str], set[str]] | None:
        """Ask the library (and record this visit): (read, new, killed) among ``listings``.

        Touches nothing of ours, so it may run in a thread: the visit is a
        committed write, which on a long list's every page is worth keeping
        off the event loop. None when the library cannot answer.
        """
        rows = [(listing.url, listing.title) for listing in listings]
        urls = [url for url, _ in rows]
        try:
            user = self.client.user
            return user.read_among(urls), user.new_since_last_visit(page_url, urls), user.killed_among(rows)
        except ReaderError:
            return None  # the marks are a help, not the content: show the rows anyway

    def apply(self, page_url: str, marks: tuple[set[str], set[str], set[str]] | None) -> None:
        if marks is not None:
            self.read |= marks[0]
            self._new_by_page.setdefault(page_url, set()).update(marks[1])
            self.killed |= marks[2]

    def recheck_killed(self, listings: Sequence[Listing]) -> None:
        """The killfile again (a poster was just hidden): which of ``listings`` it hides now."""
        try:
            self.killed = self.client.user.killed_among([(item.url, item.title) for item in listings])
        except ReaderError:
            pass

    def recheck(self, urls: Sequence[str]) -> None:
        """Ask again which of ``urls`` are read (another screen or instance may have read some)."""
        try:
            self.read |= self.client.user.read_among(list(urls))
        except ReaderError:
            pass

    def opened(self, url: str) -> None:
        self.read.add(url)

    def unread_counts(self, categories: Iterable[Category]) -> dict[str, int]:
        """Unread articles per category URL, among the listings the cache holds.

        A category with nothing cached has no entry (its count is unknown, not 0).
        """
        counts, read = self.count_unread(categories)
        self.read |= read
        return counts

    def count_unread(self, categories: Iterable[Category]) -> tuple[dict[str, int], set[str]]:
        """(unread per category URL, the read URLs among them), touching nothing of
        ours: it reads up to 20 cached pages a category, so it may run in a thread."""
        counts: dict[str, int] = {}
        read: set[str] = set()
        for category in categories:
            try:
                listings = self.client.cached_listings(category)
                if listings is None:
                    continue
                urls = list(dict.fromkeys(listing.url for listing in listings))
                read |= self.client.user.read_among(urls)
            except ReaderError:
                continue
            counts[category.url] = sum(1 for url in urls if url not in read and url not in self.read)
        return counts, read
