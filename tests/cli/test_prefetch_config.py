"""``[fetch] prefetch`` and ``prefetch_count``: read strictly, written by ``config init``, and obeyed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.client import Session
from tui_reader.config import Config, default_text, load_config
from tui_reader.errors import ConfigError
from tui_reader.sites.profile import load_profile


def test_prefetch_is_on_by_default_and_the_default_file_says_so() -> None:
    assert Config().prefetch is True
    assert Config().prefetch_count == 3
    text = default_text()
    assert "[fetch]" in text
    assert "prefetch = true" in text
    assert "prefetch_count = 3" in text


def test_the_keys_are_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[fetch]\nprefetch = false\nprefetch_count = 5\n", encoding="utf-8")
    config = load_config(path)
    assert config.prefetch is False
    assert config.prefetch_count == 5


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('prefetch = "yes"', "'prefetch' must be true or false"),
        ("prefetch = 1", "'prefetch' must be true or false"),
        ("prefetch_count = 99", "'prefetch_count' must be a whole number from 0 to 20"),
        ("prefetch_count = -1", "'prefetch_count' must be a whole number from 0 to 20"),
        ("prefetch_rows = 3", "unknown key 'prefetch_rows' in [fetch]"),
    ],
)
def test_a_bad_value_is_one_line_naming_file_and_line(tmp_path: Path, line: str, words: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[fetch]\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert "\n" not in message
    assert f"{path}:2" in message
    assert words in message


def _session(config: Config, *, offline: bool = False) -> Session:
    return Session(config=config, profile=load_profile("demo"), base_url="http://127.0.0.1:9", offline=offline)


def test_the_reader_prefetches_as_configured_and_a_sync_never_does(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TUI_READER_HOME", str(tmp_path))
    config = Config(prefetch_count=5, sync_delay=0.5)
    reading = _session(config).make_client()
    assert reading.prefetch is not None
    assert (reading.prefetch.rows, reading.prefetch.delay) == (5, 0.5)  # paced as a sync is
    assert _session(config).make_client(for_sync=True).prefetch is None
    assert _session(Config(prefetch=False)).make_client().prefetch is None
    offline = _session(config, offline=True).make_client()
    offline.prefetch_around(["http://127.0.0.1:9/a.html"], place=None, next_page=None)
    assert offline._prefetcher is None or list(offline._prefetcher.started) == []
