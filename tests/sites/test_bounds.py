"""The parse limits (``limits.ParseLimits``) as ``sites.bounds`` applies them.

Real pages (the demo portal's, and the saved portal pages when present) are
read whole; heavy ones are cut where they are heavy, with a note, and the
text of what is unwrapped stays. How fast is ``benchmarks/heavy_pages.py``'s
business, not a test's.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from tui_reader.demo.site.heavy import INTRO, SHAPES, TITLES, heavy_page
from tui_reader.demo.web.server import DemoServer
from tui_reader.limits import ParseLimits
from tui_reader.sites import read_article
from tui_reader.sites.bounds import Reading, bounded_html, reading
from tui_reader.sites.profile import auto_profile

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real-pages"


def _bounded(html: str, **limits: int) -> tuple[str, list[str]]:
    with reading(Reading(limits=ParseLimits(**limits))) as current:
        return bounded_html(html), current.cuts


def _text(html: str) -> str:
    body = LexborHTMLParser(html).body
    return body.text(deep=True) if body is not None else ""


def test_the_demo_portals_pages_are_read_whole(demo_server: DemoServer) -> None:
    with httpx.Client(base_url=demo_server.base_url) as http:
        listing = http.get("/lianyungang/fangchan/").text
        article_path = LexborHTMLParser(listing).css_first("ul.infolist a.title").attributes["href"]
        for page in (http.get("/").text, listing, http.get(article_path or "").text):
            assert _bounded(page) == (page, [])


@pytest.mark.skipif(not REAL.is_dir(), reason="real-pages data set not present")
def test_saved_portal_pages_are_read_whole() -> None:
    for path in REAL.glob("*.html"):
        page = path.read_bytes().decode("utf-8", "replace")
        assert _bounded(page) == (page, []), path.name


def test_nesting_past_the_limit_is_unwrapped_and_its_text_kept() -> None:
    page = "<html><body>" + "".join(f"<div>第{i}层" for i in range(300)) + "</div>" * 300 + "</body></html>"
    bounded, cuts = _bounded(page, max_depth=50)
    assert _text(bounded) == _text(page)
    assert bounded.count("<div>") == 50 and bounded.count("</div>") == 50
    assert cuts == ["page too deeply nested: shown flattened below 50 levels"]


def test_self_closed_and_unclosed_elements_do_not_pile_up_as_nesting() -> None:
    paths = '<path d="M0"/>' * 100
    icons = f'<svg viewBox="0 0 9 9">{paths}</svg>' * 5
    rows = "".join(f"<li><span>第{i}行</li>" for i in range(300))  # each span closed by its </li>
    page = f"<body><div>{icons}<ul>{rows}</ul><p>结尾</p></div></body>"
    assert _bounded(page, max_depth=10) == (page, [])


def test_elements_past_the_limit_of_one_parent_are_read_as_plain_text() -> None:
    page = "<body><div>" + "<p>段</p>" * 30 + "<script>var a = '<p>x</p>';</script></div></body>"
    bounded, cuts = _bounded(page, max_children=10)
    assert bounded.split("<script>")[0].count("<p>") == 10
    assert "<script>var a = '<p>x</p>';</script>" in bounded  # not markup: left alone
    assert _text(bounded).count("段") == 30
    assert cuts == ["30 elements side by side: past the first 10, read as plain text"]


def test_an_element_keeps_its_first_attributes() -> None:
    page = "<body><p " + " ".join(f'data-a{i}="{i}"' for i in range(500)) + ">文字</p></body>"
    bounded, cuts = _bounded(page, max_attributes=20)
    attributes = LexborHTMLParser(bounded).css_first("p").attributes
    assert list(attributes) == [f"data-a{i}" for i in range(20)]
    assert cuts == ["an element with 500 attributes: kept its first 20"]


def test_a_long_page_is_cut_off_and_a_long_run_of_text_cut_short() -> None:
    bounded, cuts = _bounded("<body>" + "<b>字</b>" * 100 + "</body>", max_tags=51)
    assert _text(bounded) == "字" * 25
    assert cuts == ["page too long: read its first 51 tags of 202"]
    bounded, cuts = _bounded("<body><p>" + "x" * 5000 + "</p><p>after</p></body>", max_run_text=1000)
    assert _text(bounded) == "x" * 1000 + "…after"
    assert cuts == ["text cut at 1,000 characters of 5,000 in one run"]


_TAGS = ("div", "span", "p", "ul", "li", "b", "section", "em")


@st.composite
def _markup(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 6 and draw(st.booleans()):
            tag = draw(st.sampled_from(_TAGS))
            inner = draw(_markup(depth + 1))
            closed = draw(st.booleans())  # pages leave end tags out
            parts.append(f"<{tag}>{inner}" + (f"</{tag}>" if closed else ""))
        else:
            parts.append(draw(st.text(alphabet="甲乙丙 ab", min_size=1, max_size=3)))
    return "".join(parts)


@settings(max_examples=200, deadline=None)
@given(_markup(), st.integers(1, 4), st.integers(1, 4))
def test_unwrapping_never_loses_or_adds_text(markup: str, depth: int, children: int) -> None:
    page = f"<html><body>{markup}</body></html>"
    bounded, _cuts = _bounded(page, max_depth=depth, max_children=children)
    assert _text(bounded) == _text(page)


@pytest.mark.parametrize("shape", SHAPES)
def test_a_heavy_page_without_a_profile_reads_in_part(shape: str) -> None:
    article = read_article(heavy_page(shape), f"http://127.0.0.1/heavy/{shape}.html", auto_profile())
    assert article.title.startswith(TITLES[shape][:20])
    assert INTRO in article.body_text
    assert article.cuts
