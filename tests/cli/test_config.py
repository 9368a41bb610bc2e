"""config.toml: defaults, first run, and one-line errors that name file and line."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tui_reader import paths
from tui_reader.config import Config, default_text, load_config, parse_duration
from tui_reader.errors import ConfigError


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _error(path: Path, text: str) -> str:
    _write(path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


# -- first run and defaults --------------------------------------------------------


def test_first_run_writes_commented_defaults_that_parse_back(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    first = load_config(path)
    assert first == Config()
    assert path.read_text(encoding="utf-8") == default_text()
    assert "#" in default_text()
    second = load_config(path)
    assert second == Config()
    assert second.source == path


def test_default_file_mentions_every_setting_with_its_default() -> None:
    data = tomllib.loads(default_text())
    assert data == {
        "site": {"name": "demo", "base_url": "", "profile_dirs": []},
        "network": {"timeout": 10.0, "deadline": 30.0, "max_page_mb": 8},
        "fetch": {"prefetch": True, "prefetch_count": 3},
        "cache": {
            "cities_ttl": "7d",
            "listings_ttl": "30m",
            "article_ttl": "7d",
            "max_age": "90d",
            "max_size_mb": 1024,
            "photos_mb": 200,
        },
        "sync": {"concurrency": 2, "delay": 0.25, "deadline": 15.0},
        "ui": {"theme": "", "images": "auto"},
        "keymap": {},
    }


def test_every_config_field_has_a_key_in_the_file(tmp_path: Path) -> None:
    # Changing any field's value in the file must change that field: proves
    # each setting is wired to exactly the attribute its key names.
    path = _write(
        tmp_path / "config.toml",
        """
