"""Frozen data every layer passes around: ``City``, ``Category``, ``Listing``,
``Article`` (with its ``facts`` and body ``blocks``), ``Page``, ``PageKind``,
``Sourced`` (where a value came from, and when), ``SearchHit``, ``Decoded``,
``Group`` (a post and its reposts, from ``collapse``) and the hunting values
(``WatchInfo``, ``WatchHit``, ``Kill``, bookmark statuses).

Imports nothing of the project but ``errors``; values only, no I/O.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.faces import lazy_exports

if TYPE_CHECKING:
    from .article import Article, Photo
    from .blocks import (
        Block,
        Heading,
        Image,
        Inline,
        Link,
        ListBlock,
        Paragraph,
        Quote,
        TableBlock,
        block_inlines,
        inline_text,
        join_runs,
        plain_paragraphs,
        relink,
    )
    from .content import (
        REFUSED_KINDS,
        Category,
        City,
        Listing,
        Page,
        PageKind,
        Sourced,
        page_of_listings_from_dict,
        page_of_listings_to_dict,
        utcnow,
    )
    from .decoded import Declared, Decoded
    from .fields import contact_spans, field_meaning, phones_in
    from .hits import SearchHit
    from .hunting import (
        BOOKMARK_STATUSES,
        KILL_KINDS,
        Kill,
        WatchHit,
        WatchInfo,
        check_bookmark_status,
        check_kill,
    )
    from .likeness import Group, collapse, fingerprint
    from .measures import Measures, PricePoint, measures_of
    from .money import Money, is_obfuscated, money_in
    from .query import MEASURED, SORTS, Limit, Query

_WHERE = {
    "Article": ".article",
    "BOOKMARK_STATUSES": ".hunting",
    "KILL_KINDS": ".hunting",
    "Kill": ".hunting",
    "WatchHit": ".hunting",
    "WatchInfo": ".hunting",
    "check_bookmark_status": ".hunting",
    "check_kill": ".hunting",
    "Block": ".blocks",
    "Category": ".content",
    "City": ".content",
    "Declared": ".decoded",
    "Decoded": ".decoded",
    "Group": ".likeness",
    "Heading": ".blocks",
    "Image": ".blocks",
    "Inline": ".blocks",
    "Link": ".blocks",
    "ListBlock": ".blocks",
    "Listing": ".content",
    "Page": ".content",
    "PageKind": ".content",
    "Photo": ".article",
    "Measures": ".measures",
    "Money": ".money",
    "Paragraph": ".blocks",
    "PricePoint": ".measures",
    "Query": ".query",
    "Limit": ".query",
    "MEASURED": ".query",
    "SORTS": ".query",
    "Quote": ".blocks",
    "REFUSED_KINDS": ".content",
    "SearchHit": ".hits",
    "Sourced": ".content",
    "TableBlock": ".blocks",
    "inline_text": ".blocks",
    "block_inlines": ".blocks",
    "join_runs": ".blocks",
    "page_of_listings_from_dict": ".content",
    "page_of_listings_to_dict": ".content",
    "contact_spans": ".fields",
    "field_meaning": ".fields",
    "collapse": ".likeness",
    "fingerprint": ".likeness",
    "is_obfuscated": ".money",
    "measures_of": ".measures",
    "money_in": ".money",
    "phones_in": ".fields",
    "plain_paragraphs": ".blocks",
    "relink": ".blocks",
    "utcnow": ".content",
}

__all__ = [
    "Limit",
    "MEASURED",
    "SORTS",
    "Article",
    "BOOKMARK_STATUSES",
    "KILL_KINDS",
    "Kill",
    "WatchHit",
    "WatchInfo",
    "check_bookmark_status",
    "check_kill",
    "Block",
    "Category",
    "City",
    "Declared",
    "Decoded",
    "Group",
    "Heading",
    "Image",
    "Inline",
    "Link",
    "ListBlock",
    "Listing",
    "Measures",
    "Money",
    "Page",
    "PageKind",
    "Photo",
    "Paragraph",
    "PricePoint",
    "Query",
    "Quote",
    "REFUSED_KINDS",
    "SearchHit",
    "Sourced",
    "TableBlock",
    "inline_text",
    "block_inlines",
    "join_runs",
    "page_of_listings_from_dict",
    "page_of_listings_to_dict",
    "contact_spans",
    "field_meaning",
    "collapse",
    "fingerprint",
    "is_obfuscated",
    "measures_of",
    "money_in",
    "phones_in",
    "plain_paragraphs",
    "relink",
    "utcnow",
]

__getattr__ = lazy_exports(__name__, _WHERE)
