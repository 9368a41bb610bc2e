"""Masked contacts (``export --mask-contacts``): nothing recognisable may leak, from
named cases, the demo portal's articles and the real saved pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.client import Client
from tui_reader.models import Article
from tui_reader.models.fields import extract_fields, phones_in
from tui_reader.render import mask_article_dict, mask_contacts
from tui_reader.sites import load_profile, read_article

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real-pages"
LONG_NUMBER = re.compile(r"(?<!\d)\d{7,}(?![\d.]|\s*[万元])")


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("电话：138 1234 5678", "电话：138 **** **78"),
        ("电话13812345678", "电话138******78"),
        ("+86 15912345678", "+86 159******78"),
        ("座机0518-85551234", "座机0518-******34"),
        ("(025)84561234", "(025)******34"),
        ("400-800-1234", "400-***-**34"),
        ("联系１３８１２３４５６７８", "联系１３８******７８"),  # full-width digits, kept full-width
        ("联系人：王先生", "联系人：王**"),
        ("联系人：张三", "联系人：张*"),
        ("张女士 13912345678", "张** 139******78"),
        ("微信：wangxiao_88", "微信：wa*********"),
        ("QQ：12345678", "QQ：12******"),
        ("2024-13812345678", "2024-138******78"),  # not a phone to the fields, still masked
        ("身份证320123199001011234", "身份证320*************34"),
        ("售价135万，1350000元，面积90平", "售价135万，1350000元，面积90平"),
        ("月租2200元，押一付三", "月租2200元，押一付三"),
        ("", ""),
    ],
)
def test_named_cases(text: str, masked: str) -> None:
    assert mask_contacts(text) == masked


def test_a_name_found_once_is_masked_everywhere() -> None:
    data = {
        "url": "http://example.com/13812345678x.html",
        "title": "王先生急租 新城国际",
        "body": ["有意请联系王先生，加微信 abcdef99 看房。"],
        "contact": [["联系人", "王先生"], ["电话", "138 1234 5678"], ["微信", "abcdef99"], ["QQ", "88888888"]],
        "facts": {"联系电话": "13812345678", "小区": "新城国际", "联系地址": "海州区新城国际3号楼"},
        "blocks": [{"kind": "paragraph", "text": [["电话：138", 0], ["1234 5678", 1]]}],
        "fields": {"phones": ["13812345678"], "wechat": ["abcdef99"], "qq": ["88888888"], "contact": ["王先生"]},
    }
    masked = mask_article_dict(data)
    out = json.dumps(masked, ensure_ascii=False)
    for secret in ("王先生", "abcdef99", "88888888", "1234", "5678"):
        assert secret not in out.replace(data["url"], "")
    assert masked["url"] == data["url"]
    assert masked["title"] == "王**急租 新城国际"
    assert masked["facts"]["小区"] == "新城国际"
    assert masked["facts"]["联系地址"] == "海州区新城国际3号楼"
    assert masked["blocks"][0]["text"] == [["电话：138", 0], ["**** **78", 1]]
    assert masked["contact"][0] == ["联系人", "王**"]
    assert data["title"] == "王先生急租 新城国际"  # a copy: the article is left as it was


def _leaks(article: Article) -> list[str]:
    """What the article's own fields find that is still in its masked dict."""
    data = article.to_dict()
    data["fields"] = article.fields
    text = json.dumps(mask_article_dict(data), ensure_ascii=False).replace(article.url, "")
    found = extract_fields(article.field_text)
    secrets = [*found.get("phones", ()), *found.get("wechat", ()), *found.get("qq", ()), *found.get("contact", ())]
    leaks = [s for s in secrets if s in text]
    leaks += phones_in(text)  # and no number the patterns still read as a phone
    return leaks


async def test_demo_portal_articles_leak_nothing(client) -> None:  # type: ignore[no-untyped-def]
    reader: Client = client()
    try:
        city = await reader.find_city("连云港")
        checked = 0
        for category in (await reader.categories(city)).value:
            page = await reader.listings(category)
            for item in page.value.items[:3]:
                article = (await reader.article(item.url)).value
                assert _leaks(article) == [], article.url
                checked += bool(article.fields.get("phones"))
        assert checked >= 10  # the check saw real phone numbers
    finally:
        await reader.aclose()


@pytest.mark.skipif(not REAL.is_dir(), reason="real-pages data set not present")
@pytest.mark.parametrize("name", ["58-detail.html", "baixing-detail.html"])
def test_real_pages_leak_nothing(name: str) -> None:
    from tui_reader.fetch import decode_html_explained

    decoded = decode_html_explained((REAL / name).read_bytes(), None)
    article = read_article(decoded.text, (REAL / name).as_uri(), load_profile("auto"))
    assert article.fields.get("phones") or article.fields.get("contact")  # something to mask
    assert _leaks(article) == []


@given(st.text(alphabet=st.sampled_from("0123456789１２３ -()+元万QQ微信：:联系人王先生女士abc_\n"), max_size=80))
def test_masking_never_raises_and_leaves_no_long_number(text: str) -> None:
    masked = mask_contacts(text)
    assert len(masked) == len(text)
    assert all(m == c or m == "*" for m, c in zip(masked, text, strict=True))
    assert not LONG_NUMBER.search(masked)
    assert phones_in(masked) == []


@given(st.text(max_size=200))
def test_masking_any_text(text: str) -> None:
    masked = mask_contacts(text)
    assert len(masked) == len(text)
    assert phones_in(masked) == []
