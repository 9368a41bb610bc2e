"""Hostile content for the demo portal: what a malicious post could contain.

``HostileSite`` wraps a ``DemoSite`` and poisons what readers show: every
title, every city name, a paragraph and a contact value of every article
carry one of ``PAYLOADS`` (terminal escape sequences, Rich/Textual markup,
bidi overrides, zero-width characters, Zalgo), and listing and article pages
gain links to ``LINK_TARGETS`` (``javascript:``, ``file:``, option-looking
strings, other hosts, loopback and link-local addresses in disguise).

The original text stays in place (payloads are appended), so a test can
still find "its" title; the payload is picked by the article id or city
order, so the same seed gives the same hostile site. Everything is text the
pages escape for HTML; characters GBK lacks leave as numeric references, as
on any GBK portal, and arrive intact after HTML parsing.
"""

from __future__ import annotations

from dataclasses import replace

from tui_reader.demo.site.cities import CityDef
from tui_reader.demo.site.content import CategoryDef, DemoArticle, DemoSite, Head

__all__ = ["CITY_PAYLOADS", "HostileSite", "LINK_TARGETS", "PAYLOADS"]

PAYLOADS: tuple[str, ...] = (
    "\x1b[2J\x1b[H清屏",  # erase the screen, cursor home
    "\x1b]52;c;cm0gLXJmIH4K\x07剪贴板",  # OSC 52: write the clipboard
    "\x1b]8;;http://evil.example/\x1b\\假链接\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "[@click=app.quit]点我退出[/]",  # Textual action markup
    "[link=http://evil.example/]链接[/link]",  # Rich link markup
    "[RED]",  # looks like a style tag
    "[/",  # an unclosed closing tag
    "[b]粗体[/b][/i]",  # balanced, then a stray close
    "路径\\",  # a trailing backslash escapes the next "[" in markup
    "\u202e反转文字\u202c",  # right-to-left override
    "零\u200b宽\u200d字\ufeff符\u2060",  # zero-width and invisible characters
    "Z\u0336\u0351\u0310a\u0337\u0322\u0301l\u0338\u0315g\u0335\u0308\u0327o\u0334\u0306",  # Zalgo
    "\x1b[31m红字\x1b[0m\x1b[?1049h",  # colour, then the alternate screen
    "\x1bP+q544e\x1b\\",  # DCS: ask the terminal to answer back
    "覆盖\r\b\b\x07",  # carriage return, backspaces, bell
    "<script>alert(1)</script>",  # markup of the other kind, escaped by the page
    "\x9b6n",  # C1 CSI (survives only in UTF-8 mode)
)

CITY_PAYLOADS: tuple[str, ...] = tuple(p for p in PAYLOADS if not any(c in p for c in "<>&\"'"))
"""City names sit in a few unescaped spots of the page templates."""

LINK_TARGETS: tuple[tuple[str, str], ...] = (
    ("脚本链接", "javascript:alert(document.cookie)"),
    ("本地文件", "file:///etc/passwd"),
    ("选项注入", "-oProxyCommand=touch /tmp/pwned"),
    ("外站链接", "http://evil.example/phish.html"),
    ("十进制回环", "http://2130706433/"),
    ("十六进制回环", "http://0x7f.1/"),
    ("映射回环", "http://[::ffff:127.0.0.1]/"),
    ("元数据地址", "http://169.254.169.254/latest/meta-data/"),
    ("数据链接", "data:text/html,<script>alert(1)</script>"),
    ("国际化域名", "http://例子.测试/"),
    ("账号伪装", "http://www.example.com@evil.example/"),
    ("转义链接", "http://evil.example/\x1b[2J"),
    ("空白前缀", "  http://evil.example/space"),
)


def payload(n: int) -> str:
    return PAYLOADS[n % len(PAYLOADS)]


class HostileSite:
    """A ``DemoSite`` whose text is poisoned; everything else is delegated."""

    extra_links = LINK_TARGETS

    def __init__(self, base: DemoSite) -> None:
        self._base = base
        self._city_index = {c.slug: i for i, c in enumerate(base.cities)}

    def __getattr__(self, name: str) -> object:
        return getattr(self._base, name)

    def _city(self, city: CityDef) -> CityDef:
        if city.name.endswith(CITY_PAYLOADS):
            return city  # already poisoned (it came from here)
        n = self._city_index.get(city.slug, 0)
        return replace(city, name=city.name + CITY_PAYLOADS[n % len(CITY_PAYLOADS)])

    def _head(self, head: Head) -> Head:
        return replace(head, city=self._city(head.city), title=head.title + payload(head.id))

    def city(self, slug: str) -> CityDef | None:
        found = self._base.city(slug)
        return None if found is None else self._city(found)

    def provinces(self) -> list[tuple[str, tuple[CityDef, ...]]]:
        return [(name, tuple(self._city(c) for c in cities)) for name, cities in self._base.provinces()]

    def head(self, city: CityDef, category: CategoryDef, index: int) -> Head:
        return self._head(self._base.head(city, category, index))

    def page(self, city: CityDef, category: CategoryDef, number: int) -> list[Head]:
        return [self._head(h) for h in self._base.page(city, category, number)]

    def recommended(self, city: CityDef, salt: object, k: int = 5) -> list[Head]:
        return [self._head(h) for h in self._base.recommended(city, salt, k)]

    def article(self, city: CityDef, category: CategoryDef, index: int) -> DemoArticle:
        plain = self._base.article(city, category, index)
        head = self._head(plain.head)
        extra = (f"补充说明：{payload(head.id + 1)}", "全部：" + " | ".join(PAYLOADS))
        contact = plain.contact + (("备注", payload(head.id + 2)),) if plain.contact else ()
        return DemoArticle(head, plain.paragraphs + extra, contact)
