"""Where an image element's picture really is, and when two addresses are one picture.

Portals lazy-load their photos: the ``src`` a page is served with is a
placeholder (a spacer or "loading" gif, a grey ``data:`` pixel, "noimg.gif")
and a script swaps the real address in from another attribute when the
picture scrolls into view. Which attribute is each portal's choice —
``data-src``, ``data-original``, ``data-lazy-src``, ``lazy_src``, ``file``,
or one nobody documents (58's detail pages use ``ref``) — so the known names
are tried first, then ``srcset`` (its largest candidate), then ``src`` unless
it is a placeholder, then any other attribute whose value is an image
address. Backgrounds are read from ``data-bg``-style attributes and from a
``background-image: url(…)`` in the style.

Only http(s) addresses leave this module: ``javascript:``, ``data:``,
``file:`` and addresses no URL can be made of are refused, never raised on.
The same picture is served in several sizes ("….jpg_180x180", "/small/",
"?w=294&h=220"): :func:`photo_key` names the picture whatever its size, and
:func:`bigness` says which variant is the larger.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

if TYPE_CHECKING:
    # Types only: ``photo_key`` is used where no page is parsed (the client, on
    # an article from the cache), which need not load the HTML parser.
    from selectolax.lexbor import LexborNode

__all__ = ["ImageAddress", "bigness", "clean_url", "image_address", "photo_key", "url_words"]

ImageAddress = tuple[str, int]
"""An absolute image URL and how large the page says it is (0 when it does not)."""

MAX_URL = 2_048
"""Characters of an image address; a longer one is refused (no real photo has one)."""

# Tried in this order: the larger variant's attribute before the smaller's.
_LAZY_ATTRIBUTES = (
    "data-zoom-image",
    "zoomfile",
    "data-large",
    "data-full",
    "data-big",
    "data-original",
    "data-original-src",
    "data-origin",
    "data-src",
    "data-lazy-src",
    "data-lazy",
    "data-lazyload",
    "data-actualsrc",
    "data-echo",
    "data-img",
    "data-image",
    "data-url",
    "lazy_src",
    "lazy-src",
    "lazysrc",
    "original",
    "file",
)
_SRCSET_ATTRIBUTES = ("data-srcset", "data-lazy-srcset", "srcset")
_BACKGROUND_ATTRIBUTES = ("data-bg", "data-background", "data-background-image", "data-bg-src")
# Never an image address, whatever their value looks like.
_NOT_ADDRESS = frozenset(
    "src alt title class id style width height href srcset sizes loading decoding usemap longdesc "
    "onclick onload onerror target rel".split()
)
_NOT_ADDRESS_WORDS = re.compile(r"href|link|jump|target|click|track|log|report", re.I)

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_IMAGE_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp|avif|heic)(?=$|[^a-z0-9])", re.I)
_PAGE_EXTENSION = re.compile(r"\.(?:s?html?|php|aspx?|jsp|do|js|css|json)$", re.I)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.I | re.S)
_WORD = re.compile(r"[A-Za-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
# Words of a placeholder's file name: what lazy loaders show until the real picture comes.
_PLACEHOLDER_WORDS = frozenset(
    "placeholder spacer blank loading loader lazy lazyload noimg nopic nophoto noimage nopicture "
    "grey gray transparent pixel empty spacer".split()
)


def url_words(url: str) -> set[str]:
    """Lower-case words of an address's path: "/img/refashion/logo_baixing.png" →
    {"img", "refashion", "logo", "baixing", "png"} ("noImg" → "no", "img", "noimg")."""
    path = urlsplit(url).path if "//" in url[:12] else url
    words: set[str] = set()
    for token in re.split(r"[/_\-.@!,=&?]+", path):
        if not token:
            continue
        words.add(token.lower())
        words.update(w.lower() for w in _WORD.findall(_CAMEL.sub(" ", token)))
    return words


def is_placeholder(value: str) -> bool:
    """An empty, inline (``data:``) or stand-in ``src``: what a lazy loader replaces."""
    value = value.strip()
    if not value or _SCHEME.match(value) and not value.lower().startswith(("http:", "https:")):
        return True
    name = value.split("?", 1)[0].rsplit("/", 1)[-1]
    return bool(url_words(name) & _PLACEHOLDER_WORDS)


def clean_url(value: str, base: str) -> str | None:
    """``value`` as an absolute http(s) address against ``base``, or None when it is
    not one (another scheme, a malformed host or port, control characters, too long)."""
    value = value.strip().replace("\n", "").replace("\r", "").replace("\t", "")
    if not value or value.startswith("#") or _CONTROL.search(value):
        return None
    scheme = _SCHEME.match(value)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        return None
    try:
        parts = urlsplit(urljoin(base, value.replace(" ", "%20")))
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a port that is no number
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    url = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
    return url if len(url) <= MAX_URL else None


def _usable(value: str | None, base: str, *, any_name: bool = False) -> str | None:
    """The image address in an attribute's value, or None (a page, not a picture)."""
    if not value:
        return None
    value = value.strip()
    if any_name and not (value.startswith(("http://", "https://", "//", "/")) or _IMAGE_EXTENSION.search(value)):
        return None
    path = value.split("?", 1)[0].split("#", 1)[0]
    if _PAGE_EXTENSION.search(path) or is_placeholder(value):
        return None
    return clean_url(value, base)


def srcset_candidates(srcset: str) -> list[tuple[str, float]]:
    """(URL, size) for each candidate of a ``srcset`` ("a.jpg 480w, b.jpg 2x"), as the
    HTML standard splits it: a URL is a run of non-space characters (commas inside kept)."""
    found: list[tuple[str, float]] = []
    position, length = 0, len(srcset)
    while position < length:
        while position < length and (srcset[position].isspace() or srcset[position] == ","):
            position += 1
        start = position
        while position < length and not srcset[position].isspace():
            position += 1
        url = srcset[start:position]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            comma = srcset.find(",", position)
            end = length if comma < 0 else comma
            descriptor, position = srcset[position:end].strip(), end
        if url:
            found.append((url, _descriptor_size(descriptor)))
    return found


