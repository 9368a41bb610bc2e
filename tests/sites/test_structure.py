"""An article's structure (blocks and numbered links) from the profile parser and
the generic extractor, and through the real cache."""

from __future__ import annotations

from tui_reader.models.blocks import (
    Heading,
    Image,
    ListBlock,
    Paragraph,
    Quote,
    TableBlock,
    inline_text,
    plain_paragraphs,
)
from tui_reader.sites.parse import parse_article, parse_article_generic
from tui_reader.sites.profile import load_profile

URL = "http://portal.example/lianyungang/fangchan/7.html"


def _portal_page(content: str) -> str:
    """A page shaped like the demo profile expects, with ``content`` as the body."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>整租两室_连云港分类信息网</title></head>
<body><div class="breadcrumb"><a href="/">站名</a> &gt; <a href="/lianyungang/">连云港分类信息网</a> &gt; <a>房产</a></div>
<div class="article"><h1>整租两室</h1><div class="meta">2024/2/10 12:21:21发布24次查看</div>
<div class="content">{content}</div></div></body></html>"""


STRUCTURED = """
<p>房东直租，详情见<a href="../info/1.html">小区介绍</a>。</p>
<h3>配套</h3>
<ul><li>近地铁，电话 138 1234 5678</li><li>拎包入住<ol><li>冰箱</li><li>空调</li></ol></li></ul>
<blockquote><p>好房不等人。</p></blockquote>
<table><tr><th>面积</th><th>租金</th></tr><tr><td>90平米</td><td>1200元/月</td></tr></table>
<img src="/img/room.jpg" alt="客厅">
本段不在段落里（版式噪音）
<p><a href="javascript:alert(1)">坏链接</a> <a href="http://user@例子.测试/a">国际化</a></p>
"""


def test_profile_body_keeps_its_structure() -> None:
    article = parse_article(_portal_page(STRUCTURED), URL, load_profile("demo"))
    kinds = [type(b) for b in article.blocks]
    assert kinds == [Paragraph, Heading, ListBlock, Quote, TableBlock, Image, Paragraph]
    listed = article.blocks[2]
    assert isinstance(listed, ListBlock) and [d for d, _ in listed.items] == [0, 0, 1, 1]
    assert [inline_text(t) for _, t in listed.items] == ["近地铁，电话 138 1234 5678", "拎包入住", "冰箱", "空调"]
    table = article.blocks[4]
    assert isinstance(table, TableBlock) and table.header and len(table.rows) == 2
    # The plain paragraphs are the structure's text: search and fields see the list too.
    assert article.body == plain_paragraphs(article.blocks)
    assert article.fields["phones"] == ["13812345678"]
    # The profile's paragraph selector ("p") matched: loose text in the body is furniture.
    assert "版式噪音" not in article.body_text


def test_links_are_absolute_canonical_and_numbered_in_reading_order() -> None:
    article = parse_article(_portal_page(STRUCTURED), URL, load_profile("demo"))
    first = article.blocks[0]
    assert isinstance(first, Paragraph) and ("小区介绍", 1) in first.text
    urls = [(link.text, link.url, link.openable) for link in article.links]
    assert urls == [
        ("小区介绍", "http://portal.example/lianyungang/info/1.html", True),
        ("客厅", "http://portal.example/img/room.jpg", True),
        ("坏链接", "javascript:alert(1)", False),
        ("国际化", "http://xn--fsqu00a.xn--0zwm56d/a", True),  # punycode, user name dropped
    ]
    assert article.links[1].image and article.links[2].refused == "only http and https are allowed"


def test_a_body_without_paragraph_elements_is_split_at_br() -> None:
    article = parse_article(_portal_page("第一行<br>第二行<br><br>第三行"), URL, load_profile("demo"))
    assert article.body == ("第一行", "第二行", "第三行")
    assert all(isinstance(b, Paragraph) for b in article.blocks)


def test_a_paragraph_selector_naming_inline_elements_still_reads_them() -> None:
    profile = load_profile("demo")
    profile = profile._replace(article=profile.article._replace(paragraph="span.text"))
    html = _portal_page('<span class="text">甲段</span><span class="text">乙段</span><span>广告</span>')
    assert parse_article(html, URL, profile).body == ("甲段", "乙段")


def test_hostile_nesting_is_read_flat_not_crashed() -> None:
    deep = "<div>" * 5000 + "很深的文字" + "</div>" * 5000
    article = parse_article(_portal_page("<p>开头</p>" + deep), URL, load_profile("demo"))
    assert article.body[0] == "开头"


LONG = "。".join(["这是一段足够长的正文内容，用来让通用提取器认出文章的主体部分"] * 4) + "。"
GENERIC = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>出售二手电动车_某地信息港</title></head>
<body><div class="nav"><a href="/">首页</a> <a href="/a">房产</a></div>
<div id="main"><h1>出售二手电动车</h1>
<p>{LONG}</p>
<p>车况很好，详情请看<a href="/photos/1.html">实拍照片</a>，{LONG}</p>
<p><img src="/p/front.jpg" alt="车头"></p>
<ul><li>电池去年刚换过，续航五十公里左右，充电器一起送。</li><li>发票、合格证和钥匙都在，可以当面验车过户。</li></ul>
<p>{LONG}</p></div>
<div class="footer">版权所有 苏ICP备12345678号</div></body></html>"""


def test_generic_extraction_gets_its_structure_back_from_the_page() -> None:
    article = parse_article_generic(GENERIC, "http://other.example/ershou/3.html")
    assert any(isinstance(b, ListBlock) for b in article.blocks), article.blocks
    assert [link.url for link in article.links] == [
        "http://other.example/photos/1.html",
        "http://other.example/p/front.jpg",
    ]
    # The picture between two of the article's paragraphs comes back where it was.
    kinds = [type(b).__name__ for b in article.blocks]
    assert kinds.index("Image") == kinds.index("ListBlock") - 1
    shown = "\n".join(plain_paragraphs(article.blocks))
    for paragraph in article.body:  # nothing the extractor chose is lost
        # (the extractor writes list items as "- item"; the list block shows them as items)
        assert paragraph.removeprefix("- ").replace(" ", "") in shown.replace(" ", "")
    assert "ICP" not in shown and "首页" not in shown


def test_a_picture_inside_a_paragraph_keeps_the_paragraph_s_links_on_the_generic_path() -> None:
    # The page's paragraph reads "…图片[图片: 户型图]。"; the extractor's, without the picture.
    page = (
        "<html><body><h1>带图的出租信息</h1><p>详情见<a href='https://example.com/a'>官网</a>，"
        "户型图<img src='https://example.com/p.jpg' alt='户型图'>。</p>"
        "<p>第二段文字，足够长的正文内容在这里，说明房屋的情况。</p></body></html>"
    )
    article = parse_article_generic(page, "https://example.com/fangchan/1.html")
    assert [link.url for link in article.links] == ["https://example.com/a", "https://example.com/p.jpg"]
    first = inline_text(article.blocks[0].text)
    assert "官网" in first and "[图片: 户型图]" in first


async def test_structure_survives_the_real_cache(client) -> None:
    online = client()
    cities = (await online.cities()).value
    categories = (await online.categories(cities[0])).value
    listing = (await online.listings(categories[0])).value.items[0]
    fetched = (await online.article(listing.url)).value
    await online.aclose()
    assert fetched.blocks

    offline = client(offline=True)
    cached = await offline.article(listing.url)
    await offline.aclose()
    assert cached.source in ("cache", "stale-cache")
    assert cached.value.blocks == fetched.blocks and cached.value.links == fetched.links
