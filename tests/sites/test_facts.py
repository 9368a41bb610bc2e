"""Facts, contacts and hidden numbers: each markup shape portals use, and the near-misses."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

import pytest
from selectolax.lexbor import LexborHTMLParser

from tui_reader.models import Article
from tui_reader.models.fields import extract_fields
from tui_reader.render.fields import fact_rows, fields_table
from tui_reader.sites.facts import MAX_FACTS, normalise_label, page_facts, split_pairs
from tui_reader.sites.numbers import is_obfuscated, price_of
from tui_reader.sites.parse import parse_any_article, parse_article_generic
from tui_reader.sites.profile import load_profile

URL = "http://portal.example/fang/1.html"


def facts_of(main: str, *, around: str = "") -> dict[str, str]:
    html = f"<html><body>{around}<div class='detail'><h1>标题</h1>{main}</div></body></html>"
    return dict(page_facts(LexborHTMLParser(html)).facts)


def listing(
    facts_block: str, prose: str = "<p>房子在公园旁边，三楼朝南，家具家电齐全，拎包入住，看房请提前打电话预约。</p>"
) -> str:
    """A portal page: header, nav, the listing (title, facts, prose), a 推荐 box, a footer."""
    return (
        "<html><head><title>两室一厅出租_连云港分类信息网</title></head><body>"
        "<div class='header'>客服热线：400-800-1234 <a href='/post'>免费发布信息</a></div>"
        "<div class='nav'><a href='/'>首页</a> <a href='/fang/'>房产</a></div>"
        f"<div class='main'><h1>两室一厅出租</h1>{facts_block}<div class='content'>{prose}"
        "<p>小区门口就是公交站，步行十分钟到广场，买菜吃饭都很方便，周边有两所小学。</p></div></div>"
        "<div class='recommend'><ul><li><a href='/fang/2.html'>租金：900元/月 单间</a></li></ul></div>"
        "<div class='footer'>举报电话：021-61300238 苏ICP备12345678号</div></body></html>"
    )


# --- the shapes ------------------------------------------------------------------------


def test_table_with_th_and_td() -> None:
    assert facts_of("<table><tr><th>户型</th><td>2室1厅</td><th>楼层</th><td>5/6层</td></tr></table>") == {
        "户型": "2室1厅",
        "楼层": "5/6层",
    }


def test_table_with_label_cells() -> None:
    table = "<table><tr><td>租金：</td><td>2500元/月</td></tr><tr><td>朝向</td><td>南北</td></tr></table>"
    assert facts_of(table) == {"租金": "2500元/月", "朝向": "南北"}


def test_a_data_table_with_column_headings_is_records_not_facts() -> None:
    table = "<table><tr><th>品名</th><th>价格</th></tr><tr><td>苹果</td><td>5元</td></tr></table>"
    assert facts_of(table) == {}


def test_definition_list() -> None:
    dl = "<dl><dt>服务区域</dt><dd>海州</dd><dd>连云</dd><dt>营业时间：</dt><dd>9:00-18:00</dd></dl>"
    assert facts_of(dl) == {"服务区域": "海州 连云", "营业时间": "9:00-18:00"}


def test_label_span_and_text_value() -> None:
    assert facts_of("<ul><li><span>联系人：</span>王先生</li><li><em>价格:</em><b>1200</b>元/月</li></ul>") == {
        "价格": "1200元/月",
        "联系人": "王先生",
    }


def test_label_element_and_a_block_of_links() -> None:
    row = "<div><label>服务范围：</label><div class='content'><a href='/a'>姑苏</a><a href='/b'>吴中</a></div></div>"
    assert facts_of(row) == {"服务范围": "姑苏 吴中"}


def test_bare_label_and_value_element() -> None:
    assert facts_of("<ul><li>卧室<i> 1室 0厅 - 主卧 </i></li><li>租金<i>3200元/月</i></li></ul>") == {
        "卧室": "1室 0厅 - 主卧",
        "租金": "3200元/月",
    }


def test_text_lines_with_one_or_more_pairs() -> None:
    facts = facts_of("<p>租金：2500元/月</p><li><span>小区: 北洼西里</span> <span>楼层: 低层/共18层</span></li>")
    assert facts == {"租金": "2500元/月", "小区": "北洼西里", "楼层": "低层/共18层"}


def test_class_marked_label_without_colon() -> None:
    row = "<div class='item'><div class='houseInfo-label'>户型</div><div class='houseInfo-content'>2室1厅</div></div>"
    assert facts_of(row) == {"户型": "2室1厅"}


@pytest.mark.parametrize(
    ("raw", "label"),
    [("地　　址：", "地址"), ("联 系 人", "联系人"), ("装\u00a0修:", "装修"), ("【租金】", "租金"), ("QQ号：", "QQ号")],
)
def test_labels_are_normalised(raw: str, label: str) -> None:
    assert normalise_label(raw) == label


@pytest.mark.parametrize("raw", ["房屋配置及描述说明信息一览表", "2号线", "上一篇", "好房，急租", "Q"])
def test_what_is_no_label(raw: str) -> None:
    assert normalise_label(raw) is None


def test_padded_labels_in_text() -> None:
    assert list(split_pairs("地　　址：海州区朝阳路 联 系 人：苏女士 装 修: 精装修")) == [
        ("地址", "海州区朝阳路"),
        ("联系人", "苏女士"),
        ("装修", "精装修"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "岗位职责：负责货物的出入库登记，配合司机装卸货。",  # prose after a lead-in
        "江阴回收购物卡【联系方式:158-5141-888 9】",  # the line does not start with a label
        "VIP: 60,000₩ R : 50,000₩",  # a stray colon: not clean pairs
    ],
)
def test_lines_that_are_not_pairs(line: str) -> None:
    assert split_pairs(line) is None


def test_times_and_addresses_stay_inside_values() -> None:
    assert list(split_pairs("发布时间：2023-11-28 08:05 网址：http://a.example/b")) == [
        ("发布时间", "2023-11-28 08:05"),
        ("网址", "http://a.example/b"),
    ]


# --- where facts are not ----------------------------------------------------------------


def test_furniture_links_hidden_parts_forms_and_headings_give_no_facts() -> None:
    around = (
        "<header><span>客服：</span>400-800-1234</header>"
        "<div class='breadcrumb'>当前位置：<a href='/'>首页</a></div>"
        "<div class='footer'><p>地址：上海市某路1号</p></div>"
        "<div class='sidebar'><p>注册时间：2018年1月10日</p></div>"
    )
    main = (
        "<ul class='house-service'><li><a href='/banjia'><dl><dt>搬家服务</dt><dd>专业人员来帮忙</dd></dl></a></li></ul>"
        "<div class='vip-box'><ul><li><a href='/9.html'>推广：豪宅</a></li></ul></div>"
        "<div style='display:none'><p>租金：1元/月</p></div><div class='text-hide'><p>面积：1㎡</p></div>"
        "<form><p><label>描述：</label><span><textarea></textarea><span>请填写描述</span></span></p></form>"
        "<h2>特价：今日推荐</h2>"
        "<div class='prevnext'>上一篇：<span>没有了</span></div>"
    )
    assert facts_of(main, around=around) == {}


def test_view_counters_are_not_facts_but_dates_are() -> None:
    assert facts_of("<ul><li>发布时间: 2017-04-25</li><li>浏览: <span>0</span>人</li></ul>") == {
        "发布时间": "2017-04-25"
    }


def test_order_is_listing_then_time_then_contact_and_labels_are_unique() -> None:
    main = (
        "<p>发布时间：2024-02-10</p><p>租金：2500元/月</p><p>户型：2室1厅</p><p>租金：9999元/月</p>"
        "<p>联系人：王先生</p><p>地址：海州区朝阳路</p>"
        "<div class='card'><span class='name'>王先生</span><span>个人</span><span>13812345678</span></div>"
    )
    html = f"<html><body>{main}</body></html>"
    assert page_facts(LexborHTMLParser(html)).facts == (
        ("租金", "2500元/月"),
        ("户型", "2室1厅"),
        ("发布时间", "2024-02-10"),
        ("联系人", "王先生"),
        ("地址", "海州区朝阳路"),
        ("身份", "个人"),
    )


def test_pairs_side_by_side_with_a_button() -> None:
    line = (
        "<p><span>发布时间：3小时前</span><span>浏览：88次</span><span>信息编号：879009</span>"
        "<a href='/jubao'>举报</a></p><p><span>租金：2500</span>元/月</p>"
    )
    assert facts_of(line) == {"信息编号": "879009", "发布时间": "3小时前", "租金": "2500元/月"}


def test_a_label_repeated_for_many_items_labels_a_list_not_the_listing() -> None:
    items = "".join(f"<li><span>价格：</span>{n}00元</li>" for n in range(1, 5))
    assert facts_of(f"<ul>{items}</ul><p>户型：2室1厅</p>") == {"户型": "2室1厅"}


def test_the_number_of_facts_is_capped() -> None:
    rows = "".join(f"<li>项目{chr(0x4E00 + n)}：值{n}</li>" for n in range(3 * MAX_FACTS))
    assert len(page_facts(LexborHTMLParser(f"<ul>{rows}</ul>")).facts) == MAX_FACTS


# --- facts leave the body ------------------------------------------------------------------


FACTS_BLOCK = "<ul class='info'><li><span>租金：</span>2500元/月</li><li><span>户型：</span>2室1厅</li></ul>"


def test_generic_read_moves_the_facts_out_of_the_body() -> None:
    prose = "<p>租金：2500元/月</p><p>户型：2室1厅</p><p>房子在公园旁边，三楼朝南，家具家电齐全，拎包入住，看房请提前打电话预约。</p>"
    article = parse_article_generic(listing(FACTS_BLOCK, prose), URL)
    assert article.facts == (("租金", "2500元/月"), ("户型", "2室1厅"))
    assert not any("2500元/月" in p or "2室1厅" in p for p in article.body)
    assert any("公园旁边" in p for p in article.body)
    assert all("2500" not in "".join(t for t, _ in getattr(b, "text", ())) for b in article.blocks)
    # …and still feed the fields.
    assert article.fields["prices"] == ["2500元/月"]


def test_profile_read_has_facts_and_a_body_without_them() -> None:
    page = (
        "<html><body><div class='article'><h1>整租两室</h1><div class='content'>"
        "<p>租金：2500元/月</p><p>三楼朝南，家具家电齐全，拎包入住。</p></div></div></body></html>"
    )
    article = parse_any_article(page, URL, load_profile("demo"))
    assert article.facts == (("租金", "2500元/月"),)
    assert article.body == ("三楼朝南，家具家电齐全，拎包入住。",)


def test_a_body_of_nothing_but_facts_is_kept_whole() -> None:
    page = "<html><body><div class='article'><h1>t</h1><div class='content'><p>租金：2500元/月</p></div></div></body></html>"
    assert parse_any_article(page, URL, load_profile("demo")).body == ("租金：2500元/月",)


# --- phones ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("座机 0518-8523 4567", "0518-85234567"),
        ("电话(0518)85234567", "0518-85234567"),
        ("0518 85234567", "0518-85234567"),
        ("（0518）8523-4567", "0518-85234567"),
        ("联系 010-6234 5678", "010-62345678"),
    ],
)
def test_landlines_in_every_form(text: str, phone: str) -> None:
    assert extract_fields(text)["phones"] == [phone]


@pytest.mark.parametrize(
    "text",
    [
        "原帖 http://bj.58.com/zufang/13812345678x.shtml",
        "见 www.example.com/p/13912345678",
        "苏ICP备13812345678号",
        "举报热线:021-61300238",
        "编号：13812345678",
        "订单号 13812345678",
        "ID13812345678",
    ],
)
def test_numbers_that_are_not_the_advertisers(text: str) -> None:
    assert "phones" not in extract_fields(text)


def test_phones_from_the_page_not_from_its_furniture() -> None:
    card = (
        "<div class='user'><ul><li><span class='profile-name'>吴尚超 </span><span class='tag'>经纪人</span></li>"
        "<li><a href='tel:13121623080'>拨打</a></li></ul></div>"
        "<div class='modal hide'><p>查看完整电话</p><p><strong>15851418889</strong></p></div>"
        "<p><span>客服电话：</span>021-61300238</p>"
    )
    article = parse_article_generic(listing(card), URL)
    assert article.fields["phones"] == ["13121623080", "15851418889"]
    assert ("联系人", "吴尚超") in article.facts and ("身份", "经纪人") in article.facts
    assert [label for label, _ in article.facts][-2:] == ["联系人", "身份"]


def test_a_masked_number_is_the_whole_one_the_popup_shows() -> None:
    block = (
        "<ul><li><label>联系：</label><a href='javascript:;'>1585141****</a><a href='#'>查看完整号码</a>"
        "<p>联系时请说明在本站看到的，谢谢！</p></li></ul>"
        "<div class='modal hide'><p><strong>15851418889</strong></p></div>"
    )
    article = parse_article_generic(listing(block), URL)
    assert dict(article.facts)["联系"] == "15851418889"
    assert "15851418889" in article.fields["phones"]


def test_a_masked_number_alone_stays_masked_and_is_no_phone() -> None:
    article = parse_article_generic(listing("<p><label>电话：</label><span>1585141****</span></p>"), URL)
    assert dict(article.facts)["电话"] == "1585141****"
    assert "phones" not in article.fields


# --- hidden numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["\ue0b5\ue0b6元/月", "驋鑶龒元/月", "3鑶00元", "驋室龒厅", "价格：龤.閏万"])
def test_obfuscated_digits(text: str) -> None:
    assert is_obfuscated(text)
    assert price_of(text) is None


@pytest.mark.parametrize("text", ["3200元/月", "三千元", "新臺幣1,000元", "共18层", "几百元", "面议", "两室一厅"])
def test_real_text_is_not_obfuscated(text: str) -> None:
    assert not is_obfuscated(text)


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("2500元/月", (2500.0, "元/月")),
        ("5万", (50000.0, "元")),
        ("3200 元/月", (3200.0, "元/月")),
        ("120万元", (1200000.0, "元")),
        ("8000元/㎡", (8000.0, "元/㎡")),
        ("单价8000元/平米", (8000.0, "元/㎡")),
        ("月租1200元", (1200.0, "元/月")),
        ("¥1,299", (1299.0, "元")),
        ("２．５万", (25000.0, "元")),
        ("3元/㎡·天", (3.0, "元/㎡·天")),
        ("面议", None),
        ("90㎡", None),
        ("4000-6000元", None),
    ],
)
def test_price_of(text: str, price: tuple[float, str] | None) -> None:
    assert price_of(text) == price


def test_a_phone_drawn_as_an_image_after_a_text_label() -> None:
    block = "<div class='info'><p>联 系 人：王先生</p><p>电　　话：<img src='/tel.php?id=8f'></p></div>"
    assert dict(parse_article_generic(listing(block), URL).facts) == {
        "联系人": "王先生",
        "电话": "phone shown as an image on the site",
    }


def test_hidden_prices_and_phones_say_so() -> None:
    block = (
        "<ul><li><span>售价：</span><img src='/price/8d7f.gif'></li>"
        "<li><span>租金：</span><b>\ue0b5\ue0b6\ue0b7\ue0b8</b>元/月</li>"
        "<li><span>电话：</span><img src='/tel/1.png'></li>"
        "<li><span>认证：</span><img src='/icon/ok.png'></li></ul>"
    )
    article = parse_article_generic(listing(block), URL)
    facts = dict(article.facts)
    assert facts["售价"] == "price shown as an image on the site"
    assert facts["租金"] == "price shown in a web font on the site"
    assert facts["电话"] == "phone shown as an image on the site"
    assert "认证" not in facts  # an icon beside a word hides nothing
    assert "prices" not in article.fields and "phones" not in article.fields


# --- shown ---------------------------------------------------------------------------------------


def test_facts_are_shown_above_the_fields_without_repeating_them() -> None:
    article = Article(url=URL, title="t", facts=(("户型", "2室1厅"), ("租金", "3200元/月"), ("朝向", "南")))
    assert fact_rows(article) == [("户型", "2室1厅"), ("朝向", "南")]  # 租金 is the Price row
    table = fields_table(article)
    assert table is not None and table.row_count == 3


def test_read_json_prints_the_facts_in_page_order() -> None:
    from tui_reader.cli.output import _print_article

    article = Article(url=URL, title="t", facts=(("租金", "3200元/月"), ("户型", "2室1厅"), ("朝向", "南")))
    out = io.StringIO()
    with redirect_stdout(out):
        _print_article(article, "file", True)
    data = json.loads(out.getvalue())
    assert list(data["facts"].items()) == [("租金", "3200元/月"), ("户型", "2室1厅"), ("朝向", "南")]


def test_read_text_prints_the_facts_above_the_text() -> None:
    from tui_reader.cli.output import _print_article

    article = Article(url=URL, title="t", body=("正文第一段。",), facts=(("户型", "2室1厅"),))
    out = io.StringIO()
    with redirect_stdout(out):
        _print_article(article, "file", False)
    text = out.getvalue()
    assert "户型" in text and "2室1厅" in text and text.index("2室1厅") < text.index("正文第一段")
