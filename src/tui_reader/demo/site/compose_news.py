"""News-style articles (新闻资讯): several paragraphs of local news, no price.

Each topic is a function that draws its own numbers once in ``news_head`` and
keeps them in the facts, so the body repeats the same figures as the title.
"""

from __future__ import annotations

from tui_reader.demo.site import words as w
from tui_reader.demo.site.cities import CityDef
from tui_reader.demo.site.compose_trade import Facts
from tui_reader.demo.site.rng import Rng

_TOPICS = ("park", "jobs_fair", "bus", "market", "school", "road", "culture")


def news_head(r: Rng, city: CityDef) -> Facts:
    topic = r.pick(_TOPICS)
    district = r.pick(city.districts)
    street = r.pick(w.STREETS)
    n = r.randint(3, 60)
    c, d = city.name, district
    title = {
        "park": f"{d}{street}口袋公园建成开放，新增绿地{n}亩",
        "jobs_fair": f"{c}春风行动招聘会举行，{n * 10}家企业提供岗位{n * 150}个",
        "bus": f"{c}公交{r.randint(1, 99)}路调整走向，新增{r.randint(2, 6)}个站点",
        "market": f"{d}农贸市场改造完工，{n * 3}个摊位重新开业",
        "school": f"{d}新建小学明年秋季招生，可容纳学生{n * 50}名",
        "road": f"{street}{d}段道路施工，{r.randint(7, 45)}天内禁止大货车通行",
        "culture": f"第{r.randint(3, 20)}届{c}民俗文化节开幕，持续{r.randint(3, 10)}天",
    }[topic]
    return {
        "district": district,
        "street": street,
        "topic": topic,
        "n": n,
        "price": None,
        "title": title,
        "reporter": f"{r.pick(w.SURNAMES)}{r.pick(('明', '丽', '军', '静', '伟', '婷'))}",
    }


def news_body(r: Rng, city: CityDef, f: Facts) -> list[str]:
    c, d, s, n = city.name, f["district"], f["street"], f["n"]
    lead = f"本网讯（记者 {f['reporter']}）"
    if f["topic"] == "park":
        paragraphs = [
            f"{lead}近日，位于{d}{s}与{r.pick(w.STREETS)}交叉口的口袋公园正式对市民开放，新增绿地约{n}亩。",
            "公园内设置了健身步道、儿童游乐区和休息座椅，种植了香樟、桂花、月季等多种花木。",
            "附近居民说，以前这里是一片空地，下雨天全是泥，现在晚饭后出来散步方便多了。",
            f"据{d}相关负责人介绍，今年全区计划建成口袋公园{r.randint(5, 15)}处，让居民出门就能见绿。",
        ]
    elif f["topic"] == "jobs_fair":
        paragraphs = [
            f"{lead}日前，{c}春风行动专场招聘会在市人力资源市场举行，{n * 10}家企业带来岗位{n * 150}个。",
            "岗位涵盖制造、物流、餐饮、电商等行业，其中技术工种月薪普遍在六千元以上。",
            f"现场不少求职者当场与企业达成意向，初步统计达成就业意向{n * 20}余人。",
            "人社部门提醒，求职者要通过正规渠道找工作，凡是要求先交钱的招聘信息都要提高警惕。",
        ]
    elif f["topic"] == "bus":
        paragraphs = [
            f"{lead}为方便{d}居民出行，{c}公交公司将从下月起对部分线路走向进行调整。",
            f"调整后，线路将经过{s}、{r.pick(w.STREETS)}，新增站点若干，首末班时间不变。",
            "公交公司表示，调整方案在前期征求了沿线居民意见，后续还会根据客流情况优化发车间隔。",
        ]
    elif f["topic"] == "market":
        paragraphs = [
            f"{lead}经过几个月的改造，{d}{s}农贸市场日前重新开业，{n * 3}个摊位全部入驻。",
            "改造后的市场实行分区经营，蔬菜、肉类、水产分开摆放，地面做了防滑处理，还安装了排风系统。",
            "市场还设置了公平秤和食品快检室，市民买菜心里更有底。",
            "不少老顾客说，市场干净了，价格和原来差不多，以后还来这里买菜。",
        ]
    elif f["topic"] == "school":
        paragraphs = [
            f"{lead}记者从{d}教育部门获悉，位于{s}的新建小学主体工程已经完工，预计明年秋季开始招生。",
            f"学校规划办学规模{r.randint(24, 48)}个班，可容纳学生{n * 50}名，配有风雨操场、图书馆和食堂。",
            "学区划分方案将在招生前向社会公布，家长可以关注教育部门官方渠道发布的信息。",
        ]
    elif f["topic"] == "road":
        paragraphs = [
            f"{lead}因管网改造需要，{s}{d}段近期将进行分段施工，施工期间部分车道封闭。",
            "交警部门提醒，施工期间大货车禁止通行，小型车辆请减速慢行，按照现场指示标志绕行。",
            "施工单位表示，将合理安排工期，夜间不进行高噪音作业，尽量减少对周边居民的影响。",
        ]
    else:
        paragraphs = [
            f"{lead}{c}民俗文化节日前在{d}开幕，舞龙舞狮、非遗展示、地方小吃吸引了大批市民游客。",
            "开幕式上，当地艺术团表演了地方戏曲和民间歌舞，现场掌声不断。",
            f"活动期间每天都有不同主题的展演，主办方提醒市民绿色出行，{s}周边停车位紧张。",
            "不少外地游客表示，这次活动让他们感受到了浓浓的地方特色，下次还会带家人来。",
        ]
    keep = r.randint(len(paragraphs) - 1, len(paragraphs))
    paragraphs = paragraphs[:keep]
    if r.chance(0.4):
        paragraphs.append(f"（来源：{c}本地资讯，转载请注明出处）")
    return paragraphs
