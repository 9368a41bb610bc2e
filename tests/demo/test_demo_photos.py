"""The demo portal's photos, over real HTTP on 127.0.0.1: each style's markup against the gold
(``demo.site.gold_photos``), the pictures served behind it, and the hostile ones."""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser

from support.demo_command import start_demo_server
from tui_reader.demo.site.content import DemoSite, Head
from tui_reader.demo.site.gold_photos import gold_article_photos, gold_listing_photos, not_photos
from tui_reader.demo.site.photos import HOSTILE_KINDS, MAX_PHOTOS, hostile_kind, photo_count, photo_path
from tui_reader.demo.web.options import DemoOptions
from tui_reader.demo.web.routes_photos import _Drawn
from tui_reader.demo.web.server import DemoServer
from tui_reader.errors import BadImage
from tui_reader.sites.images import vet_image

SITE = DemoSite(articles_per_category=120)
CITY, BOARD = SITE.city("nanjing"), SITE.category("fangchan")
ENCODING = {"a": "gb18030", "b": "utf-8", "c": "utf-8"}


def quiet(_line: str) -> None:
    """Access log sink."""


@pytest.fixture(scope="module", params=["a", "b", "c"])
def portal(request: pytest.FixtureRequest) -> Iterator[tuple[str, httpx.Client]]:
    style = request.param
    options = DemoOptions(style=style, articles_per_category=120, login_wall=False, soft_404=False)
    with DemoServer(options=options, log=quiet) as server, httpx.Client(base_url=server.base_url) as http:
        yield style, http


def article_url(style: str, head: Head) -> str:
    return f"/{head.city.slug}/{head.category.slug}/{head.id}" + ("x.shtml" if style == "c" else ".html")


def with_photos(least: int) -> Head:
    return next(h for h in SITE.page(CITY, BOARD, 1) if photo_count(h) >= least)


def page(http: httpx.Client, style: str, path: str) -> LexborHTMLParser:
    response = http.get(path)
    assert response.status_code == 200, path
    return LexborHTMLParser(response.content.decode(ENCODING[style]))


def found_photos(style: str, tree: LexborHTMLParser) -> list[tuple[str, str]]:
    """(full-size address, alt) of the article's photos, read by the markup ``photos`` documents."""
    if style == "a":
        images = tree.css("div.main div.photos img")
        return [(i.attributes["src"] or "", i.attributes["alt"] or "") for i in images]
    if style == "b":
        images = tree.css("div.gallery figure.gallery-item img")
        return [(i.attributes["data-src"] or "", i.attributes["alt"] or "") for i in images]
    images = tree.css("div.detail-pics ul.pic-thumbs img")
    return [(i.attributes["data-original"] or "", i.attributes["alt"] or "") for i in images]


def test_some_listings_have_no_photos_and_none_more_than_eight() -> None:
    counts = [photo_count(SITE.head(city, BOARD, i)) for city in SITE.cities[:5] for i in range(40)]
    assert min(counts) == 0 and max(counts) == MAX_PHOTOS
    assert 0.15 < counts.count(0) / len(counts) < 0.35
    assert len(set(counts)) == MAX_PHOTOS + 1


def test_article_photos_are_the_gold_and_are_served(portal: tuple[str, httpx.Client]) -> None:
    style, http = portal
    head = with_photos(3)
    path = article_url(style, head)
    tree = page(http, style, path)
    gold = gold_article_photos(SITE, style, str(http.base_url).rstrip("/") + path)
    assert len(gold) == photo_count(head) >= 3
    origin = str(http.base_url).rstrip("/")
    assert [(origin + src, alt) for src, alt in found_photos(style, tree)] == [(g.url, g.alt) for g in gold]
    for photo in gold:
        response = http.get(photo.url)
        expected = "image/png" if style == "b" else "image/jpeg"
        assert response.status_code == 200 and response.headers["content-type"] == expected
        vetted = vet_image(response.content, declared_type=response.headers["content-type"])
        assert (vetted.width, vetted.height) == (320, 240) and len(response.content) < 40_000
        for smaller in photo.also:
            assert vet_image(http.get(smaller).content, declared_type=None).width == 160


