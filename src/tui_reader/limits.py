"""Every limit in one place: what the fetch layer is configured with and answers with
(re-exported by ``fetch``), and how much of a page ``sites`` reads (``ParseLimits``), and how big a photo may be (``ImageLimits``).

Each group of limits is one NamedTuple, so a caller sees every default in one place. Not a
frozen dataclass: the first article loads this module, and a dataclass costs a compile of
each method it generates (about 0.5 ms a class).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "IMAGE_LIMITS",
    "PARSE_LIMITS",
    "PHOTO_REPEATS",
    "FetchLimits",
    "ImageLimits",
    "ParseLimits",
    "PhotoBytes",
    "Response",
]


class FetchLimits(NamedTuple):
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_deadline: float = 30.0
    """Seconds for a whole download (all redirects, retries, headers and
    body), counted from the moment the request gets its per-host slot."""
    max_bytes: int = 8 * 1024 * 1024
    """Largest body accepted, after decompression."""
    max_redirects: int = 5
    per_host_concurrency: int = 4
    per_host_delay: float = 0.0
    """Seconds between the starts of two requests to the same host."""
    max_retries: int = 2
    """Extra attempts after a 429 or 503 answer (GET only)."""
    retry_transient: bool = False
    """Also retry (within ``max_retries``) a 500, 502 or 504 answer and a body cut off
    mid-way. A sync sets it: one flaky answer should not cost it a page, and it has
    the time; a reader would rather see the failure at once and reload."""
    retry_backoff: float = 0.5
    """First backoff step in seconds when the server gives no usable Retry-After."""
    max_retry_wait: float = 60.0
    """Longest wait before a retry, whatever Retry-After asks; a wait that
    would end past the total deadline is not started at all."""


class Response(NamedTuple):
    url: str
    """The final URL, after redirects."""
    status: int
    """200 (or another 2xx), or 304 when a conditional request found the page unchanged."""
    text: str | None
    """The decoded page; None on 304."""
    encoding: str | None
    etag: str | None
    last_modified: str | None
    elapsed: float
    """Seconds from getting the host slot to having the whole body."""


class PhotoBytes(NamedTuple):
    """A photo as it came (``Fetcher.get_photo``): bytes, not yet looked at."""

    url: str
    """The final URL, after redirects."""
    data: bytes
    """The body, decompressed, at most the photo byte cap."""
    declared_type: str | None
    """The media type the server named (``Content-Type`` without parameters), or None.
    Only ever quoted: the bytes say what the photo is (``sites.vet_image``)."""
    elapsed: float
    """Seconds from getting the host slot to having the whole body."""


class ParseLimits(NamedTuple):
    """How much of one page is read: the bounds every page's reading stays within.

    A page under the fetch cap (``FetchLimits.max_bytes``) can still cost
    minutes and gigabytes to read: 200,000 nested ``<div>`` make the HTML
    parser itself quadratic, a 2,000-row table or 180,000 links make every
    walk over the page slow. ``sites`` applies these bounds once, before and
    right after parsing (``sites.bounds``), and on what it reads (tables,
    links, text); each bound that bites leaves a note on the article
    (``Article.cuts``: "table cut to 500 rows of 2,000") instead of a hang.
    Real portal pages stay well inside every one of them.
    """

    max_tags: int = 60_000
    """Tags (start and end) read from one page; past them the page is cut off, as if it
    ended there. A big real list page has about 20,000."""
    max_depth: int = 120
    """Nesting of elements (div, ul, table, span, …; not p, cells or void ones); deeper
    ones are unwrapped, their content kept in place: the page is shown flattened. The
    body's structure is read flat below this depth too. Real pages nest 20–40 deep."""
    max_children: int = 2_000
    """Elements directly inside one element (paragraphs of a body, links of a paragraph, rows
    of a list); past them their tags are dropped and their text read plain. The extractor's
    work grows faster than their number; a city chooser has a few thousand links in one box."""
    max_run_text: int = 100_000
    """Characters of one run of text between two tags (a 2.5-million-character paragraph,
    a <pre> of a whole log); the rest of the run is left out."""
    max_page_text: int = 1_000_000
    """Characters of text on one page, all runs together; past them the page is cut off."""
    max_scanned: int = 20_000
    """Elements the facts and contacts scans visit on one page (after the cuts above)."""
    max_attributes: int = 100
    """Attributes kept on one element; the HTML parser's work grows with their square."""
    max_table_rows: int = 500
    """Rows of one table shown (and read for facts)."""
    max_table_cells: int = 50
    """Cells of one table row shown."""
    max_links: int = 5_000
    """Links discovery considers on one page (rows, pager, cities, categories); a city chooser
    has a few thousand."""
    max_article_links: int = 1_000
    """Numbered links of one article body (each is checked and made canonical); the text of
    links past them stays, unlinked. A real article has a few dozen."""
    max_text: int = 200_000
    """Characters of an article's body text; a longer one is cut at a paragraph or, if
    one paragraph is longer, inside it."""
    max_paragraphs: int = 5_000
    """Blocks (paragraphs, headings, lists, tables, pictures) of one article body."""
    max_title: int = 500
    """Characters of a title."""
    max_photos: int = 60
    """Photos kept for one article; a real listing shows a few dozen at most."""
    max_images: int = 1_000
    """Image elements (``<img>``, backgrounds) looked at on one page when finding its photos
    (about a quarter of a millisecond each); a real article page has under a hundred."""


PARSE_LIMITS = ParseLimits()
"""The limits ``sites`` applies to every page."""


class ImageLimits(NamedTuple):
    """How big a photo may be before it is refused (``sites.images.vet_image``).

    Both caps are checked before a pixel is decoded: the bytes as they came, the
    pixels from the image's header. A decompression bomb (a few kilobytes that
    declare 60000×60000 pixels) is refused as fast and with as little memory
    as any small photo. A decoded photo of ``max_pixels`` takes about 160 MB
    (RGBA); a real listing photo has 0.3 to 12 megapixels.
    """

    max_bytes: int = 8 * 1024 * 1024
    """Bytes of one photo file; a phone's full-size JPEG has 2 to 6 MiB."""
    max_pixels: int = 40_000_000
    """Pixels (width × height) of one photo, as its header declares them."""
    strip_ratio: float = 20.0
    """A photo longer than this many times its width (or the other way round) is still
    shown, with a note: squeezed into a terminal pane, a 20000×20 strip is a line."""


IMAGE_LIMITS = ImageLimits()
"""The limits every photo is vetted against."""


PHOTO_REPEATS = 3
"""A picture that this many other cached articles of the same site list among their
photos is the site's (its logo, a "safety tips" banner placed in every article body),
not the listing's: it is left out of the article's photos. A listing's own photo is
in one article, or in a few when the same listing is posted again; 3 others is more
than a repost makes and few enough that a banner is known after a page of articles."""
