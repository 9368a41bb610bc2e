"""Listings about people and daily life: 招聘, 兼职, 生活服务, 装修, 宠物, 教育, 交友.

Same shape as ``compose_trade``: ``*_head`` draws the row facts, ``*_body``
writes paragraphs that agree with them. A ``contact`` fact, when present,
replaces the usual 王先生/李女士 in the contact block.
"""

from __future__ import annotations

from tui_reader.demo.site import words as w
from tui_reader.demo.site.cities import CityDef
from tui_reader.demo.site.compose_trade import Facts
from tui_reader.demo.site.rng import Rng

_WAGE_FACTOR = {1: 1.35, 2: 1.1, 3: 1.0}


def _wage(value: float) -> int:
    return int(round(value / 500)) * 500


# --- 招聘 -----------------------------------------------------------------------


def job_head(r: Rng, city: CityDef) -> Facts:
    job, low, high = r.pick(w.JOBS)
    factor = _WAGE_FACTOR[city.tier]
    low, high = _wage(low * factor), _wage(high * factor)
    company = f"{city.name}{r.pick(w.SHOP_WORDS)}{r.pick(w.INDUSTRIES)}"
    headcount = r.randint(1, 30)
    district = r.pick(city.districts)
    title = r.pick(
        (
            f"{company[len(city.name) : len(city.name) + 2]}公司招聘{job}{headcount}名 {low}-{high}元",
            f"高薪诚聘{job} {r.pick(('包吃住', '五险一金', '双休'))} 月薪{low}-{high}",
            f"{district}急招{job}，月薪{low}-{high}元，{r.pick(('长期稳定', '可直接上岗', '男女不限'))}",
            f"{company}招聘{job}",
        )
    )
    return {
        "district": district,
        "job": job,
        "company": company,
        "headcount": headcount,
        "price": f"{low}-{high}元",
        "title": title,
        "contact": f"人事部{r.pick(w.SURNAMES)}{r.pick(('经理', '主管', '女士'))}",
    }


def job_body(r: Rng, city: CityDef, f: Facts) -> list[str]:
    paragraphs = [
        f"{f['company']}因业务发展需要，现招聘{f['job']}{f['headcount']}名，薪资{f['price']}，多劳多得。",
        "任职要求：" + "；".join(r.sample(w.REQUIREMENTS, r.randint(2, 3))) + "。",
        "福利待遇：" + "，".join(r.sample(w.BENEFITS, r.randint(2, 4))) + "。",
    ]
    if r.chance(0.7):
        paragraphs.append(f"上班时间：{r.pick(w.SHIFTS)}。")
    paragraphs.append(
        f"工作地点：{city.name}{f['district']}{r.pick(w.STREETS)}{r.randint(1, 300)}号，"
        f"{r.pick(('有意者带身份证直接来面试', '先电话联系再来面试', '可加微信发简历'))}。"
    )
    return paragraphs


def gig_head(r: Rng, city: CityDef) -> Facts:
    gig, low, high = r.pick(w.GIGS)
    pay = r.randint(low, high)
    unit = "元/小时" if high < 50 else "元/天"
    district = r.pick(city.districts)
    title = r.pick(
        (
            f"周末兼职 {gig} 日结 {pay}{unit}",
            f"{district}招{gig}，{pay}{unit}，学生可做",
            f"急招{gig}若干名，当天结算",
        )
    )
    return {"district": district, "gig": gig, "price": f"{pay}{unit}", "title": title}


def gig_body(r: Rng, city: CityDef, f: Facts) -> list[str]:
    return [
        f"现需{f['gig']}{r.randint(2, 20)}名，工资{f['price']}，{r.pick(('当天结算', '一周一结', '做完就结'))}。",
        f"地点在{city.name}{f['district']}，{r.pick(('周六周日全天', '每天晚上六点到十点', '时间可以商量'))}。",
        r.pick(("在校大学生、宝妈都可以做，不收任何费用。", "凡是要交押金、培训费的都是骗子，本单位不收一分钱。")),
    ]


# --- 生活服务 / 装修 --------------------------------------------------------------


def _service_head(r: Rng, city: CityDef, bank: tuple[tuple[str, str, str], ...]) -> Facts:
    name, scope, price = r.pick(bank)
    shop = f"{r.pick(w.SHOP_WORDS)}{name}" if r.chance(0.5) else f"{city.name}{r.pick(w.SHOP_WORDS)}{name}"
    district = r.pick(city.districts)
    years = r.randint(3, 20)
    title = r.pick(
        (
            f"{district}{name} 专业{years}年 价格实惠 随叫随到",
            f"{shop} {price} {r.pick(w.PROMISES)}",
            f"{city.name}{name}，{scope.split('、')[0]}，{r.pick(w.PROMISES)}",
        )
    )
    return {
        "district": district,
        "service": name,
        "scope": scope,
        "shop": shop,
        "years": years,
        "price": price,
        "title": title,
    }


def service_head(r: Rng, city: CityDef) -> Facts:
    return _service_head(r, city, w.SERVICES)


def renovation_head(r: Rng, city: CityDef) -> Facts:
    return _service_head(r, city, w.RENOVATION)


