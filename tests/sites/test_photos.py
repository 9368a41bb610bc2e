"""A listing's own photos: real pages against hand-checked gold, and small hostile pages.

The gold (tests/fixtures/real_photos_gold.json) says how each picture of the
real pages was judged; the snippets below each hold one thing a portal's
page does to hide, fake or crowd out the listing's photos.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from tui_reader.limits import ParseLimits
from tui_reader.models import Photo
from tui_reader.sites import Reading, auto_profile, read_article, read_listings, reading
from tui_reader.sites.image_address import photo_key, srcset_candidates
from tui_reader.sites.photos import article_photos
from tui_reader.sites.row_photos import photo_count_in, row_photos

PAGES = Path(__file__).resolve().parents[3] / "shared" / "data" / "real-pages"
GOLD = json.loads((Path(__file__).parents[1] / "fixtures" / "real_photos_gold.json").read_text(encoding="utf-8"))
URL = "https://bj.portal.example/zufang/123x.shtml"

needs_pages = pytest.mark.skipif(not PAGES.is_dir(), reason="the real pages are kept next to the repository")


def _page(path: str) -> str:
    return (PAGES / path).read_text(encoding="utf-8", errors="replace")


@needs_pages
@pytest.mark.parametrize("detail", GOLD["details"], ids=lambda d: d["file"])
def test_real_detail_pages_give_exactly_the_gold_photos_in_order(detail: dict) -> None:
    article = read_article(_page(detail["file"]), detail["url"], auto_profile())
    assert [p.to_dict() for p in article.photos] == detail["photos"]
    found = {p.url for p in article.photos}
    assert not found & {n["url"] for n in detail["not_photos"]}


@needs_pages
def test_real_list_rows_give_their_thumbnail_and_photo_count() -> None:
    gold = GOLD["lists"][0]
    page = read_listings(_page(gold["file"]), gold["url"], auto_profile())
    assert [(i.title, i.thumb, i.photo_count) for i in page.items] == [
        (r["title"], r["thumb"], r["photo_count"]) for r in gold["rows"]
    ]


def photos(body: str, url: str = URL, **kwargs: object) -> list[str]:
    tree = LexborHTMLParser(f"<html><body>{body}</body></html>")
    return [p.url for p in article_photos(tree, url, **kwargs)]  # type: ignore[arg-type]


def test_the_logo_in_the_header_and_the_footer_is_not_a_photo() -> None:
    page = (
        '<header><a href="/"><img src="/img/site.png" alt="站名"></a></header>'
        '<div class="gallery"><img src="/up/a.jpg" alt="客厅"><img src="/up/b.jpg" alt="卧室"></div>'
        '<footer><img src="/up/beian.jpg"></footer>'
    )
    assert photos(page) == ["https://bj.portal.example/up/a.jpg", "https://bj.portal.example/up/b.jpg"]


def test_a_picture_the_chrome_shows_too_is_the_sites_not_the_listings() -> None:
    page = (
        '<div id="nav"><img src="/up/brand.jpg"></div>'
        '<div class="content"><img src="/up/brand.jpg"><img src="/up/flat.jpg"></div>'
    )
    assert photos(page) == ["https://bj.portal.example/up/flat.jpg"]
    # Seen on the site's other pages: the caller says so.
    assert photos('<div><img src="/up/seen.jpg"><img src="/up/flat.jpg"></div>', chrome=["/up/seen.jpg"]) == [
        "https://bj.portal.example/up/flat.jpg"
    ]


@pytest.mark.parametrize(
    "picture",
    [
        '<img src="/up/wx.png" alt="扫码关注公众号">',
        '<div class="qr-code"><img src="/up/x1.png"></div>',
        '<img id="appQrcode" src="/up/x2.png">',
        '<img src="/static/erweima/x3.png">',
        '<img src="/static/logo_big.png">',
        '<img src="/static/icons/phone.png">',
        '<div class="user-avatar"><img src="/up/face.jpg"></div>',
        '<div class="ad-box"><img src="/up/ad1.jpg"></div>',
        '<div class="banner"><img src="/up/ad2.jpg"></div>',
        '<a href="https://ads.other.example/c?1"><img src="/up/partner.jpg"></a>',
        '<img src="https://tracklog.portal.example/pv.gif?x=1">',
        '<img src="/up/pixel.gif" width="1" height="1">',
        '<img src="/up/dot.png" style="width:16px;height:16px">',
        '<img src="/static/sprite.png">',
        '<img src="/static/star.svg">',
        '<span class="send"><img src="/up/wechat-ico.png">&nbsp;免费发送到微信</span>',
        '<div class="recommend"><ul><li><a href="/zufang/9x.shtml"><img src="/up/other.jpg"></a></li></ul></div>',
        '<div><h3>猜你喜欢</h3><ul><li><a href="/zufang/8x.shtml"><img src="/up/other2.jpg"></a><a href="/zufang/8x.shtml">朝阳 一居室 近地铁 拎包入住</a></li></ul></div>',
    ],
    ids=lambda p: p[:40],
)
def test_what_is_not_the_listings_photo_is_left_out(picture: str) -> None:
    assert photos(f'{picture}<div class="pics"><img src="/up/flat.jpg"></div>') == [
        "https://bj.portal.example/up/flat.jpg"
    ]


@pytest.mark.parametrize(
    ("picture", "address"),
    [
        ('<img src="/img/loading.gif" data-original="/up/1.jpg">', "/up/1.jpg"),
        ('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/up/2.jpg">', "/up/2.jpg"),
        ('<img src="/img/blank.gif" data-lazy-src="/up/3.jpg">', "/up/3.jpg"),
        ('<img src="/n/images/list/noimg.gif" ref="https://img.portal.example/p/ae7b7579">', "/p/ae7b7579"),
        ('<img lazy_src="/up/5.jpg?w=294&amp;h=220" src="/ui/lazy_pic.png">', "/up/5.jpg?w=294&h=220"),
        (
            '<img src="/img/spacer.gif" srcset="/up/6-320.jpg 320w, /up/6-1280.jpg 1280w, /up/6-640.jpg 640w">',
            "/up/6-1280.jpg",
        ),
        ('<img srcset="/up/7.jpg, /up/7@2x.jpg 2x">', "/up/7@2x.jpg"),
        (
            '<picture><source srcset="/up/8.webp 1x, /up/8-big.webp 2x"><img src="/img/placeholder.png"></picture>',
            "/up/8-big.webp",
        ),
        ('<div class="slide" style="background-image: url(&quot;/up/9.jpg&quot;)"></div>', "/up/9.jpg"),
        ('<div class="slide" style="background:url(\'/up/10.jpg\') no-repeat"></div>', "/up/10.jpg"),
        ('<div class="lazy" data-bg="/up/11.jpg"></div>', "/up/11.jpg"),
        ('<img src="" file="/up/12.jpg">', "/up/12.jpg"),
    ],
    ids=lambda p: p[:36],
)
def test_a_lazy_loaded_photos_real_address_is_found(picture: str, address: str) -> None:
    assert photos(picture) == [
        "https://img.portal.example" + address if "ae7b" in address else "https://bj.portal.example" + address
    ]


def test_a_noscript_copy_and_a_lightbox_copy_count_once_in_page_order() -> None:
    page = (
        '<div class="pics"><img src="/img/grey.gif" data-src="/up/a.jpg" alt="客厅">'
        '<noscript><img src="/up/a.jpg"></noscript>'
        '<img src="/up/b_180x180.jpg"><img src="/up/c.jpg"></div>'
        '<div class="viewer"><img src="/up/b.jpg" alt="厨房"><img src="/up/a.jpg"></div>'
    )
    found = article_photos(LexborHTMLParser(page), URL)
    # b appears as a thumbnail first: its place is kept, its larger address taken.
    assert found == (
        Photo("https://bj.portal.example/up/a.jpg", "客厅"),
        Photo("https://bj.portal.example/up/b.jpg", "厨房"),
        Photo("https://bj.portal.example/up/c.jpg", ""),
    )


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "data:image/png;base64,iVBORw0KGgo=",
        "file:///etc/passwd",
        "ftp://files.example/a.jpg",
        "vbscript:x",
        "http://[::1/a.jpg",
        "http://host:99999999/a.jpg",
        "http:///a.jpg",
        "/up/\x01bad.jpg",
        "https://x.example/" + "a" * 3000 + ".jpg",
        "   ",
    ],
    ids=repr,
)
def test_only_http_addresses_are_kept_and_malformed_ones_skipped_quietly(address: str) -> None:
    page = LexborHTMLParser("<div></div>")
    div = page.css_first("div")
    assert div is not None
    for attribute in ("src", "data-src", "srcset"):
        node = LexborHTMLParser("<div><img></div>").css_first("img")
        assert node is not None
        node.attrs[attribute] = address
        tree = LexborHTMLParser(f"<html><body><div>{node.html}</div></body></html>")
        assert article_photos(tree, URL) == ()


def test_relative_and_protocol_relative_addresses_are_resolved() -> None:
    assert photos('<img src="../up/a.jpg"><img src="//cdn.example/b.jpg"><img src=" c.jpg ">') == [
        "https://bj.portal.example/up/a.jpg",
        "https://cdn.example/b.jpg",
        "https://bj.portal.example/zufang/c.jpg",
    ]
    # A saved file has no web address: only absolute ones can be fetched.
    assert photos('<img src="a.jpg"><img src="https://cdn.example/b.jpg">', url="file:///tmp/page.html") == [
        "https://cdn.example/b.jpg"
    ]


def test_the_photos_of_a_page_are_bounded_with_a_note() -> None:
    page = "".join(f'<img src="/up/{n}.jpg">' for n in range(80))
    with reading() as current:
        found = article_photos(LexborHTMLParser(page), URL)
    assert len(found) == 60 and found[0].url.endswith("/up/0.jpg")
    assert current.cuts == ["photos cut to 60 of 80"]
    with reading(Reading(limits=ParseLimits(max_images=10))) as current:
        assert len(article_photos(LexborHTMLParser(page), URL)) == 10
    assert any("first 10 pictures of 80" in note for note in current.cuts)


def test_a_profiles_photos_selector_decides_where_they_are() -> None:
    page = '<div class="album"><img src="/up/a.jpg"></div><div class="desc"><img src="/up/b.jpg"></div>'
    assert photos(page, selector="div.album") == ["https://bj.portal.example/up/a.jpg"]
    assert photos(page, selector="div.album img, div.nothing") == ["https://bj.portal.example/up/a.jpg"]


def test_one_picture_in_several_sizes_has_one_key() -> None:
    keys = {
        photo_key(u)
        for u in (
            "https://img4.baixing.net/0b4b.jpg_bi",
            "https://img6.baixing.net/0b4b.jpg_180x180",
            "https://img4.baixing.net/0b4b.jpg",
        )
    }
    assert len(keys) == 1
    assert photo_key("https://p.example/a.jpg?w=294&h=220&crop=1") == photo_key("https://p.example/a.jpg")
    assert photo_key("https://p.example/show.php?id=1") != photo_key("https://p.example/show.php?id=2")
    assert srcset_candidates("a.jpg 1x,b,c.jpg 2x") == [("a.jpg", 1000.0), ("b,c.jpg", 2000.0)]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("6图", 6),
        ("5 图", 5),
        ("共8张", 8),
        ("共 12 张图片", 12),
        ("图片(5)", 5),
        ("图：3张", 3),
        ("7P", 7),
        ("[6图]", 6),
        ("（共8张）", 8),
        ("【3图】", 3),
    ],
)
def test_a_rows_photo_count_is_read_from_what_it_shows(text: str, count: int) -> None:
    assert photo_count_in(text) == count


@pytest.mark.parametrize("text", ["3室2厅", "2张床", "80㎡", "共8张床单出售", "2024", "[6]", "[2024图]"])
def test_what_is_not_a_photo_count_is_none(text: str) -> None:
    assert photo_count_in(text) is None


def _row(html: str) -> tuple[str | None, int | None]:
    row = LexborHTMLParser(f"<ul>{html}</ul>").css_first("li")
    assert row is not None
    return row_photos(row, URL)


def test_a_row_gives_its_thumbnail_not_the_agents_avatar_or_a_badge() -> None:
    assert _row(
        '<li class="listing-ad"><img class="vip-badge" src="/static/vip.png"><div class="agent-avatar">'
        '<img src="/up/agent.jpg"></div><a href="/1.html"><img src="/img/lazy.gif" data-src="/up/t1.jpg"></a>'
        '<a href="/1.html">朝阳 两室一厅</a><span class="pic-num"><i class="icon-camera"></i>9</span></li>'
    ) == ("https://bj.portal.example/up/t1.jpg", 9)
    assert _row('<li><a href="/1.html">朝阳 两室一厅 3室2厅</a></li>') == (None, None)


def test_a_profiles_thumb_and_count_selectors_are_used_inside_the_row() -> None:
    row = LexborHTMLParser(
        '<ul><li><img src="/up/first.jpg"><span class="cover" data-bg="/up/cover.jpg"></span>'
        '<b class="n">共 4 张</b></li></ul>'
    ).css_first("li")
    assert row is not None
    assert row_photos(row, URL, thumb="span.cover", count="b.n") == ("https://bj.portal.example/up/cover.jpg", 4)
