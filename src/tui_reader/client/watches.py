"""Watches: saved searches that remember what they matched (part of ``client.user``).

A watch is a name and a query in the search language. What it matches is a
search of the cache (killfile applied), so it is always current; the library
file remembers which articles each watch has matched and since when:

- ``update_watches`` (the end of every sync) records new matches, unread
  until the article is opened (or ``mark_watch_read``);
- ``watch_run`` (``tui-reader watch run``, for cron) keeps its own cursor:
  the first run gives every current match, each later run only the matches
  first seen since the run before, whether a sync or the run itself saw
  them first. Reading in the TUI does not move it, and it does not mark
  anything read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader import errors

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui_reader.models import Query, SearchHit, WatchHit, WatchInfo
    from tui_reader.store import Library

__all__ = ["Watches"]


class Watches:
    """The watches of one library file. ``search`` is the user's (the killfile applied);
    ``read_among`` says which articles were opened; ``need_library`` gives the library
    or says why there is none."""

    def __init__(
        self,
        library: Library | None,
        search: Callable[[Query], list[SearchHit]],
        read_among: Callable[[list[str]], set[str]],
        need_library: Callable[[], Library],
    ) -> None:
        self.library = library
        self.search = search
        self.read_among = read_among
        self._need_library = need_library

    def watch_add(self, name: str, query_text: str) -> WatchInfo:
        """Keep a watch. The query is parsed first (``QueryError``: nothing kept); a name in use is a ``ReaderError``."""
        name = " ".join(name.split())
        if not name:
            raise errors.ReaderError("a watch needs a name")
        query = _parse(query_text)
        library = self._need_library()
        # What it matches now is recorded with it: the next sync reports only what is really new.
        if not library.add_watch(name, query_text.strip(), [hit.url for hit in self.search(query)]):
            raise errors.ReaderError(f"there is a watch named {name!r} already; remove it first or pick another name")
        return self._watch_info(name)

    def watches(self) -> list[WatchInfo]:
        """Every watch by name, with how many articles it matched and how many of them are unread."""
        from tui_reader.models import WatchInfo

        if self.library is None:
            return []
        return [
            WatchInfo(w["name"], w["query"], w["created_at"], w["matches"], w["unread"], w["run_cursor"])
            for w in self.library.watches()
        ]

    def watch_remove(self, name: str) -> None:
        """Forget a watch and what it matched; ``NotFound`` when there is none by that name."""
        if not self._need_library().remove_watch(name):
            raise errors.NotFound(self._no_watch(name))

    def watch_run(self, name: str | None = None) -> list[SearchHit]:
        """What ``watch run`` prints: the matches new since the previous run (all at the first),
        of one watch or of every watch (each article once)."""
        seen: dict[str, SearchHit] = {}
        for hits in self.watch_runs(name).values():
            for hit in hits:
                seen.setdefault(hit.url, hit)
        return list(seen.values())

    def watch_runs(self, name: str | None = None) -> dict[str, list[SearchHit]]:
        """``watch_run`` watch by watch; every watch's cursor moves to now."""
        library = self._need_library()
        chosen = [self._query_of(name)] if name is not None else [(w["name"], w["query"]) for w in library.watches()]
        runs: dict[str, list[SearchHit]] = {}
        for watch, text in chosen:
            hits = self.search(_parsed(watch, text))
            fresh = library.run_watch(watch, [hit.url for hit in hits])
            if fresh is None:  # removed while we searched
                continue
            runs[watch] = [hit for hit in hits if hit.url in fresh]
        return runs

    def watch_matches(self, name: str) -> list[WatchHit]:
        """The watch's current matches for the TUI, each with when it was first seen and whether it is unread."""
        from tui_reader.models import WatchHit

        library = self._need_library()
        watch, text = self._query_of(name)
        hits = self.search(_parsed(watch, text))
        recorded = library.watch_matches(watch)
        unknown_read = self.read_among([h.url for h in hits if h.url not in recorded])
        return [
            WatchHit(hit, *recorded[hit.url])
            if hit.url in recorded
            else WatchHit(hit, None, hit.url not in unknown_read)
            for hit in hits
        ]

    def mark_watch_read(self, url: str) -> None:
        """The article's matches no longer count as new in any watch."""
        self._need_library().mark_watch_read(url)

    def update_watches(self) -> dict[str, int]:
        """Record every watch's new matches (unread); how many each had. A sync calls this at its end.

        A watch whose query this version no longer reads is left alone (0),
        not an error that would fail the sync; ``watch run`` names it.
        """
        if self.library is None:
            return {}
        counts: dict[str, int] = {}
        for watch in self.library.watches():
            try:
                query = _parse(watch["query"])
            except errors.QueryError:
                counts[watch["name"]] = 0
                continue
            counts[watch["name"]] = self.library.record_matches(watch["name"], [h.url for h in self.search(query)])
        return counts

    def _query_of(self, name: str) -> tuple[str, str]:
        for watch in self._need_library().watches():
            if watch["name"] == name:
                return watch["name"], watch["query"]
        raise errors.NotFound(self._no_watch(name))

    def _watch_info(self, name: str) -> WatchInfo:
        return next(w for w in self.watches() if w.name == name)

    def _no_watch(self, name: str) -> str:
        known = [w.name for w in self.watches()]
        return f"no watch named {name!r}" + (f" (there are: {', '.join(known)})" if known else "")


def _parse(text: str) -> Query:
    from tui_reader.query import parse_query  # loaded when a watch is used, not at start

    return parse_query(text)


def _parsed(name: str, text: str) -> Query:
    try:
        return _parse(text)
    except errors.QueryError as exc:
        raise errors.QueryError(f"watch {name!r}: {exc}", at=exc.at) from None
