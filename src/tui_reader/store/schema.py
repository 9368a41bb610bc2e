"""The cache's schema as an ordered list of migrations (private to ``store``).

A database at version *n* gets migrations *n+1…* applied in one transaction,
so an existing cache upgrades in place and keeps what it holds.

Search (migration 2) is an FTS5 index with the trigram tokenizer over the
``articles`` table (external content: the text is stored once). Every column
is indexed with a newline appended: then every occurrence of a two-character
string inside a text is the start of some indexed trigram ("单车" followed by
whatever comes next, or by the newline at the end), which is what lets short
queries use the index too (see ``search``). The triggers write the
same expressions they delete, as FTS5's external content requires.
"""

from __future__ import annotations

# Kept as names: clear() drops and re-creates the delete trigger around a
# bulk delete, which would otherwise re-tokenize every article it removes.
TRIGGER_DELETE = """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
        VALUES ('delete', old.rowid, old.title || char(10), old.body || char(10));
    END"""
DROP_TRIGGER_DELETE = "DROP TRIGGER articles_fts_delete"

# Each migration is a sequence of single statements (not a script): the
# sqlite3 module's executescript() commits first, which would break the
# all-or-nothing transaction a migration must run in.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: the page cache and the article text table.
    (
        """CREATE TABLE entries (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            payload TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            fetched_at TEXT NOT NULL,
            PRIMARY KEY (kind, key)
        ) WITHOUT ROWID""",
        """CREATE TABLE articles (
            url TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            city TEXT,
            category TEXT,
            published TEXT,
            fetched_at TEXT NOT NULL
        )""",
    ),
    # 2: full-text search over title and body; age-ordered eviction.
    (
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, content='articles', content_rowid='rowid', tokenize='trigram')""",
        # The index's own list of trigrams: a two-character query looks up
        # the trigrams that start with it here (a range scan on the term).
        "CREATE VIRTUAL TABLE articles_terms USING fts5vocab(articles_fts, 'row')",
        """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (rowid, title, body)
                VALUES (new.rowid, new.title || char(10), new.body || char(10));
            END""",
        TRIGGER_DELETE,
        # Only a change of text touches the index; a 304 updates fetched_at alone.
        """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, body)
                VALUES ('delete', old.rowid, old.title || char(10), old.body || char(10));
            INSERT INTO articles_fts (rowid, title, body)
                VALUES (new.rowid, new.title || char(10), new.body || char(10));
            END""",
        # Caches written before search existed get their articles indexed now.
        """INSERT INTO articles_fts (rowid, title, body)
            SELECT rowid, title || char(10), body || char(10) FROM articles""",
        "CREATE INDEX entries_by_age ON entries (fetched_at)",
    ),
    # 3: an article's classifieds fields are worked out from its text when
    # shown (models.Article.fields), no longer stored. Dropping the old copies
    # keeps a re-fetched, unchanged article "unchanged" to a sync.
    (
        """UPDATE entries SET payload = json_remove(payload, '$.fields')
            WHERE kind = 'article' AND json_type(payload, '$.fields') IS NOT NULL""",
    ),
    # 4: hunting. An article's typed numbers (models.Measures) as indexed
    # columns, so price/area/rooms/posted qualifiers are index lookups; its
    # phones and text fingerprint, to collapse reposts; when it went away
    # (gone_at: the portal now says not found; the cached copy is kept);
    # and every price it was seen at, for "was 3200, now 2800".
    (
        "ALTER TABLE articles ADD COLUMN price_value REAL",
        "ALTER TABLE articles ADD COLUMN price_high REAL",
        "ALTER TABLE articles ADD COLUMN price_unit TEXT",
        "ALTER TABLE articles ADD COLUMN price_text TEXT",
        "ALTER TABLE articles ADD COLUMN area REAL",
        "ALTER TABLE articles ADD COLUMN rooms INTEGER",
        "ALTER TABLE articles ADD COLUMN floor INTEGER",
        "ALTER TABLE articles ADD COLUMN year INTEGER",
        "ALTER TABLE articles ADD COLUMN mileage REAL",
        "ALTER TABLE articles ADD COLUMN salary_low REAL",
        "ALTER TABLE articles ADD COLUMN salary_high REAL",
        "ALTER TABLE articles ADD COLUMN district TEXT",
        # Seconds since the epoch: ISO texts with different offsets do not sort.
        "ALTER TABLE articles ADD COLUMN posted_at REAL",
        "ALTER TABLE articles ADD COLUMN phones TEXT",
        "ALTER TABLE articles ADD COLUMN likeness INTEGER",
        "ALTER TABLE articles ADD COLUMN gone_at TEXT",
        # Rows written before this version have no numbers yet: the store
        # fills them on open (Store.measure_old), a batch at a time.
        "ALTER TABLE articles ADD COLUMN measured INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX articles_by_price ON articles (price_unit, price_value)",
        "CREATE INDEX articles_by_area ON articles (area)",
        "CREATE INDEX articles_by_rooms ON articles (rooms)",
        "CREATE INDEX articles_by_posted ON articles (posted_at)",
        "CREATE INDEX articles_by_salary ON articles (salary_low)",
        "CREATE INDEX articles_unmeasured ON articles (measured) WHERE measured = 0",
        """CREATE TABLE price_history (
            url TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            price_value REAL,
            price_high REAL,
            price_unit TEXT,
            price_text TEXT,
            PRIMARY KEY (url, seen_at)
        ) WITHOUT ROWID""",
    ),
    # 5: the photo cache (store/photos.py). A photo's facts and its bytes in two
    # tables: sizing and least-recently-used eviction scan the small rows, never
    # the blobs. Which articles show a photo, so a bookmarked one keeps its photos.
    (
        """CREATE TABLE photos (
            url TEXT PRIMARY KEY,
            media_type TEXT NOT NULL,
            bytes INTEGER NOT NULL,
            fetched_at TEXT NOT NULL,
            last_used TEXT NOT NULL
        )""",
        "CREATE INDEX photos_by_use ON photos (last_used)",
        "CREATE TABLE photo_data (url TEXT PRIMARY KEY, data BLOB NOT NULL)",
        """CREATE TABLE photo_articles (
            photo_url TEXT NOT NULL,
            article_url TEXT NOT NULL,
            PRIMARY KEY (photo_url, article_url)
        ) WITHOUT ROWID""",
        "CREATE INDEX photo_articles_by_article ON photo_articles (article_url)",
    ),
    # 6: which pictures each cached article lists, by photo key (the caller's name
    # for a picture whatever its size: store/photo_keys.py). A key many articles
    # list is the site's, not a listing's; the index on key answers "how many
    # others list it" without a scan. The rows go with their article, however
    # it is deleted. Articles cached before are keyed when they are stored again.
    (
        """CREATE TABLE article_photo_keys (
            article_url TEXT NOT NULL,
            key TEXT NOT NULL,
            PRIMARY KEY (article_url, key)
        ) WITHOUT ROWID""",
        "CREATE INDEX article_photo_keys_by_key ON article_photo_keys (key, article_url)",
        """CREATE TRIGGER articles_photo_keys_delete AFTER DELETE ON articles BEGIN
            DELETE FROM article_photo_keys WHERE article_url = old.url;
            END""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

__all__ = ["DROP_TRIGGER_DELETE", "MIGRATIONS", "SCHEMA_VERSION", "TRIGGER_DELETE"]
