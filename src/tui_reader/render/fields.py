"""The classifieds fields of an article: what the reader came for, shown and highlighted.

``article.fields`` holds what ``sites.fields`` pulled out of the text, the
page's contact block and its facts (phones, WeChat, QQ, prices, areas,
address, contact name — normalised: "13812345678" for "138 1234 5678").
Here they become one row per kind for the fields panel, and
patterns that find each value again *as the page wrote it* in the body, so
the renderer can highlight it there.

Above them the panel lists the page's facts (户型 → 2室1厅, 朝向 → 南) with
the page's own labels — except a fact whose value a field row already
shows (租金 3200元/月 is the Price row): the same datum twice in a small
panel is noise, and the field row is the one with the highlight colour and
the copy key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich import box
from rich.table import Table
from rich.text import Text

from tui_reader.models import Article, field_meaning
from tui_reader.render.linebreak import Wrapped
from tui_reader.render.sanitize import clean_line

__all__ = [
    "FIELD_KINDS",
    "fact_rows",
    "field_rows",
    "fields_table",
    "first_phone",
    "highlight_patterns",
]

# (key in article.fields, label, style): the order the panel shows them in.
FIELD_KINDS: tuple[tuple[str, str, str], ...] = (
    ("phones", "Phone", "bold yellow"),
    ("wechat", "WeChat", "bold green"),
    ("qq", "QQ", "bold green"),
    ("prices", "Price", "bold magenta"),
    ("areas", "Area", "bold cyan"),
    ("address", "Address", "bold blue"),
    ("contact", "Contact", "bold"),
)

_STYLE = {key: style for key, _label, style in FIELD_KINDS}


def field_rows(article: Article) -> list[tuple[str, str, tuple[str, ...]]]:
    """(key, label, values) for every kind of field the article has, panel order."""
    rows: list[tuple[str, str, tuple[str, ...]]] = []
    for key, label, _style in FIELD_KINDS:
        values = article.fields.get(key, ())
        cleaned = tuple(dict.fromkeys(clean_line(v) for v in values if clean_line(v)))
        if cleaned:
            rows.append((key, label, cleaned))
    return rows


def fact_rows(article: Article) -> list[tuple[str, str]]:
    """(label, value) of the article's facts, page order, minus those a field row
    shows, in any spelling (面积 52㎡ beside the Area row's 52平方米)."""
    shown = {(key, field_meaning(key, value)) for key, _label, values in field_rows(article) for value in values}
    kinds = {key for key, _meaning in shown}
    rows: list[tuple[str, str]] = []
    for label, value in article.facts:
        label, value = clean_line(label), clean_line(value)
        if label and value and not any((key, field_meaning(key, value)) in shown for key in kinds):
            rows.append((label, value))
    return rows


def first_phone(article: Article) -> str | None:
    phones = article.fields.get("phones") or []
    return clean_line(phones[0]) if phones else None


def fields_table(article: Article) -> Table | None:
    """The fields panel's content: the page's facts, then one labelled row per
    kind of field, values in their highlight colour. None when there are neither."""
    facts, rows = fact_rows(article), field_rows(article)
    if not facts and not rows:
        return None
    table = Table(box=box.SIMPLE, show_header=False, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), expand=True)
    table.add_column(no_wrap=True, style="dim")
    table.add_column(ratio=1, overflow="fold")
    for label, value in facts:
        table.add_row(Text(label), Wrapped(Text(value)))
    for key, label, values in rows:
        joined = Text("  ").join(Text(v, style=_STYLE[key]) for v in values)
        table.add_row(Text(label), Wrapped(joined))
    return table


# Between the characters of a value the page may put spaces, dashes or
# brackets ("138 1234 5678", "(025)8320…"), and digits may be full-width.
_PHONE_GAP = r"[\s\-－()（）]*"
_TEXT_GAP = r"\s*"


def _char(char: str) -> str:
    if "!" <= char <= "~":  # an ASCII character also matches its full-width twin
        return f"[{re.escape(char)}{re.escape(chr(ord(char) + 0xFEE0))}]"
    return re.escape(char)


def _pattern(values: Iterable[str], gap: str) -> re.Pattern[str] | None:
    alternatives = [gap.join(_char(c) for c in v.replace("-", "")) for v in values if v.strip()]
    if not alternatives:
        return None
    # Longest first, so "1200元/月" wins over "1200元".
    alternatives.sort(key=len, reverse=True)
    return re.compile("|".join(alternatives))


def highlight_patterns(article: Article) -> list[tuple[re.Pattern[str], str]]:
    found: list[tuple[re.Pattern[str], str]] = []
    for key, _label, values in field_rows(article):
        pattern = _pattern(values, _PHONE_GAP if key == "phones" else _TEXT_GAP)
        if pattern is not None:
            found.append((pattern, _STYLE[key]))
    return found
