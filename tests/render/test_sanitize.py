"""sanitize.clean / clean_line and render.article_renderable against hostile text."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from tui_reader.demo.site.hostile import PAYLOADS
from tui_reader.models import Article
from tui_reader.render.article import article_renderable
from tui_reader.render.sanitize import clean, clean_line

# What must never reach the terminal: C0 except \n and \t, DEL, C1, bidi overrides/isolates.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain 中文 text", "plain 中文 text"),
        ("a\tb\nc", "a\tb\nc"),
        ("bell\x07", "bell\u2407"),
        ("nul\x00del\x7f", "nul\u2400del\u2421"),
        ("\x1b[2J\x1b[H清屏", "\u241b[2J\u241b[H清屏"),
        ("\x1b[?1049h", "\u241b[?1049h"),
        ("x\x1b]52;c;cm0gLXJmIH4K\x07剪贴板", "x⟨OSC⟩剪贴板"),
        ("\x1b]8;;http://evil.example/\x1b\\假链接\x1b]8;;\x1b\\", "⟨OSC⟩假链接⟨OSC⟩"),
        ("\x1bP+q544e\x1b\\after", "⟨DCS⟩after"),
        ("\x1b_payload\x1b\\after", "⟨APC⟩after"),
        ("\x9b6n", "\u241b[6n"),
        ("\x9d0;title\x9cafter", "⟨OSC⟩after"),
        ("nel\x85", "nel⟨U+0085⟩"),
        ("\u202e反转文字\u202c", "⟨RLO⟩反转文字⟨PDF⟩"),
        ("\u2066iso\u2069", "⟨LRI⟩iso⟨PDI⟩"),
        ("[@click=app.quit]点我退出[/]", "[@click=app.quit]点我退出[/]"),
        ("line\r\nnext\rlast", "line\nnext\nlast"),
    ],
)
def test_clean_named_cases(raw: str, shown: str) -> None:
    assert clean(raw) == shown


def test_unterminated_string_sequence_does_not_swallow_the_rest() -> None:
    # A stray OSC introducer must not hide the article after it.
    assert clean("before\x1b]0;never ends, 正文继续") == "before⟨OSC⟩0;never ends, 正文继续"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_demo_hostile_payloads_come_out_harmless(payload: str) -> None:
    assert FORBIDDEN.search(clean(payload)) is None
    assert FORBIDDEN.search(clean_line(payload)) is None


def test_clean_line_folds_whitespace() -> None:
    assert clean_line("  标题\n第二行\t\t尾  ") == "标题 第二行 尾"
    assert clean_line("a\u2028b") == "a b"


@given(st.text())
def test_clean_never_lets_a_control_through(text: str) -> None:
    out = clean(text)
    assert FORBIDDEN.search(out) is None
    assert clean(out) == out  # placeholders are themselves safe text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs"))))
def test_clean_leaves_ordinary_text_alone(text: str) -> None:
    assert clean(text) == text


def _render(article: Article, width: int = 60) -> str:
    console = Console(width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor", record=True)
    console.print(article_renderable(article))
    return console.export_text()


def _article(**overrides: object) -> Article:
    data: dict[str, object] = dict(
        url="http://127.0.0.1/lianyungang/fangchan/1.html",
        title="新浦区 两室一厅 出租",
        published=datetime(2024, 2, 10, 12, 21, 21, tzinfo=timezone(timedelta(hours=8))),
        views=24,
        city="连云港",
        category="房产",
        body=("第一段。", "第二段。"),
        contact=(("联系人：", "王先生"), ("电话：", "138 1234 5678")),
    )
    data.update(overrides)
    return Article(**data)  # type: ignore[arg-type]


def test_render_shows_title_meta_body_contact_and_source() -> None:
    text = _render(_article())
    lines = text.splitlines()
    assert lines[0] == "新浦区 两室一厅 出租"
    assert "2024-02-10 12:21 · 24次查看 · 连云港 › 房产" in lines[1]
    assert "第一段。\n\n第二段。" in text
    assert re.search(r"联系人\s+王先生", text)
    assert re.search(r"电话\s+138 1234 5678", text)
    assert "http://127.0.0.1/lianyungang/fangchan/1.html" in text


def test_render_does_not_interpret_markup_in_page_text() -> None:
    title = "[bold red]红[/] [link=http://evil.example/]链接[/link] [@click=app.quit]退出[/]"
    text = _render(_article(title=title, body=("[i]正文[/i]",), contact=(("备注", "[RED]"),)), width=120)
    assert title in text
    assert "[i]正文[/i]" in text
    assert "[RED]" in text


def test_render_makes_escapes_visible_not_active() -> None:
    out = io.StringIO()
    console = Console(width=80, file=out, force_terminal=True, color_system=None)
    console.print(article_renderable(_article(title="\x1b[2J清屏", body=("\x1b]52;c;ZXZpbA==\x07剪贴板",))))
    printed = out.getvalue()
    # color_system=None: Rich adds no escapes of its own, so any ESC would be the page's.
    assert "\x1b" not in printed
    assert "\u241b[2J清屏" in printed
    assert "⟨OSC⟩剪贴板" in printed


def test_render_wraps_long_chinese_paragraphs() -> None:
    body = "这是一段很长的中文正文，" * 20
    text = _render(_article(body=(body,)), width=40)
    body_lines = [line for line in text.splitlines() if "这是" in line or "正文" in line]
    assert len(body_lines) > 3
    assert all(len(line.rstrip()) <= 20 for line in body_lines)  # 20 wide characters = 40 cells


@given(st.text(alphabet=st.characters(blacklist_categories=())))  # surrogates included
def test_clean_output_is_valid_utf8(text: str) -> None:
    clean(text).encode("utf-8")  # strict: a lone surrogate would raise here
    clean_line(text).encode("utf-8")


def test_clean_makes_lone_surrogates_visible() -> None:
    out = clean("a\ud800b\udfffc")
    out.encode("utf-8")
    assert out.startswith("a") and out.endswith("c") and "b" in out


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("长" * 100_000, id="huge-word"),
        pytest.param("x" * 50_000 + " " + "y" * 50_000, id="very-long-line"),
        pytest.param("Z\u0336\u0351\u0310" * 5000, id="zalgo"),
        pytest.param("👩\u200d👩\u200d👧\u200d👦🏳️\u200d🌈🇨🇳" * 3000, id="emoji-sequences"),
    ],
)
def test_render_wraps_huge_words_zalgo_and_emoji_to_the_width(body: str) -> None:
    text = _render(_article(title=body[:2000], body=(body,)), width=40)
    lines = text.splitlines()
    assert len(lines) > 10  # wrapped, not one endless line
    # Rich measures cells; the exported text keeps every line within the console.
    from rich.cells import cell_len

    assert max(cell_len(line) for line in lines) <= 40
