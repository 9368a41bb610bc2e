"""Listings that sell or let something: 房产, 二手, 车辆, 商务.

Each kind is a pair: ``head`` draws the facts a listing row needs (title,
price, district) and ``body`` writes the paragraphs from those facts, so the
numbers in an article always agree with its title. Listing pages only call
``head``; that keeps a page of twenty rows cheap.
"""

from __future__ import annotations

from typing import Any

from tui_reader.demo.site import words as w
from tui_reader.demo.site.cities import CityDef
from tui_reader.demo.site.rng import Rng

Facts = dict[str, Any]


def _round(value: float, step: int) -> int:
    return max(step, int(round(value / step)) * step)


# --- 房产 -----------------------------------------------------------------------


def house_head(r: Rng, city: CityDef) -> Facts:
    district = r.pick(city.districts)
    estate = r.pick(w.ESTATES)
    layout, low, high = r.pick(w.LAYOUTS)
    area = r.randint(low, high)
    top = r.pick((6, 7, 11, 18, 26, 32))
    floor = f"{r.randint(1, top)}/{top}层"
    decor = r.pick(w.DECOR)
    mode = r.pick(("rent", "rent", "rent", "share", "sale", "shop"))
    lo, hi = w.RENT_PER_SQM[city.tier]
    facts: Facts = {
        "district": district,
        "estate": estate,
        "layout": layout,
        "area": area,
        "floor": floor,
        "decor": decor,
        "mode": mode,
        "facing": r.pick(w.FACING),
    }
    if mode == "sale":
        lo, hi = w.SALE_PER_SQM[city.tier]
        total = _round(area * r.randint(lo, hi) / 10000, 1)
        facts["price"] = f"{total}万元"
        facts["title"] = r.pick(
            (
                f"急售！{estate} {area}㎡ {layout} {decor} 满五唯一 {total}万",
                f"{district}{estate}{layout}出售，{floor}，{facts['facing']}，总价{total}万",
                f"房东直售 {estate} {layout} {area}平 学区房 {total}万",
            )
        )
    elif mode == "share":
        rent = _round(r.randint(lo, hi) * r.randint(12, 20), 50)
        facts.update(price=f"{rent}元/月", layout="合租次卧", area=r.randint(10, 22))
        facts["title"] = r.pick(
            (
                f"合租 {estate} 主卧带独卫 {rent}元/月 限女生",
                f"{district}{estate}单间出租，家电齐全，{rent}元/月",
                f"个人转租 {estate} 次卧 {rent}一个月 随时入住",
            )
        )
    elif mode == "shop":
        rent = _round(area * r.randint(lo, hi) * 1.6, 100)
        facts["price"] = f"{rent}元/月"
        facts["title"] = r.pick(
            (
                f"{district}{r.pick(w.STREETS)}临街商铺出租 {area}平 适合餐饮",
                f"{estate}门口旺铺转让 {area}㎡ 月租{rent}元 客流量大",
            )
        )
    else:
        rent = _round(area * r.randint(lo, hi), 50)
        facts["price"] = f"{rent}元/月"
        facts["title"] = r.pick(
            (
                f"{district}{estate} {layout} {area}平 {decor} 拎包入住",
                f"个人出租 {estate} {layout} 家电齐全 {rent}元/月",
                f"{estate} {floor} {layout} {facts['facing']} 看房方便",
                f"整租·{estate} {layout} {area}㎡ {rent}元/月 近{r.pick(w.STREETS)}",
            )
        )
    return facts


def house_body(r: Rng, city: CityDef, f: Facts) -> list[str]:
    where = f"{city.name}{f['district']}{f['estate']}"
    if f["mode"] == "sale":
        first = (
            f"房子位于{where}，建筑面积{f['area']}㎡，{f['layout']}，{f['floor']}，{f['decor']}，"
            f"{f['facing']}。产权清晰，满五年唯一住房，税费低。"
        )
        terms = f"总价{f['price']}，可以按揭，首付三成左右。{r.pick(('房东诚心卖，价格可谈。', '中介勿扰，谢谢。'))}"
    elif f["mode"] == "shop":
        first = (
            f"商铺位于{city.name}{f['district']}主干道旁，面积{f['area']}平方米，层高约五米，"
            f"上下水、三相电都有，可以做餐饮、便利店、药店。"
        )
        terms = f"租金{f['price']}，{r.pick(w.RENT_TERMS)}，可签三到五年合同。"
    else:
        first = (
            f"出租{where}，{f['layout']}，使用面积{f['area']}㎡，{f['floor']}，{f['decor']}，"
            f"{f['facing']}。{r.pick(w.APPLIANCES)}。"
        )
        terms = (
            f"租金{f['price']}，{r.pick(w.RENT_TERMS)}，水电燃气按表自理，物业费{r.pick(('房东承担', '租客承担'))}。"
        )
    paragraphs = [first, "周边配套：" + "，".join(r.sample(w.NEARBY, r.randint(2, 4))) + "。", terms]
    if r.chance(0.6):
        paragraphs.append(
            r.pick(
                (
                    "看房请提前电话联系，白天晚上都可以。",
                    "钥匙在手，随时看房。",
                    "只限一家人居住，不养宠物的优先。",
                    "有意者请直接打电话，短信不回。",
                )
            )
        )
    return paragraphs


