"""Counts in words: "1 article", "2 articles", "0 articles".

Every count the reader prints goes through ``counted`` so that no string says
"1 articles". Chinese nouns have no plural; a Chinese noun (or one given with
its measure word, "条") passes through unchanged.
"""

from __future__ import annotations

# English nouns the reader counts whose plural is not "+s".
_IRREGULAR = {
    "city": "cities",
    "category": "categories",
    "entry": "entries",
    "match": "matches",
    "copy": "copies",
    "reply": "replies",
}


def plural(noun: str) -> str:
    """``noun`` in the plural (English); other scripts are returned as they are."""
    if not noun.isascii() or not noun:
        return noun
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    head, _, last = noun.rpartition(" ")  # "cached article" → "cached articles"
    if head:
        return f"{head} {plural(last)}"
    return noun + "s"


def counted(count: int, noun: str, plural_form: str | None = None) -> str:
    """``count`` and ``noun``, the noun in the plural unless the count is exactly one."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {plural_form or plural(noun)}"
