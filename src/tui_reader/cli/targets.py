"""What a command's arguments point at: a saved file, a list page by address."""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["is_local_file", "list_target", "looks_like_path"]


def is_local_file(target: str) -> bool:
    """``read FILE`` and friends: a path to a file that exists, not an address."""
    return "://" not in target and Path(target).expanduser().is_file()


def looks_like_path(target: str) -> bool:
    """``pages/list.html``, ``./x``, ``~/x``, ``list.html``: a file's name, not a city's."""
    return "/" in target or "\\" in target or target.startswith(("~", ".")) or bool(Path(target).suffix)


def list_target(args: argparse.Namespace) -> str | None:
    """``list URL|FILE``: the one argument when it is not a city and category."""
    if args.command != "list" or args.category is not None:
        return None
    target: str | None = args.city  # argparse leaves attributes untyped
    return target
