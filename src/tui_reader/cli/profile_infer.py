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
from typing import Any
from urllib.parse import urlsplit

from tui_reader import errors

_WALK = 4
"""Pages fetched after the first: a city, a category, a list page's article …"""


async def emit_profile_infer(args: argparse.Namespace) -> int:
    from tui_reader import paths
    from tui_reader.config import load_config
    from tui_reader.cli.output import is_local_file, read_saved_page
    from tui_reader.sites.infer import InferredProfile, profile_name_for

    config = load_config()
    if "://" in args.target:
        parts = urlsplit(args.target)
        base = args.base_url or f"{parts.scheme}://{parts.netloc}"
        profile = InferredProfile("", "", base.rstrip("/"))
        await _walk(profile, args.target, config)
    elif is_local_file(args.target):
        html, url = read_saved_page(args.target)
        if not args.base_url or "://" not in args.base_url:
            raise errors.ReaderError("a saved page needs --base-url URL: the portal's address the profile is for")
        parts = urlsplit(args.base_url)
        profile = InferredProfile("", "", f"{parts.scheme}://{parts.netloc}")
        _learn(profile, html, args.base_url or url)
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


def _learn(profile: Any, html: str, url: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    from tui_reader.sites.kinds import classify

    verdict = classify(LexborHTMLParser(html), url)
    if verdict.refused:
        raise errors.RefusedPage(f"{url} is a {verdict.kind} page ({verdict.reason}): nothing to learn from it",
                                 kind=verdict.kind, url=url)
    if not profile.title and verdict.kind == "index":
        from tui_reader.sites.discover_links import site_name_of

        profile.title = site_name_of(LexborHTMLParser(html))
    profile.learn(html, url, verdict.kind)
    return verdict.kind


async def _walk(profile: Any, start: str, config: Any) -> None:
    """Learn from ``start`` and then from one page of each kind below it: the city
    chooser, a city, a category, an article. A page that fails is noted and passed over."""
    from selectolax.lexbor import LexborHTMLParser

    from tui_reader.fetch.fetcher import Fetcher, FetchLimits

    limits = FetchLimits(read_timeout=config.timeout, total_deadline=config.deadline, max_bytes=config.max_page_bytes,
                         per_host_concurrency=1, per_host_delay=config.sync_delay)
    queue = [start]
    seen: set[str] = set()
    async with Fetcher(limits, allowed_hosts=(start,)) as fetcher:
        while queue and len(seen) <= _WALK:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            try:
                response = await fetcher.get(url)
                html, url = response.text or "", response.url
                kind = _learn(profile, html, url)
            except errors.ReaderError as exc:
                if url == start:
                    raise
                profile.notes.append(f"passed over {url}: {exc}")
                continue
            for following in _next_pages(LexborHTMLParser(html), url, kind, profile):
                fetcher.allow(following)
                queue.append(following)


def _next_pages(tree: Any, url: str, kind: str, profile: Any) -> list[str]:
    """Where to learn next from a page of ``kind``: the parts not learnt yet, first things first."""
    from tui_reader.sites.discover import find_rows
    from tui_reader.sites.nodes import link_url
    from tui_reader.sites.discover_links import FEW_CITIES, discover_categories, discover_cities

    if kind == "index":
        cities = discover_cities(tree, url)
        if cities.chooser_url and len(cities.cities) < FEW_CITIES and "cities" not in profile.sections:
            return [cities.chooser_url]
        if cities.cities:
            return [cities.cities[0].url]
        categories = discover_categories(tree, url, "")
        return [categories[0].url] if categories else []
    if kind == "listing":
        rows = find_rows(tree)
        target = link_url(rows.titles[0], url) if rows is not None and rows.titles else None
        return [target] if target else []
    return []


def _check_loads(name: str, text: str) -> None:
    """The printed profile must load as written: a failure here is a bug, said plainly."""
    from tui_reader.sites.profile import load_profile_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        try:
            load_profile_file(path)
        except errors.ProfileError as exc:
            raise errors.ReaderError(f"the inferred profile does not load ({exc})") from None
