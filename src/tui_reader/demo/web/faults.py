"""The demo portal's misbehaviours, switched on by ``DemoOptions``.

Each one is something real portals do, so the reader can be tested against
it over a real socket and anyone can try the app against it:

- ``truncate``: promise the whole body in Content-Length, send half, hang up;
- ``drip``: send the body one byte per interval (only a total deadline ends it);
- ``fail_rate``, ``truncate_rate``, ``drip_rate``: a 5xx, a truncated body (half of
  what Content-Length promised, or a chunked body cut off before its last chunk)
  or a drip, on that fraction of the answers, drawn per request (``FaultDraw``);
- ``wrong_charset``: a header claiming UTF-8 over GBK bytes whose ``<meta>`` says gbk;
- ``huge_mb``: pages padded to that many MiB;
- ``gzip_bomb``: a ~100 KiB gzip body that inflates to ``BOMB_SIZE`` bytes;
- ``redirect_loop`` / ``redirect_to``: pages that redirect to themselves, or elsewhere;
- ``retry_after``: failures answered 503 with this Retry-After value.

Network faults hit listing and article pages (home and city pages stay
sound, so a reader can still get to the broken pages); ``hostile`` content
(see ``hostile``) is everywhere. All of it is deterministic: the drawn
faults too, for a given seed and sequence of requests per page.

Pages answered with status 200 but not the page asked for (captcha after a
burst, login wall, soft 404, js-only shell) are in ``refusals``.
"""

from __future__ import annotations

import hashlib
import threading
import time
import zlib
from io import BufferedIOBase
from typing import NamedTuple

__all__ = ["BOMB_SIZE", "NO_FAULT", "Fault", "FaultDraw", "cut", "drip", "gzip_bomb", "pad", "redirect_target"]

BOMB_SIZE = 100 * 1024 * 1024
"""Bytes a gzip bomb inflates to."""

_BOMB_HEAD = b'<!DOCTYPE html><html><head><meta charset="gbk"><title>bomb</title></head><body><p>'
_bomb: bytes | None = None
_bomb_lock = threading.Lock()
_pads: dict[tuple[str, int], bytes] = {}


def gzip_bomb() -> bytes:
    """The bomb, built once per process in 1 MiB steps (never 100 MiB in memory)."""
    global _bomb
    with _bomb_lock:
        if _bomb is None:
            packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
            parts = [packer.compress(_BOMB_HEAD)]
            step = b" " * (1024 * 1024)
            left = BOMB_SIZE - len(_BOMB_HEAD)
            while left > 0:
                parts.append(packer.compress(step[: min(left, len(step))]))
                left -= len(step)
            parts.append(packer.flush())
            _bomb = b"".join(parts)
        return _bomb


def pad(body: bytes, charset: str, megabytes: float) -> bytes:
    """``body`` grown to about ``megabytes`` MiB by hidden ad filler before ``</body>``."""
    target = int(megabytes * 1024 * 1024)
    need = target - len(body)
    if need <= 0:
        return body
    key = (charset, need)
    filler = _pads.get(key)
    if filler is None:
        line = '<p class="ad">广告位招租，联系电话 400-000-0000，欢迎垂询。</p>\n'.encode(charset)
        block = b'<div class="ad-pad" style="display:none">\n' + line * (need // len(line) + 1)
        filler = _pads[key] = block[:need]
        if len(_pads) > 8:  # sizes change rarely; do not hoard memory
            _pads.pop(next(iter(_pads)))
    cut = body.rfind(b"</body>")
    if cut < 0:
        return body + filler
    return body[:cut] + filler + b"</div>" + body[cut:]


def redirect_target(path: str, redirect_loop: bool, redirect_to: str | None) -> str:
    """Where a redirecting page sends the reader: itself, or ``redirect_to`` + path."""
    if redirect_to and not redirect_loop:
        return redirect_to.rstrip("/") + path
    return path


def drip(out: BufferedIOBase, body: bytes, interval: float, stopped: threading.Event | None = None) -> int:
    """Write ``body`` a byte at a time; return bytes sent (less when the client left)."""
    sent = 0
    try:
        for i in range(len(body)):
            if stopped is not None and stopped.is_set():
                break
            out.write(body[i : i + 1])
            out.flush()
            sent += 1
            time.sleep(interval)
    except OSError:
        pass  # the client gave up: that is the point of this fault
    return sent


class Fault(NamedTuple):
    """What one answer suffers: ``kind`` is also the word the access log ends with."""

    kind: str = ""
    """"" (none), "fail", "truncated", "chunked-cut" or "drip"."""
    status: int = 200
    """The 5xx of a "fail"."""


NO_FAULT = Fault()
_FAIL_STATUSES = (500, 502, 503, 504)


class FaultDraw:
    """Which fault one listing or article answer gets, by the ``*_rate`` options.

    Each draw hashes (seed, path, how often that path was asked before) instead of
    taking the next number of one shared random stream: so the faults do not depend
    on the order in which concurrent requests happen to arrive (the same run meets
    the same faults), and asking for a page again, a retry or a second sync, is a
    fresh draw that may well succeed. The rates are bands of one draw, taken in the
    order fail, truncate, drip: their sum is the fraction of faulty answers.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._asked: dict[str, int] = {}

    def draw(self, seed: int, path: str, fail_rate: float, truncate_rate: float, drip_rate: float) -> Fault:
        if fail_rate <= 0 and truncate_rate <= 0 and drip_rate <= 0:
            return NO_FAULT
        with self._lock:
            nth = self._asked.get(path, 0)
            self._asked[path] = nth + 1
        digest = hashlib.blake2b(f"{seed}\0{path}\0{nth}".encode(), digest_size=8).digest()
        roll = int.from_bytes(digest[:7], "big") / 2**56
        if roll < fail_rate:
            return Fault("fail", _FAIL_STATUSES[digest[7] % len(_FAIL_STATUSES)])
        roll -= fail_rate
        if roll < truncate_rate:
            # Both ways a body ends early on the wire; clients must catch each.
            return Fault("chunked-cut" if digest[7] % 2 else "truncated")
        roll -= truncate_rate
        return Fault("drip") if roll < drip_rate else NO_FAULT


def cut(out: BufferedIOBase, body: bytes, *, chunked: bool) -> int:
    """Write half of ``body`` (framed as one chunk when ``chunked``, with no last
    chunk after it); the caller then hangs up. Returns the body bytes sent."""
    half = body[: len(body) // 2]
    try:
        out.write(f"{len(half):x}\r\n".encode("ascii") + half + b"\r\n" if chunked else half)
        out.flush()
    except OSError:
        return 0
    return len(half)
