"""The killfile applied to search hits: listings hidden by phone, word or poster name.

A hit is hidden when one of its phones is killed, its title or snippet holds
a killed word, or a killed poster name is its contact name or appears in its
text. Words and names are compared case-insensitively, phones after
normalising (``models.phones_in``: "138 1234 5678" is 13812345678).

Phones and poster names need more than a hit carries (a hit's ``phones`` may
be empty in a cache written before they were kept, and a contact name is not
in the hit at all), so only when such kills exist are the hits' cached
articles read — one query for the whole result, through ``Store.get_many``.
A word is only looked for in the title and the snippet: a word deep in a
body does not hide a listing (killing "中介" should not hide every listing
that says "无中介").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui_reader import errors
from tui_reader.models import check_kill, phones_in

if TYPE_CHECKING:
    from tui_reader.models import SearchHit
    from tui_reader.store import Store

__all__ = ["Killfile", "kill_value"]


def kill_value(kind: str, value: str) -> tuple[str, str]:
    """The entry as kept: a known kind, a phone normalised, a word or name casefolded; ``ReaderError`` if not."""
    kind, value = check_kill(kind, value)
    if kind == "phone":
        found = phones_in(value)
        if len(found) != 1:
            raise errors.ReaderError(f"{value!r} is not one phone number (like 13812345678 or 0518-85234567)")
        return kind, found[0]
    return kind, value.casefold()


@dataclass(frozen=True)
class Killfile:
    phones: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()
    posters: tuple[str, ...] = ()

    @classmethod
    def of(cls, kills: Sequence[tuple[str, str, str]]) -> Killfile:
        """From ``Library.kills()`` rows (kind, value, added_at)."""
        return cls(
            phones=frozenset(v for k, v, _ in kills if k == "phone"),
            words=tuple(v.casefold() for k, v, _ in kills if k == "word"),
            posters=tuple(v.casefold() for k, v, _ in kills if k == "poster"),
        )

    def __bool__(self) -> bool:
        return bool(self.phones or self.words or self.posters)

    def keep(self, hits: Sequence[SearchHit], store: Store) -> list[SearchHit]:
        """The hits not hidden, in their order."""
        if not self:
            return list(hits)
        articles: dict[str, Any] = {}
        if self.phones or self.posters:
            articles = {url: entry.payload for url, entry in store.get_many("article", [h.url for h in hits]).items()}
        return [hit for hit in hits if not self._hides(hit, articles.get(hit.url))]

    def hidden(self, rows: Sequence[tuple[str, str]], store: Store) -> set[str]:
        """Which of ``rows`` (a list page's (url, title) pairs) are hidden: a killed word in the
        title, or a killed phone or poster in the article, when it is cached (else it shows)."""
        if not self:
            return set()
        from tui_reader.models import SearchHit

        hits = [SearchHit(url, title, None, None, None, "") for url, title in rows]
        return {hit.url for hit in hits} - {hit.url for hit in self.keep(hits, store)}

    def _hides(self, hit: SearchHit, article: dict[str, Any] | None) -> bool:
        shown = f"{hit.title}\n{hit.snippet}".casefold()
        if any(word in shown for word in self.words):
            return True
        if not (self.phones or self.posters):
            return False
        said = "\n".join([hit.title, hit.snippet, *_article_text(article)])
        if self.phones:
            # A hit from a cache written before phones were kept has none: read them from the article.
            phones = set(hit.phones) or set(phones_in(said))
            if phones & self.phones:
                return True
        return any(name in said.casefold() for name in self.posters)


def _article_text(article: dict[str, Any] | None) -> list[str]:
    """The body paragraphs and contact values of a cached ``Article.to_dict()``."""
    if article is None:
        return []
    body = article.get("body") or ()
    paragraphs = [body] if isinstance(body, str) else [str(p) for p in body]
    contact = [str(pair[1]) for pair in article.get("contact") or () if len(pair) == 2]
    return [*paragraphs, *contact]
