"""The reader's usual command line (global options, no sub-command) is parsed
without building every sub-command's parser: it must mean exactly what the
full parser makes of it, and a mistake must be told in the full parser's words."""

from __future__ import annotations

import pytest

from tui_reader.cli.arguments import build_parser, parse_arguments

SAME_MEANING = [
    [],
    ["--offline"],
    ["--demo"],
    ["--demo", "--site", "auto"],
    ["--site=demo", "--base-url", "http://127.0.0.1:1"],
    ["--base-url=http://a.example/"],
    ["--debug", "--offline", "--demo"],
    ["--site", ""],
    ["--site", "demo", "--site", "demo-b"],
    ["--off"],  # an abbreviation: the full parser's business
    ["cities", "--json"],
    ["open", "http://127.0.0.1:1/a.html", "--offline"],
    ["open", "http://127.0.0.1:1/a.html"],
    ["--demo", "open", "http://127.0.0.1:1/a.html"],
    ["open", "--site", "demo", "http://127.0.0.1:1/a.html", "--debug"],
    ["read", "http://127.0.0.1:1/a.html"],
    ["open", "-"],  # a lone dash is a word to argparse
]


@pytest.mark.parametrize("argv", SAME_MEANING, ids=" ".join)
def test_quick_parse_means_what_the_full_parser_says(argv: list[str]) -> None:
    args, _ = parse_arguments(argv)
    assert vars(args) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["--site"],
        ["--site", "-x"],
        ["--bogus"],
        ["--base-url"],
        ["--version"],
        ["--help"],
        ["--site", "a", "b"],
        ["open"],
        ["open", "a", "b"],
        ["opne", "http://127.0.0.1:1/a.html"],
        ["open", "http://127.0.0.1:1/a.html", "--json"],
        ["open", "--offline=1", "http://127.0.0.1:1/a.html"],
    ],
    ids=" ".join,
)
def test_what_the_quick_parser_does_not_know_is_the_full_parsers(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as ours:
        parse_arguments(argv)
    said = capsys.readouterr()
    with pytest.raises(SystemExit) as full:
        build_parser().parse_args(argv)
    assert (ours.value.code, said) == (full.value.code, capsys.readouterr())


def test_a_usage_error_after_a_quick_parse_shows_the_full_usage(capsys: pytest.CaptureFixture[str]) -> None:
    _, usage_error = parse_arguments(["--demo"])
    with pytest.raises(SystemExit):
        usage_error("no good")
    said = capsys.readouterr().err
    with pytest.raises(SystemExit):
        build_parser().error("no good")
    assert said == capsys.readouterr().err
    assert "COMMAND" in said
