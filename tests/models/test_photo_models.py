"""Photos on the models: an article's photos and a list row's thumbnail and photo count
survive the stored payload, and payloads stored before they existed still read."""

from __future__ import annotations

from tui_reader.models import Article, Listing, Photo


def test_an_articles_photos_round_trip_in_page_order() -> None:
    photos = (Photo("https://img.example.cn/1.jpg", "客厅"), Photo("https://img.example.cn/2.jpg"))
    article = Article(url="https://example.cn/a.html", title="两室一厅", photos=photos)
    data = article.to_dict()
    assert data["photos"] == [
        {"url": "https://img.example.cn/1.jpg", "alt": "客厅"},
        {"url": "https://img.example.cn/2.jpg", "alt": ""},
    ]
    assert Article.from_dict(data) == article


def test_a_payload_stored_before_photos_reads_with_none() -> None:
    old = {"url": "https://example.cn/a.html", "title": "旧文章", "body": ["正文"]}
    assert Article.from_dict(old).photos == ()
    assert "photos" not in Article.from_dict(old).to_dict()  # an article without photos stores as before


def test_broken_photo_entries_are_left_out() -> None:
    data = {"url": "u", "title": "t", "photos": [{"url": ""}, "x", {"alt": "no url"}, {"url": "https://a.cn/p.jpg"}]}
    assert Article.from_dict(data).photos == (Photo("https://a.cn/p.jpg", ""),)


def test_a_rows_thumbnail_and_photo_count_round_trip() -> None:
    row = Listing(title="整租", url="https://example.cn/1.html", photo_count=6, thumb="https://img.example.cn/t.jpg")
    assert Listing.from_dict(row.to_dict()) == row
    old = Listing.from_dict({"title": "整租", "url": "https://example.cn/1.html"})
    assert (old.photo_count, old.thumb) == (None, None)
    assert "photo_count" not in old.to_dict() and "thumb" not in old.to_dict()
