"""``tui-reader config path|check|init``, and the TUI refusing a bad keymap or theme."""

from __future__ import annotations

import tomllib
from pathlib import Path

from support.cli import run
from tui_reader.ui.keys import binding_infos


def _config(home: Path) -> Path:
    return home / "config" / "config.toml"


def _write(home: Path, text: str) -> Path:
    path = _config(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_path_prints_where_the_file_is(home: Path) -> None:
    assert run(home, "config", "path").stdout == f"{_config(home)}\n"


def test_init_writes_every_key_and_every_binding(home: Path) -> None:
    proc = run(home, "config", "init")
    assert proc.stdout == ""
    text = _config(home).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["ui"] == {"theme": "", "images": "auto"}
    assert data["keymap"] == {}
    for info in binding_infos():
        assert f'# "{info.id}" = "{",".join(info.keys)}"' in text


def test_init_refuses_to_overwrite_without_force(home: Path) -> None:
    path = _write(home, "# mine\n")
    proc = run(home, "config", "init", check_exit=1)
    assert proc.stderr.strip() == f"tui-reader: {path} already exists; add --force to replace it with the defaults"
    assert path.read_text(encoding="utf-8") == "# mine\n"
    run(home, "config", "init", "--force")
    assert "[keymap]" in path.read_text(encoding="utf-8")


def test_the_first_run_writes_the_same_text_as_init(home: Path, tmp_path: Path) -> None:
    run(home, "search", "xy")  # any command: the first run writes the defaults
    first = _config(home).read_text(encoding="utf-8")
    other = tmp_path / "other"
    run(other, "config", "init")
    assert first == _config(other).read_text(encoding="utf-8")


def test_check_ok(home: Path) -> None:
    path = _write(home, '[ui]\ntheme = "nord"\n[keymap]\n"cursor.down" = "ctrl+n,j"\n')
    proc = run(home, "config", "check")
    assert proc.stdout == f"ok: {path}\n" and proc.stderr == ""


def test_check_reports_a_bad_keymap_id_with_its_line(home: Path) -> None:
    path = _write(home, '[keymap]\n"cursor.down" = "j"\n"cursor.dwon" = "n"\n')
    proc = run(home, "config", "check", check_exit=1)
    assert proc.stderr.splitlines() == [
        f"tui-reader: {path}:3: unknown binding id 'cursor.dwon' in [keymap]; did you mean 'cursor.down'?"
    ]


def test_check_reports_syntax_and_unknown_keys(home: Path) -> None:
    path = _write(home, "[network]\ntimeout = \n")
    assert run(home, "config", "check", check_exit=1).stderr.startswith(f"tui-reader: {path}:2: ")
    _write(home, "[ui]\ncolour = 1\n")
    assert run(home, "config", "check", check_exit=1).stderr == f"tui-reader: {path}:2: unknown key 'colour' in [ui]\n"


def test_check_reports_an_unknown_theme(home: Path) -> None:
    path = _write(home, '[ui]\ntheme = "nrod"\n')
    stderr = run(home, "config", "check", check_exit=1).stderr
    assert stderr.startswith(f"tui-reader: {path}:2: no theme called 'nrod'; did you mean 'nord'?")


def test_the_tui_refuses_to_start_on_a_keymap_conflict(home: Path) -> None:
    path = _write(home, '[keymap]\n\n"cursor.up" = "s"\n')
    proc = run(home, "--demo", "--offline", check_exit=1)
    assert proc.stderr.splitlines() == [
        f"tui-reader: {path}:3: 'cursor.up': 's' is already 'library.search' (Search) in the browse screen's lists"
    ]
    assert proc.stdout == ""
