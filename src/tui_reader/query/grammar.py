"""The parser of the search language (the language itself: ``tui_reader.query``).

One pass over the text, by hand: the grammar is flat (words, groups one deep,
qualifiers) and every error has to point at a character, which a generated
parser would make harder, not easier.
"""

from __future__ import annotations

import difflib
import re
import time
import unicodedata
from dataclasses import dataclass

from tui_reader.errors import QueryError
from tui_reader.models import SORTS, Limit, Query
from tui_reader.query.ranges import read_limit

__all__ = ["EXAMPLES", "QUALIFIERS", "parse_query"]

QUALIFIERS = {
    "city": "city",
    "cat": "category",
    "category": "category",
    "price": "price",
    "area": "area",
    "rooms": "rooms",
    "room": "rooms",
    "floor": "floor",
    "year": "year",
    "mileage": "mileage",
    "salary": "salary",
    "posted": "posted",
    "sort": "sort",
    "is": "is",
}
"""Name typed → what it keeps to."""

EXAMPLES = {
    "city": "city:连云港",
    "category": "cat:二手",
    "price": "price:2000-3000",
    "area": "area:>=60",
    "rooms": "rooms:2",
    "floor": "floor:<=6",
    "year": "year:>=2015",
    "mileage": "mileage:<10",
    "salary": "salary:>=8000",
    "posted": "posted:<7d",
    "sort": "sort:price",
    "is": "is:gone",
}

_OPEN, _CLOSE, _QUOTES, _BARS = "(（", ")）", '"“”', "|｜"
_STOP = set(_QUOTES + _BARS) | {" ", "\t", "\n", "\r", "\u3000"}
_NAMED = re.compile(r"([A-Za-z]+)[:：]")


@dataclass
class _Term:
    text: str
    at: int
    quoted: bool