# --- 二手 -----------------------------------------------------------------------


def goods_head(r: Rng, city: CityDef) -> Facts:
    item, low, high = r.pick(w.GOODS)
    price = _round(r.randint(low, high), 10)
    condition = r.pick(w.CONDITION)
    reason = r.pick(w.REASONS)
    district = r.pick(city.districts)
    title = r.pick(
        (
            f"{condition.split('，')[0]}{item} {price}元转让",
            f"{reason}，出{item}，{price}元",
            f"自用{item}出售 价格可议",
            f"{district}个人闲置{item} {price}元",
        )
    )
    return {
        "district": district,
        "item": item,
        "price": f"{price}元",
        "value": price,
        "condition": condition,
        "reason": reason,
        "title": title,
    }


def goods_body(r: Rng, city: CityDef, f: Facts) -> list[str]:
    bought = r.randint(w.THIS_YEAR - 7, w.THIS_YEAR - 1)
    paragraphs = [
        f"因为{f['reason']}，现转让{f['item']}一件，{f['condition']}，{bought}年买的，功能一切正常。",
        f"当时原价{_round(f['value'] * r.randint(18, 30) / 10, 10)}元，现在{f['price']}出，{r.pick(w.DEALS)}。",
    ]
    if r.chance(0.5):
        paragraphs.append(r.pick(("发票、包装盒都在。", "有照片可以先发微信看。", "非诚勿扰，先到先得。")))
    paragraphs.append(f"看货地点：{city.name}{f['district']}，下班后或周末都可以。")
    return paragraphs


# --- 车辆 -----------------------------------------------------------------------


def car_head(r: Rng, city: CityDef) -> Facts:
    model, low, high = r.pick(w.CARS)
    year = r.randint(w.THIS_YEAR - 13, w.THIS_YEAR - 3)
    age = w.THIS_YEAR - year
    price = round(max(1.0, r.randint(low * 10, high * 10) / 10 * (1 - age * 0.04)), 1)
    mileage = f"{min(25.0, age * r.randint(8, 20) / 10):g}"
    title = r.pick(
        (
            f"{year}年{model} {mileage}万公里 {price}万 个人一手车",
            f"转让{model}，车况好无事故，{price}万",
            f"{model} {year}年上牌 自动挡 {price}万 可分期",
        )
    )
    return {
        "district": r.pick(city.districts),
        "model": model,
        "year": year,
        "mileage": mileage,
        "price": f"{price}万元",
        "title": title,
    }


def car_body(r: Rng, city: CityDef, f: Facts) -> list[str]:
    return [
        f"自家{f['year']}年的{f['model']}，表显{f['mileage']}万公里，{r.pick(w.CAR_STATE)}。",
        f"年检到{r.randint(w.THIS_YEAR, w.THIS_YEAR + 2)}年，保险{r.pick(('刚续完', '还有半年到期', '到年底'))}，随时可以过户，{city.name}本地牌照。",
        f"价格{f['price']}，{r.pick(('诚心要的可以小刀', '不议价', '支持第三方检测'))}。",
        f"看车地址：{city.name}{f['district']}，提前打电话约时间。",
    ][: r.randint(3, 4)]


# --- 商务 -----------------------------------------------------------------------


def business_head(r: Rng, city: CityDef) -> Facts:
    name, scope, price = r.pick(w.BUSINESS)
    firm = f"{city.name}{r.pick(w.SHOP_WORDS)}企业服务"
    district = r.pick(city.districts)
    title = r.pick(
        (
            f"{city.name}{name} {scope.split('、')[0]} {price}",
            f"专业{name}，{firm}，{r.randint(5, 15)}年经验",
            f"{district}{name} 快速办理 {price}",
        )
    )
    return {"district": district, "service": name, "scope": scope, "firm": firm, "price": price, "title": title}


def business_body(r: Rng, city: CityDef, f: Facts) -> list[str]:
    return [
        f"{f['firm']}是{city.name}本地的正规服务机构，主要业务：{f['scope']}。",
        f"收费标准：{f['price']}，具体看业务情况，先咨询再办理，{r.pick(w.PROMISES)}。",
        f"服务范围覆盖{'、'.join(city.districts[:4])}等地，可以上门服务。",
    ][: r.randint(2, 3)]
