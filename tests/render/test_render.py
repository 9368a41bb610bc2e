"""render.article_renderable and linebreak: structure survives, links are numbered,
Chinese breaks by its rules, nothing overflows, hostile text shows literally."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from selectolax.lexbor import LexborHTMLParser

from tui_reader.models import Article
from tui_reader.models.blocks import plain_paragraphs
from tui_reader.render.article import article_renderable
from tui_reader.render.linebreak import CLOSING, OPENING, Wrapped, break_lines
from tui_reader.sites.structure import read_structure

PAGE_URL = "http://portal.example/lianyungang/fangchan/1.html"

BODY_HTML = """
<div class="content">
  <h2>房屋介绍</h2>
  <p>房东直租，家电齐全、拎包入住！详情见<a href="/detail/1.html">小区介绍</a>。联系电话：１３８ 1234 5678，
     月租1200元/月（可议），面积90平米。“好房子”不等人，先到先得；欢迎来电！</p>
  <ul><li>南北通透<ul><li>采光好</li></ul></li><li>近地铁 <a href="javascript:alert(1)">[@click=app.quit]x[/]</a></li></ul>
  <ol><li>押一付三</li><li>可短租</li></ol>
  <blockquote><p>好房不等人，先到先得。</p></blockquote>
  <table><tr><th>面积</th><th>价格</th></tr><tr><td>90平米</td><td>1200元/月</td></tr></table>
  <img src="http://例子.测试/p.jpg" alt="客厅">
