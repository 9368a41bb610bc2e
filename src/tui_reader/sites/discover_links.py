"""Cities and categories of any portal, found from the links its pages hold.

A city chooser is hundreds of short names (鞍山, 安阳 …) whose links share
one shape: a sub-domain each (``anshan.portal.com/``) or a path segment each
(``portal.com/anshan/``). The largest set of short-named links of one shape
is the city list; its group label (the province, or the pinyin letter) is the
short heading that stands first in the box around each link. A "热门城市"
block repeats some entries; links are kept once, with the label of the box
that is not the hot one. Footer and brand links have other shapes, or sit in
a footer, and are left out.

A city's categories are the short-named links under the city's address
(``/lianyungang/fangchan/``, or ``bj.portal.com/zufang/`` for a sub-domain
city) in its nav and category blocks, not in its footer, and not articles
(ids of many digits) nor the pager.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui_reader.models import Category, City
from tui_reader.sites.nodes import MAX_LINKS, class_words, link_url
from tui_reader.sites.text import clean_whitespace

__all__ = ["CityList", "discover_categories", "discover_cities", "looks_like_article_url", "site_name_of"]

MIN_CITIES = 8
"""Fewer links of one shape than this are not a city chooser (a nav bar is not)."""
FEW_CITIES = 30
"""A home page with fewer cities than this and a "更多城市" link shows only the hot ones."""
_NAME = re.compile(r"^[\u3400-\u9fffA-Za-z·]{2,8}$")
_HOT = re.compile(r"热门|推荐|常用|周边|附近|当前|历史|最近")
_CHOOSER = re.compile(r"切换城市|更多城市|全部城市|城市列表|选择城市|其他城市|全国城市|城市选择|更换城市|所有城市")
_SERVICE_HOSTS = frozenset(
    {
        "www",
        "m",
        "3g",
        "wap",
        "mobile",
        "app",
        "help",
        "bbs",
        "blog",
        "news",
        "passport",
        "login",
        "my",
        "user",
        "sso",
        "static",
        "img",
        "pic",
        "about",
        "jobs",
        "vip",
        "pay",
        "api",
        "open",
        "ir",
        "tuiguang",
        "e",
        "post",
        "job",
        "contact",
        "privacy",
        "sitemap",
        "sou",
        "search",
        "member",
        "reg",
        "register",
        "links",
        "download",
        "changecity",
        "city",
        "citys",
        "cities",
        "map",
        "feedback",
        "service",
        "kefu",
        "jubao",
        "agreement",
        "home",
    }
)
"""First labels of hosts, and first path segments, that are a portal's own services, not cities."""
_BOILERPLATE = frozenset(
    {
        "首页",
        "登录",
        "注册",
        "免费注册",
        "退出",
        "帮助",
        "帮助中心",
        "关于我们",
        "联系我们",
        "网站地图",
        "意见反馈",
        "免费发布",
        "发布信息",
        "免费发布信息",
        "我的",
        "个人中心",
        "会员中心",
        "用户中心",
        "手机版",
        "客户端",
        "下载",
        "收藏",
        "分享",
        "举报",
        "返回顶部",
        "设为首页",
        "加入收藏",
        "友情链接",
        "招贤纳士",
        "隐私政策",
        "使用协议",
        "服务条款",
        "法律声明",
        "广告服务",
        "商务合作",
        "更多",
        "全部",
        "上一页",
        "下一页",
        "尾页",
        "末页",
        "搜索",
        "切换城市",
        "更多城市",
        "全国",
        "返回首页",
        "网站导航",
        "投诉建议",
        "客服中心",
        "联系客服",
    }
)
# Words of a classifieds portal's boards: a run of links named like these is
# the categories of a one-city portal, even when their addresses look like cities'.
_BOARD_WORD = re.compile(
    r"租|房|售|招聘|求职|兼职|全职|二手|车|服务|宠物|教育|培训|家政|搬家|维修|装修|商务|交友|婚|物品|手机|电脑|家具|家电"
    r"|票|旅游|生活|本地|资讯|新闻|信息|工作|店铺|商铺|写字楼|厂房|仓库|保洁|货运|物流|快递|代驾|美容|摄影|律师|会计|设计"
    r"|印刷|回收|转让|出租|出售|招商|加盟|批发|供求|餐饮|酒店|健身|母婴|儿童|数码|农|机械|建材|求购|团购|活动|论坛|黄页"
)
_ARTICLE_PATH = re.compile(r"\d{5,}|/(?:detail|view|show|info|post|item|thread)[/_-]?\d", re.I)
_FOOTER_WORDS = frozenset(
    {"foot", "footer", "copyright", "copy", "bottom", "friend", "friendlink", "links", "about", "ft", "siteinfo"}
)


def _text(node: LexborNode) -> str:
    return clean_whitespace(node.text(deep=True)).strip("[]【】 ")


def _registrable(host: str) -> str:
    """The part of a host shared by a portal's city sub-domains: "bj.58.com" → "58.com"."""
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in ("com", "net", "org", "gov", "edu") and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def looks_like_article_url(url: str) -> bool:
    path = urlsplit(url).path
    return (
        bool(_ARTICLE_PATH.search(path))
        or path.endswith((".shtml", ".htm", ".html"))
        and any(ch.isdigit() for ch in path.rsplit("/", 1)[-1])
    )


