"""Heavy pages for the demo portal: articles under the byte cap that are costly to read.

Each shape is a classifieds article page (breadcrumb, title, meta line, an
opening paragraph, a contact line) wrapped around one heavy part: thousands
of nested elements, a huge table, one endless run of text, and so on. A
reader must still show the title and the opening paragraph, and say what it
cut; the heavy part is what it may cut. The demo portal serves them at
``/heavy/{shape}.html`` (``/heavy/`` lists them); the hostile-page tests and
``benchmarks/heavy_pages.py`` read the same pages.

Sizes follow what was measured to hurt (each well under the 8 MiB cap, in
UTF-8 and in GBK); the text of every shape is ASCII or CJK that GBK holds.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from html import escape

__all__ = ["INTRO", "OUTRO", "SHAPES", "TITLES", "heavy_index", "heavy_page"]

INTRO = "开头：这套两室一厅朝南采光好，拎包入住，看房请提前预约。"
"""The opening paragraph of every heavy page, before the heavy part: always readable."""
OUTRO = "结尾：欢迎来电咨询，中介勿扰。"
"""The closing paragraph, after the heavy part: shown when the reader got that far."""


def _nested(open_tag: str, close_tag: str, depth: int, bottom: str) -> str:
    return open_tag * depth + bottom + close_tag * depth


def _nested_divs() -> str:
    return _nested("<div>", "</div>", 200_000, "<p>最深处的一段文字。</p>")


def _nested_tables() -> str:
    return _nested("<table><tr><td>", "</td></tr></table>", 20_000, "<p>最深的表格里的文字。</p>")


def _nested_lists() -> str:
    return (
        "<ul>"
        + "".join(f"<li>第{i}层<ul>" for i in range(30_000))
        + "<li>最深的条目</li>"
        + "</ul></li>" * 30_000
        + "</ul>"
    )


def _tiny_paragraphs() -> str:
    return "<p>段</p>" * 700_000


def _many_attributes() -> str:
    attributes = "".join(f" a{i}=1" for i in range(300_000))
    return f"<p{attributes}>有很多属性的一段文字。</p>"


def _many_links() -> str:
    return "<p>" + " ".join(f'<a href="/l/{i}">{i}</a>' for i in range(180_000)) + "</p>"


def _wide_table() -> str:
    head = "<tr>" + "".join(f"<th>列{c}</th>" for c in range(200)) + "</tr>"
    row = "<tr>" + "<td>1</td>" * 200 + "</tr>"
    return f"<table>{head}{row * 2000}</table>"


def _text_run() -> str:
    unit = "整租两室 flat "  # 10 characters
    return "<p>" + unit * 250_000 + "</p>"


def _unbroken_run() -> str:
    """Two million characters with nowhere to break a line."""
    return "<p>" + "x" * 2_000_000 + "</p>"


def _nested_inline() -> str:
    tags = ("b", "i", "span", "em", "strong")
    opens = "".join(f"<{tags[i % 5]}>" for i in range(100_000))
    closes = "".join(f"</{tags[i % 5]}>" for i in reversed(range(100_000)))
    return f"<p>{opens}最里面的字{closes}</p>"


def _nested_font() -> str:
    """Old portals' markup: <font> in <span> in <font>…, with a word at every level."""
    return "<p>" + '<font color="red"><span>字' * 60_000 + "底" + "</span></font>" * 60_000 + "</p>"


def _many_breaks() -> str:
    return "<p>" + "行<br>" * 400_000 + "</p>"


def _huge_pre() -> str:
    return "<pre>" + "".join(f"{i:06d} 代码行 code line\n" for i in range(200_000)) + "</pre>"


def _facts_list() -> str:
    return "<dl>" + "".join(f"<dt>项目{i}：</dt><dd>数值{i}</dd>" for i in range(100_000)) + "</dl>"


def _facts_table() -> str:
    return "<table>" + "".join(f"<tr><th>标签{i}</th><td>值{i}</td></tr>" for i in range(100_000)) + "</table>"


def _many_scripts() -> str:
    return "<script>var a=1;</script><style>p{}</style>" * 60_000 + "<p>脚本之后的文字。</p>"


def _many_images() -> str:
    return "<p>" + "".join(f'<img src="/img/{i}.jpg" alt="图{i}">' for i in range(120_000)) + "</p>"


def _many_comments() -> str:
    return "<p>" + "<!-- 注释 -->字" * 400_000 + "</p>"


def _misnested() -> str:
    """Formatting tags closed in the wrong order: the parser's adoption agency at work."""
    return "<p>" + "<b><i>字</b></i>" * 150_000 + "</p>"


def _staircase() -> str:
    """Nested sections with a paragraph at every level."""
    return "".join(f"<div><p>第{i}级</p>" for i in range(100_000)) + "</div>" * 100_000


_LONG_TITLE = "超长标题" * 250_000

_SHAPES: dict[str, Callable[[], str]] = {
    "nested-divs": _nested_divs,
    "nested-tables": _nested_tables,
    "nested-lists": _nested_lists,
    "tiny-paragraphs": _tiny_paragraphs,
    "many-attributes": _many_attributes,
    "many-links": _many_links,
    "wide-table": _wide_table,
    "text-run": _text_run,
    "unbroken-run": _unbroken_run,
    "nested-inline": _nested_inline,
    "nested-font": _nested_font,
    "many-breaks": _many_breaks,
    "huge-pre": _huge_pre,
    "facts-list": _facts_list,
    "facts-table": _facts_table,
    "many-scripts": _many_scripts,
    "many-images": _many_images,
    "many-comments": _many_comments,
    "misnested": _misnested,
    "staircase": _staircase,
    "long-title": lambda: "",
}

SHAPES: tuple[str, ...] = tuple(_SHAPES)
"""The shapes' names, as in ``/heavy/{shape}.html``."""

TITLES: dict[str, str] = {shape: f"重负页面测试：{shape} 两室一厅出租" for shape in SHAPES}
"""Each shape's title as the page's <h1> shows it (but "long-title", whose <h1> is endless)."""


@cache
def heavy_page(shape: str, charset: str = "utf-8") -> str:
    """The page of ``shape`` (one of ``SHAPES``); KeyError for another name."""
    heavy = _SHAPES[shape]()
    title = TITLES[shape] + (_LONG_TITLE if shape == "long-title" else "")
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="{charset}">\n'
        f"<title>{escape(title)}_南京分类信息网</title>\n</head>\n<body>\n"
        '<div class="breadcrumb"><a href="/">演示分类信息网</a> &gt; '
        '<a href="/nanjing/">南京分类信息网</a> &gt; <a href="/nanjing/fangchan/">房产</a></div>\n'
        f'<div class="article"><h1>{escape(title)}</h1>'
        '<div class="meta">2026/3/1 10:00:00发布12次查看</div>\n'
        f'<div class="content"><p>{INTRO}</p>\n{heavy}\n<p>{OUTRO}</p></div>\n'
        '<div class="contact"><ul><li><span>联系人：</span>王先生</li>'
        "<li><span>电话：</span>13912345678</li></ul></div>\n"
        "</div>\n</body>\n</html>\n"
    )


def heavy_index(charset: str = "utf-8") -> str:
    """A page linking every shape (``/heavy/``), for looking at them in a browser or the reader."""
    links = "".join(f'<li><a href="/heavy/{shape}.html">{shape}</a></li>' for shape in SHAPES)
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="{charset}"><title>重负页面</title></head>'
        f"<body><h1>重负页面</h1><ul>{links}</ul></body></html>\n"
    )
