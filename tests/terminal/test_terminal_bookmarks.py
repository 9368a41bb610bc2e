"""A bookmark's status set in the installed reader, in tmux, and read back by
``tui-reader bookmarks --json``: the TUI and the command line keep one library;
then the shortlist exported from the reader (``E``) to a CSV file."""

from __future__ import annotations

import csv
import io
import json
import shlex
from pathlib import Path

import pytest

from support.cli import run
from support.terminal import open_terminal, wait_until_closed
from tui_reader.demo.web.server import DemoServer

pytestmark = pytest.mark.tmux


def test_a_status_set_in_the_bookmarks_is_kept(tmp_path: Path, portal: DemoServer) -> None:
    home = tmp_path / "home"  # the home open_terminal gives the command
    base = ("--site", "demo", "--base-url", portal.base_url)
    listed = json.loads(run(home, "list", "南京", "房产", "--json", *base).stdout)
    url, title = listed["items"][0]["url"], listed["items"][0]["title"]
    run(home, "bookmarks", "add", url, *base)

    shortlist = tmp_path / "shortlist.csv"
    flags = " ".join(shlex.quote(flag) for flag in base)
    for terminal in open_terminal(tmp_path, flags, width=120, height=30):
        terminal.wait_for(lambda s: "Articles" in s and "元" in s, "the article list")
        terminal.keys("B")
        terminal.wait_for(lambda s: "1 bookmark" in s and title[:6] in s, "the bookmarks")
        terminal.keys("m")
        terminal.wait_for(lambda s: "to call · 南京 › 房产" in s, "the status on its row")
        terminal.keys("E")  # the shortlist to a file
        terminal.wait_for(lambda s: "Export the bookmarks" in s, "the export dialog")
        # One step at a time, each seen on screen, as a person types: keys sent in
        # one burst while the reader is busy (it reads ahead meanwhile) can reach
        # the box out of order (Textual runs the box's ctrl+u binding after the
        # characters queued behind it).
        terminal.keys("C-u")  # the suggested path out, ours in
        terminal.wait_for(lambda s: "tui-reader-bookmarks-" not in s, "the suggested path gone")
        terminal.text(str(shortlist))
        terminal.wait_for(lambda s: shortlist.name in s, "the path typed")
        terminal.keys("Enter")
        terminal.wait_for(lambda s: "Exported 1 bookmark to" in s, "the export said done")
        terminal.keys("q")
        wait_until_closed(terminal)

    marks = json.loads(run(home, "bookmarks", "--json", *base).stdout)
    assert [(m["url"], m["status"]) for m in marks] == [(url, "to call")]
    rows = list(csv.DictReader(io.StringIO(shortlist.read_text(encoding="utf-8"))))
    assert [(r["url"], r["title"], r["status"]) for r in rows] == [(url, title, "to call")]