def test_every_page_has_a_logo_and_an_ad_banner_that_are_no_photos(portal: tuple[str, httpx.Client]) -> None:
    style, http = portal
    head = with_photos(1)
    origin = str(http.base_url).rstrip("/")
    refused = not_photos(style, origin)
    for path in ("/", "/nanjing/", "/nanjing/fangchan/", article_url(style, head)):
        tree = page(http, style, path)
        sources = {origin + (i.attributes.get("src") or "") for i in tree.css("img")}
        chrome = sources & refused
        assert len(chrome) >= 2, path  # the logo and the banner, at least
        assert any("logo" in s for s in chrome) and any("ad" in s.removeprefix(origin) for s in chrome)
        for address in chrome:
            response = http.get(address)
            assert response.status_code == 200 and response.headers["content-type"].startswith("image/")
            vet_image(response.content, declared_type=None)
    gold = {g.url for g in gold_article_photos(SITE, style, origin + article_url(style, head))}
    assert gold and not gold & refused


def test_listing_rows_show_counts_and_thumbnails_as_the_gold_says(portal: tuple[str, httpx.Client]) -> None:
    style, http = portal
    origin = str(http.base_url).rstrip("/")
    tree = page(http, style, "/nanjing/fangchan/")
    gold = gold_listing_photos(SITE, style, "nanjing", "fangchan", 1, origin)
    assert any(r.photo_count == 0 for r in gold) and any(r.photo_count > 1 for r in gold)
    if style == "a":
        rows = tree.css("ul.infolist li.item")
        shown = [(r.css_first("span.pics").text() if r.css_first("span.pics") else "") for r in rows]
        assert shown == [f"[{g.photo_count}图]" if g.photo_count else "" for g in gold]
        assert all(g.thumb is None for g in gold)
        return
    rows = tree.css("section.post-list div.post-card") if style == "b" else tree.css("table#infolist tr.list-row")
    assert len(rows) == len(gold)
    for row, want in zip(rows, gold, strict=True):
        count = row.css_first("span.post-pics" if style == "b" else "span.pic-num")
        img = row.css_first("img")
        assert (count.text() if count else "") == (f"{want.photo_count}图" if want.photo_count else "")
        thumb = img.attributes.get("data-src" if style == "b" else "src") if img else None
        assert (origin + thumb if thumb else None) == want.thumb
        if want.thumb:
            assert http.get(want.thumb).status_code == 200


def test_photos_past_the_count_or_of_no_listing_are_404(portal: tuple[str, httpx.Client]) -> None:
    style, http = portal
    head = with_photos(1)
    beyond = photo_path(style, head, photo_count(head) + 1)
    assert http.get(beyond).status_code == 404
    assert http.get(photo_path(style, head, 1).replace(str(head.id), "999")).status_code == 404
    assert http.get(photo_path(style, head, 1).replace("nanjing", "atlantis")).status_code == 404


def test_same_seed_same_bytes_other_seed_other_photos() -> None:
    head = with_photos(2)
    path = photo_path("a", head, 2)
    with (
        DemoServer(options=DemoOptions(seed=7, articles_per_category=120), log=quiet) as one,
        DemoServer(options=DemoOptions(seed=7, articles_per_category=120), log=quiet) as two,
        DemoServer(options=DemoOptions(seed=8, articles_per_category=120), log=quiet) as other,
    ):
        first = httpx.get(one.base_url + path).content
        assert first == httpx.get(two.base_url + path).content
        assert httpx.get(one.base_url + path).headers["etag"] == httpx.get(two.base_url + path).headers["etag"]
        other_site = DemoSite(8, 120)
        other_head = next(h for h in other_site.page(CITY, BOARD, 1) if photo_count(h) >= 2)
        assert httpx.get(other.base_url + photo_path("a", other_head, 2)).content != first


