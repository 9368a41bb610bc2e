"""History lists each article once, at its latest opening, with how often it was
opened; a library file written before keeps everything and is read the same way."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui_reader.store import library as library_module
from tui_reader.store.library import Library

# The library's schema as released before history kept one row per article: the
# files users have on disk.
FIRST_SCHEMA = (
    "CREATE TABLE bookmarks (url TEXT PRIMARY KEY, title TEXT NOT NULL, article TEXT NOT NULL, added_at TEXT NOT NULL)",
    "CREATE TABLE history (id INTEGER PRIMARY KEY, url TEXT NOT NULL, title TEXT NOT NULL, opened_at TEXT NOT NULL)",
    "CREATE INDEX history_by_time ON history (opened_at)",
    "CREATE TABLE read_marks (url TEXT PRIMARY KEY, read_at TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE seen (list_url TEXT NOT NULL, url TEXT NOT NULL, first_seen TEXT NOT NULL, "
    "PRIMARY KEY (list_url, url)) WITHOUT ROWID",
)


def _rows(lib: Library) -> list[tuple[str, str, int]]:
    return [(h["url"], h["title"], h["opened_count"]) for h in lib.history()]


def test_an_article_opened_again_is_listed_once_at_its_latest_opening(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as lib:
        lib.record_open("u1", "旧标题")
        lib.record_open("u2", "二")
        lib.record_open("u1", "新标题")
        assert _rows(lib) == [("u1", "新标题", 2), ("u2", "二", 1)]
        first = lib.history()[0]["opened_at"]
        lib.record_open("u2", "二")
        assert _rows(lib) == [("u2", "二", 2), ("u1", "新标题", 2)]
        assert lib.history()[0]["opened_at"] > first
        assert set(lib.history()[0]) == {"url", "title", "opened_at", "opened_count"}


def test_history_keeps_the_latest_articles_not_the_latest_openings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "HISTORY_KEEP", 2)
    with Library(tmp_path / "lib.sqlite3") as lib:
        for url in ("u1", "u2", "u3", "u3", "u3"):
            lib.record_open(url, url)
        assert [h["url"] for h in lib.history()] == ["u3", "u2"]


def test_a_library_file_from_before_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    conn = sqlite3.connect(path)
    for statement in FIRST_SCHEMA:
        conn.execute(statement)
    conn.executemany(
        "INSERT INTO history (url, title, opened_at) VALUES (?, ?, ?)",
        [
            ("u1", "旧标题", "2024-02-10T04:00:00.000000+00:00"),
            ("u2", "二", "2024-02-10T05:00:00.000000+00:00"),
            ("u1", "新标题", "2024-02-10T06:00:00.000000+00:00"),
            ("u3", "三", "2024-02-10T03:00:00.000000+00:00"),
            ("u1", "新标题", "2024-02-10T07:00:00.000000+00:00"),
        ],
    )
    conn.execute("INSERT INTO read_marks VALUES ('u9', '2024-02-10T00:00:00+00:00')")
    conn.execute("INSERT INTO bookmarks VALUES ('u8', '收藏', '{\"url\": \"u8\", \"title\": \"收藏\"}', 'x')")
    conn.execute("INSERT INTO seen VALUES ('list', 'u7', 'x')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()

    with Library(path) as lib:
        assert _rows(lib) == [("u1", "新标题", 3), ("u2", "二", 1), ("u3", "三", 1)]
        assert lib.history()[0]["opened_at"] == "2024-02-10T07:00:00.000000+00:00"
        assert lib.read_among(["u9"]) == {"u9"}
        assert [b["url"] for b in lib.bookmarks()] == ["u8"]
        assert lib.new_since_last_visit("list", ["u7", "u6"]) == {"u6"}
        lib.record_open("u3", "三")
        assert _rows(lib)[0] == ("u3", "三", 2)
    with Library(path) as lib:  # opened again: migrated once, not twice
        assert _rows(lib) == [("u3", "三", 2), ("u1", "新标题", 3), ("u2", "二", 1)]
