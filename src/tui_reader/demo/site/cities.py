"""Cities of the demo portal: real names, pinyin slugs, area codes, districts.

Data only. ``tier`` is a rough price level (1 = the most expensive cities) so
rents and wages in one city look consistent with each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CityDef:
    slug: str
    name: str
    province: str
    area_code: str
    tier: int
    districts: tuple[str, ...]


def _city(province: str, slug: str, name: str, area_code: str, tier: int, districts: str) -> CityDef:
    return CityDef(slug, name, province, area_code, tier, tuple(districts.split()))


# Order matters: it is the order of provinces and cities on the home page.
CITIES: tuple[CityDef, ...] = (
    _city(
        "江苏", "nanjing", "南京", "025", 1, "玄武区 秦淮区 建邺区 鼓楼区 浦口区 栖霞区 雨花台区 江宁区 六合区 溧水区"
    ),
    _city("江苏", "wuxi", "无锡", "0510", 2, "梁溪区 滨湖区 新吴区 锡山区 惠山区 江阴市 宜兴市"),
    _city("江苏", "xuzhou", "徐州", "0516", 3, "鼓楼区 云龙区 泉山区 铜山区 贾汪区 邳州市 新沂市 沛县 丰县 睢宁县"),
    _city("江苏", "changzhou", "常州", "0519", 2, "天宁区 钟楼区 新北区 武进区 金坛区 溧阳市"),
    _city(
        "江苏", "suzhou", "苏州", "0512", 1, "姑苏区 虎丘区 吴中区 相城区 吴江区 工业园区 昆山市 常熟市 张家港市 太仓市"
    ),
    _city("江苏", "nantong", "南通", "0513", 2, "崇川区 通州区 海门区 海安市 如皋市 启东市 如东县"),
    _city("江苏", "lianyungang", "连云港", "0518", 3, "海州区 连云区 赣榆区 东海县 灌云县 灌南县"),
    _city("江苏", "huaian", "淮安", "0517", 3, "清江浦区 淮安区 淮阴区 洪泽区 涟水县 盱眙县 金湖县"),
    _city("江苏", "yancheng", "盐城", "0515", 3, "亭湖区 盐都区 大丰区 东台市 建湖县 射阳县 阜宁县 滨海县 响水县"),
    _city("江苏", "yangzhou", "扬州", "0514", 2, "广陵区 邗江区 江都区 仪征市 高邮市 宝应县"),
    _city("江苏", "zhenjiang", "镇江", "0511", 2, "京口区 润州区 丹徒区 丹阳市 扬中市 句容市"),
    _city("江苏", "taizhou", "泰州", "0523", 3, "海陵区 高港区 姜堰区 兴化市 靖江市 泰兴市"),
    _city("江苏", "suqian", "宿迁", "0527", 3, "宿城区 宿豫区 沭阳县 泗阳县 泗洪县"),
    _city("山东", "jinan", "济南", "0531", 2, "历下区 市中区 槐荫区 天桥区 历城区 长清区 章丘区"),
    _city("山东", "qingdao", "青岛", "0532", 2, "市南区 市北区 黄岛区 崂山区 李沧区 城阳区 即墨区"),
    _city("山东", "yantai", "烟台", "0535", 3, "芝罘区 福山区 牟平区 莱山区 蓬莱区 龙口市"),
    _city("山东", "weifang", "潍坊", "0536", 3, "潍城区 寒亭区 坊子区 奎文区 青州市 寿光市"),
    _city("山东", "linyi", "临沂", "0539", 3, "兰山区 罗庄区 河东区 沂南县 郯城县 兰陵县"),
    _city("山东", "rizhao", "日照", "0633", 3, "东港区 岚山区 五莲县 莒县"),
    _city("浙江", "hangzhou", "杭州", "0571", 1, "上城区 拱墅区 西湖区 滨江区 萧山区 余杭区 临平区"),
    _city("浙江", "ningbo", "宁波", "0574", 2, "海曙区 江北区 北仑区 镇海区 鄞州区 奉化区 慈溪市"),
    _city("浙江", "wenzhou", "温州", "0577", 2, "鹿城区 龙湾区 瓯海区 洞头区 瑞安市 乐清市"),
    _city("浙江", "jiaxing", "嘉兴", "0573", 2, "南湖区 秀洲区 海宁市 平湖市 桐乡市 嘉善县"),
    _city("浙江", "shaoxing", "绍兴", "0575", 2, "越城区 柯桥区 上虞区 诸暨市 嵊州市"),
    _city("浙江", "jinhua", "金华", "0579", 2, "婺城区 金东区 义乌市 东阳市 永康市 兰溪市"),
    _city("安徽", "hefei", "合肥", "0551", 2, "瑶海区 庐阳区 蜀山区 包河区 肥西县 肥东县 长丰县"),
    _city("安徽", "wuhu", "芜湖", "0553", 3, "镜湖区 弋江区 鸠江区 湾沚区 繁昌区 无为市"),
    _city("安徽", "bengbu", "蚌埠", "0552", 3, "龙子湖区 蚌山区 禹会区 淮上区 怀远县 五河县"),
    _city("安徽", "fuyang", "阜阳", "0558", 3, "颍州区 颍东区 颍泉区 临泉县 太和县 界首市"),
    _city("广东", "guangzhou", "广州", "020", 1, "越秀区 海珠区 荔湾区 天河区 白云区 黄埔区 番禺区 花都区"),
    _city("广东", "shenzhen", "深圳", "0755", 1, "罗湖区 福田区 南山区 宝安区 龙岗区 龙华区 光明区"),
    _city("广东", "dongguan", "东莞", "0769", 2, "莞城街道 南城街道 东城街道 虎门镇 长安镇 厚街镇 松山湖"),
    _city("广东", "foshan", "佛山", "0757", 2, "禅城区 南海区 顺德区 三水区 高明区"),
    _city("广东", "zhuhai", "珠海", "0756", 2, "香洲区 斗门区 金湾区"),
    _city("河南", "zhengzhou", "郑州", "0371", 2, "中原区 二七区 管城回族区 金水区 惠济区 郑东新区 新郑市"),
    _city("河南", "luoyang", "洛阳", "0379", 3, "老城区 西工区 涧西区 洛龙区 偃师区 孟津区"),
    _city("河南", "kaifeng", "开封", "0371", 3, "龙亭区 顺河回族区 鼓楼区 禹王台区 祥符区 兰考县"),
    _city("河南", "nanyang", "南阳", "0377", 3, "宛城区 卧龙区 邓州市 南召县 方城县"),
    _city("河南", "xinxiang", "新乡", "0373", 3, "红旗区 卫滨区 凤泉区 牧野区 辉县市 长垣市"),
)

CITY_BY_SLUG: dict[str, CityDef] = {city.slug: city for city in CITIES}


def provinces() -> list[tuple[str, tuple[CityDef, ...]]]:
    """Provinces in home-page order, each with its cities."""
    grouped: dict[str, list[CityDef]] = {}
    for city in CITIES:
        grouped.setdefault(city.province, []).append(city)
    return [(name, tuple(cities)) for name, cities in grouped.items()]