def service_body(r: Rng, city: CityDef, f: Facts) -> list[str]:
    areas = "、".join(r.sample(city.districts, min(4, len(city.districts))))
    paragraphs = [
        f"{f['shop']}，从事{f['service']}{f['years']}年，服务项目：{f['scope']}。",
        f"服务区域：{areas}等，全市都可以上门。",
        f"收费标准：{f['price']}，" + "，".join(r.sample(w.PROMISES, 2)) + "。",
    ]
    if r.chance(0.5):
        paragraphs.append(
            r.pick(
                (
                    "节假日正常营业，提前预约有优惠。",
                    "老客户介绍新客户，两家都打九折。",
                    "先看现场再报价，报价之后不加价。",
                )
            )
        )
    return paragraphs


# --- 宠物 -----------------------------------------------------------------------


def pet_head(r: Rng, city: CityDef) -> Facts:
    breed, low, high = r.pick(w.PETS)
    months = r.randint(2, 10)
    free = high == 0 or r.chance(0.1)
    district = r.pick(city.districts)
    price = "免费领养" if free else f"{r.randint(low, high) // 10 * 10}元"
    if free:
        title = r.pick((f"免费领养{breed} {months}个月 只限{city.name}本地", f"{breed}宝宝寻找新主人，爱心领养"))
    else:
        title = r.pick(
            (
                f"自家{breed}宝宝出售 {months}个月 已打疫苗",
                f"纯种{breed} {price} 健康包活",
                f"{district}{breed}找新家 {price}",
            )
        )
    return {"district": district, "breed": breed, "months": months, "free": free, "price": price, "title": title}


def pet_body(r: Rng, city: CityDef, f: Facts) -> list[str]:
    shots = r.pick(("疫苗已打两针，驱虫做过了", "三针疫苗已经打完，有疫苗本", "体内外驱虫都做了"))
    paragraphs = [
        f"家里的{f['breed']}，{f['months']}个月大，{r.pick(('公', '母'))}，{shots}。",
        r.pick(("性格活泼，不挑食，会定点上厕所。", "很亲人，跟小孩玩得来。", "吃的是进口狗粮猫粮，身体很好。")),
    ]
    if f["free"]:
        paragraphs.append("免费领养，但要求有稳定住所，不能转送，领养后定期发照片回访。")
    else:
        paragraphs.append(f"价格{f['price']}，{r.pick(('可以上门看', '送狗窝和剩下的粮', '非诚勿扰'))}。")
    return paragraphs


# --- 教育培训 --------------------------------------------------------------------


def course_head(r: Rng, city: CityDef) -> Facts:
    subject, form, price = r.pick(w.COURSES)
    school = f"{r.pick(w.SHOP_WORDS)}教育"
    district = r.pick(city.districts)
    title = r.pick(
        (
            f"{district}{subject}{form} 名师授课 {price}",
            f"{r.pick(('暑假', '寒假', '秋季', '春季'))}{subject}班招生，{form}，{price}",
            f"{school}{subject}{form}，免费试听一节",
        )
    )
    return {"district": district, "subject": subject, "form": form, "school": school, "price": price, "title": title}


def course_body(r: Rng, city: CityDef, f: Facts) -> list[str]:
    return [
        f"{f['school']}开设{f['subject']}{f['form']}，{r.pick(w.TEACHERS)}。",
        f"上课时间：{r.pick(('周六周日上午', '周一到周五晚上', '寒暑假全天'))}；收费：{f['price']}，报两期送教材。",
        f"校区地址：{city.name}{f['district']}{r.pick(w.STREETS)}{r.randint(1, 200)}号{r.randint(2, 6)}楼，欢迎家长带孩子来试听。",
    ]


# --- 交友 -----------------------------------------------------------------------


def dating_head(r: Rng, city: CityDef) -> Facts:
    man = r.chance(0.5)
    age = r.randint(24, 45)
    job = r.pick(w.OCCUPATIONS)
    height = r.randint(168, 185) if man else r.randint(155, 170)
    district = r.pick(city.districts)
    title = r.pick(
        (
            f"{age}岁{'男' if man else '女'}，{job}，寻找真诚的另一半",
            f"{city.name}本地{'男士' if man else '女士'}征婚，{height}cm，{job}",
            f"{district}{age}岁{job}，诚心找对象",
        )
    )
    return {
        "district": district,
        "man": man,
        "age": age,
        "job": job,
        "height": height,
        "price": None,
        "title": title,
        "contact": f"{r.pick(w.SURNAMES)}{'先生' if man else '女士'}",
    }


def dating_body(r: Rng, city: CityDef, f: Facts) -> list[str]:
    them = "女士" if f["man"] else "男士"
    return [
        f"本人{f['age']}岁，身高{f['height']}cm，在{city.name}{f['district']}做{f['job']}，{r.pick(w.HOBBIES)}。",
        f"{r.pick(('有房有车', '工作稳定', '父母退休，家庭和睦'))}，{r.pick(('未婚', '离异无孩'))}。",
        f"希望找一位{f['age'] - 5}到{f['age'] + 3}岁的{them}，人品好、孝顺，以结婚为目的，玩玩的勿扰。",
    ]
