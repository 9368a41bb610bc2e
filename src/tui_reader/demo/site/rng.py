"""A tiny deterministic random stream for the demo generator.

The generator seeds one stream per article, so seeding must be nearly free:
``random.Random(x)`` costs far more to seed than it does to draw from, and a
listing page seeds twenty of them. SplitMix64 seeds for nothing, is fully
specified (the same seed gives the same site on every Python), and is plenty
random for made-up classifieds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

_MASK = (1 << 64) - 1


def stable_hash(*parts: object) -> int:
    """A 64-bit hash of ``parts`` that, unlike ``hash()``, is the same in every process."""
    text = "\x1f".join(str(part) for part in parts).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "little")


class Rng:
    __slots__ = ("_state",)

    def __init__(self, seed: int) -> None:
        self._state = seed & _MASK

    def next64(self) -> int:
        self._state = (self._state + 0x9E3779B97F4A7C15) & _MASK
        z = self._state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        """An int in [0, n). The modulo bias is irrelevant at these sizes."""
        return self.next64() % n

    def randint(self, low: int, high: int) -> int:
        """An int in [low, high], both ends included."""
        return low + self.next64() % (high - low + 1)

    def pick(self, items: Sequence[T]) -> T:
        return items[self.next64() % len(items)]

    def chance(self, probability: float) -> bool:
        return (self.next64() >> 11) * (1.0 / (1 << 53)) < probability

    def sample(self, items: Sequence[T], k: int) -> list[T]:
        """``k`` distinct items, in a random order (``k`` is clamped to the pool)."""
        pool = list(items)
        chosen: list[T] = []
        for _ in range(min(k, len(pool))):
            chosen.append(pool.pop(self.next64() % len(pool)))
        return chosen

    def fork(self, salt: int) -> Rng:
        """An independent stream, so drawing more in one part never shifts another."""
        return Rng(self.next64() ^ (salt * 0x9E3779B97F4A7C15))