def _descriptor_size(descriptor: str) -> float:
    match = re.match(r"^([\d.]+)\s*([wxh])$", descriptor.strip(), re.I)
    if match is None:
        return 1.0
    try:
        number = float(match.group(1))
    except ValueError:
        return 1.0
    return number if match.group(2).lower() != "x" else number * 1000  # 2x beats any width a page gives


def _largest(srcset: str | None, base: str) -> ImageAddress | None:
    best: ImageAddress | None = None
    best_size = -1.0
    for candidate, size in srcset_candidates(srcset or ""):
        url = _usable(candidate, base)
        if url is not None and size > best_size:
            best, best_size = (url, int(size)), size
    return best


def image_address(node: LexborNode, base: str) -> ImageAddress | None:
    """Where the picture an ``<img>`` (or an element with a background) shows really is."""
    attributes = node.attributes
    if node.tag != "img":
        for name in _BACKGROUND_ATTRIBUTES:
            url = _usable(attributes.get(name), base)
            if url is not None:
                return url, 0
        return _background(attributes.get("style") or "", base)
    for name in _LAZY_ATTRIBUTES:
        url = _usable(attributes.get(name), base)
        if url is not None:
            return url, 0
    for name in _SRCSET_ATTRIBUTES:
        found = _largest(attributes.get(name), base)
        if found is not None:
            return found
    parent = node.parent
    if parent is not None and parent.tag == "picture":
        for source in parent.css("source"):
            found = _largest(source.attributes.get("srcset") or source.attributes.get("data-srcset"), base)
            if found is not None:
                return found
    src = attributes.get("src") or ""
    url = _usable(src, base)
    if url is not None:
        return url, 0
    # A placeholder src and the real address in an attribute of the portal's own naming.
    for name, value in attributes.items():
        if name.lower() in _NOT_ADDRESS or _NOT_ADDRESS_WORDS.search(name):
            continue
        url = _usable(value, base, any_name=True)
        if url is not None:
            return url, 0
    return None


def _background(style: str, base: str) -> ImageAddress | None:
    if "url(" not in style.lower():
        return None
    for match in _CSS_URL.finditer(style[:4_000]):
        url = _usable(match.group(2), base)
        if url is not None:
            return url, 0
    return None


# --- one picture, several sizes ------------------------------------------------------------

_AFTER_EXTENSION = re.compile(r"^(.*?\.(?:jpe?g|png|gif|webp|bmp|avif|heic))[^/]*$", re.I)
_SIZE_IN_NAME = re.compile(
    r"[_\-@](?:\d{2,5}[x_*]\d{2,5}|[wh]\d{2,5}|\d{2,5}[wh]|\d(?:\.\d)?x|thumb|thumbnail|small|big|large|medium|middle)$",
    re.I,
)
_SIZE_FOLDER = re.compile(
    r"^(?:\d{2,5}[x_*]\d{2,5}|[wh]_?\d{2,5}|thumbs?|thumbnails?|small|big|large|medium|middle|origin|original|"
    r"orig|s|m|l|b)$",
    re.I,
)
_SIZE_PARAMS = frozenset(
    "w h width height crop q quality size s fit resize format fm auto dpr wt imageslim thumbnail".split()
)
_SIZE_PARAM_PREFIXES = ("x-oss-process", "imageview", "imagemogr", "x-image-process")
_DIMENSIONS = re.compile(r"(?<![0-9])(\d{2,5})[x_*](\d{2,5})(?![0-9])")


def photo_key(url: str) -> str:
    """A name for the picture at ``url`` that its other sizes share: host shard
    numbers, size folders and suffixes, and size parameters left out."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    first, _, rest = host.partition(".")
    host = f"{first.rstrip('0123456789')}.{rest}" if rest else host
    folders = parts.path.split("/")
    name = folders.pop() if folders else ""
    kept_folders = [f for f in folders if not _SIZE_FOLDER.match(f)]
    whole = _AFTER_EXTENSION.match(name)
    if whole is not None:
        name = whole.group(1)
    stem, dot, extension = name.rpartition(".")
    if dot:
        stem = _SIZE_IN_NAME.sub("", stem)
        name = f"{stem}.{extension.lower()}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _SIZE_PARAMS and not k.lower().startswith(_SIZE_PARAM_PREFIXES)
    )
    tail = "&".join(f"{k}={v}" for k, v in query)
    return f"{host}{'/'.join(kept_folders)}/{name}?{tail}"


_UNKNOWN_SIZE = 10_000_000
"""How large an address that states no size is taken to be: the original, larger than a stated thumbnail."""


def bigness(url: str, stated: int = 0) -> int:
    """How large the picture at ``url`` is, as far as the address (or a ``srcset``) says."""
    if stated:
        return stated * stated if stated < 100_000 else stated
    parts = urlsplit(url)
    query = {k.lower(): v for k, v in parse_qsl(parts.query)}
    width, height = query.get("w") or query.get("width"), query.get("h") or query.get("height")
    if width and width.isdigit():
        return int(width) * int(height if height and height.isdigit() else width)
    found = _DIMENSIONS.findall(parts.path)
    if found:
        width_text, height_text = found[-1]
        return int(width_text) * int(height_text)
    words = url_words(parts.path)
    if words & {"thumb", "thumbnail", "small", "s", "middle", "medium"}:
        return 1
    return _UNKNOWN_SIZE
