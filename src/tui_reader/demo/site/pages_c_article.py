"""Article pages of style "c", and the refusals that wear the site's chrome.

An article: ``<h1>``, a meta line (``发布时间：3小时前`` or an absolute date, by
the rules of ``reltime``, then ``浏览：N次``), a facts block of label/value
pairs (价格, 面积, 户型, 区域, 联系人, 电话 …), the body paragraphs, 上一条/下一条
and a 为您推荐 box of other posts. The soft 404 (信息已删除 / 页面不存在) and the
login wall (登录后查看) keep the same chrome and a recommendation box, as real
portals do, which is what makes them look like content.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from tui_reader.demo.site.cities import CityDef
from tui_reader.demo.site.content import CategoryDef, DemoArticle, DemoSite, Head
from tui_reader.demo.site.pages import body_html
from tui_reader.demo.site.pages_c import SITE_NAME, article_path, crumbs, layout, list_path
from tui_reader.demo.site.pages_c_list import price_html, price_inline
from tui_reader.demo.site.photo_markup import article_photos
from tui_reader.demo.site.reltime import posted_at, shown

__all__ = ["article_page", "facts", "gone_page", "login_page"]

_RECOMMENDED = 6


def facts(article: DemoArticle) -> list[tuple[str, str]]:
    """The facts block's (label, value) pairs in page order, values as the page shows them."""
    h = article.head
    f = h.facts
    pairs = [("价格", h.price)] if h.price else []
    if "layout" in f and "area" in f:
        pairs += [("面积", f"{f['area']}㎡"), ("户型", str(f["layout"]))]
    if f.get("district"):
        pairs.append(("区域", f"{h.city.name}-{f['district']}"))
    pairs += [(label, value) for label, value in article.contact if label != "价格"]
    return pairs


def _facts_html(article: DemoArticle) -> str:
    items = []
    for label, value in facts(article):
        shown_value = price_inline(value) if label == "价格" else escape(value)
        items.append(f'<li><span class="k">{label}：</span><span class="v">{shown_value}</span></li>')
    return f'<ul class="detail-facts">{"".join(items)}</ul>'


def _recommend(site: DemoSite, city: CityDef, salt: object, title: str = "为您推荐") -> str:
    items = "".join(
        f'<li><a href="{article_path(h)}">{escape(h.title)}</a>{price_html(h.price)}</li>'
        for h in site.recommended(city, ("rec-c", salt), _RECOMMENDED)
    )
    return f'<div class="rec-box"><h3>{title}</h3><ul>{items}</ul></div>'


def _neighbour(site: DemoSite, head: Head, index: int, label: str) -> str:
    if not 0 <= index < site.count(head.city, head.category):
        return f"<span>{label}：没有了</span>"
    other = site.head(head.city, head.category, index)
    return f'<span>{label}：<a href="{article_path(other)}">{escape(other.title)}</a></span>'


def article_page(site: DemoSite, charset: str, article: DemoArticle, now: datetime) -> str:
    h = article.head
    when = shown(posted_at(h.published, now), now).text
    main = (
        f'{crumbs(h.city, h.category)}\n<div class="detail">'
        f'<div class="detail-title"><h1>{escape(h.title)}</h1>'
        f'<p class="detail-meta"><span class="pub-time">发布时间：{when}</span>'
        f'<span class="views">浏览：{h.views}次</span><span class="info-id">信息编号：{h.id}</span>'
        f'<a class="report" href="/jubao/?id={h.id}">举报</a></p></div>\n'
        f"{article_photos('c', h)}\n"
        f"{_facts_html(article)}\n"
        f'<div class="detail-desc"><h3>详细描述</h3><div class="desc-text">{body_html(site, article)}</div></div>\n'
        f'<p class="safe-tip">温馨提示：看房、面试、交易前请核实对方身份，凡要求先付款的都要警惕。</p>'
        f'<div class="prev-next">{_neighbour(site, h, h.index + 1, "上一条")}'
        f"{_neighbour(site, h, h.index - 1, '下一条')}</div></div>\n" + _recommend(site, h.city, h.key)
    )
    return layout(site, charset, f"{h.title} - {h.city.name}{h.category.name} - {SITE_NAME}", main, h.city)


def gone_page(site: DemoSite, charset: str, city: CityDef, category: CategoryDef, deleted: bool) -> str:
    """The soft 404, status 200: 信息已删除 for a deleted post, 页面不存在 for an id that never was."""
    heading = "信息已删除" if deleted else "页面不存在"
    reason = "您访问的信息已过期或已被发布者删除。" if deleted else "您访问的页面不存在或链接有误。"
    main = (
        f'{crumbs(city, category)}\n<div class="err-box"><h1>{heading}</h1><p>{reason}</p>'
        f'<p>看看<a href="{list_path(city, category)}">{escape(city.name)}{category.name}</a>的其他信息，'
        f'或<a href="/">返回首页</a>。</p></div>\n' + _recommend(site, city, ("gone", category.slug), "您可能感兴趣")
    )
    return layout(site, charset, f"{heading} - {SITE_NAME}", main, city)


def login_page(site: DemoSite, charset: str, city: CityDef, target: str) -> str:
    """The login wall, status 200: a password form where the post would be."""
    main = (
        '<div class="login-wall"><h2>该信息需要登录后查看</h2>'
        "<p>为保护发布者隐私，请登录后查看完整信息及联系方式。</p>"
        '<form class="login-form" action="/passport/login" method="post">'
        f'<input type="hidden" name="path" value="{escape(target, quote=True)}">'
        '<p><label for="username">手机号/用户名</label><input type="text" id="username" name="username"></p>'
        '<p><label for="password">密码</label><input type="password" id="password" name="password"></p>'
        '<p><button type="submit">登 录</button> <a href="/passport/reg">免费注册</a> '
        '<a href="/passport/forget">忘记密码？</a></p></form>'
        '<div class="other-login">其他方式登录：<a href="/passport/wx">微信</a> <a href="/passport/qq">QQ</a></div>'
        "</div>"
    )
    return layout(site, charset, f"登录后查看 - {SITE_NAME}", main, city)
