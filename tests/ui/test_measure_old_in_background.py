"""A cache from before typed numbers opens at once; the reader measures its articles in
the background, after the first screen, so a priced search finds them."""

from __future__ import annotations

from pathlib import Path

from support.old_cache import schema_3_cache, unmeasured
from support.pilot import WIDE, settle
from tui_reader.ui.app import ReaderApp


async def test_old_articles_get_their_numbers_after_the_first_screen(client, tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "demo.sqlite3"
    schema_3_cache(cache, 1100)  # more than two batches
    app = ReaderApp(client(offline=True, library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        for _ in range(600):
            if unmeasured(cache) == 0:
                break
            await pilot.pause(0.02)
        assert unmeasured(cache) == 0
        hits = app.client.user.search("price:2500-2600元/月", limit=None)
        assert len(hits) == 101
