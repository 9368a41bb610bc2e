"""extract_fields: every pattern, and the near-misses that must stay unmatched."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.models.fields import extract_fields, normalize_text


def field(text: str, key: str) -> list[str]:
    return extract_fields(text).get(key, [])


@pytest.mark.parametrize(
    ("text", "phones"),
    [
        ("电话13812345678", ["13812345678"]),
        ("电话：138 1234 5678", ["13812345678"]),
        ("手机 139-1234-5678 王", ["13912345678"]),
        ("+86 15912345678", ["15912345678"]),
        ("联系１３８１２３４５６７８", ["13812345678"]),  # full-width digits
        ("电话-13812345678", ["13812345678"]),
        ("座机0518-85551234", ["0518-85551234"]),
        ("座机 (025)84561234", ["025-84561234"]),
        ("010 62345678", ["010-62345678"]),
        ("客服热线400-800-1234", ["400-800-1234"]),
        ("13812345678 或 0518-85551234，再打13812345678", ["13812345678", "0518-85551234"]),
    ],
)
def test_phones(text: str, phones: list[str]) -> None:
    assert field(text, "phones") == phones


@pytest.mark.parametrize(
    "text",
    [
        "2024-02-10 12:21:21发布",  # date and time
        "2024/2/10",
        "20240210123456",
        "订单号2024021013812345678",  # a phone-shaped run inside a longer number
        "单号 138123456789",  # twelve digits: one too many
        "身份证320703199001011234",  # 18-digit ID number
        "身份证 32070319900101123X",
        "2024-13812345678",  # dash-joined to a preceding number
        "价格 12.13812345678",
        "12345678901",  # eleven digits but not 1[3-9]
        "0518 2024",  # too short for a landline
        "051885551234",  # unpunctuated 0-leading digits: could be anything
        "编号 0123-1234567",  # local numbers never start with 1
    ],
)
def test_not_phones(text: str) -> None:
    assert field(text, "phones") == []


def test_area_code_zero_zero_is_not_a_landline() -> None:
    assert field("编号 0012-3456789", "phones") == []


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("微信：wang_1234", ["wang_1234"]),
        ("微信号 abc-def99", ["abc-def99"]),
        ("加V信:Lianyungang88", ["Lianyungang88"]),
        ("vx: abcdef_1", ["abcdef_1"]),
        ("微信：13812345678", ["13812345678"]),
        ("微信同号", []),
        ("微信：ab1", []),  # too short for a WeChat ID
        ("微信：1abcdef", []),  # IDs start with a letter
    ],
)
def test_wechat(text: str, ids: list[str]) -> None:
    assert field(text, "wechat") == ids


@pytest.mark.parametrize(
    ("text", "qq"),
    [
        ("QQ：12345678", ["12345678"]),
        ("qq 987654321", ["987654321"]),
        ("QQ号码:10001", ["10001"]),
        ("扣扣 55667788", ["55667788"]),
        ("QQ：0123456", []),  # QQ numbers do not start with 0
        ("QQ：1234", []),  # too short
        ("QQ群很多", []),
    ],
)
def test_qq(text: str, qq: list[str]) -> None:
    assert field(text, "qq") == qq


@pytest.mark.parametrize(
    ("text", "prices"),
    [
        ("月租1200元/月", ["1200元/月"]),
        ("售价3.5万", ["3.5万"]),
        ("3.5 万元", ["3.5万元"]),
        ("价格面议", ["面议"]),
        ("月薪4000-6000元", ["4000-6000元"]),
        ("工资 4000 ~ 6000 元/月", ["4000~6000元/月"]),
        ("￥300", ["￥300"]),
        ("单价8000元/平米", ["8000元/平米"]),
        ("150元/小时，面议", ["150元/小时", "面议"]),
    ],
)
def test_prices(text: str, prices: list[str]) -> None:
    assert field(text, "prices") == prices


@pytest.mark.parametrize(
    "text",
    [
        "行驶8万公里",  # mileage, not money
        "5万人口",
        "2024年2月10日",
        "电话13812345678",
        "共3套",
    ],
)
def test_not_prices(text: str) -> None:
    assert field(text, "prices") == []


@pytest.mark.parametrize(
    ("text", "areas"),
    [
        ("面积90平米", ["90平米"]),
        ("120.5平方米", ["120.5平方米"]),
        ("86㎡", ["86㎡"]),
        ("120平三室两厅", ["120平"]),
        ("建筑面积 95 平方", ["95平方"]),
        ("100m²", ["100m²"]),
    ],
)
def test_areas(text: str, areas: list[str]) -> None:
    assert field(text, "areas") == areas


@pytest.mark.parametrize("text", ["8000元/平米", "3平台", "平均30", "5平方公里"])
def test_not_areas(text: str) -> None:
    assert field(text, "areas") == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("地址：南京市鼓楼区解放路292号", ["南京市鼓楼区解放路292号"]),
        ("详细地址: 连云港市海州区朝阳东路88号，近地铁", ["连云港市海州区朝阳东路88号"]),
        ("联系地址：苏州市姑苏区十全街１２号", ["苏州市姑苏区十全街12号"]),  # full-width digits
        ("位置：新街口地铁站旁", ["新街口地铁站旁"]),
    ],
)
def test_address(text: str, address: list[str]) -> None:
    assert field(text, "address") == address


@pytest.mark.parametrize(
    "text",
    [
        "请在浏览器地址栏输入网址",  # 地址 without a colon after it
        "地址在鼓楼区，具体面谈",  # a sentence about the address, not the address
        "IP地址：192.168.1.1",
        "网址：www.example.com",
        "位置：市中心",  # too short to be an address
    ],
)
def test_not_address(text: str) -> None:
    assert field(text, "address") == []


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("联系人：王先生", ["王先生"]),
        ("联 系 人：苏女士", ["苏女士"]),
        ("姓名：李明，电话13812345678", ["李明"]),
        ("联系人: Tom Lee", ["Tom Lee"]),
        ("张女士 13812345678，非诚勿扰", ["张女士"]),  # an honorific right before the phone
        ("有意者联系陈经理：139 1234 5678", ["陈经理"]),
    ],
)
def test_contact(text: str, contact: list[str]) -> None:
    assert field(text, "contact") == contact


@pytest.mark.parametrize(
    "text",
    [
        "小区的王先生说环境很好",  # a name in prose, no phone after it
        "联系人：13812345678",  # a number is not a name
        "先生 13812345678",  # an honorific without a surname
    ],
)
def test_not_contact(text: str) -> None:
    assert field(text, "contact") == []


def test_whole_listing_only_non_empty_keys() -> None:
    text = "海州区两室一厅出租，90平米，月租1200元/月。联系人王先生 138 1234 5678，微信同号。"
    assert extract_fields(text) == {
        "phones": ["13812345678"],
        "prices": ["1200元/月"],
        "areas": ["90平米"],
        "contact": ["王先生"],
    }
    assert extract_fields("没有任何联系方式") == {}


def test_normalize_text_maps_full_width() -> None:
    assert normalize_text("ＱＱ：１２３４５　Ａ") == "QQ:12345 A"


@given(st.text(max_size=300))
def test_extract_fields_never_raises_nor_returns_empty_keys(text: str) -> None:
    fields = extract_fields(text)
    assert all(values for values in fields.values())
    assert set(fields) <= {"phones", "wechat", "qq", "prices", "areas"}
