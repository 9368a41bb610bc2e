"""The library file's hunting data: an upgrade from version 2 keeps everything, and
watches, matches, the killfile and a bookmark's note and status behave (real SQLite files)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tui_reader.errors import CacheError
from tui_reader.store import Library

# The library file as version 2 wrote it.
_V2 = (
    "CREATE TABLE bookmarks (url TEXT PRIMARY KEY, title TEXT NOT NULL, article TEXT NOT NULL, added_at TEXT NOT NULL)",
    "CREATE TABLE read_marks (url TEXT PRIMARY KEY, read_at TEXT NOT NULL) WITHOUT ROWID",
    """CREATE TABLE seen (list_url TEXT NOT NULL, url TEXT NOT NULL, first_seen TEXT NOT NULL,
        PRIMARY KEY (list_url, url)) WITHOUT ROWID""",
    """CREATE TABLE history (url TEXT PRIMARY KEY, title TEXT NOT NULL, opened_at TEXT NOT NULL,
        opened_count INTEGER NOT NULL DEFAULT 1)""",
    "CREATE INDEX history_by_time ON history (opened_at)",
    "PRAGMA user_version = 2",
)


def test_a_version_2_library_upgrades_and_keeps_what_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "old.library.sqlite3"
    conn = sqlite3.connect(path)
    for statement in _V2:
        conn.execute(statement)
    article = {"url": "http://x/1.html", "title": "两室一厅", "body": ["整租"]}
    conn.execute(
        "INSERT INTO bookmarks VALUES (?, ?, ?, ?)",
        ("http://x/1.html", "两室一厅", json.dumps(article), "2024-05-01T00:00:00.000000+00:00"),
    )
    conn.execute("INSERT INTO history VALUES ('http://x/2.html', '单车', '2024-05-02T00:00:00.000000+00:00', 3)")
    conn.execute("INSERT INTO read_marks VALUES ('http://x/2.html', '2024-05-02T00:00:00.000000+00:00')")
    conn.execute("INSERT INTO seen VALUES ('http://x/list', 'http://x/2.html', '2024-05-02T00:00:00.000000+00:00')")
    conn.commit()
    conn.close()

    with Library(path) as library:
        [mark] = library.bookmarks()
        assert mark["article"] == article and (mark["note"], mark["status"]) == ("", "")
        assert library.history() == [
            {
                "url": "http://x/2.html",
                "title": "单车",
                "opened_at": "2024-05-02T00:00:00.000000+00:00",
                "opened_count": 3,
            }
        ]
        assert library.read_among(["http://x/2.html", "http://x/1.html"]) == {"http://x/2.html"}
        assert library.new_since_last_visit("http://x/list", ["http://x/2.html", "http://x/3.html"]) == {
            "http://x/3.html"
        }
        assert library.set_bookmark("http://x/1.html", note="call after 6", status="to call")
        assert library.watches() == [] and library.kills() == []
    with Library(path) as again:  # opened a second time: no migration left, nothing lost
        assert {k: again.bookmarks()[0][k] for k in ("note", "status")} == {"note": "call after 6", "status": "to call"}
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 3


def test_watch_matches_start_unread_unless_read_and_opening_reads_them(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as library:
        library.mark_read("http://x/read.html")
        assert library.add_watch("rent", "整租", ["http://x/a.html", "http://x/read.html"])
        assert not library.add_watch("rent", "合租")  # the name is taken: nothing changes
        assert library.record_matches("rent", ["http://x/a.html", "http://x/b.html"]) == 1
        [watch] = library.watches()
        assert (watch["query"], watch["matches"], watch["unread"], watch["run_cursor"]) == ("整租", 3, 2, None)

        library.record_open("http://x/a.html", "A")
        matches = library.watch_matches("rent")
        assert {url: unread for url, (_, unread) in matches.items()} == {
            "http://x/a.html": False,
            "http://x/read.html": False,
            "http://x/b.html": True,
        }
        library.mark_read("http://x/a.html", read=False)
        assert library.watch_matches("rent")["http://x/a.html"][1] is True
        library.mark_watch_read("http://x/b.html")
        assert library.watches()[0]["unread"] == 1


def test_run_watch_keeps_its_own_cursor(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as library:
        library.add_watch("rent", "整租", ["http://x/a.html"])
        assert library.run_watch("rent", ["http://x/a.html", "http://x/b.html"]) == {
            "http://x/a.html",
            "http://x/b.html",
        }
        assert library.run_watch("rent", ["http://x/a.html", "http://x/b.html"]) == set()
        library.record_matches("rent", ["http://x/c.html"])  # a sync saw it between two runs
        assert library.run_watch("rent", ["http://x/a.html", "http://x/c.html", "http://x/d.html"]) == {
            "http://x/c.html",
            "http://x/d.html",
        }
        assert library.run_watch("nobody", []) is None
        assert library.remove_watch("rent") and not library.remove_watch("rent")
        assert library.watch_matches("rent") == {}


def test_kills_are_kept_once_and_checked_by_kind(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as library:
        assert library.add_kill("phone", "13812345678") and not library.add_kill("phone", "13812345678")
        assert library.add_kill("word", "中介")
        assert [(k, v) for k, v, _ in library.kills()] == [("phone", "13812345678"), ("word", "中介")]
        assert library.remove_kill("word", "中介") and not library.remove_kill("word", "中介")
        with pytest.raises(CacheError, match="cannot write"):  # the CHECK constraint, as the store words it
            library.add_kill("email", "x@y")
