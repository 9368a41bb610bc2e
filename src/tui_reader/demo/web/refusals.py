"""Pages a portal answers instead of the one asked for, all with status 200.

A general reader must recognise these by their content, since the status
says "OK" (DESIGN.md: every page gets a kind, and refused pages are never
cached). The rules are deterministic, so tests and gold data can predict
every refusal:

- captcha after a burst (any style, off unless ``captcha_after`` > 0): a
  client (by IP address) whose request is the (N+1)-th within ``window``
  seconds gets the captcha page, and so does every request it makes for
  ``cooldown`` seconds after that; then its count starts from zero.
  ``/robots.txt`` neither counts nor is refused. See ``BurstGuard``.
- captcha mid-way (any style, off unless ``captcha_at`` > 0): the host's own
  limit over all clients; after N requests every request gets the captcha
  page for ``cooldown`` seconds, then the count starts again. See ``HostLimit``.
- login wall (style "c"): articles whose id is a multiple of ``LOGIN_EVERY``
  answer a 登录后查看 page with a password form.
- soft 404 (style "c"): deleted articles (``is_deleted``: id % 19 == 5),
  and article ids that never existed, answer 信息已删除 / 页面不存在 in the
  site's chrome. A deleted article is never also behind the login wall.
- js-only (style "c"): every listing page of ``JS_ONLY_CATEGORY`` is an empty
  application shell (``<div id="app"></div>`` and scripts).

The page builders that need the site's chrome live with style "c"'s pages;
the captcha and the shell are bare, as they are on real portals.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

__all__ = [
    "BurstGuard",
    "DELETED_MOD",
    "HostLimit",
    "DELETED_REST",
    "JS_ONLY_CATEGORY",
    "LOGIN_EVERY",
    "PageFaults",
    "captcha_page",
    "is_deleted",
    "is_login_walled",
    "js_shell",
]

LOGIN_EVERY = 7
DELETED_MOD, DELETED_REST = 19, 5
JS_ONLY_CATEGORY = "zhuangxiu"
"""装修建材: its listing pages are rendered in the browser only."""


@dataclass(frozen=True, slots=True)
class PageFaults:
    """Which of style "c"'s per-page refusals are switched on."""

    login_wall: bool = True
    soft_404: bool = True
    js_only: bool = True


def is_deleted(article_id: int) -> bool:
    """Deleted posts still appear in listings (the index lags), but their page is gone."""
    return article_id % DELETED_MOD == DELETED_REST


def is_login_walled(article_id: int) -> bool:
    return article_id % LOGIN_EVERY == 0 and not is_deleted(article_id)


class BurstGuard:
    """Counts requests per client in a sliding window and blocks bursts for a cool-down.

    Time is ``time.monotonic`` (injectable for tests): a wall-clock jump must not
    block or release anyone.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._hits: dict[str, deque[float]] = {}
        self._blocked_until: dict[str, float] = {}

    def refuse(self, client: str, limit: int, window: float, cooldown: float) -> bool:
        """Record one request from ``client``; True when it must get the captcha."""
        if limit <= 0:
            return False
        now = self._clock()
        with self._lock:
            until = self._blocked_until.get(client)
            if until is not None:
                if now < until:
                    return True
                del self._blocked_until[client]
                self._hits.pop(client, None)
            hits = self._hits.setdefault(client, deque())
            while hits and hits[0] <= now - window:
                hits.popleft()
            hits.append(now)
            if len(hits) > limit:
                self._blocked_until[client] = now + cooldown
                hits.clear()
                return True
            return False


class HostLimit:
    """Counts every request to the host and refuses all of them for a cool-down past ``limit``.

    What a portal does when a crawl, of any number of clients, goes over its quota:
    the captcha arrives in the middle of a run, not after a burst of one client.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._count = 0
        self._blocked_until: float | None = None

    def refuse(self, limit: int, cooldown: float) -> bool:
        """Record one request; True when it must get the captcha."""
        if limit <= 0:
            return False
        now = self._clock()
        with self._lock:
            if self._blocked_until is not None:
                if now < self._blocked_until:
                    return True
                self._blocked_until = None
                self._count = 0
            self._count += 1
            if self._count > limit:
                self._blocked_until = now + cooldown
                return True
            return False


def captcha_page(charset: str, target: str) -> str:
    """The anti-bot page: a slider and a code field, nothing of the site but its name."""
    back = escape(target, quote=True)
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="{charset}"><title>请输入验证码</title>\n'
        '<link rel="stylesheet" href="/antibot/verify.css"></head>\n<body>\n'
        '<div class="verify-box"><h2>访问过于频繁，请先完成验证</h2>'
        '<p class="verify-tip">系统检测到您的网络环境存在异常访问，为保证正常使用，请完成下方验证。</p>\n'
        '<form id="verify-form" method="post" action="/antibot/verify">'
        f'<input type="hidden" name="url" value="{back}">'
        '<div class="slider" id="slider"><div class="slider-track"></div>'
        '<span class="slider-btn">&gt;&gt;</span><span class="slider-text">请按住滑块，拖动到最右边</span></div>'
        '<p><input type="text" name="code" maxlength="4" placeholder="请输入验证码"> '
        '<img src="/antibot/code.png" alt="验证码"> <a href="#" class="refresh">看不清，换一张</a></p>'
        '<button type="submit">提交验证</button></form></div>\n'
        '<script src="/antibot/slider.js"></script>\n</body></html>\n'
    )


def js_shell(charset: str, title: str) -> str:
    """A client-rendered page as it arrives: a title, an empty mount point and scripts."""
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="{charset}">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title>"
        '<link href="/static/js/chunk-vendors.3f2a9c.css" rel="stylesheet">'
        '<link href="/static/js/app.8d1e07.css" rel="stylesheet"></head>\n'
        "<body><noscript><strong>请开启浏览器的JavaScript功能后再访问本页面。</strong></noscript>"
        '<div id="app"></div>'
        '<script src="/static/js/chunk-vendors.3f2a9c.js"></script>'
        '<script src="/static/js/app.8d1e07.js"></script></body></html>\n'
    )
