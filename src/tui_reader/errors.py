"""The one exception tree of tui-reader.

Every failure a user can meet is a ``ReaderError`` whose ``str()`` is a single
sentence fit to show as is (status line, stderr). Code above the client layer
catches ``ReaderError`` and never shows a traceback.

    ReaderError
    ├── FetchError            the portal could not be read
    │   ├── Timeout           no answer within the read timeout or total deadline
    │   ├── ConnectError      nothing listening / DNS / refused
    │   ├── HTTPStatusError   4xx / 5xx answer (``status_code``)
    │   ├── TooLarge          body larger than the byte cap (after decompression)
    │   ├── TooManyRedirects  redirect chain longer than allowed
    │   ├── Blocked           refused by policy: robots.txt, other host, bad scheme
    │   └── BadContent        wrong content type, truncated body
    ├── ParseError            the page did not look like the profile expects
    │   └── WrongPageKind     the page is another kind than asked for (``kind``:
    │                         "listing", "index", "article"); ``read`` of a list page
    ├── RefusedPage           the portal answered with a captcha, a login wall, a
    │                         "not found" page served as 200, or an empty script
    │                         shell (``kind``): never cached, never shown as content
    ├── ProfileError          a site profile is missing or malformed
    ├── ConfigError           config.toml is malformed (names file and line)
    ├── CacheError            the local database cannot be read or written
    ├── OfflineMiss           offline, and the cache has nothing for this request
    ├── QueryError            a search query that cannot be read (``at``: where)
    ├── BadImage              a photo that is not shown: not a picture, too large,
    │                         cut short or damaged (``sites.images.vet_image``)
    └── NotFound              a city / category name the user typed does not exist
"""

from __future__ import annotations


class ReaderError(Exception):
    """Base of every error tui-reader raises on purpose."""


class FetchError(ReaderError):
    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class Timeout(FetchError):
    pass


class ConnectError(FetchError):
    pass


class HTTPStatusError(FetchError):
    def __init__(self, message: str, *, url: str | None = None, status_code: int = 0) -> None:
        super().__init__(message, url=url)
        self.status_code = status_code


class TooLarge(FetchError):
    pass


class TooManyRedirects(FetchError):
    pass


class Blocked(FetchError):
    pass


class BadContent(FetchError):
    pass


class ParseError(ReaderError):
    pass


class WrongPageKind(ParseError):
    def __init__(self, message: str, *, kind: str, url: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.url = url


class RefusedPage(ReaderError):
    """The portal served a page that is not content: ``kind`` is one of
    "captcha", "login", "not-found", "js-only"."""

    def __init__(self, message: str, *, kind: str, url: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.url = url


class ProfileError(ReaderError):
    pass


class ConfigError(ReaderError):
    pass


class CacheError(ReaderError):
    pass


class OfflineMiss(ReaderError):
    pass


class ChooserElsewhere(ReaderError):
    """The home page names no cities itself but links to a chooser ("切换城市"): read that.

    Not a ParseError, so the client's cache-or-network step lets it through
    instead of serving the cache in its place. Here, not with the page readers
    that raise it, so the client can tell it from a cache miss without loading them."""

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message)
        self.url = url


class NotFound(ReaderError):
    pass


class BadImage(ReaderError):
    """A photo's bytes that are not shown: the sentence says why ("the photo is cut short")."""


class QueryError(ReaderError):
    """A search the user typed cannot be read; ``at`` is where (0-based), for pointing at it."""

    def __init__(self, message: str, *, at: int = 0) -> None:
        super().__init__(message)
        self.at = at
