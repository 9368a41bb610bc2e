"""A limited search with a killfile still fills its limit with kept hits, however many
of the first ones are killed: real SQLite files, the real client library."""

from __future__ import annotations

from pathlib import Path

from tui_reader.client.freshness import Retention
from tui_reader.client.library import UserLibrary
from tui_reader.models import Article, utcnow
from tui_reader.store import Library, Store


async def _no_fetch(url: str) -> object:
    raise AssertionError(f"a search read {url} from the portal")


def test_a_limit_counts_kept_hits_when_most_are_killed(tmp_path: Path) -> None:
    with Store(tmp_path / "cache.sqlite3") as store:
        for n in range(400):
            agency = n % 10 != 0  # nine in ten come from agencies
            title = f"出租 {n}号 两室一厅" + (" 中介免佣" if agency else " 房东直租")
            url = f"http://127.0.0.1:9/{n}.html"
            store.put("article", url, Article(url=url, title=title, body=("近地铁",)).to_dict(), fetched_at=utcnow())
        library = Library(tmp_path / "library.sqlite3")
        try:
            user = UserLibrary(store, library, Retention(), _no_fetch)  # type: ignore[arg-type]  # never called
            everything = user.search("出租", limit=None)
            assert len(everything) == 400
            user.kill_add("word", "中介")
            kept = user.search("出租", limit=30)
            assert len(kept) == 30 and all("中介" not in hit.title for hit in kept)
            # The same hits, in the same order, as the unlimited search keeps.
            assert kept == user.search("出租", limit=None)[:30]
            assert len(user.search("出租", limit=None)) == 40
        finally:
            library.close()
