"""robots.txt rules per site (private to ``fetch``).

``urllib.robotparser.RobotFileParser.read()`` downloads with urllib: no
timeout, no size cap, none of our politeness or host policy. So ``fetch``
downloads the file with its own client and this module only turns the
outcome into rules, following RFC 9309:

- 2xx: the rules in the file (the first ``ROBOTS_MAX_BYTES``; bytes that are
  not UTF-8 are replaced, never fatal);
- 4xx, or a redirect we will not follow: no rules, everything allowed;
- 5xx, timeout, no connection: the site may be in trouble, so nothing is
  allowed until a later session asks again.

No network and no httpx here: ``RobotsCache`` is given a coroutine that does
the download.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

__all__ = ["ROBOTS_MAX_BYTES", "RobotsCache", "RobotsFetch", "Rules", "rules_from"]

ROBOTS_MAX_BYTES = 512 * 1024
"""RFC 9309 asks crawlers to read at least 500 KiB; the rest is ignored."""


@dataclass(frozen=True)
class RobotsFetch:
    """What the download of one robots.txt gave."""

    status: int | None
    """HTTP status, or None when there was no answer (timeout, no connection)."""
    body: bytes = b""


class Rules:
    """The verdicts of one site's robots.txt."""

    def __init__(self, parser: RobotFileParser | None, *, allow_all: bool = False) -> None:
        self._parser = parser
        self._allow_all = allow_all

    @classmethod
    def everything(cls) -> Rules:
        return cls(None, allow_all=True)

    @classmethod
    def nothing(cls) -> Rules:
        return cls(None, allow_all=False)

    def allows(self, agent: str, url: str) -> bool:
        if self._parser is None:
            return self._allow_all
        try:
            return self._parser.can_fetch(agent, url)
        except (ValueError, TypeError, UnicodeError):
            # The stdlib parser has corners that raise on odd input; a file
            # we cannot apply is treated like no file.
            return True


def rules_from(fetched: RobotsFetch) -> Rules:
    status = fetched.status
    if status is None or status >= 500:
        return Rules.nothing()
    if not 200 <= status < 300:
        return Rules.everything()
    text = fetched.body.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = text.splitlines()
    if len(fetched.body) >= ROBOTS_MAX_BYTES and lines:
        lines.pop()  # the last line was cut by the cap; half a rule is no rule
    parser = RobotFileParser()
    try:
        parser.parse(lines)
    except (ValueError, TypeError, UnicodeError):
        return Rules.everything()
    return Rules(parser)


class RobotsCache:
    """One ``Rules`` per origin, downloaded once; concurrent askers share the download."""

    def __init__(self, download: Callable[[str], Awaitable[RobotsFetch]]) -> None:
        self._download = download
        self._rules: dict[str, Rules] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def rules(self, origin: str) -> Rules:
        """``origin`` is "scheme://host[:port]" without a trailing slash."""
        found = self._rules.get(origin)
        if found is not None:
            return found
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            found = self._rules.get(origin)
            if found is None:
                found = self._rules[origin] = rules_from(await self._download(origin + "/robots.txt"))
        return found
