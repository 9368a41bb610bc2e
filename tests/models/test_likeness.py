"""Repost collapsing: fingerprints that survive rewording, and hits grouped into posts."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.models import Group, SearchHit, collapse, fingerprint
from tui_reader.models.likeness import NEAR_BITS, distance

BODY = (
    "出租海州区新城国际，两室一厅，使用面积67平米，9/11层，精装修，采光好。家具家电齐全，拎包入住。"
    "周边配套：周边医院、药店齐全，对口实验小学，附近有菜市场和银行，出门就是公交站，上班买菜都方便。"
    "租金2200元/月，押一付三，水电燃气按表自理，物业费房东承担。看房提前电话联系，非诚勿扰。"
)


def hit(url: str, title: str, body: str = BODY, **more: object) -> SearchHit:
    fields: dict = {"likeness": fingerprint(title + "\n" + body), **more}
    return SearchHit(url=url, title=title, city="连云港", category="租房", published=None, snippet="", **fields)


def test_identical_texts_have_one_fingerprint_and_collapse() -> None:
    a = hit("a", "个人出租 新城国际 两室一厅 2200元/月")
    b = replace(a, url="b", city="南京")
    assert a.likeness == b.likeness != 0
    [group] = collapse([a, b])
    assert group == Group(a, (b,))
    assert group.places == ("连云港", "南京")


def test_a_repost_with_another_price_is_near() -> None:
    a = fingerprint("个人出租 新城国际 两室一厅\n" + BODY)
    b = fingerprint("个人出租 新城国际 两室一厅\n" + BODY.replace("2200元", "2000元"))
    assert distance(a, b) <= NEAR_BITS


def test_a_reworded_repost_is_near_and_collapses() -> None:
    """A suffix added, or a word swapped for its synonym: each moves a few bits of
    a short text, within k; heavier rewording is left to the phone and title
    rule (and measured by the benchmark)."""
    a = hit("a", "个人出租 新城国际 两室一厅 2200元/月")
    suffixed = hit("b", "个人出租 新城国际 两室一厅 2200元/月 急租")
    synonym = hit("c", "个人出租 新城国际 两室一厅 2200元/月", BODY.replace("拎包入住", "拎包即住"))
    for other in (suffixed, synonym):
        assert a.likeness is not None and other.likeness is not None
        assert 0 < distance(a.likeness, other.likeness) <= NEAR_BITS
    assert [len(g.members) for g in collapse([a, suffixed, synonym])] == [3]


def test_different_flats_from_one_template_stay_apart() -> None:
    """An agent's two flats: same boilerplate, another estate, size and price."""
    other = (
        BODY.replace("新城国际", "苍梧绿园").replace("两室一厅", "三室两厅").replace("67", "112").replace("9/11", "3/6")
    )
    a = hit("a", "个人出租 新城国际 两室一厅 2200元/月", rooms=2, area=67.0, phones=("13812345678",))
    b = hit("b", "个人出租 苍梧绿园 三室两厅 3600元/月", other.replace("2200", "3600"), rooms=3, area=112.0)
    b = replace(b, phones=("13812345678",))
    assert [len(g.members) for g in collapse([a, b])] == [1, 1]


def test_typed_numbers_veto_even_identical_text() -> None:
    a = hit("a", "精装两房出租", area=67.0)
    b = hit("b", "精装两房出租", area=89.0)
    assert a.likeness == b.likeness
    assert len(collapse([a, b])) == 2
    assert len(collapse([a, replace(b, area=67.5)])) == 1  # a repost may round the area


def test_shared_phone_and_alike_title_collapse_different_text() -> None:
    a = hit("a", "新城国际 两室一厅 家电齐全 2200元/月", phones=("13812345678",))
    b = hit(
        "b", "出租新城国际两室一厅，家电齐全，拎包住", "房子很好，欢迎来看。", phones=("13812345678", "0518-85551234")
    )
    c = hit("c", "高薪诚聘保安 双休", "保安若干名，包吃住。", phones=("13812345678",))
    assert a.likeness is not None and b.likeness is not None
    assert distance(a.likeness, b.likeness) > NEAR_BITS
    groups = collapse([a, c, b])
    assert [[h.url for h in g.members] for g in groups] == [["a", "b"], ["c"]]


def test_groups_keep_the_given_order_and_chain_reposts() -> None:
    x = hit("x", "别的帖子", "完全不同的正文内容，讲的是二手自行车转让。")
    a = hit("a", "新城国际 两室一厅", "一", phones=("13800000001",))
    b = hit("b", "新城国际 两室一厅 急租", "二", phones=("13800000001", "13900000002"))
    c = hit("c", "新城国际两室一厅 急租", "三", phones=("13900000002",))
    groups = collapse([x, c, a, b])
    assert [(g.lead.url, [o.url for o in g.others]) for g in groups] == [("x", []), ("c", ["a", "b"])]


def test_hits_without_a_fingerprint_join_by_phone_only() -> None:
    a = replace(hit("a", "精装两房出租"), likeness=None)
    b = replace(hit("b", "精装两房出租"), likeness=0)
    assert len(collapse([a, b])) == 2
    assert len(collapse([replace(a, phones=("13812345678",)), replace(b, phones=("13812345678",))])) == 1


def test_empty_and_punctuation_only_text() -> None:
    assert fingerprint("") == 0
    assert fingerprint("，。！ \n") == 0
    assert collapse([]) == []


def test_full_width_and_case_do_not_matter() -> None:
    assert fingerprint("ＡＢＣ公寓１２３号，出租") == fingerprint("abc公寓123号 出租")


def test_fingerprints_are_the_same_in_another_process() -> None:
    """Stored fingerprints are compared across runs: no salted hash may go in."""
    texts = ["个人出租 新城国际 两室一厅\n" + BODY, "abc", "高薪诚聘保安 双休 月薪5000-6500"]
    script = "import sys; from tui_reader.models import fingerprint; print([fingerprint(t) for t in sys.argv[1:]])"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", script, *texts], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str([fingerprint(t) for t in texts])


@given(st.text(max_size=300))
def test_fingerprint_is_a_signed_64_bit_integer(text: str) -> None:
    value = fingerprint(text)
    assert -(2**63) <= value < 2**63
    assert fingerprint(text) == value


@given(st.text(min_size=20, max_size=300, alphabet=st.characters(categories=["Lo", "Nd"])), st.integers(0, 19))
def test_one_changed_character_moves_few_bits(text: str, at: int) -> None:
    """A small edit of a text moves its fingerprint a little, not at random (32 bits)."""
    changed = text[:at] + ("甲" if text[at] != "甲" else "乙") + text[at + 1 :]
    assert distance(fingerprint(text), fingerprint(changed)) < 24 or len(set(text)) < 10
