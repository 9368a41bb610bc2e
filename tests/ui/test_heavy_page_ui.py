"""A heavy page in the reader: keys keep answering while it is read, and moving on
stops its reading. The real app with Pilot, the real demo portal, a real cache."""

from __future__ import annotations

from pathlib import Path

from support.pilot import WIDE, choose_city, settle, wait_until
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.browse import BrowseScreen


async def test_keys_answer_while_a_heavy_page_is_read_and_moving_on_drops_it(tmp_path: Path, client) -> None:
    served: list[str] = []
    with DemoServer(port=0, options=DemoOptions(encoding="utf-8"), log=served.append) as portal:
        app = ReaderApp(client(base_url=portal.base_url, db=tmp_path / "heavy.sqlite3"), site_title="Demo")
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            browse = app.screen
            assert isinstance(browse, BrowseScreen)
            await choose_city(pilot, app, "lianyungang")
            rows = browse.category_list.rows
            assert app.focused is rows

            heavy = f"{portal.base_url}/heavy/many-links.html"
            browse.open_article(heavy, focus=False)
            # Sent whole (the access log says so): from here on, the page is being read.
            await wait_until(pilot, lambda: any("/heavy/many-links.html 200" in line for line in served), "sent")
            reading = next(w for w in app.workers if w.group == "article")

            before = rows.cursor_row
            # As a terminal sends it (Pilot's press waits for the whole process to go idle,
            # which the reading thread keeps from happening until it is done).
            app.simulate_key("down")
            await wait_until(pilot, lambda: rows.cursor_row == before + 1, "the key answered")
            assert reading.is_running  # …while the heavy page was still being read

            await pilot.press("enter")  # another category: the article of the old one is left behind
            await settle(app, pilot)
            assert reading.is_cancelled
            assert browse.article_view.article is None
            assert app.client.store.get("article", heavy) is None  # its reading never got to the cache
