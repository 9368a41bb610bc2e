"""Which pictures each cached article lists, and which of them many articles list (private to ``store``).

A site puts some pictures in every article body: its logo, a "safety tips"
banner, a QR code drawn inside the description. Page markup cannot tell them
from the listing's own photos; the cache can, by counting the articles that
list each picture. Pictures are counted by key (the caller's name for a
picture whatever its size or host shard: ``sites`` makes them; the store
compares texts), a row per article and key in ``article_photo_keys``
(migration 6), written with the article in the same transaction.

The question an open article asks — which of my keys do at least N other
articles list — costs one query whose work is bounded by its keys times N
(plus the reposts of the listing): each key's index range is read only until
N others are found. A repost of the same listing (its text's fingerprint
near this one's) is not another article: a listing posted in twelve cities
keeps its photos.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from tui_reader.store import txn as _txn

__all__ = ["clear", "note_keys", "repeated_keys"]

_INSERT = ("INSERT INTO article_photo_keys (article_url, key) VALUES {}", "ON CONFLICT DO NOTHING")
# A repost of the listing (the same text in another city: its fingerprint a few
# bits from this one's, so sharing one of the four 16-bit bands with it, as
# models.likeness says) shows the same photos, and is no other article here.
# Without a fingerprint on either side (none, or 0: no text), an article counts.
_SAME_POST = " OR ".join(
    f"((NULLIF(a.likeness, 0) >> {s}) & 65535) = ((me.likeness >> {s}) & 65535)" for s in (0, 16, 32, 48)
)
_REPEATED = f"""WITH me AS (SELECT (SELECT NULLIF(likeness, 0) FROM articles WHERE url = :besides) AS likeness)
SELECT value FROM json_each(:keys) AS mine WHERE (
    SELECT COUNT(*) FROM (
        SELECT 1 FROM article_photo_keys k JOIN articles a ON a.url = k.article_url, me
        WHERE k.key = mine.value AND k.article_url != :besides AND COALESCE({_SAME_POST}, 0) = 0
        LIMIT :at_least
    )
) >= :at_least"""


def note_keys(conn: sqlite3.Connection, articles: Sequence[tuple[str, Sequence[str]]]) -> None:
    """Each article's keys replace what was noted for it before (in the caller's transaction)."""
    if not articles:
        return
    urls = json.dumps([url for url, _ in articles], ensure_ascii=False)
    conn.execute("DELETE FROM article_photo_keys WHERE article_url IN (SELECT value FROM json_each(?))", (urls,))
    _txn.upsert(conn, _INSERT, [(url, key) for url, keys in articles for key in dict.fromkeys(keys)])


def repeated_keys(conn: sqlite3.Connection, keys: Iterable[str], *, besides: str, at_least: int) -> set[str]:
    """Which of ``keys`` at least ``at_least`` cached articles list, besides ``besides`` and its reposts."""
    wanted = json.dumps(list(dict.fromkeys(keys)), ensure_ascii=False)
    return {row[0] for row in conn.execute(_REPEATED, {"keys": wanted, "besides": besides, "at_least": at_least})}


def clear(conn: sqlite3.Connection) -> None:
    """Every article's keys out (in the caller's transaction)."""
    conn.execute("DELETE FROM article_photo_keys")
