"""Where the user was, across runs: the browse screen asks it what to reopen
(the last city, category and highlighted article) and tells it where the
user goes; the recent cities come from it too.

It keeps the place in the ``Memory`` it was given and calls ``changed`` after
each change; the app writes the file (debounced, in a thread) and on exit.
The file lives below the UI (``tui_reader.remembered``): no disk work here.

Remembered names are found again by address first and by name second: the
portal may be served from another address (the demo portal on another port).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from tui_reader.models import Category, City, Listing
from tui_reader.remembered import RECENT_CITIES, Place, Spot

if TYPE_CHECKING:
    from tui_reader.remembered import Memory

T = TypeVar("T")


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def find(items: Sequence[T], spot: Spot | None, name_of: Callable[[T], str]) -> T | None:
    """The item ``spot`` remembers: same address, else same path on another host, else same name."""
    if spot is None:
        return None
    urls: list[Any] = [getattr(item, "url", None) for item in items]
    for matches in (
        lambda i: urls[i] == spot.url,
        lambda i: isinstance(urls[i], str) and _path(urls[i]) == _path(spot.url),
        lambda i: name_of(items[i]) == spot.name,
    ):
        for index in range(len(items)):
            if matches(index):
                return items[index]
    return None


class PlaceKeeper:
    def __init__(self, memory: Memory | None, changed: Callable[[], None]) -> None:
        self._memory = memory
        self._changed = changed
        self._reopen = memory.place if memory is not None else Place()
        """What is still to be reopened; each part is dropped once reached (or passed by)."""
        self._recent = list(self._reopen.recent)

    # -- reopening ------------------------------------------------------------------------
    # Each step is asked when the screen shows a list with nothing chosen in it
    # yet; a part not found (or the user choosing elsewhere) ends the reopening.

    @property
    def reopening(self) -> bool:
        return self._reopen != Place()

    def city_to_reopen(self, cities: Sequence[City]) -> City | None:
        city = find(cities, self._reopen.city, lambda c: c.name)
        if city is None:
            self._reopen = Place()
        return city

    def category_to_reopen(self, city: City, categories: Sequence[Category]) -> Category | None:
        if find([city], self._reopen.city, lambda c: c.name) is None:
            return None
        category = find(categories, self._reopen.category, lambda c: c.name)
        if category is None:
            self._reopen = Place()
        return category

    def article_to_reopen(self, category: Category, listings: Sequence[Listing]) -> Listing | None:
        """The remembered article when it is among ``listings`` (the first page);
        asked once: later pages are not fetched to look for it."""
        if find([category], self._reopen.category, lambda c: c.name) is None:
            return None
        listing = find(listings, self._reopen.article, lambda item: item.title)
        self._reopen = Place()
        return listing

    def user_moved(self) -> None:
        """The user chose a place: what was being reopened no longer matters."""
        self._reopen = Place()

    def recent_urls(self, cities: Sequence[City]) -> list[str]:
        """The recent cities' addresses in ``cities``, the latest first."""
        found = (find(cities, spot, lambda c: c.name) for spot in self._recent)
        return [city.url for city in found if city is not None]

    # -- noting ---------------------------------------------------------------------------

    def note_city_chosen(self, city: City) -> None:
        """A city the user chose: first among the recent ones."""
        spot = Spot(city.url, city.name)
        self._recent = [spot, *(s for s in self._recent if s.url != spot.url and s.name != spot.name)]
        del self._recent[RECENT_CITIES:]

    def note(self, city: City | None, category: Category | None, article: Listing | None) -> None:
        """Where the screen is now (not while the last place is being reopened:
        the screen is on its way there, and quitting then keeps the old place)."""
        if self._memory is None or self.reopening:
            return
        place = Place(
            city=Spot(city.url, city.name) if city else None,
            category=Spot(category.url, category.name) if category else None,
            article=Spot(article.url, article.title) if article else None,
            recent=tuple(self._recent),
        )
        if self._memory.note_place(place):
            self._changed()
