"""A user's profile that passed the selector check is not parsed by selectolax again at
the next start (``cli.profile_checks``); an edited one is checked in full again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui_reader.cli.profile_checks import FileProfileChecks
from tui_reader.errors import ProfileError
from tui_reader.sites.profile import builtin_dir, load_profile

LOAD = (
    "import sys\n"
    "from tui_reader.cli.profile_checks import FileProfileChecks\n"
    "from tui_reader.sites.profile import load_profile\n"
    "profile = load_profile('mine', [sys.argv[1]], checks=FileProfileChecks())\n"
    "print(profile.name, 'selectolax' in sys.modules)\n"
)


def _mine(folder: Path, body: str = "div.article div.content") -> Path:
    text = (builtin_dir() / "demo.toml").read_text(encoding="utf-8").replace('name = "demo"', 'name = "mine"')
    path = folder / "mine.toml"
    path.write_text(text.replace('body = "div.article div.content"', f'body = "{body}"', 1), encoding="utf-8")
    return path


def _start(home: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter, as each start of the reader is: what it loads is its own."""
    env = {**os.environ, "TUI_READER_HOME": str(home)}
    return subprocess.run([sys.executable, "-c", LOAD, str(folder)], env=env, capture_output=True, text=True)


def test_an_unchanged_profile_skips_the_selector_parse_and_an_edited_one_is_checked_again(tmp_path: Path) -> None:
    folder, home = tmp_path / "profiles", tmp_path / "home"
    folder.mkdir()
    _mine(folder)
    assert _start(home, folder).stdout.split() == ["mine", "True"]  # checked in full, then noted
    assert _start(home, folder).stdout.split() == ["mine", "False"]  # the same text: not parsed again
    _mine(folder, body="div[[")
    refused = _start(home, folder)
    assert refused.returncode != 0 and "not a valid CSS selector: 'div[['" in refused.stderr


def test_a_damaged_memo_counts_as_empty(tmp_path: Path) -> None:
    memo = tmp_path / "state" / "checked-profiles"
    memo.parent.mkdir()
    memo.write_bytes(b"\xff\xfe not ascii \x00")
    checks = FileProfileChecks(memo)
    folder = tmp_path / "profiles"
    folder.mkdir()
    _mine(folder, body="div[[")
    with pytest.raises(ProfileError, match="not a valid CSS selector"):
        load_profile("mine", [folder], checks=checks)
    source = _mine(folder).read_text(encoding="utf-8")
    assert load_profile("mine", [folder], checks=checks).name == "mine"
    assert checks.passed(source) and not checks.passed(source + " ")
    assert len(memo.read_text(encoding="ascii").split()) == 1
