"""``client.user``'s hunting: the killfile in search, watches and their unread matches,
a bookmark's status — a real client over real SQLite files."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tui_reader.client import Client
from tui_reader.errors import NotFound, QueryError, ReaderError
from tui_reader.models import Article, utcnow

BASE = "http://127.0.0.1:1"

LISTINGS = [
    ("海州区 两室一厅 整租", "家电齐全。", (("联系人", "王先生"), ("电话", "138 1234 5678"))),
    ("新浦 一室 整租 中介勿扰", "近学校。", (("联系人", "李女士"), ("电话", "13900001111"))),
    ("连云区 三室 整租", "房东直租，无中介。", (("联系人", "赵先生"), ("电话", "13700002222"))),
]


def _put(client: Client, i: int, title: str, body: str, contact: tuple[tuple[str, str], ...]) -> str:
    article = Article(
        url=f"{BASE}/zufang/{i}.html", title=title, body=(body,), city="连云港", category="租房", contact=contact
    )
    client.store.put("article", article.url, article.to_dict(), fetched_at=utcnow())
    return article.url


@pytest.fixture
def user(client: Callable[..., Client]) -> Client:
    made = client(library=True, offline=True)
    for i, (title, body, contact) in enumerate(LISTINGS):
        _put(made, i, title, body, contact)
    return made


def _found(c: Client, query: str = "整租", **kw: int) -> list[str]:
    return [hit.url.rsplit("/", 1)[1] for hit in c.user.search(query, **kw)]


def test_the_killfile_hides_by_phone_word_and_poster(user: Client) -> None:
    assert sorted(_found(user)) == ["0.html", "1.html", "2.html"]
    user.user.kill_add("phone", "13812345678")  # written with spaces on the page: the same phone
    assert "0.html" not in _found(user)
    user.user.kill_add("word", "中介勿扰")
    user.user.kill_add("poster", "赵先生")
    assert _found(user) == []
    assert [(k.kind, k.value) for k in user.user.kills()] == [
        ("phone", "13812345678"),
        ("poster", "赵先生"),
        ("word", "中介勿扰"),
    ]
    user.user.kill_remove("poster", "赵先生")
    assert _found(user) == ["2.html"]  # "无中介" deep in its text does not match the killed word
    with pytest.raises(NotFound):
        user.user.kill_remove("poster", "赵先生")
    with pytest.raises(ReaderError, match="not one phone number"):
        user.user.kill_add("phone", "call me")


def test_a_limit_counts_the_hits_left_after_the_killfile(user: Client) -> None:
    everything = _found(user)
    user.user.kill_add("phone", "13812345678")
    kept = [url for url in everything if url != "0.html"]
    assert _found(user, limit=2) == kept[:2] and len(kept) == 2


def test_a_watch_with_a_bad_query_is_not_kept(user: Client) -> None:
    with pytest.raises(QueryError) as caught:
        user.user.watch_add("rent", "整租 city:")
    assert caught.value.at == 3
    assert user.user.watches() == []


def test_watch_matches_are_unread_until_opened_and_a_sync_counts_new_ones(user: Client) -> None:
    info = user.user.watch_add("rent", "整租 cat:租房")
    assert (info.matches, info.new, info.last_run) == (3, 3, None)
    assert user.user.update_watches() == {"rent": 0}  # nothing new since it was added

    opened = Article(url=f"{BASE}/zufang/1.html", title=LISTINGS[1][0])
    user.user.opened(opened)
    user.user.mark_watch_read(f"{BASE}/zufang/2.html")
    unread = {m.hit.url.rsplit("/", 1)[1]: m.unread for m in user.user.watch_matches("rent")}
    assert unread == {"0.html": True, "1.html": False, "2.html": False}

    _put(user, 3, "海州区 整租 四室", "新上。", ())
    assert user.user.update_watches() == {"rent": 1}
    [listed] = user.user.watches()
    assert (listed.matches, listed.new) == (4, 2)
    fresh = [m for m in user.user.watch_matches("rent") if m.hit.url.endswith("/3.html")]
    assert fresh[0].unread and fresh[0].first_seen

    assert {h.url for h in user.user.watch_run("rent")} == {f"{BASE}/zufang/{i}.html" for i in range(4)}
    assert user.user.watch_run() == []
    with pytest.raises(NotFound, match="no watch named 'buy' \\(there are: rent\\)"):
        user.user.watch_run("buy")


def test_bookmark_status_is_one_of_the_known_ones(user: Client) -> None:
    url = f"{BASE}/zufang/0.html"
    user.user.library.add_bookmark(user.store.get("article", url).payload)  # type: ignore[union-attr]
    assert user.user.bookmark_status(url, " To  Call ") == "to call"
    user.user.bookmark_note(url, "周末看房")
    [mark] = user.user.bookmarks()
    assert (mark["status"], mark["note"]) == ("to call", "周末看房")
    with pytest.raises(ReaderError, match="unknown bookmark status 'maybe'"):
        user.user.bookmark_status(url, "maybe")
    with pytest.raises(NotFound):
        user.user.bookmark_note(url + "x", "hi")
