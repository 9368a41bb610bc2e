"""A page saved to a file (``read FILE``, ``list FILE``, ``profile check FILE``):
it enters the reading path after the fetch step, decoded as a browser would
and parsed like a fetched page, and is never cached."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader import errors

if TYPE_CHECKING:
    from tui_reader.models import Article, Decoded, Listing, Page
    from tui_reader.sites import SiteProfile

__all__ = ["read_saved_page", "saved_article", "saved_listings"]


def read_saved_page(target: str) -> tuple[Decoded, str]:
    """A saved page decoded, with how its charset was chosen, and its file:// URL."""
    from tui_reader.fetch import decode_html_explained

    path = Path(target).expanduser()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise errors.ReaderError(f"cannot read {path}: {exc.strerror}") from None
    return decode_html_explained(raw, None), path.resolve().as_uri()


def saved_article(target: str, profile: SiteProfile, base_url: str | None = None) -> Article:
    """The article in a saved file; its links resolve against ``base_url`` when given."""
    from tui_reader.sites import read_article

    decoded, url = read_saved_page(target)
    return read_article(decoded.text, base_url or url, profile)


def saved_listings(target: str, profile: SiteProfile, base_url: str | None = None) -> Page[Listing]:
    """The list rows of a saved list page; links resolve against ``base_url`` when given."""
    from tui_reader.sites import read_listings

    decoded, url = read_saved_page(target)
    return read_listings(decoded.text, base_url or url, profile)
