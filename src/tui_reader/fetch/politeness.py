"""Per-host politeness for the fetch layer: a concurrency limit and paced starts."""

from __future__ import annotations

import asyncio
import time

__all__ = ["Host", "HostSlot"]


class Host:
    """Politeness state for one host: a concurrency limit and the next start time."""

    def __init__(self, concurrency: int) -> None:
        self.slots = asyncio.Semaphore(max(1, concurrency))
        self.pacing = asyncio.Lock()
        self.next_start = 0.0


class HostSlot:
    """``async with``: hold one of a host's slots, pacing starts by the delay."""

    def __init__(self, host: Host, delay: float) -> None:
        self._host = host
        self._delay = delay

    async def __aenter__(self) -> None:
        await self._host.slots.acquire()
        if self._delay > 0:
            try:
                async with self._host.pacing:
                    wait = self._host.next_start - time.monotonic()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    self._host.next_start = time.monotonic() + self._delay
            except BaseException:
                self._host.slots.release()
                raise

    async def __aexit__(self, *exc_info: object) -> None:
        self._host.slots.release()
