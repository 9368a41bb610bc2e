"""An article as Rich renderables, and page-derived text made safe for a terminal.

Remote text is never fed to markup: it is sanitised (control characters,
escape sequences, bidi overrides made visible) and wrapped in ``Text``.
Line breaking for mixed Chinese and Latin text lives here too, and the masking
of contacts in text that is shared.

May import ``models`` and ``errors``; used by ``cli`` and ``ui``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.faces import lazy_exports

if TYPE_CHECKING:
    from .ages import SHORT_DATE_WIDTH, ago, short_date
    from .article import article_heading, article_text
    from .copying import article_plain_text, copy_entries
    from .exporting import EXPORT_FORMATS, bookmark_row, export_columns, export_text, hit_row, hit_rows, masked_rows
    from .fields import fields_table, first_phone
    from .hunting import bookmark_line, gone_line, numbers_line, price_line
    from .masking import mask_article_dict, mask_contacts, masked_article
    from .prices import money_text, price_change
    from .sanitize import clean, clean_line
    from .words import counted, plural

_WHERE = {
    "EXPORT_FORMATS": ".exporting",
    "bookmark_row": ".exporting",
    "export_columns": ".exporting",
    "export_text": ".exporting",
    "hit_row": ".exporting",
    "hit_rows": ".exporting",
    "masked_rows": ".exporting",
    "SHORT_DATE_WIDTH": ".ages",
    "ago": ".ages",
    "article_plain_text": ".copying",
    "article_heading": ".article",
    "bookmark_line": ".hunting",
    "article_text": ".article",
    "clean": ".sanitize",
    "clean_line": ".sanitize",
    "copy_entries": ".copying",
    "counted": ".words",
    "fields_table": ".fields",
    "first_phone": ".fields",
    "gone_line": ".hunting",
    "mask_article_dict": ".masking",
    "mask_contacts": ".masking",
    "masked_article": ".masking",
    "money_text": ".prices",
    "numbers_line": ".hunting",
    "plural": ".words",
    "price_change": ".prices",
    "price_line": ".hunting",
    "short_date": ".ages",
}

__all__ = [
    "EXPORT_FORMATS",
    "bookmark_row",
    "export_columns",
    "export_text",
    "hit_row",
    "hit_rows",
    "masked_rows",
    "SHORT_DATE_WIDTH",
    "ago",
    "article_plain_text",
    "article_heading",
    "bookmark_line",
    "article_text",
    "clean",
    "clean_line",
    "copy_entries",
    "counted",
    "fields_table",
    "first_phone",
    "gone_line",
    "mask_article_dict",
    "mask_contacts",
    "masked_article",
    "money_text",
    "numbers_line",
    "plural",
    "price_change",
    "price_line",
    "short_date",
]

__getattr__ = lazy_exports(__name__, _WHERE)