</div>
"""

# Long enough to wrap many times at every width below, with every kind of closing mark.
PROSE = (
    "出租连云港新浦区两室一厅，家电齐全、拎包入住！价格：1200元/月（可议）。"
    "联系电话：138 1234 5678。「好房子」『不等人』【急租】，有意者请速联系？"
    "房东说：“先到先得。”另有车位出租，每月300元；详情面谈……"
) * 3
WIDTHS = (10, 13, 17, 24, 31, 40, 57, 80)
KINSOKU = "、，。！？）」』】"
_MARKER = re.compile(r"^\s*(?:[•◦▪▌] |\d+\. )?\s*")  # a list or quote prefix is not the text


def _article(html: str = BODY_HTML) -> Article:
    structure = read_structure(LexborHTMLParser(html).css_first("div.content"), PAGE_URL)
    body = plain_paragraphs(structure.blocks)
    return Article(
        url=PAGE_URL,
        title="新浦区 两室一厅 出租",
        body=body,
        blocks=structure.blocks,
        links=structure.links,
        contact=(("联系人", "王先生"), ("地址", "连云港市新浦区海连路12号")),
    )


def _lines(renderable, width: int) -> list[str]:  # type: ignore[no-untyped-def]
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return console.export_text().splitlines()


def test_structure_survives() -> None:
    shown = "\n".join(_lines(article_renderable(_article()), 60))
    assert "房屋介绍" in shown
    assert "• 南北通透" in shown and "  ◦ 采光好" in shown  # nested list, deeper bullet
    assert "1. 押一付三" in shown and "2. 可短租" in shown
    assert "▌ 好房不等人，先到先得。" in shown
    assert "┌" in shown and "│ 90平米 │ 1200元/月 │" in shown  # a real table
    assert "[图片: 客厅] [3]" in shown


def test_links_are_numbered_and_listed() -> None:
    article = _article()
    shown = "\n".join(_lines(article_renderable(article), 100))
    assert "小区介绍[1]" in shown
    assert "[@click=app.quit]x[/] [2]" in shown
    links = shown.split("Links", 1)[1]
    assert "[1] 小区介绍 http://portal.example/detail/1.html" in links
    assert "javascript:alert(1) (not openable: only http and https are allowed)" in links
    assert "[3] 客厅 http://xn--fsqu00a.xn--0zwm56d/p.jpg" in links  # punycode host
    assert [link.openable for link in article.links] == [True, False, True]


def test_old_cache_rows_without_structure_still_render() -> None:
    data = _article().to_dict()
    del data["blocks"], data["links"]
    old = Article.from_dict(data)
    assert old.blocks == () and old.links == ()
    shown = "\n".join(_lines(article_renderable(old), 60))
    assert "南北通透" in shown and "Links" not in shown


def test_structure_round_trips_through_the_cache_form() -> None:
    article = _article()
    assert Article.from_dict(article.to_dict()) == article


@pytest.mark.parametrize("width", WIDTHS)
def test_chinese_wraps_with_kinsoku_and_never_overflows(width: int) -> None:
    article = _article(
        f'<div class="content"><p>{PROSE}</p><ul><li>{PROSE}</li></ul><blockquote><p>{PROSE}</p></blockquote></div>'
    )
    lines = _lines(article_renderable(article), width)
    assert len(lines) > 10
    for line in lines:
        assert cell_len(line) <= width, (width, line)
        text = _MARKER.sub("", line)
        assert not text or text[0] not in KINSOKU, (width, line)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_whole_article_fits_every_width(width: int) -> None:
    for line in _lines(article_renderable(_article()), width):
        assert cell_len(line) <= width, (width, line)


def test_closing_marks_pull_a_character_down_rather_than_start_a_line() -> None:
    # Width 10 = five CJK characters; the sixth is "，", which may not start line two.
    text = "房东直租好，家电齐全"
    lines = [text[s:e] for s, e in break_lines(text, 10)]
    assert lines == ["房东直租", "好，家电齐", "全"]


def test_opening_marks_do_not_end_a_line() -> None:
    lines = [t[s:e] for t in ["一二三四「好房子」"] for s, e in break_lines(t, 8)]
    assert all(line[-1] not in OPENING for line in lines), lines


def test_words_break_at_spaces_and_long_words_fold() -> None:
    text = "see https://example.com/a/very/long/path for more"
    lines = [text[s:e] for s, e in break_lines(text, 12)]
    assert lines == ["see", "https://exam", "ple.com/a/ve", "ry/long/path", "for more"]


@pytest.mark.parametrize(
    "hostile",
    ["[@click=app.quit]x[/]", "[link=http://evil.example/]链接[/link]", "[RED]", "[/", "路径\\", "[b]粗体[/b][/i]"],
)
def test_markup_in_page_text_shows_literally(hostile: str) -> None:
    html = f'<div class="content"><h3>{hostile}</h3><p>{hostile}</p><ul><li>{hostile}</li></ul></div>'
    article = _article(html.replace("&", "&amp;").replace("<p>[", "<p>["))
    shown = "\n".join(_lines(article_renderable(article), 80))
    assert shown.count(hostile) == 3


def test_field_values_are_highlighted_where_the_body_says_them() -> None:
    article = _article()
    console = Console(width=80, file=io.StringIO(), color_system="truecolor")
    segments = list(console.render(article_renderable(article)))
    # Full-width digits and spaces in the page, "13812345678" in the fields.
    phone = [s for s in segments if s.text == "１３８ 1234 5678"]
    price = [s for s in segments if "1200元/月" in s.text and s.style and s.style.bold]
    assert phone and phone[0].style is not None and phone[0].style.bold
    assert price


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("中文字房东，。、！？）」』】（「『【 abc12/\u0301")), max_size=120),
    width=st.integers(min_value=4, max_value=60),
)
def test_breaking_never_overflows_and_loses_nothing(text: str, width: int) -> None:
    lines = Wrapped(Text(text)).lines(width)
    for line in lines:
        assert line.cell_len <= width
    assert "".join(line.plain for line in lines).replace(" ", "") == text.replace(" ", "")
    # Kinsoku holds whenever the line before could give up a character.
    for before, line in zip(lines, lines[1:], strict=False):
        if line.plain and line.plain[0] in CLOSING and len(before.plain.rstrip()) > 1 and width >= 8:
            pytest.fail(f"{line.plain!r} starts with a closing mark at width {width}")
