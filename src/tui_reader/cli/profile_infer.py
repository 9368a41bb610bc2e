"""``tui-reader profile infer URL|FILE [--name NAME] [--save]``: a profile from a portal's pages.

From an address it walks the way a reader would — the home page (or the
page given), a city, a category, an article — one page each, politely, and
learns each part from the page that shows it. From a saved file it learns
only the part that page shows; the rest stays "auto" (discovered). The
profile is printed as TOML; ``--save`` writes it to the user's profiles
folder, where it claims its host: the next run on that portal selects
instead of discovering, and the user can edit it.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from tui_reader import errors


async def emit_profile_infer(args: argparse.Namespace) -> int:
    from tui_reader import paths
    from tui_reader.cli.config import read_config
    from tui_reader.cli.targets import is_local_file
    from tui_reader.client import InferredProfile, learn_from_page, learn_from_site, profile_name_for, read_saved_page

    config = read_config()
    if "://" in args.target:
        parts = urlsplit(args.target)
        base = args.base_url or f"{parts.scheme}://{parts.netloc}"
        profile = InferredProfile("", "", base.rstrip("/"))
        await learn_from_site(profile, args.target, config)
    elif is_local_file(args.target):
        decoded, url = read_saved_page(args.target)
        html = decoded.text
        if not args.base_url or "://" not in args.base_url:
            raise errors.ReaderError("a saved page needs --base-url URL: the portal's address the profile is for")
        parts = urlsplit(args.base_url)
        profile = InferredProfile("", "", f"{parts.scheme}://{parts.netloc}")
        learn_from_page(profile, html, args.base_url or url)
    else:
        raise errors.ReaderError(f"no such file: {args.target} (give a saved page or an http(s) address)")
    profile.name = args.name or profile_name_for(profile.base_url)
    if not re.match(r"^[a-z0-9][a-z0-9_\-]*$", profile.name):
        raise errors.ReaderError(f"{profile.name!r} is not a profile name (use lower-case letters, digits, - and _)")
    text = profile.to_toml()
    _check_loads(profile.name, text)
    sys.stdout.write(text)
    if args.save:
        folder = paths.profiles_dir()
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{profile.name}.toml"
        target.write_text(text, encoding="utf-8")
        print(f"tui-reader: saved to {target}; it now reads {profile.base_url}", file=sys.stderr)
    return 0


def _check_loads(name: str, text: str) -> None:
    """The printed profile must load as written: a failure here is a bug, said plainly."""
    from tui_reader.client import load_profile_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        try:
            load_profile_file(path)
        except errors.ProfileError as exc:
            raise errors.ReaderError(f"the inferred profile does not load ({exc})") from None