def _shape(url: str, page_host: str) -> str | None:
    """The shape a city link has: a sub-domain of the portal's domain ("sub:portal.com"),
    or one path segment on the page's own host ("seg:host"); None for anything else."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host or parts.query:
        return None
    path = parts.path or "/"
    labels = host.split(".")
    if host != page_host and path == "/" and len(labels) >= 3 and labels[0] not in _SERVICE_HOSTS:
        # Not tied to the page's host: a saved chooser page has a file:// address.
        return "sub:" + _registrable(host)
    if host == page_host and re.fullmatch(r"/[a-z][a-z0-9_-]*/?", path) and path.strip("/") not in _SERVICE_HOSTS:
        return "seg:" + host
    return None


def _label(link: LexborNode) -> str:
    """The short heading of the box a city link stands in: a province or a letter."""
    node = link.parent
    for _ in range(3):
        if node is None:
            break
        first = node.child
        while first is not None and not first.is_element_node:
            first = first.next
        if first is not None and first.tag != "a" and first.css_first("a") is None:
            text = _text(first).rstrip("：:")
            if 0 < len(text) <= 8:
                return text
        prev = node.prev
        while prev is not None and not prev.is_element_node:
            prev = prev.prev
        if (
            prev is not None
            and prev.tag in ("dt", "h2", "h3", "h4", "h5", "strong", "b", "th", "span", "em")
            and prev.css_first("a") is None
        ):
            text = _text(prev).rstrip("：:")
            if 0 < len(text) <= 8:
                return text
        node = node.parent
    return ""


def _in_footer(node: LexborNode) -> bool:
    current: LexborNode | None = node
    for _ in range(6):
        if current is None or current.tag in ("body", "html"):
            return False
        if current.tag == "footer":
            return True
        if any(word in _FOOTER_WORDS or word.startswith("foot") for word in class_words(current)):
            return True
        current = current.parent
    return False


@dataclass(frozen=True)
class CityList:
    cities: tuple[City, ...]
    chooser_url: str | None
    """A "切换城市 / 更多城市" link: the full chooser, one click away."""


def discover_cities(tree: LexborHTMLParser, url: str) -> CityList:
    """The portal's cities on its home page or city chooser (empty when none is there)."""
    page_host = (urlsplit(url).hostname or "").lower()
    by_shape: dict[str, list[tuple[str, str, LexborNode]]] = {}
    chooser = None
    for link in tree.css("a[href]")[:MAX_LINKS]:
        text = _text(link)
        target = link_url(link, url)
        if target is None:
            continue
        if chooser is None and _CHOOSER.search(text):
            chooser = target
            continue
        name = text[2:] if text.startswith("进入") else text
        name = name[:-1] if name.endswith("站") and len(name) > 2 else name
        if not _NAME.match(name) or name in _BOILERPLATE:
            continue
        shape = _shape(target, page_host)
        if shape is not None:
            by_shape.setdefault(shape, []).append((name, target, link))
    best: list[tuple[str, str, LexborNode]] = []
    for links in by_shape.values():
        if len({u for _, u, _ in links}) > len({u for _, u, _ in best}):
            best = links
    if len({u for _, u, _ in best}) < MIN_CITIES or _boards(best):
        return CityList((), chooser)
    chosen: dict[str, City] = {}
    for name, target, link in best:
        if _in_footer(link):
            continue
        label = _label(link)
        city = City(name, target, "" if _HOT.search(label) else label)
        held = chosen.get(target)
        # A repeat keeps the entry from the box that is not the hot one, and the plainer name.
        if held is None or (not held.province and city.province) or len(city.name) < len(held.name):
            chosen[target] = City(
                min((held.name, name), key=len) if held else name,
                target,
                city.province or (held.province if held else ""),
            )
    return CityList(tuple(chosen.values()), chooser)


def _boards(links: list[tuple[str, str, LexborNode]]) -> bool:
    """Whether these links are named like a portal's boards (租房, 招聘 …), not like cities."""
    names = {name for name, _, _ in links}
    return sum(1 for name in names if _BOARD_WORD.search(name)) * 5 >= 2 * len(names)


def _under(target: str, city_url: str) -> bool:
    """Whether ``target`` is an address below the city's (a sub-path of it, on its host)."""
    city, other = urlsplit(city_url), urlsplit(target)
    if (other.hostname or "").lower() != (city.hostname or "").lower():
        return False
    base = city.path if city.path.endswith("/") else city.path.rsplit("/", 1)[0] + "/"
    rest = other.path[len(base) :] if other.path.startswith(base) else None
    if not rest:
        return False
    return rest.count("/") <= 2 and not other.query


def discover_categories(tree: LexborHTMLParser, url: str, city: str) -> tuple[Category, ...]:
    """The categories of the city whose page this is (empty when none is found)."""
    found: dict[str, Category] = {}
    for link in tree.css("a[href]")[:MAX_LINKS]:
        text = _text(link)
        if not (2 <= len(text) <= 10) or text in _BOILERPLATE or text.isdigit() or _CHOOSER.search(text):
            continue
        target = link_url(link, url)
        if target is None or target in found or target.split("#")[0] == url.split("#")[0]:
            continue
        if not _under(target, url) or looks_like_article_url(target):
            continue
        if _in_footer(link):
            continue
        found[target] = Category(text, target, city)
    return tuple(found.values())


def site_name_of(tree: LexborHTMLParser) -> str:
    """The portal's name as its home page states it: og:site_name, else the <title>'s first part."""
    meta = tree.css_first('meta[property="og:site_name"]')
    if meta is not None and (meta.attributes.get("content") or "").strip():
        return clean_whitespace(meta.attributes.get("content") or "")
    title = tree.css_first("title")
    text = clean_whitespace(title.text()) if title is not None else ""
    return re.split(r"[-_|–—:：,，]", text)[0].strip() or text