class _Parser:
    def __init__(self, text: str, now: float) -> None:
        # Control characters (a pasted NUL, a tab) separate words like spaces;
        # one for one, so every ``at`` still points into what was typed.
        self.text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
        self.now = now
        self.i = 0
        # Words and OR groups as read: one word is a group of one until an OR joins it.
        self.groups: list[list[str]] = []
        self.without: list[str] = []
        self.places: dict[str, list[str]] = {"city": [], "category": []}
        self.limits: dict[str, Limit] = {}
        self.sort = ""
        self.gone: bool | None = None
        # The last thing read was a word or group that an OR may join (its list of words).
        self.joinable: list[str] | None = None
        self.pending_or: int | None = None

    def fail(self, at: int, shown: str, problem: str) -> QueryError:
        return QueryError(f"{shown!r} at character {at + 1} {problem}", at=at)

    def skip_space(self) -> None:
        while self.i < len(self.text) and self.text[self.i].isspace():
            self.i += 1

    def parse(self) -> Query:
        while True:
            self.skip_space()
            if self.i >= len(self.text):
                break
            self.item()
        if self.pending_or is not None:
            raise self.fail(self.pending_or, self.text[self.pending_or], "needs a word after it")
        alternatives = [tuple(dict.fromkeys(group)) for group in self.groups]
        return Query(
            words=tuple(dict.fromkeys(g[0] for g in alternatives if len(g) == 1)),
            city=",".join(self.places["city"]),
            category=",".join(self.places["category"]),
            any_of=tuple(dict.fromkeys(g for g in alternatives if len(g) > 1)),
            without=tuple(dict.fromkeys(self.without)),
            limits=tuple(self.limits.values()),
            sort=self.sort,
            gone=self.gone,
        )

    # -- one item at the top level ------------------------------------------

    def item(self) -> None:
        at, char = self.i, self.text[self.i]
        if self.is_or(char):
            if self.joinable is None or self.pending_or is not None:
                raise self.fail(at, self.or_text(), "needs a word or a (group) before it")
            self.i += len(self.or_text())
            self.pending_or = at
            return
        if char in _OPEN:
            self.i += 1
            self.add_alternatives(self.group(at))
            return
        if char in _CLOSE:
            raise self.fail(at, char, "closes a group that was never opened")
        negated = char in "-－" and self.i + 1 < len(self.text) and not self.text[self.i + 1].isspace()
        if char in "-－" and not negated:
            raise self.fail(at, char, "has nothing after it to leave out (write -中介)")
        if negated:
            self.i += 1
            if self.text[self.i] in _OPEN:
                raise self.fail(
                    at, self.text[at : self.i + 1], "cannot leave out a group: leave out one word at a time"
                )
        term = self.term()
        named = None if term.quoted else _NAMED.match(term.text)
        if named and not term.text[named.end() :].startswith("//"):
            self.qualifier(term, named.group(1), term.text[named.end() :], negated, start=at)
            return
        self.check_length(term)
        if negated:
            self.before_other(at)
            self.without.append(term.text)
        else:
            self.add_alternatives([term.text])

    def is_or(self, char: str) -> bool:
        if char in _BARS:
            return True
        end = self.i + 2
        return self.text.startswith("OR", self.i) and (
            end >= len(self.text) or self.text[end].isspace() or self.text[end] in _CLOSE + _OPEN
        )

    def or_text(self) -> str:
        return self.text[self.i] if self.text[self.i] in _BARS else "OR"

    def add_alternatives(self, alternatives: list[str]) -> None:
        if self.pending_or is not None and self.joinable is not None:
            self.joinable.extend(alternatives)
            self.pending_or = None
            return
        group = list(alternatives)
        self.groups.append(group)
        self.joinable = group

    def before_other(self, at: int) -> None:
        """Something that is not a word or group: an OR cannot take it, and cannot reach past it."""
        if self.pending_or is not None:
            raise self.fail(self.pending_or, "OR", "needs a word or a (group) after it, not a qualifier or exclusion")
        self.joinable = None

    # -- words and groups ----------------------------------------------------

    def term(self) -> _Term:
        at = self.i
        if self.text[at] in _QUOTES:
            end = next((j for j in range(at + 1, len(self.text)) if self.text[j] in _QUOTES), -1)
            if end < 0:
                raise self.fail(at, self.text[at:], "has no closing quote")
            self.i = end + 1
            phrase = " ".join(self.text[at + 1 : end].split())
            if not phrase:
                raise self.fail(at, self.text[at : end + 1], "is empty: put a word between the quotes")
            return _Term(phrase, at, True)
        j = at
        while j < len(self.text) and self.text[j] not in _STOP and not self.text[j].isspace():
            if self.text[j] in _CLOSE and self.in_group:
                break
            j += 1
        self.i = j
        return _Term(self.text[at:j], at, False)

    in_group = False

    def group(self, opened: int) -> list[str]:
        alternatives: list[str] = []
        expect_word = True
        self.in_group = True
        try:
            while True:
                self.skip_space()
                if self.i >= len(self.text):
                    raise self.fail(opened, self.text[opened], "opens a group that is never closed")
                at, char = self.i, self.text[self.i]
                if char in _CLOSE:
                    if not alternatives or expect_word:
                        raise self.fail(at, char, "ends a group without a word after its last OR or (")
                    self.i += 1
                    return alternatives
                if self.is_or(char):
                    if expect_word:
                        raise self.fail(at, self.or_text(), "needs a word before it")
                    self.i += len(self.or_text())
                    expect_word = True
                    continue
                if char in _OPEN:
                    raise self.fail(at, char, "opens a group inside a group; write (a OR b OR c)")
                if not expect_word:
                    raise self.fail(at, self.peek_word(), "needs an OR before it: (整租 OR 合租)")
                if char in "-－":
                    raise self.fail(at, self.peek_word(), "cannot be left out inside a group")
                term = self.term()
                if not term.quoted and _NAMED.match(term.text):
                    raise self.fail(at, term.text, "is a qualifier: put it outside the group")
                self.check_length(term)
                alternatives.append(term.text)
                expect_word = False
        finally:
            self.in_group = False

    def peek_word(self) -> str:
        word = self.text[self.i :].split(maxsplit=1)[0]
        return re.split(f"[{_CLOSE}]", word, maxsplit=1)[0] or word

    def check_length(self, term: _Term) -> None:
        if len(term.text) < 2 and not term.quoted:
            raise self.fail(
                term.at,
                term.text,
                f'is one character: words need two or more (quote it, "{term.text}", to look for it anyway)',
            )

    # -- qualifiers ----------------------------------------------------------

    def qualifier(self, term: _Term, name: str, value: str, negated: bool, *, start: int) -> None:
        shown = self.text[start : self.i]
        field = QUALIFIERS.get(name.casefold())
        if field is None:
            near = difflib.get_close_matches(name.casefold(), QUALIFIERS, n=1)
            hint = f"; did you mean {near[0]}:?" if near else f'; quote it to look for the text ("{term.text}")'
            raise self.fail(start, shown, f"is not a qualifier{hint}")
        self.before_other(start)
        value_at = term.at + len(name) + 1
        if not value and self.i < len(self.text) and self.text[self.i] in _QUOTES:
            value = self.term().text  # city:"New York"
            shown = self.text[start : self.i]
        if not value:
            raise self.fail(start, shown, f"needs a value, like {EXAMPLES[field]}")
        if negated and field != "is":
            raise self.fail(start, shown, "cannot be left out: only words and is:gone can")
        if field in ("city", "category"):
            self.places[field].extend(p for p in (x.strip() for x in value.split(",")) if p)
        elif field == "sort":
            self.read_sort(value, value_at, shown, start)
        elif field == "is":
            if value.casefold() != "gone":
                raise self.fail(value_at, value, "is not something is: knows; is:gone is")
            self.gone = not negated
        else:
            if field in self.limits:
                raise self.fail(start, shown, f"is the second {name}: give one range, like {EXAMPLES[field]}")
            limit = read_limit(field, value, self.now)
            if isinstance(limit, str):
                raise self.fail(value_at, value, f"{limit} (like {EXAMPLES[field]})")
            self.limits[field] = limit

    def read_sort(self, value: str, at: int, shown: str, start: int) -> None:
        if self.sort:
            raise self.fail(start, shown, "is the second sort: give one")
        key = value.casefold().lstrip("-")
        if key not in SORTS:
            near = difflib.get_close_matches(key, SORTS, n=1)
            hint = f"; did you mean sort:{'-' if value.startswith('-') else ''}{near[0]}?" if near else ""
            raise self.fail(at, value, f"is not something sort: knows ({', '.join(SORTS)}){hint}")
        self.sort = ("-" if value.startswith("-") else "") + key


def parse_query(text: str, *, now: float | None = None) -> Query:
    """``text`` as a ``Query``; ``now`` (epoch seconds) is what ``posted:<7d`` counts back from."""
    return _Parser(text, time.time() if now is None else now).parse()