[site]
name = "other"
base_url = "http://127.0.0.1:9000"
profile_dirs = ["/srv/profiles"]
[network]
timeout = 3
deadline = 12.5
max_page_mb = 2
[fetch]
prefetch = false
prefetch_count = 7
[cache]
cities_ttl = "2h"
listings_ttl = 90
article_ttl = "1d"
max_age = "30d"
max_size_mb = 50
photos_mb = 30
[sync]
concurrency = 4
delay = "1s"
deadline = 5
[ui]
theme = "nord"
images = "off"
[keymap]
"cursor.down" = "j, ctrl+n"
""",
    )
    config = load_config(path)
    assert config == Config(
        site="other",
        base_url="http://127.0.0.1:9000",
        profile_dirs=(Path("/srv/profiles"),),
        timeout=3.0,
        deadline=12.5,
        max_page_bytes=2 * 1024 * 1024,
        prefetch=False,
        prefetch_count=7,
        ttl_cities=7200.0,
        ttl_listings=90.0,
        ttl_articles=86400.0,
        cache_max_age=30 * 86400.0,
        cache_max_bytes=50 * 1024 * 1024,
        cache_photo_bytes=30 * 1024 * 1024,
        sync_concurrency=4,
        sync_delay=1.0,
        sync_deadline=5.0,
        theme="nord",
        images="off",
        keymap={"cursor.down": "j,ctrl+n"},
    )
    changed = {name for name in Config._fields if getattr(config, name) != getattr(Config(), name)}
    assert changed == set(Config._fields)


def test_missing_file_without_create_gives_defaults_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert load_config(path, create=False) == Config()
    assert not path.exists()


def test_existing_file_is_never_rewritten(tmp_path: Path) -> None:
    text = "# mine\n[network]\ntimeout = 2.0\n"
    path = _write(tmp_path / "config.toml", text)
    assert load_config(path).timeout == 2.0
    assert path.read_text(encoding="utf-8") == text


def test_partial_file_keeps_other_defaults(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path / "config.toml", '[site]\nbase_url = ""\n'))
    assert config == Config()
    assert config.base_url is None


def test_tui_reader_home_decides_where_the_file_goes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "home"))
    config = load_config()
    assert config == Config()
    assert (tmp_path / "home" / "config" / "config.toml").read_text(encoding="utf-8") == default_text()


def test_profile_dirs_expand_home_and_resolve_relative_to_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    path = _write(tmp_path / "config.toml", '[site]\nprofile_dirs = ["~/sites", "local"]\n')
    assert load_config(path).profile_dirs == (tmp_path / "user" / "sites", tmp_path / "local")


# -- durations --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30s", 30.0), ("30m", 1800.0), ("2h", 7200.0), ("7d", 604800.0), ("45", 45.0), (" 1.5h ", 5400.0), ("0", 0.0)],
)
def test_duration_texts(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


def test_duration_numbers() -> None:
    assert parse_duration(90) == 90.0
    assert parse_duration(2.5) == 2.5


@pytest.mark.parametrize("bad", ["abc", "3w", "-5m", "", "m", True, -1, float("inf"), [1]])
def test_bad_durations(bad: object) -> None:
    with pytest.raises(ValueError):
        parse_duration(bad)


# -- errors name file and line ----------------------------------------------------


def test_unknown_key(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    message = _error(path, '[site]\nname = "demo"\n\n# colour!\ncolour = "red"\n')
    assert message == f"{path}:5: unknown key 'colour' in [site]"


def test_unknown_key_in_a_later_table_with_the_same_name_as_an_earlier_key(tmp_path: Path) -> None:
    # "timeout" exists in [network] only; in [cache] it is unknown, and the
    # line must be the one under [cache], not the first "timeout =" in the file.
    path = tmp_path / "config.toml"
    message = _error(path, "[network]\ntimeout = 3\n[cache]\ntimeout = 4\n")
    assert message == f"{path}:4: unknown key 'timeout' in [cache]"


def test_bad_number(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    message = _error(path, '[site]\n[network]\ntimeout = "abc"\n')
    assert message == f"{path}:3: 'timeout' must be a positive number, not \"abc\""


@pytest.mark.parametrize("value", ["0", "-1", "true", "nan"])
def test_non_positive_numbers(tmp_path: Path, value: str) -> None:
    path = tmp_path / "config.toml"
    message = _error(path, f"[network]\ndeadline = {value}\n")
    assert message.startswith(f"{path}:2: 'deadline' must be a positive number, not ")


def test_bad_duration(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    message = _error(path, '[cache]\nlistings_ttl = "soon"\n')
    assert message == f'{path}:2: \'listings_ttl\' must be a duration like "30m", "2h" or "7d", not "soon"'


@pytest.mark.parametrize("value", ['"yes"', "true", '""'])
def test_bad_images_setting(tmp_path: Path, value: str) -> None:
    path = tmp_path / "config.toml"
    message = _error(path, f"[ui]\nimages = {value}\n")
    assert message == f'{path}:2: \'images\' must be "auto", "on" or "off", not {value}'


def test_images_setting_ignores_case(tmp_path: Path) -> None:
    assert load_config(_write(tmp_path / "config.toml", '[ui]\nimages = "Off"\n')).images == "off"


def test_bad_base_url(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    message = _error(path, '[site]\nbase_url = "www.example.com"\n')
    assert message.startswith(f"{path}:2: 'base_url' must be an address starting with http://")


def test_bad_profile_dirs(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    message = _error(path, '[site]\nprofile_dirs = "one/folder"\n')
    assert message.startswith(f"{path}:2: 'profile_dirs' must be a list of folders")


def test_unknown_table(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    message = _error(path, "[site]\n\n[colours]\nfg = 1\n")
    assert message == f"{path}:3: unknown table [colours]"


def test_key_outside_any_table(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    message = _error(path, "# top\ntimeout = 3\n[network]\n")
    assert message == f"{path}:2: unknown key 'timeout' outside any table"


def test_dotted_key_at_the_top_finds_its_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    message = _error(path, '\nsite.name = "demo"\nsite.colour = "red"\n')
    assert message == f"{path}:3: unknown key 'colour' in [site]"


def test_sub_table_is_an_unknown_key(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    message = _error(path, '[site]\nname = "demo"\n[site.extra]\nx = 1\n')
    assert message == f"{path}:3: unknown key 'extra' in [site]"


def test_toml_syntax_error_puts_the_line_first(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    message = _error(path, "[network]\ntimeout = 3\ndeadline = \n")
    assert message.startswith(f"{path}:3: ")
    assert "line 3" not in message  # said once, in front


def test_syntax_error_at_end_of_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    message = _error(path, '[site]\nname = "unterminated')
    assert message.startswith(f"{path}:2: ")


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes('[site]\nname = "演示"\n'.encode("gbk"))
    with pytest.raises(ConfigError, match=rf"^{path}:2: the file is not UTF-8 text$"):
        load_config(path)


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes('\ufeff[site]\nname = "演示"\n'.encode())
    assert load_config(path).site == "演示"


def test_unreadable_path_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()
    with pytest.raises(ConfigError, match=rf"^{path}: cannot read the file"):
        load_config(path)
