"""Heavy pages under the byte cap (``demo.site.heavy``), read as a user reads them.

Each shape is served over HTTP by the demo portal and read with the real
command: it must end (no hang, exit 0, no traceback), still show the title
and the opening paragraph, and say what it cut, in ``cuts``. How long it
takes is for ``benchmarks/heavy_pages.py`` to say, not for a test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.cli import run
from tui_reader.demo.site.heavy import INTRO, SHAPES, TITLES
from tui_reader.demo.web.server import DemoOptions, DemoServer

# The words of the note each shape must leave (one of the cuts says them).
NOTES = {
    "nested-divs": "too deeply nested",
    "nested-tables": "too deeply nested",
    "nested-lists": "too deeply nested",
    "tiny-paragraphs": "side by side",
    "many-attributes": "300,000 attributes",
    "many-links": "page too long",
    "wide-table": "columns of 200",
    "text-run": "characters of 2,500,000 in one run",
    "unbroken-run": "characters of 2,000,000 in one run",
    "nested-inline": "too deeply nested",
    "nested-font": "too deeply nested",
    "many-breaks": "side by side",
    "huge-pre": "in one run",
    "facts-list": "side by side",
    "facts-table": "table cut to 500 rows",
    "many-scripts": "page too long",
    "many-images": "side by side",
    "many-comments": "page too long",
    "misnested": "page too long",
    "staircase": "too deeply nested",
    "long-title": "title cut",
}


def test_every_shape_has_its_note() -> None:
    assert set(NOTES) == set(SHAPES)


@pytest.fixture(scope="module")
def heavy_portal() -> Iterator[DemoServer]:
    with DemoServer(port=0, options=DemoOptions(encoding="utf-8"), log=lambda _line: None) as server:
        yield server


@pytest.mark.parametrize("shape", SHAPES)
def test_a_heavy_page_reads_in_part_and_says_what_was_cut(shape: str, heavy_portal: DemoServer, tmp_path: Path) -> None:
    import json

    url = f"{heavy_portal.base_url}/heavy/{shape}.html"
    done = run(tmp_path, "read", url, "--site", "demo", "--base-url", heavy_portal.base_url, "--json")
    assert "Traceback" not in done.stderr
    article = json.loads(done.stdout)
    assert article["title"].startswith(TITLES[shape][:20])
    assert INTRO in article["body"]
    assert any(NOTES[shape] in note for note in article["cuts"]), article["cuts"]


def test_a_heavy_page_says_its_cuts_in_plain_output_too(heavy_portal: DemoServer, tmp_path: Path) -> None:
    url = f"{heavy_portal.base_url}/heavy/facts-table.html"
    out = run(tmp_path, "read", url, "--site", "demo", "--base-url", heavy_portal.base_url).stdout
    out = out.replace("\n", "").replace(" ", "")  # lines are broken at 80 columns
    assert "Showninpart:" in out and "tablecutto500rows" in out
    assert INTRO in out


def test_a_whole_page_has_no_cuts(portal: DemoServer, home: Path) -> None:
    import json

    base = ("--base-url", portal.base_url)
    url = json.loads(run(home, "list", "连云港", "房产", *base, "--json").stdout)["items"][0]["url"]
    assert json.loads(run(home, "read", url, *base, "--json").stdout)["cuts"] == []
