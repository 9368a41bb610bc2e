"""How a search hit (or a post and its reposts) reads in the results: pure functions of the hit.

Two lines a row: the title, words of the query highlighted, with a ``gone``
mark when the portal no longer has the article; then price, area, rooms,
how long ago it was posted, where, the reposts folded under it, and the text
around the match. Page text goes through ``clean_line`` into ``Text``, never
markup.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from rich.text import Text

from tui_reader.models import Group, SearchHit
from tui_reader.render import ago, clean_line, counted
from tui_reader.ui.search_query import highlighted

UNREAD = "●"
"""A watch's match not read yet."""
FOLDED, UNFOLDED = "▸", "▾"
"""A post with reposts folded under it (``e`` unfolds), and one unfolded."""
INDENT = "    "
"""Before a repost unfolded under its post."""
PLACES_NAMED = 3
"""Other places named in "also in …" before "and N more"."""

_PORTAL_ZONE = timezone(timedelta(hours=8))
_SEPARATOR = " · "


def hit_row(
    hit: SearchHit,
    words: tuple[str, ...],
    width: int,
    *,
    group: Group | None = None,
    unfolded: bool = False,
    unread: bool = False,
    member: bool = False,
    mask: bool = False,
) -> Text:
    """The two lines of ``hit``: as a post heading ``group`` (its reposts counted,
    folded or not), or as a ``member`` unfolded under its post; ``mask``: phones and
    contact names in its title and snippet masked (``M``, for screenshots)."""
    if mask:
        from tui_reader.render import mask_contacts

        hit = replace(hit, title=mask_contacts(hit.title), snippet=mask_contacts(hit.snippet))
    lead = Text(INDENT if member else "", no_wrap=True)
    lead.append(f"{UNREAD} " if unread else "  ", style="bold magenta")
    if group is not None and group.others:
        lead.append(f"{UNFOLDED if unfolded else FOLDED} ", style="bold cyan")
    elif not member:
        lead.append("  ")
    title = lead + highlighted(hit.title, words, style="bold")
    if hit.gone_at:
        title.append("  gone", style="bold red")
    detail = Text(" " * len(lead.plain), no_wrap=True)
    facts = facts_of(hit)
    if facts:
        detail.append(facts, style="green")
        detail.append(_SEPARATOR, style="dim")
    place = place_line(hit)
    if place:
        detail.append(place, style="cyan")
        detail.append(_SEPARATOR, style="dim")
    if group is not None and group.others:
        detail.append(reposts_line(group), style="yellow")
        detail.append(_SEPARATOR, style="dim")
    detail.append_text(highlighted(hit.snippet, words, style="dim"))
    for line in (title, detail):
        line.truncate(width, overflow="ellipsis")
    return Text("\n").join((title, detail))


def facts_of(hit: SearchHit, now: datetime | None = None) -> str:
    """ "2,800元/月 · 89㎡ · 3室 · 2d": what is known of the price, area, rooms and age."""
    parts: list[str] = []
    if hit.price:
        parts.append(clean_line(hit.price))
    if hit.area:
        parts.append(f"{hit.area:g}㎡")
    if hit.rooms:
        parts.append(f"{hit.rooms}室")
    posted = _moment(hit.published)
    if posted is not None:
        parts.append(ago(posted, now, short=True))
    return _SEPARATOR.join(parts)


def place_line(hit: SearchHit) -> str:
    """ "连云港 海州区 › 房产", or what of it the article says."""
    where = " ".join(part for part in (hit.city, hit.district) if part)
    return clean_line(" › ".join(part for part in (where, hit.category) if part))


def reposts_line(group: Group) -> str:
    """ "+3 reposts · also in 海州区, 赣榆": how many times the post was put up again, and where else."""
    line = "+" + counted(len(group.others), "repost")
    here = " ".join(part for part in (group.lead.city, group.lead.district) if part)
    elsewhere = [place for place in group.places if place != here]
    if elsewhere:
        named = ", ".join(clean_line(place) for place in elsewhere[:PLACES_NAMED])
        more = len(elsewhere) - PLACES_NAMED
        line += f"{_SEPARATOR}also in {named}" + (f" and {more} more" if more > 0 else "")
    return line


def _moment(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=_PORTAL_ZONE)
