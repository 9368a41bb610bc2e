"""The house rules of docs/design.md, checked on the source itself: the import
contract (import-linter, pyproject.toml), no circles, packages met at their faces."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.imports import circles, import_graph

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "tui_reader"
PACKAGES = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())


def _lint_imports(root: Path, src: Path) -> subprocess.CompletedProcess[str]:
    """import-linter with the contracts of ``root``'s pyproject.toml, on the package in ``src``."""
    return subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command as c; sys.exit(c())"],
        cwd=root,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )


def _tree_with(tmp_path: Path, module: str, line: str) -> Path:
    """A copy of the source and its contracts, with ``line`` added to ``module``."""
    (tmp_path / "src").mkdir()
    shutil.copytree(PACKAGE, tmp_path / "src" / "tui_reader", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "src" / Path(*module.split(".")).with_suffix(".py")
    target.write_text(target.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    return tmp_path


def test_the_import_contract_holds() -> None:
    done = _lint_imports(ROOT, SRC)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("tui_reader.models.content", "from tui_reader.client import Client", "Layers"),
        ("tui_reader.store.cache", "import tui_reader.ui.app", "Layers"),
        ("tui_reader.fetch.fetcher", "import tui_reader.store", "Layers"),
        ("tui_reader.render.article", "import textual", "Only ui imports Textual"),
        ("tui_reader.client.facade", "import sqlite3", "Only store speaks SQL"),
        ("tui_reader.sites.kinds", "import httpx", "Only fetch talks HTTP"),
    ],
    ids=["upward", "upward-to-ui", "sideways", "textual", "sqlite3", "httpx"],
)
def test_the_import_contract_fails_on_a_bad_import(tmp_path: Path, module: str, line: str, broken: str) -> None:
    root = _tree_with(tmp_path, module, line)
    done = _lint_imports(root, root / "src")
    assert done.returncode != 0
    assert f"{broken}" in done.stdout and "BROKEN" in done.stdout, done.stdout[-2000:]


def test_no_import_circles() -> None:
    """No module reaches itself through others: not at import time, not through a
    lazy import inside a function (only ``TYPE_CHECKING`` imports are left out)."""
    assert circles(import_graph(SRC, "tui_reader")) == []


def test_a_circle_is_found(tmp_path: Path) -> None:
    root = _tree_with(tmp_path, "tui_reader.sites.text", "from tui_reader.sites.meta import page_meta")
    found = circles(import_graph(root / "src", "tui_reader"))
    assert len(found) == 1 and {"tui_reader.sites.meta", "tui_reader.sites.text"} <= set(found[0])


def _reaching_in(src: Path) -> list[str]:
    """Imports from outside a package of one of its inner modules, not its face."""
    graph = import_graph(src, "tui_reader")
    bad = []
    for module, imported in graph.items():
        for target in imported:
            parts = target.split(".")
            inner = len(parts) > 2 and parts[1] in PACKAGES
            if inner and module.split(".")[1:2] != parts[1:2]:
                bad.append(f"{module} -> {target}")
    return sorted(bad)


def test_packages_meet_at_their_faces() -> None:
    """Outside a package only its ``__init__`` (its face) is imported, never an inner module."""
    assert _reaching_in(SRC) == []


def test_reaching_into_a_package_is_found(tmp_path: Path) -> None:
    root = _tree_with(tmp_path, "tui_reader.client.facade", "from tui_reader.store.cache import Store as _S")
    assert _reaching_in(root / "src") == ["tui_reader.client.facade -> tui_reader.store.cache"]


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
    parsers (selectolax too: bundled profiles are not re-checked), the browser
    launcher, the article and its renderer, the hunting parts (the query
    language, the money reader, the killfile), the demo portal's content and server, Pillow
    and the photo vetting, textual-image (the gallery's pictures), the article and
    reader panes (mounted after the first paint), and sqlite3 (the store's modules
    load when the session opens the cache): they load when first used (each costs
    a noticeable share of the start-up time)."""
    code = (
        "import sys\n"
        "import tui_reader.cli.commands, tui_reader.cli.session, tui_reader.cli.config\n"
        "import tui_reader.client, tui_reader.client.facade, tui_reader.client.session\n"
        "import tui_reader.ui, tui_reader.ui.app, tui_reader.ui.settings, tui_reader.ui.screens.browse\n"
        "import tui_reader.store, tui_reader.sites, tui_reader.sites.profile, tui_reader.models\n"
        "import tui_reader.remembered, tui_reader.config, tui_reader.paths, tui_reader.launch\n"
        "late = ['httpx', 'selectolax', 'trafilatura', 'readability', 'lxml', 'webbrowser',\n"
        "        'tui_reader.fetch.fetcher', 'tui_reader.render.article', 'tui_reader.models.blocks',\n"
        "        'tui_reader.client.syncer', 'pypinyin', 'tui_reader.query', 'tui_reader.models.money',\n"
        "        'tui_reader.client.killfile', 'sqlite3', '_sqlite3', 'tui_reader.store.cache',\n"
        "        'tui_reader.demo.site', 'tui_reader.demo.web', 'http.server', 'socketserver',\n"
        "        'tui_reader.sites.pages', 'tui_reader.urls', 'tui_reader.render.hunting',\n"
        "        'tui_reader.store.search', 'tui_reader.models.query', 'tui_reader.models.hits',\n"
        "        'tui_reader.models.article', 'PIL', 'tui_reader.sites.images', 'textual_image',\n"
        "        'tui_reader.ui.pictures', 'tui_reader.ui.screens.gallery', 'tui_reader.limits',\n"
        "        'tui_reader.client.repeated_photos', 'tui_reader.ui.panes.article_list',\n"
        "        'tui_reader.ui.panes.article_view', 'tui_reader.ui.widgets.listing_rows']\n"
        "late += [name for name in sys.modules if name.startswith(('tui_reader.demo.', 'tui_reader.sites.extract'))]\n"
        "print(' '.join(sorted({name for name in late if name in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.strip() == ""
