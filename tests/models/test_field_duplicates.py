"""One value, spelled twice, is one field: ``52平`` in the title and ``52平方米`` in the
text is one area; ``135万`` and ``135万元`` one price. The fuller spelling is kept,
where the value was first mentioned; values that differ stay apart."""

from __future__ import annotations

import pytest

from tui_reader.models.fields import extract_fields, field_meaning


def field(text: str, key: str) -> list[str]:
    return extract_fields(text).get(key, [])


@pytest.mark.parametrize(
    ("text", "areas"),
    [
        ("商铺出租 52平 适合餐饮。面积52平方米，临街。", ["52平方米"]),
        ("四室两厅 158平 学区房\n面积：158㎡", ["158㎡"]),
        ("约52 平米，实测52m²，合同写52m2", ["52平米"]),
        ("套内 52平，建筑 60平方米，另有 52.0㎡ 的车库", ["52.0㎡", "60平方米"]),
        ("52平方 或 52平方米", ["52平方米"]),
    ],
)
def test_one_area_in_several_spellings_is_listed_once(text: str, areas: list[str]) -> None:
    assert field(text, "areas") == areas


@pytest.mark.parametrize(
    ("text", "prices"),
    [
        ("学区房 135万\n价格：135万元", ["135万元"]),
        ("月租3000元/月，即3000元每月", ["3000元/月"]),
        ("租金3000元每月", ["3000元每月"]),
        ("￥3000 或 3000元", ["￥3000"]),
        ("总价30万，即300000元", ["300000元"]),
        ("月薪4000-6000元，4000~6000元", ["4000-6000元"]),
        ("押金3000元，月租3000元/月", ["3000元", "3000元/月"]),
        ("日租150元/天，150元/日，150元/小时", ["150元/天", "150元/小时"]),
        ("面议，面议", ["面议"]),
    ],
)
def test_one_price_in_several_spellings_is_listed_once(text: str, prices: list[str]) -> None:
    assert field(text, "prices") == prices


def test_one_phone_in_several_spellings_is_listed_once() -> None:
    text = "电话 138 1234 5678，手机13812345678，或+86-138-1234-5678；座机(0518)85551234、0518-8555 1234"
    assert field(text, "phones") == ["13812345678", "0518-85551234"]


@pytest.mark.parametrize(
    ("kind", "one", "other"),
    [
        ("areas", "52平", "52平方米"),
        ("areas", "52㎡", "52.00m²"),
        ("prices", "135万", "1350000元"),
        ("prices", "3000元/月", "3000元每月"),
        ("prices", "1-2万元", "10000~20000元"),
        ("phones", "136 8145 3575", "13681453575"),
    ],
)
def test_spellings_of_one_value_mean_the_same(kind: str, one: str, other: str) -> None:
    assert field_meaning(kind, one) == field_meaning(kind, other)


@pytest.mark.parametrize(
    ("kind", "one", "other"),
    [
        ("areas", "52平", "53平"),
        ("prices", "3000元", "3000元/月"),
        ("prices", "135万", "135元"),
        ("phones", "13681453575", "13681453576"),
    ],
)
def test_different_values_mean_different_things(kind: str, one: str, other: str) -> None:
    assert field_meaning(kind, one) != field_meaning(kind, other)
