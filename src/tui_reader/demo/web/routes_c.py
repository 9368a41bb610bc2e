"""URL routing of style "c" (``--style c``), whose URL scheme is its own:

    /                                    home: 热门城市 and 切换城市/更多城市 links to the chooser
    /changecity.html                     every city, grouped by pinyin letter, plus 热门城市
    /robots.txt, /post.html              as in style "a"
    /{city}/                             categories of a city, in 大类 blocks
    /{city}/{category}/                  listing page 1 (2 置顶 rows, then the 20 newest posts)
    /{city}/{category}/pn{N}/            listing page N >= 2 (pn1/ is 301 to the category)
    /{city}/{category}/{id}x.shtml       one article
    /{city}, /{city}/{category}, …/pn{N} 301 to the same path with a trailing slash

Query strings (the 区域/排序 filter links) are ignored. Dates are relative
to ``now`` (see ``reltime``); Last-Modified is the newest shown post's
shifted time. Refusals, each answered with status 200 and switched by
``PageFaults`` (see ``refusals``):

- ``/{city}/zhuangxiu/`` and its ``pn{N}/`` pages: a js-only shell (``js_only``);
- an article whose id % 19 == 5: 信息已删除; an id that never existed: 页面不存在 (``soft_404``;
  off: the deleted post is served, the unknown id is a real 404);
- an article whose id % 7 == 0 (and not deleted): 登录后查看 (``login_wall``).

Every other path is a real 404.
"""

from __future__ import annotations

import re
from datetime import datetime
from html import escape
from urllib.parse import urlsplit

from tui_reader.demo.site import pages, pages_c, pages_c_article, pages_c_list
from tui_reader.demo.site.cities import CityDef
from tui_reader.demo.site.content import ANCHOR, PAGE_SIZE, CategoryDef, DemoSite
from tui_reader.demo.site.reltime import current, posted_at
from tui_reader.demo.web import refusals
from tui_reader.demo.web.refusals import PageFaults
from tui_reader.demo.web.reply import Reply

_PAGE = re.compile(r"pn(\d+)")
_ARTICLE = re.compile(r"(\d+)x\.shtml")


def resolve(
    site: DemoSite, target: str, charset: str, now: datetime | None = None, faults: PageFaults | None = None
) -> Reply:
    now = current(now)
    faults = faults if faults is not None else PageFaults()
    parts = urlsplit(target)
    path = parts.path
    static = _static(site, charset, path, now)
    if static is not None:
        return static
    segments = path.strip("/").split("/")
    city = site.city(segments[0])
    if city is None or len(segments) > 3:
        return _not_found(site, charset)
    if len(segments) == 1:
        if not path.endswith("/"):
            return _redirect(f"{path}/", parts.query)
        return Reply(200, pages_c.city_page(site, charset, city), last_modified=posted_at(ANCHOR, now))
    category = site.category(segments[1])
    if category is None:
        return _not_found(site, charset)
    if len(segments) == 2:
        return _listing(site, charset, path, parts.query, city, category, 1, now, faults)
    page = _PAGE.fullmatch(segments[2])
    if page:
        return _listing(site, charset, path, parts.query, city, category, int(page[1]), now, faults)
    article = _ARTICLE.fullmatch(segments[2])
    if article and not path.endswith("/"):
        return _article(site, charset, target, city, category, int(article[1]), now, faults)
    return _not_found(site, charset)


def _static(site: DemoSite, charset: str, path: str, now: datetime) -> Reply | None:
    """The pages that are the same for every city: home, the chooser, robots.txt, posting."""
    if path == "/robots.txt":
        return Reply(200, pages.ROBOTS_TXT, "text/plain", ANCHOR)
    builders = {"/": pages_c.home, "/changecity.html": pages_c.change_city, "/post.html": pages_c.post_page}
    build = builders.get(path)
    if build is None:
        return None
    return Reply(200, build(site, charset), last_modified=posted_at(ANCHOR, now))


def _listing(
    site: DemoSite,
    charset: str,
    path: str,
    query: str,
    city: CityDef,
    category: CategoryDef,
    number: int,
    now: datetime,
    faults: PageFaults,
) -> Reply:
    if not path.endswith("/"):
        return _redirect(f"{path}/", query)
    if number == 1 and path != pages_c.list_path(city, category):
        return _redirect(pages_c.list_path(city, category), "")
    if number < 1 or number > site.page_count(city, category):
        return _not_found(site, charset)
    if faults.js_only and category.slug == refusals.JS_ONLY_CATEGORY:
        title = f"{city.name}{category.name} - {pages_c.SITE_NAME}"
        return Reply(200, refusals.js_shell(charset, title))
    newest = site.head(city, category, (number - 1) * PAGE_SIZE).published
    return Reply(
        200,
        pages_c_list.category_page(site, charset, city, category, number, now),
        last_modified=posted_at(newest, now),
        kind="listing",
    )


def _article(
    site: DemoSite,
    charset: str,
    target: str,
    city: CityDef,
    category: CategoryDef,
    article_id: int,
    now: datetime,
    faults: PageFaults,
) -> Reply:
    index = site.index_of(city, category, article_id)
    if index is None:
        if faults.soft_404:
            return Reply(200, pages_c_article.gone_page(site, charset, city, category, deleted=False))
        return _not_found(site, charset)
    if faults.soft_404 and refusals.is_deleted(article_id):
        return Reply(200, pages_c_article.gone_page(site, charset, city, category, deleted=True))
    if faults.login_wall and refusals.is_login_walled(article_id):
        return Reply(200, pages_c_article.login_page(site, charset, city, target))
    article = site.article(city, category, index)
    return Reply(
        200,
        pages_c_article.article_page(site, charset, article, now),
        last_modified=posted_at(article.head.published, now),
        kind="article",
    )


def _redirect(path: str, query: str) -> Reply:
    location = f"{path}?{query}" if query else path
    body = f'<html><body><a href="{escape(location)}">Moved Permanently</a></body></html>\n'
    return Reply(301, body, location=location)


def _not_found(site: DemoSite, charset: str) -> Reply:
    return Reply(404, pages_c.not_found(site, charset))
