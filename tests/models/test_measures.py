"""Typed numbers of a listing (models.measures): every unit and shape, the conservative
cases that must give nothing, properties over random text, and a sample of the demo
portal's articles read through the real parse path against what the generator knows."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.models.measures import measures_of
from tui_reader.models.money import money_in

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))


def m(title: str = "", facts: list[tuple[str, str]] | None = None, body: str = "", **kw: object):
    return measures_of(title, facts or [], body, now_year=2025, **kw)  # type: ignore[arg-type]  # test helper


@pytest.mark.parametrize(
    ("text", "value", "high", "unit"),
    [
        ("2500元/月", 2500, 2500, "元/月"),
        ("2000-3000元/月", 2000, 3000, "元/月"),
        ("120万元", 1_200_000, 1_200_000, "元"),
        ("售价 5万", 50_000, 50_000, "元"),
        ("8000元/㎡", 8000, 8000, "元/㎡"),
        ("单价 12000元/平米", 12000, 12000, "元/㎡"),
        ("１２００元／月", 1200, 1200, "元/月"),
        ("¥3,500", 3500, 3500, "元"),
        ("35元/小时", 35, 35, "元/小时"),
        ("2500/月", 2500, 2500, "元/月"),
    ],
)
def test_price_units_and_shapes(text: str, value: float, high: float, unit: str) -> None:
    got = m(facts=[("价格", text)])
    assert (got.price_value, got.price_high, got.price_unit) == (value, high, unit)


@pytest.mark.parametrize("text", ["面议", "电议", "价格面议", "13812345678", "驋鑶龒元/月", "90㎡"])
def test_no_price_where_none_is_shown(text: str) -> None:
    assert m(facts=[("租金", text)]).price_value is None


def test_a_phone_in_the_body_is_never_a_price() -> None:
    assert m("出租", body="联系电话13812345678，400-000-0000").price_value is None


@pytest.mark.parametrize(
    ("facts", "title", "low", "high"),
    [
        ([("月薪", "4000-6000元/月")], "招聘普工", 4000, 6000),
        ([], "软件工程师 8K-12K", 8000, 12000),
        ([], "急招 销售 8-12K 双休", 8000, 12000),
        ([("价格", "6500-9000元")], "高薪诚聘焊工 月薪6500-9000", 6500, 9000),
    ],
)
def test_salary_is_not_a_price(facts: list[tuple[str, str]], title: str, low: float, high: float) -> None:
    got = m(title, facts)
    assert (got.salary_low, got.salary_high, got.price_value) == (low, high, None)


def test_negotiable_salary_is_none() -> None:
    got = m("招聘厨师", [("薪资", "面议")])
    assert (got.salary_low, got.price_value) == (None, None)


@pytest.mark.parametrize(
    ("facts", "title", "area"),
    [
        ([("面积", "89㎡")], "", 89),
        ([("建筑面积", "120.5平方米")], "", 120.5),
        ([], "整租 两室一厅 75平 拎包入住", 75),
        ([], "loft 45m² 近地铁", 45),
        ([("面积", "60")], "", 60),
    ],
)
def test_area(facts: list[tuple[str, str]], title: str, area: float) -> None:
    assert m(title, facts).area == area


@pytest.mark.parametrize(
    ("facts", "title", "rooms", "halls"),
    [
        ([("户型", "2室1厅1卫")], "", 2, 1),
        ([("户型", "两室一厅")], "", 2, 1),
        ([], "精装三房 南北通透", 3, None),
        ([("卧室", "1室 0厅 - 主卧")], "", 1, 0),
        ([], "个人房东直租 单间", None, None),
    ],
)
def test_rooms(facts: list[tuple[str, str]], title: str, rooms: int | None, halls: int | None) -> None:
    got = m(title, facts)
    assert (got.rooms, got.halls) == (rooms, halls)


@pytest.mark.parametrize(
    ("facts", "title", "floor", "floors"),
    [
        ([("楼层", "5/18层")], "", 5, 18),
        ([("楼层", "中层/共18层")], "", None, 18),
        ([("楼层", "地下1层")], "", -1, None),
        ([("楼层", "第5层/共6层")], "", 5, 6),
        ([], "近地铁3号线 精装", None, None),
        ([], "汇景园 12/32层 朝南", 12, 32),
    ],
)
def test_floor(facts: list[tuple[str, str]], title: str, floor: int | None, floors: int | None) -> None:
    got = m(title, facts)
    assert (got.floor, got.floors) == (floor, floors)


@pytest.mark.parametrize(
    ("facts", "title", "body", "year"),
    [
        ([("建筑年代", "2008年")], "", "", 2008),
        ([], "小区建于2008年", "", 2008),
        ([], "大众朗逸 2015年上牌 自动挡", "", 2015),
        ([], "", "房子2010年建，南北通透", 2010),
        ([], "2012年 本田雅阁", "", 2012),
        ([("上牌时间", "1890年")], "", "", None),
        ([("年代", "2031年")], "", "", None),
        ([], "年检到2026年", "", None),
    ],
)
def test_year(facts: list[tuple[str, str]], title: str, body: str, year: int | None) -> None:
    assert m(title, facts, body).year == year


@pytest.mark.parametrize(
    ("facts", "title", "mileage"),
    [
        ([], "6.5万公里 一手车", 6.5),
        ([("表显里程", "65000公里")], "", 6.5),
        ([("里程", "3.2万公里")], "", 3.2),
        ([], "距市区20公里", None),
    ],
)
def test_mileage(facts: list[tuple[str, str]], title: str, mileage: float | None) -> None:
    assert m(title, facts).mileage == mileage


@pytest.mark.parametrize(
    ("facts", "title", "city", "district"),
    [
        ([("区域", "海州-新浦")], "", None, "海州"),
        ([("区域", "连云港-海州区")], "", "连云港", "海州区"),
        ([("位置", "海淀 - 北洼路")], "", None, "海淀"),
        ([("地址", "无锡市江阴市花园路12号")], "", "无锡", "江阴市"),
        ([("地址", "连云港市海州区幸福路15号")], "", "连云港", "海州区"),
        ([], "海州区东风路临街商铺出租", None, "海州区"),
        ([], "万科小区 两室", None, None),
    ],
)
def test_district(facts: list[tuple[str, str]], title: str, city: str | None, district: str | None) -> None:
    assert m(title, facts, city=city).district == district


def test_facts_win_over_title_and_body() -> None:
    got = m("3000元/月 80平", [("租金", "2800元/月"), ("面积", "78㎡")], "租金3100元/月")
    assert (got.price_value, got.area, got.price_text) == (2800, 78, "2800元/月")


def test_an_obfuscated_title_gives_no_number() -> None:
    assert m("\ue001\ue002\ue003元/月 \ue004\ue005平").price_value is None


def test_ranges_from_money_in() -> None:
    money = money_in("8千-1.2万")
    assert money is not None and (money.low, money.high, money.ranged) == (8000, 12000, True)


_TEXT = st.text(
    alphabet=st.sampled_from(list("0123456789０１２.-/万千元月平米㎡室厅层共年公里区县市面议KkW ：海州新浦价格租金")),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(
    title=_TEXT,
    body=_TEXT,
    label=st.sampled_from(["价格", "租金", "面积", "户型", "楼层", "年代", "里程", "区域", "月薪"]),
    value=_TEXT,
)
def test_never_raises_and_values_are_sane(title: str, body: str, label: str, value: str) -> None:
    got = m(title, [(label, value)], body)
    if got.price_value is not None:
        assert got.price_high is not None and 0 <= got.price_value <= got.price_high and got.price_unit
    if got.salary_low is not None:
        assert got.salary_high is not None and 500 <= got.salary_low <= got.salary_high
    assert got.area is None or 1 <= got.area <= 100_000
    assert got.rooms is None or 1 <= got.rooms <= 20
    assert got.year is None or 1950 <= got.year <= 2026
    assert got.mileage is None or 0 <= got.mileage <= 100
    assert got.floor is None or got.floors is None or got.floor <= got.floors
    assert got.floor != 0


@pytest.mark.parametrize("style", ["a", "b", "c"])
def test_demo_sample_is_read_exactly(style: str) -> None:
    """The generator is the gold: a sample of every category's articles, rendered
    in the style's HTML and read through the real article parser and ``measures_of``."""
    from measure_exactness import compare_demo

    scores = compare_demo(style, per_category=3)
    misses = {field: score.misses[:3] for field, score in scores.items() if score.misses}
    assert not misses
    assert sum(score.checked for score in scores.values()) > 30
