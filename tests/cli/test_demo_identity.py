"""``--demo`` when the demo portal's usual port is taken (a second reader is
running, or anything else): the run serves it on a spare port but caches
under the usual address, so ``--demo --offline`` reads what it fetched."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.cli import run_json
from tui_reader.cli.session import DEMO_PORTS
from tui_reader.demo.web.server import DemoOptions, DemoServer

USUAL = f"http://127.0.0.1:{DEMO_PORTS['a']}"


@pytest.fixture
def usual_port_taken() -> Iterator[None]:
    """Someone holds the usual port: this test's own portal, or whoever got there first."""
    with contextlib.ExitStack() as stack:
        with contextlib.suppress(OSError):
            stack.enter_context(DemoServer(port=DEMO_PORTS["a"], options=DemoOptions(), log=lambda _line: None))
        yield


def _rows(home: Path, *flags: str) -> list[tuple[str, str]]:
    page = run_json(home, "--demo", *flags, "list", "连云港", "房产")
    assert isinstance(page, dict)
    return [(row["url"], row["title"]) for row in page["items"]]


@pytest.mark.usefixtures("usual_port_taken")
def test_a_demo_on_a_spare_port_is_read_again_offline(home: Path) -> None:
    online = _rows(home)
    assert online and all(url.startswith(USUAL + "/") for url, _title in online)
    assert _rows(home, "--offline") == online
