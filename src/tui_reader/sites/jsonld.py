"""schema.org JSON-LD blocks: the machine-readable facts many article pages carry.

Pages that render their date and view counter with script often state them
once more for search engines in ``<script type="application/ld+json">``:
``datePublished`` and an ``interactionStatistic`` counting ``ViewAction``\\ s.
Only those explicit fields are read; a counter of another kind (comments,
likes) is never taken for views.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from tui_reader.sites.text import parse_iso_datetime

__all__ = ["json_ld_objects", "json_ld_published", "json_ld_views"]

_SCRIPTS = 'script[type="application/ld+json"]'
# interactionType names that count readers ("https://schema.org/ViewAction", {"@type": "ViewAction"}, …).
_VIEW_TYPES = ("ViewAction", "ReadAction", "WatchAction")


def json_ld_objects(tree: LexborHTMLParser) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD blocks, outermost first (``@graph`` included).

    A block that is not valid JSON is skipped: portals hand-write these."""
    for script in tree.css(_SCRIPTS):
        try:
            data = json.loads(script.text(deep=True) or "null")
        except ValueError:
            continue
        queue = [data]
        while queue:
            item = queue.pop(0)
            if isinstance(item, list):
                queue.extend(item)
            elif isinstance(item, dict):
                yield item
                queue.extend(v for v in item.values() if isinstance(v, (list, dict)))


def json_ld_published(tree: LexborHTMLParser, tz: timezone) -> datetime | None:
    """The first ``datePublished`` that is a readable timestamp (``tz`` when it names no zone)."""
    for item in json_ld_objects(tree):
        value = item.get("datePublished")
        if isinstance(value, str) and (found := parse_iso_datetime(value, tz)):
            return found
    return None


def _is_view_counter(item: dict[str, Any]) -> bool:
    kind = item.get("interactionType")
    if isinstance(kind, dict):
        kind = kind.get("@type")
    return isinstance(kind, str) and kind.rstrip("/").rsplit("/", 1)[-1] in _VIEW_TYPES


def json_ld_views(tree: LexborHTMLParser) -> int | None:
    """``userInteractionCount`` of the first view counter (a number or a string of digits)."""
    for item in json_ld_objects(tree):
        stats = item.get("interactionStatistic")
        for stat in stats if isinstance(stats, list) else [stats]:
            if isinstance(stat, dict) and _is_view_counter(stat):
                count = stat.get("userInteractionCount")
                if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
                    return count
                if isinstance(count, str) and count.strip().isdigit():
                    return int(count)
    return None
