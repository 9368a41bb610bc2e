"""Regenerate the README screenshots from the real app on the bundled demo portal.

    .venv/bin/python scripts/screenshots.py [--out screenshots]

Starts the demo portal on loopback, runs the app headless with a throw-away
cache, drives it with Pilot like a user would, and saves SVGs:
browse-wide.svg (160×50, an article open), browse-medium.svg (120×30: the
list beside the reader, the city and category panes folded away),
reader-narrow.svg (80×24), help.svg, palette.svg (Ctrl-P, a city found by
its initials), hunting.svg (a priced search over a synced category),
gallery.svg (an article's photo, ``p``, in half-blocks) and
auto-portal.svg (style c read with no profile). The port is fixed so the URLs in the pictures do not change.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

from textual.pilot import Pilot

from tui_reader.client.facade import Client
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.fetch.fetcher import Fetcher
from tui_reader.sites.profile import load_profile
from tui_reader.store.cache import Store
from tui_reader.ui.app import ReaderApp

PORT = 18965
SITE_TITLE = "Demo 分类信息网"


async def settle(pilot: Pilot) -> None:
    """Wait until the cascade of loads (cities → categories → articles) is done."""
    app = pilot.app
    for _ in range(20):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            break
    # The article panes stay hidden until the cities are painted (or 0.25 s):
    # a fast run can get here first.
    for _ in range(40):
        if not app.screen.query("#panes.-starting"):
            break
        await pilot.pause(0.05)


async def shoot(
    base_url: str,
    cache: Path,
    out: Path,
    name: str,
    size: tuple[int, int],
    keys: tuple[str, ...],
    profile: str = "demo",
    title: str = SITE_TITLE,
    then: tuple[str, ...] = (),
) -> None:
    """``then``: keys pressed once what ``keys`` opened has loaded."""
    client = Client(profile=load_profile(profile), base_url=base_url, store=Store(cache), fetcher=Fetcher())
    # Pictures drawn as half-blocks: an SVG shows those (a terminal protocol's would be blank).
    app = ReaderApp(client, site_title=title, images="on", photo_source=_photo_source(client))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.screen.article_list.focus_rows()
        await pilot.press(*keys)
        await settle(pilot)
        if then:
            await pilot.press(*then)
            await settle(pilot)
        app.save_screenshot(filename=name, path=str(out))
    print(out / name)


def _photo_source(client: Client):  # type: ignore[no-untyped-def]
    """The client's own photos where it fetches them; otherwise the photo read straight
    from the demo portal and vetted as the client would."""
    if hasattr(client, "photo"):
        return None

    def source(_article):  # type: ignore[no-untyped-def]
        async def load(photo):  # type: ignore[no-untyped-def]
            import httpx

            from tui_reader.sites import vet_image

            async with httpx.AsyncClient() as http:
                answer = await http.get(photo.url)
            return await asyncio.to_thread(vet_image, answer.content, declared_type=answer.headers.get("content-type"))

        return load

    return source


async def synced(base_url: str, cache: Path, city: str, category: str) -> None:
    """Two listing pages of ``category`` and their articles in the cache, as `tui-reader sync` leaves them."""
    from tui_reader.client import sync

    client = Client(profile=load_profile("demo"), base_url=base_url, store=Store(cache), fetcher=Fetcher())
    try:
        await sync(client, city, [category], pages=2, concurrency=4)
    finally:
        await client.aclose()


async def main_async(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (
        DemoServer(port=PORT, options=DemoOptions(), log=lambda _line: None) as server,
        tempfile.TemporaryDirectory() as tmp,
    ):
        cache = Path(tmp) / "demo.sqlite3"
        await shoot(server.base_url, cache, out, "browse-wide.svg", (160, 50), ("down", "down", "enter"))
        await shoot(server.base_url, cache, out, "browse-medium.svg", (120, 30), ("down", "down", "enter"))
        await shoot(server.base_url, cache, out, "reader-narrow.svg", (80, 24), ("down", "down", "enter"))
        await shoot(server.base_url, cache, out, "help.svg", (160, 50), ("question_mark",))
        await shoot(server.base_url, cache, out, "gallery.svg", (120, 40), ("enter",), then=("p",))
        await shoot(server.base_url, cache, out, "palette.svg", (120, 30), ("ctrl+p", "l", "y", "g"))
        await synced(server.base_url, cache, "南京", "房产")
        hunt = "两室 -合租 price:<8000元/月 sort:price"
        await shoot(server.base_url, cache, out, "hunting.svg", (120, 30), ("s", *hunt, "down"))
    # The third style, read with no profile: everything on screen was discovered.
    with (
        DemoServer(port=PORT + 1, options=DemoOptions(style="c"), log=lambda _line: None) as server,
        tempfile.TemporaryDirectory() as tmp,
    ):
        await shoot(
            server.base_url,
            Path(tmp) / "auto.sqlite3",
            out,
            "auto-portal.svg",
            (160, 50),
            ("down", "down", "down", "enter"),
            profile="auto",
            title="--site auto (no profile)",
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "screenshots")
    args = parser.parse_args(argv)
    asyncio.run(main_async(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
