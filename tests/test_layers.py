"""The house rules of DESIGN.md §2, checked on the source itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tui_reader"

# Lower layers must never reach up into the UI or the command line.
LOWER_LAYERS = ("client", "store", "fetch", "sites", "models", "errors", "paths", "config")


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _layer(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


@pytest.mark.parametrize(
    "path",
    [p for p in _modules() if _layer(p) != "ui"],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_textual_only_inside_ui(path: Path) -> None:
    textual = {n for n in _imported_names(path) if n == "textual" or n.startswith("textual.")}
    assert not textual, f"{path.name} imports {sorted(textual)}; only ui/ may import Textual"


@pytest.mark.parametrize(
    "path",
    [p for p in _modules() if _layer(p) in LOWER_LAYERS],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_lower_layers_do_not_import_ui_or_cli(path: Path) -> None:
    upward = {
        n
        for n in _imported_names(path)
        if n.startswith(("tui_reader.ui", "tui_reader.cli.commands", "tui_reader.cli.output", "tui_reader.cli.session"))
    }
    assert not upward, f"{path.name} imports {sorted(upward)}"


def test_sql_only_in_store() -> None:
    offenders = [
        p.name
        for p in _modules()
        if "sqlite3" in _imported_names(p) and _layer(p) != "store"
    ]
    assert offenders == []


def test_network_only_in_fetch() -> None:
    # The demo portal is a server, not a client; it may listen but never fetch.
    offenders = [
        p.name
        for p in _modules()
        if "httpx" in _imported_names(p) and _layer(p) != "fetch" and p.name != "urls.py"
    ]
    assert offenders == []


def test_import_does_no_work(tmp_path: Path) -> None:
    """Importing every module creates no files and opens no database."""
    home = tmp_path / "home"
    code = (
        "import importlib, pkgutil, tui_reader\n"
        "for m in pkgutil.walk_packages(tui_reader.__path__, 'tui_reader.'):\n"
        "    if m.name != 'tui_reader.__main__':\n"
        "        importlib.import_module(m.name)\n"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        env={"TUI_READER_HOME": str(home), "PATH": "/usr/bin:/bin"},
    )
    assert not home.exists()


def test_the_first_screen_does_not_load_the_network_or_the_extractors() -> None:
    """What the TUI imports before its first paint leaves out httpx, the HTML
    parsers, the browser launcher and the article renderer: they load when
    first used (each costs a noticeable share of the start-up time)."""
    code = (
        "import sys\n"
        "import tui_reader.cli.commands, tui_reader.cli.session, tui_reader.client.facade, tui_reader.ui.app\n"
        "late = ['httpx', 'selectolax', 'trafilatura', 'lxml', 'webbrowser', 'tui_reader.fetch.fetcher',\n"
        "        'tui_reader.render.article', 'tui_reader.models.blocks', 'tui_reader.client.syncer']\n"
        "print(' '.join(name for name in late if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.strip() == ""
