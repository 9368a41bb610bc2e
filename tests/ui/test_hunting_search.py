"""Hunting in the search screen, with Pilot on a real cache: the full language, rows with
price, area, rooms, age and the gone mark, reposts folded and unfolded, a bad query pointed at."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual.pilot import Pilot

from support.hunting import CAR, FLAT, GONE, REPOST, SHARED, fill_cache
from support.pilot import WIDE, screen_text, settle, wait_until
from tui_reader.models import Article, money_in
from tui_reader.models.content import utcnow
from tui_reader.store.cache import Store
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.search import PAGE, SearchScreen


async def type_query(pilot: Pilot, search: SearchScreen, text: str) -> None:
    search.box.value = ""
    await pilot.press(*text)
    await wait_until(pilot, lambda: search.query_text == text, f"results for {text!r}")


def row_text(search: SearchScreen, index: int) -> str:
    return search.results.get_option_at_index(index).prompt.plain


async def open_search(pilot: Pilot, app: ReaderApp) -> SearchScreen:
    await settle(app, pilot)
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, SearchScreen)
    return app.screen


async def test_a_price_query_folds_a_repost_and_unfolds_it_with_e(client, tmp_path: Path) -> None:
    fill_cache(tmp_path / "cache" / "demo.sqlite3")
    app = ReaderApp(client(offline=True, library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        search = await open_search(pilot, app)
        await type_query(pilot, search, "两室 price:<3000")
        # The flat and its repost are found; one row stands for both.
        assert [hit.url for hit in search.hits] == [FLAT, REPOST]
        assert len(search.rows) == 1
        first = row_text(search, 0)
        assert "海州 两室一厅 整租" in first and "▸" in first
        assert "2800元/月 · 89㎡ · 2室 · 2d" in first
        assert "连云港 海州区 › 房产" in first
        assert "+1 repost · also in 连云港 赣榆区" in first
        # The words of the query are highlighted, not the qualifier.
        spans = search.results.get_option_at_index(0).prompt.spans
        assert any("yellow" in str(span.style) and first[span.start : span.end] == "两室" for span in spans)
        assert "2 articles in 1 post" in screen_text(app)

        await pilot.press("down", "e")  # to the results, then unfold
        assert [row.hit.url for row in search.rows] == [FLAT, REPOST]
        assert "▾" in row_text(search, 0) and row_text(search, 1).startswith("    ")
        assert "连云港 赣榆区 › 房产" in row_text(search, 1)
        await pilot.press("down", "enter")  # the repost itself is read
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ReaderScreen" and app.screen.url == REPOST
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")  # folded again, the cursor on the post
        assert len(search.rows) == 1 and search.highlighted_hit.url == FLAT


async def test_exclusions_or_groups_and_the_gone_mark(client, tmp_path: Path) -> None:
    fill_cache(tmp_path / "cache" / "demo.sqlite3")
    app = ReaderApp(client(offline=True, library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        search = await open_search(pilot, app)
        await type_query(pilot, search, "出售 -轿车")
        assert [hit.url for hit in search.hits] == [GONE]
        assert "gone" in row_text(search, 0).split("\n")[0] and "120万 · 120㎡ · 3室" in row_text(search, 0)
        await type_query(pilot, search, "(轿车 OR 合租) sort:price")
        assert [hit.url for hit in search.hits] == [SHARED, CAR]
        assert "gone" not in row_text(search, 0).split("\n")[0]
        await type_query(pilot, search, "-is:gone price:>=5万")
        assert [hit.url for hit in search.hits] == [CAR]


async def test_a_query_that_cannot_be_read_is_pointed_at_and_keeps_the_rows(client, tmp_path: Path) -> None:
    fill_cache(tmp_path / "cache" / "demo.sqlite3")
    app = ReaderApp(client(offline=True, library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        search = await open_search(pilot, app)
        await type_query(pilot, search, "两室")
        assert len(search.hits) == 3
        await pilot.press(*" price:<")
        await wait_until(
            pilot, lambda: "^ '<' at character 10 is not a price" in screen_text(app), "the marker under the bad part"
        )
        lines = screen_text(app).splitlines()
        marker = next(line for line in lines if "is not a price" in line)
        box = next(line for line in lines if "两室 price:<" in line)
        # The caret stands under the qualifier, counted in cells (CJK characters are two wide).
        start = cell_len(box[: box.index("price:<")])
        assert start <= cell_len(marker[: marker.index("^")]) < start + len("price:<")
        assert "Traceback" not in screen_text(app)
        assert len(search.hits) == 3 and app.is_running  # the rows stay
        await pilot.press(*"3000")
        await wait_until(pilot, lambda: search.query_text == "两室 price:<3000", "the finished query")
        assert [hit.url for hit in search.hits] == [FLAT, REPOST]


# -- the article list's filter ------------------------------------------------------------


async def test_the_list_filter_reads_the_language_on_what_rows_show(client) -> None:
    app = ReaderApp(client(), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        articles = app.screen.article_list
        articles.focus_rows()
        listings = articles.listings
        priced = [item for item in listings if item.price and money_in(item.price) is not None]
        assert len(priced) >= 2, [item.price for item in listings]
        middle = sorted(money_in(item.price).low for item in priced)[len(priced) // 2]
        expected = [
            item
            for item in listings
            if "出租" not in item.title and (m := money_in(item.price or "")) is not None and m.low < middle
        ]
        assert 0 < len(expected) < len(listings)

        await pilot.press("slash", *f"-出租 price:<{middle:g}")
        assert [row.url for row in articles.table.rows] == [item.url for item in expected]
        assert not app.screen.query_one(".filter-note").display

        # What a row cannot say is not applied, and the line under the filter says so.
        # (Pasted: typed a key at a time, "ar" on its way to "area:" is a word, and filters.)
        field = articles.filter_input
        assert field is not None  # "/" mounted it
        field.value += " area:>=60"
        assert [row.url for row in articles.table.rows] == [item.url for item in expected]
        await pilot.pause()
        assert "area: needs the article — s searches the cache" in screen_text(app)
        assert [row.url for row in articles.table.rows] == [item.url for item in expected]

        # Half typed: the rows stay as the last filter that could be read left them, the reason is said.
        field.value += " posted:<"
        await pilot.pause()
        assert [row.url for row in articles.table.rows] == [item.url for item in expected]
        note = app.screen.query_one(".filter-note")
        assert note.display and "'<' at character" in str(note.content) and "rows as before" in str(note.content)


def _many_rooms(cache: Path, count: int) -> None:
    words = "南北通透 精装修 拎包入住 近地铁 学区房 满五唯一 带车位 有电梯 采光好 安静 临街 朝南".split()
    with Store(cache) as store:
        for i in range(count):
            url = f"http://127.0.0.1:9/many/{i}.html"
            body = "，".join(words[(i * 7 + k * 5) % len(words)] for k in range(6)) + f"，{i}号楼，电话 1{i:010d}"
            article = Article(url=url, title=f"单间出租 {i}号 {words[i % len(words)]}", body=(body,), city="南京")
            store.put("article", url, article.to_dict(), fetched_at=utcnow())


async def test_every_post_is_reachable_though_rows_come_a_page_at_a_time(client, tmp_path: Path) -> None:
    _many_rooms(tmp_path / "cache" / "demo.sqlite3", PAGE + 30)
    app = ReaderApp(client(offline=True, library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        search = await open_search(pilot, app)
        await type_query(pilot, search, "单间出租")
        assert len(search.hits) == PAGE + 30
        posts = len(search.rows)
        assert posts > PAGE and search.results.option_count == PAGE
        await pilot.press("down", "end")
        await wait_until(pilot, lambda: search.results.option_count == posts, "the rest of the rows")
        await pilot.press("end")
        assert search.highlighted_hit is search.rows[-1].hit


async def test_m_masks_the_phone_in_result_rows_and_shows_it_again(client, tmp_path: Path) -> None:
    fill_cache(tmp_path / "cache" / "demo.sqlite3")
    app = ReaderApp(client(offline=True, library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        search = await open_search(pilot, app)
        await type_query(pilot, search, "车况")  # the car: its snippet holds its phone
        assert "13600003333" in row_text(search, 0)
        await pilot.press("down", "M")
        await pilot.pause()
        assert app.mask_contacts
        masked = row_text(search, 0)
        assert "13600003333" not in masked and "136" in masked and "*" in masked
        await pilot.press("M")
        await pilot.pause()
        assert "13600003333" in row_text(search, 0)


async def test_a_search_finds_at_most_so_many_and_says_there_are_more(client, tmp_path: Path, monkeypatch) -> None:
    from tui_reader.ui.screens import search as search_screen

    monkeypatch.setattr(search_screen, "MOST", 40)  # the cap, small enough for a test cache
    _many_rooms(tmp_path / "cache" / "demo.sqlite3", 45)
    app = ReaderApp(client(offline=True, library=True), site_title="Demo")
    async with app.run_test(size=WIDE) as pilot:
        search = await open_search(pilot, app)
        await type_query(pilot, search, "单间出租")
        assert len(search.hits) == 40 and search.more
        assert "the first 40 articles (there are more: narrow the query)" in screen_text(app)
        await type_query(pilot, search, "单间出租 -1号")  # 1号, 11号, 21号, 31号, 41号 out: 40 left
        assert len(search.hits) == 40 and not search.more
        assert "40 articles — " in screen_text(app)