def test_pictures_are_not_gzipped_and_answer_304() -> None:
    with DemoServer(options=DemoOptions(articles_per_category=120), log=quiet) as server:
        check_not_gzipped(server.base_url + photo_path("a", with_photos(1), 1))


def check_not_gzipped(url: str) -> None:
    first = httpx.get(url, headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in first.headers and first.content.startswith(b"\xff\xd8\xff")
    again = httpx.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


def hostile_listings(style: str) -> dict[str, Head]:
    """One listing per hostile kind, from the newest of a few boards."""
    found: dict[str, Head] = {}
    for board in SITE.categories:
        for head in SITE.page(CITY, board, 1):
            kind = hostile_kind(head, photo_count(head)) if photo_count(head) else ""
            if kind and kind not in found and head.id % 7 and head.id % 19 != 5:
                found[kind] = head
    assert set(found) == set(HOSTILE_KINDS)
    return found


@pytest.mark.parametrize("style", ["a", "b", "c"])
def test_hostile_photos_each_get_their_sentence(style: str) -> None:
    """Each hostile kind arrives as described, and vetting answers it at once: a bomb from its
    header (a file of a few kilobytes declaring 60000×60000), the rest from their bytes."""
    expected = {
        "bomb": "the photo is too large (60000×60000, 3,600 megapixels; at most 40)",
        "truncated": "the photo is cut short (the file ends before the picture does)",
        "html-as-image": "the photo is not a picture (it is HTML, served as image/",
        "svg": "the photo is an SVG drawing (served as image/svg+xml), which is never shown",
    }
    options = DemoOptions(style=style, articles_per_category=120, hostile_photos=True)
    with DemoServer(options=options, log=quiet) as server, httpx.Client(base_url=server.base_url) as http:
        for kind, head in hostile_listings(style).items():
            gold = gold_article_photos(SITE, style, server.base_url + article_url(style, head), hostile=True)
            assert [g.hostile for g in gold] == [""] * (len(gold) - 1) + [kind]
            response = http.get(gold[-1].url)
            assert response.status_code == 200
            declared = response.headers["content-type"]
            if kind in expected:
                with pytest.raises(BadImage) as refused:
                    vet_image(response.content, declared_type=declared)
                assert str(refused.value).startswith(expected[kind]), (kind, str(refused.value))
            elif kind == "image-as-html":
                assert declared.startswith("text/html")
                assert vet_image(response.content, declared_type=declared).width == 320
            else:
                vetted = vet_image(response.content, declared_type=declared)
                assert (vetted.width, vetted.height) == (20000, 20) and vetted.notes
            if kind == "bomb":
                assert len(response.content) < 4096
            if len(gold) > 1:  # the photos before it stay sound
                assert vet_image(http.get(gold[0].url).content, declared_type=None).width == 320


def test_hostile_photos_are_off_by_default() -> None:
    head = hostile_listings("a")["bomb"]
    with DemoServer(options=DemoOptions(articles_per_category=120), log=quiet) as server:
        data = httpx.get(server.base_url + photo_path("a", head, photo_count(head))).content
    assert vet_image(data, declared_type=None).width == 320


def test_the_drawn_pictures_kept_are_bounded() -> None:
    drawn = _Drawn(budget=1000)
    draws = []
    for n in range(10):
        drawn.get(("p", n), lambda n=n: draws.append(n) or bytes(300))
    drawn.get(("p", 9), lambda: draws.append(-1) or b"")  # kept: not drawn again
    drawn.get(("p", 0), lambda: draws.append(-2) or bytes(300))  # dropped long ago: drawn again
    assert draws == [*range(10), -2]


def test_demo_server_command_serves_hostile_photos() -> None:
    head = hostile_listings("a")["svg"]
    proc = start_demo_server("--port", "0", "--articles", "120", "--hostile-photos")
    try:
        url = re.search(r"http://127\.0\.0\.1:\d+", proc.stdout.readline())[0]  # type: ignore[union-attr,index]
        response = httpx.get(url + photo_path("a", head, photo_count(head)))
        assert response.headers["content-type"] == "image/svg+xml" and b"<svg" in response.content
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
