"""Whether two listings are the same post: a fingerprint of their text that
survives small rewordings, and the grouping of a list of hits into posts, so
a listing reposted in twelve cities shows as one row "also in 12 places".

The fingerprint is a 64-bit SimHash (Charikar) over character pairs: each
distinct shingle of the normalised text votes with its 64-bit hash, and bit
``i`` of the fingerprint is set when most of the votes for bit ``i`` were 1.
Texts that share most shingles get fingerprints a few bits apart, so near
duplicates are found by Hamming distance, and in bulk by banding (four 16-bit
bands: two fingerprints at most three bits apart agree on a whole band).

Shingles of characters, not words: Chinese has no spaces, and a word
segmenter would cost more than the whole fingerprint. Pairs, not 3-grams, and
digits weighing as much as words: both chosen by benchmarks/repost_collapse.py.
Pairs are nearer to Chinese words and survive rewording better; weighing
digits down lost more precision (two flats of one agent's template differ
mostly in their numbers: area, floor, price) than it won recall on reposts
with a new price.

No library fits: ``simhash`` (PyPI) hashes every feature with md5 and sums
bits in a 64-step Python loop per feature (about ten times slower than the
budget here); the compiled ones are unmaintained or want numpy. Here each
shingle's hash is spread once into a 64-field integer (cached per process)
and all fields are summed by plain integer addition, so a 1–2 KB article
costs about a tenth of a millisecond.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from hashlib import blake2b
from typing import TYPE_CHECKING

from .fields import normalize_text

if TYPE_CHECKING:
    from .hits import SearchHit

__all__ = ["BAND_BITS", "NEAR_BITS", "Group", "collapse", "distance", "fingerprint"]

SHINGLE = 2
NEAR_BITS = 3
"""Fingerprints at most this many bits apart are the same post (tuned by benchmarks/repost_collapse.py)."""
BAND_BITS = 16
"""Width of the bands fingerprints are bucketed by: 64 / 16 = 4 bands > NEAR_BITS, so no near pair is missed."""
_TEXT_LIMIT = 6000
"""Characters fingerprinted: past the first few thousand an article is boilerplate, and the cost is per character."""

# Each of the 64 bits votes in its own 16-bit field of one big integer, so the
# votes of all shingles add up with integer addition; field 64 counts the
# shingles. A field holds up to 65535, more than _TEXT_LIMIT has shingles.
_FIELD = 16
_SPREAD_BYTE = [sum(((b >> i) & 1) << (_FIELD * i) for i in range(8)) for b in range(256)]
_CACHE_LIMIT = 200_000

# Whitespace, punctuation and symbols say nothing about the post ("_" is a word
# character to ``re``, so it is named).
_NOT_WORD = re.compile(r"[\W_]+")
_WIDE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")  # full-width digits and letters
_spread_cache: dict[str, int] = {}


def _spread(shingle: str) -> int:
    """The shingle's 64-bit hash with each bit in its own field, and a 1 in field 64
    (so the sum also says how many voted).

    blake2b, not ``hash()``: Python's string hash is salted per process, and a
    fingerprint is stored and compared across processes."""
    digest = blake2b(shingle.encode(), digest_size=8).digest()
    spread = 0
    for place, byte in enumerate(digest):
        spread |= _SPREAD_BYTE[byte] << (_FIELD * 8 * place)
    spread |= 1 << (_FIELD * 64)
    if len(_spread_cache) >= _CACHE_LIMIT:
        _spread_cache.clear()  # a sync of many categories should not grow it forever
    _spread_cache[shingle] = spread
    return spread


def _shingles(text: str) -> set[str]:
    flat = _NOT_WORD.sub("", text[:_TEXT_LIMIT])
    if _WIDE.search(flat):  # translating costs more than all the rest, and is rarely needed once punctuation is gone
        flat = normalize_text(flat)
    flat = flat.casefold()
    if len(flat) <= SHINGLE:
        return {flat} if flat else set()
    return {flat[i : i + SHINGLE] for i in range(len(flat) - SHINGLE + 1)}


def fingerprint(text: str) -> int:
    """A 64-bit similarity fingerprint of ``text`` as a signed integer (what SQLite stores);
    near-identical texts get fingerprints a few bits apart. Text without a letter or digit gives 0."""
    shingles = _shingles(text)
    if not shingles:
        return 0
    cached = _spread_cache.get
    total = sum([cached(shingle) or _spread(shingle) for shingle in shingles])
    votes = memoryview(total.to_bytes(_FIELD // 8 * 65, "little")).cast("H")
    half = votes[64] / 2
    value = sum(1 << bit for bit in range(64) if votes[bit] > half)
    return value - (1 << 64) if value >= 1 << 63 else value


def distance(a: int, b: int) -> int:
    """How many of the 64 bits two fingerprints differ in."""
    return ((a ^ b) & 0xFFFF_FFFF_FFFF_FFFF).bit_count()


# --- grouping hits into posts ---------------------------------------------------------

TITLE_LIKE = 0.5
"""Two titles at least this alike (Jaccard of character pairs, digits left out) are
one post when the hits also share a phone number (tuned by the benchmark)."""
_AREA_SLACK = 0.05
"""Areas further apart than this share of the larger are different flats (a repost may
round 89.5㎡ to 90㎡, but does not move a wall)."""


@dataclass(frozen=True, slots=True)
class Group:
    """One post and its reposts: ``lead`` is shown, ``others`` are folded under it."""

    lead: SearchHit
    others: tuple[SearchHit, ...] = ()

    @property
    def members(self) -> tuple[SearchHit, ...]:
        return (self.lead, *self.others)

    @property
    def places(self) -> tuple[str, ...]:
        """The distinct places the post was put up in ("连云港 海州区", "南京"), in order:
        for "also in 12 places"."""
        named = (" ".join(part for part in (hit.city, hit.district) if part) for hit in self.members)
        return tuple(dict.fromkeys(place for place in named if place))


def collapse(hits: Sequence[SearchHit], *, near_bits: int = NEAR_BITS, title_like: float = TITLE_LIKE) -> list[Group]:
    """``hits`` grouped into posts, in the order of each group's first hit.

    Two hits are one post when their fingerprints are at most ``near_bits``
    apart, or when they share a phone number and their titles are at least
    ``title_like`` alike; groups are the closure of those pairs (a repost of a
    repost is the same post). Never when both give an area or a room count
    and these differ: an agent's template for two flats reads alike, but the
    flats are not one. Hits without a fingerprint (0 or None: stored before
    fingerprints were) join by phone only."""
    if not 0 <= near_bits < 64 // BAND_BITS:
        raise ValueError(f"near_bits must be 0..{64 // BAND_BITS - 1} for {BAND_BITS}-bit bands")
    joined = _Joined(len(hits))
    for first, second in _near_pairs(hits, near_bits):
        if not _differ(hits[first], hits[second]):
            joined.union(first, second)
    title_pairs: dict[int, frozenset[str]] = {}
    for first, second in _phone_pairs(hits):
        if joined.find(first) != joined.find(second) and not _differ(hits[first], hits[second]):
            a = title_pairs.get(first) or title_pairs.setdefault(first, _title_pairs(hits[first].title))
            b = title_pairs.get(second) or title_pairs.setdefault(second, _title_pairs(hits[second].title))
            if a and b and len(a & b) >= title_like * len(a | b):
                joined.union(first, second)
    members: dict[int, list[int]] = {}
    for index in range(len(hits)):
        members.setdefault(joined.find(index), []).append(index)
    return [Group(hits[group[0]], tuple(hits[i] for i in group[1:])) for group in members.values()]


class _Joined:
    """Union-find over hit indices, with path halving."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, index: int) -> int:
        parent = self.parent
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def union(self, first: int, second: int) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _near_pairs(hits: Sequence[SearchHit], near_bits: int) -> Iterable[tuple[int, int]]:
    """Pairs of hits whose fingerprints are at most ``near_bits`` apart, found by banding.

    Pigeonhole: fingerprints that differ in at most 3 bits agree on at least one
    of four 16-bit bands, so comparing only within a band's buckets misses no
    pair. Hits with one fingerprint are chained to the first of them, not
    compared each with each (a post reposted 200 times is 199 pairs, not 19,900)."""
    first_with: dict[int, int] = {}
    for index, hit in enumerate(hits):
        if not hit.likeness:
            continue
        value = hit.likeness & 0xFFFF_FFFF_FFFF_FFFF
        if value in first_with:
            yield first_with[value], index
        else:
            first_with[value] = index
    buckets: dict[tuple[int, int], list[int]] = {}
    mask = (1 << BAND_BITS) - 1
    for value in first_with:
        for band in range(0, 64, BAND_BITS):
            buckets.setdefault((band, (value >> band) & mask), []).append(value)
    seen: set[tuple[int, int]] = set()
    for prints in buckets.values():
        for at, a in enumerate(prints):
            for b in prints[at + 1 :]:
                if (a ^ b).bit_count() <= near_bits and (a, b) not in seen:
                    seen.add((a, b))
                    yield first_with[a], first_with[b]


def _phone_pairs(hits: Sequence[SearchHit]) -> Iterable[tuple[int, int]]:
    with_phone: dict[str, list[int]] = {}
    for index, hit in enumerate(hits):
        for phone in dict.fromkeys(hit.phones):
            with_phone.setdefault(phone, []).append(index)
    for indices in with_phone.values():
        for at, first in enumerate(indices):
            for second in indices[at + 1 :]:
                yield first, second


def _differ(a: SearchHit, b: SearchHit) -> bool:
    """Whether the typed numbers say these are two different things."""
    if a.rooms is not None and b.rooms is not None and a.rooms != b.rooms:
        return True
    if a.area and b.area:
        return abs(a.area - b.area) > _AREA_SLACK * max(a.area, b.area)
    return False


_TITLE_NOISE = re.compile(r"[\W_\d]+")


def _title_pairs(title: str) -> frozenset[str]:
    """A title's character pairs, digits left out: a repost's new price is not a new title."""
    flat = _TITLE_NOISE.sub("", normalize_text(title).casefold())
    return frozenset(flat[i : i + 2] for i in range(len(flat) - 1))
