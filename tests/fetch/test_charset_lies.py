"""Pages whose declared charset lies, and the pages whose declaration must still be believed.

Every case checks both faces of the decoder: ``decode_html`` (what fetching and
saved files use) and ``decode_html_explained`` (what ``profile check`` shows),
and ``profile check`` itself is run through the command-line entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.cli.commands import main
from tui_reader.demo.web.server import DemoOptions, DemoServer
from tui_reader.fetch.charset import Decoded, decode_html, decode_html_explained

BAIXING = Path(__file__).resolve().parents[3] / "shared" / "data" / "real-pages" / "baixing-detail.html"
TEXT = "连云港房产出售，三室两厅，价格面议。联系人：王先生"


def page(body: str, head: str = "", title: str = "分类信息") -> str:
    return f"<html><head>{head}<title>{title}</title></head><body><p>{body}</p></body></html>"


def meta(label: str) -> str:
    return f'<meta charset="{label}">'


def http_equiv(label: str) -> str:
    return f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'


def header(label: str) -> str:
    return f"text/html; charset={label}"


def explained(content: bytes, content_type: str | None) -> Decoded:
    """Decode both ways; they must agree on text and charset."""
    decoded = decode_html_explained(content, content_type)
    assert decode_html(content, content_type) == (decoded.text, decoded.encoding)
    return decoded


def declared(decoded: Decoded) -> list[tuple[str, str]]:
    return [(d.label, d.source) for d in decoded.declared]


# --- the real page -------------------------------------------------------------------


@pytest.mark.skipif(not BAIXING.is_file(), reason="real-pages data set not present")
@pytest.mark.parametrize("content_type", [None, "text/html"])
def test_real_snapshot_with_gb2312_then_utf8_metas_reads_as_utf8(content_type: str | None) -> None:
    raw = BAIXING.read_bytes()
    decoded = explained(raw, content_type)
    assert decoded.encoding == "utf-8"
    assert "苏州爱德申物资回收" in decoded.text
    # The snapshot's own U+FFFD debris is text, and nothing else was replaced.
    assert decoded.text.count("\ufffd") == raw.count("\ufffd".encode()) > 0
    assert declared(decoded) == [("gb2312", "first <meta>"), ("utf-8", "second <meta>")]
    assert decoded.note == (
        "declared gb2312 (first <meta>), but the bytes are UTF-8: read as UTF-8, as the second <meta> says"
    )


# --- declarations the bytes overrule ---------------------------------------------------


@pytest.mark.parametrize(
    ("head", "content_type", "expected"),
    [
        ("", header("utf-8"), [("utf-8", "header")]),
        (meta("utf-8"), "text/html", [("utf-8", "first <meta>")]),
        (http_equiv("UTF-8"), header("utf-8"), [("utf-8", "header"), ("utf-8", "first <meta>")]),
    ],
    ids=["header", "meta", "header-and-meta"],
)
def test_gbk_bytes_declared_utf8_read_as_gbk(head: str, content_type: str, expected: list[tuple[str, str]]) -> None:
    decoded = explained(page(TEXT, head).encode("gbk"), content_type)
    assert (decoded.text, decoded.encoding) == (page(TEXT, head), "gb18030")
    assert declared(decoded) == expected
    assert decoded.note and decoded.note.startswith("declared utf-8") and "GB18030" in decoded.note


@pytest.mark.parametrize("head", [meta("gb2312"), http_equiv("gb2312")])
def test_utf8_bytes_declared_gb2312_read_as_utf8(head: str) -> None:
    content = page(TEXT, head).encode()
    decoded = explained(content, None)
    assert (decoded.text, decoded.encoding) == (page(TEXT, head), "utf-8")
    assert decoded.note == "declared gb2312 (first <meta>), but the bytes are UTF-8: read as UTF-8"


@pytest.mark.parametrize("text", [TEXT, "房产"])
def test_utf8_bytes_under_an_iso_8859_1_header_read_as_utf8(text: str) -> None:
    # A common server default. It decodes nearly any bytes without error (房产 has none
    # of the five windows-1252 leaves undefined), so mostly only the mojibake shows it.
    html = page(text, title=text)
    decoded = explained(html.encode(), header("ISO-8859-1"))
    assert (decoded.text, decoded.encoding) == (html, "utf-8")
    assert decoded.note and "iso-8859-1 (header)" in decoded.note


def test_gbk_bytes_under_an_iso_8859_1_header_read_as_gbk() -> None:
    decoded = explained(page(TEXT).encode("gbk"), header("iso-8859-1"))
    assert (decoded.text, decoded.encoding) == (page(TEXT), "gb18030")
    assert decoded.note and "GB18030" in decoded.note


def test_conflicting_metas_pick_the_one_that_decodes() -> None:
    # A template's gb2312 first, the converted page's utf-8 later, past a long inline script.
    script = "<script>" + "var x = 1;\n" * 200 + "</script>"
    head = meta("gb2312") + script + meta("utf-8")
    decoded = explained(page(TEXT, head).encode(), None)
    assert (decoded.text, decoded.encoding) == (page(TEXT, head), "utf-8")
    assert decoded.note and decoded.note.endswith("as the second <meta> says")
    # The other way round: utf-8 first, gbk later, GBK bytes.
    head = meta("utf-8") + script + meta("gbk")
    decoded = explained(page(TEXT, head).encode("gbk"), None)
    assert (decoded.text, decoded.encoding) == (page(TEXT, head), "gb18030")


def test_a_later_meta_is_believed_when_the_first_does_not_decode() -> None:
    # Big5 bytes also pair up as clean GB18030: only the page's own later meta says which.
    head = meta("utf-8") + meta("big5")
    html = page("臺北市房屋出租", head, title="臺北")
    assert html.encode("big5").decode("gb18030")
    decoded = explained(html.encode("big5"), None)
    assert (decoded.text, decoded.encoding) == (html, "big5")
    assert decoded.note == (
        "declared utf-8 (first <meta>), but the bytes are big5: read as big5, as the second <meta> says"
    )


def test_short_utf8_page_declared_gbk_that_decodes_cleanly_as_gbk_reads_as_utf8() -> None:
    content = page("房产", meta("gbk")).encode()
    mojibake = content.decode("gb18030")  # clean: no decoding error gives it away
    assert "鎴夸骇" in mojibake
    decoded = explained(content, None)
    assert (decoded.text, decoded.encoding) == (page("房产", meta("gbk")), "utf-8")
    assert decoded.note and "mojibake" in decoded.note


def test_unknown_label_is_noted() -> None:
    decoded = explained(page(TEXT, meta("klingon")).encode(), None)
    assert decoded.encoding == "utf-8" and decoded.note and "klingon" in decoded.note


# --- declarations that must be believed --------------------------------------------------


@pytest.mark.parametrize("where", ["meta", "header"])
def test_clean_gbk_page_declared_gbk_stays_gbk(where: str) -> None:
    head, content_type = (meta("gbk"), None) if where == "meta" else ("", header("gbk"))
    decoded = explained(page(TEXT, head).encode("gbk"), content_type)
    assert (decoded.text, decoded.encoding, decoded.note) == (page(TEXT, head), "gb18030", None)


@pytest.mark.parametrize(
    "body",
    [
        "小学医院",  # C/D-lead pairs in GBK, also valid two-byte UTF-8 (Сѧ, ҽԺ)
        "鍊ˊ",  # E5 80 A8 40: one UTF-8 hanzi (倨) by chance, found by fuzzing
    ],
)
def test_gbk_page_whose_bytes_are_also_valid_utf8_stays_gbk(body: str) -> None:
    html = page(body, meta("gbk"), title="学校")
    content = html.encode("gbk")
    assert content.decode("utf-8") != html
    decoded = explained(content, None)
    assert (decoded.text, decoded.encoding, decoded.note) == (html, "gb18030", None)


@pytest.mark.parametrize("text", ["Größe: 3 Zimmer, Küche", "Größe: 3 Zimmer"])
def test_latin1_page_declared_latin1_stays_latin1(text: str) -> None:
    # "öß" pairs up as one clean GB2312 character: one is chance, not Chinese.
    html = page(text, title="Wohnung")
    decoded = explained(html.encode("latin-1"), header("iso-8859-1"))
    assert (decoded.text, decoded.encoding, decoded.note) == (html, "cp1252", None)


@pytest.mark.parametrize("codec", ["gbk", "utf-8"])
def test_honest_page_with_a_few_broken_bytes_keeps_its_charset(codec: str) -> None:
    good = page(TEXT, meta(codec)).encode(codec)
    cut = good.index("三室".encode(codec))
    content = good[:cut] + b"\xff\x80" + good[cut:]
    decoded = explained(content, None)
    assert decoded.encoding == normalized(codec) and decoded.note is None
    assert decoded.text.replace("\ufffd", "") == page(TEXT, meta(codec))


def normalized(codec: str) -> str:
    return "gb18030" if codec == "gbk" else codec


@pytest.mark.parametrize("label", ["utf-8", "gbk"])
def test_bytes_that_no_charset_decodes_keep_the_declared_one(label: str) -> None:
    # Replaced either way: a guess that breaks a little less is no reason to overrule.
    decoded = explained(b"<p>\xff\xfe\xfd</p>", header(label))
    assert decoded.encoding == normalized(label) and decoded.note is None


def test_literal_replacement_character_in_utf8_is_text_not_an_error() -> None:
    body = "价格\ufffd面议"
    decoded = explained(page(body, meta("utf-8")).encode(), header("utf-8"))
    assert (decoded.text, decoded.encoding, decoded.note) == (page(body, meta("utf-8")), "utf-8", None)
    # Under a false GB label the bytes are still cleanly UTF-8, not merely the least bad reading.
    decoded = explained(page(body, meta("utf-8")).encode(), header("gbk"))
    assert (decoded.text, decoded.encoding) == (page(body, meta("utf-8")), "utf-8")
    assert decoded.note == "declared gbk (header), but the bytes are UTF-8: read as UTF-8, as the first <meta> says"


def test_explaining_lists_every_declaration_even_when_the_first_is_kept() -> None:
    # Plain decoding stops at the first declaration that holds; the explanation reads the whole head.
    content = page(TEXT, meta("gbk") + meta("utf-8")).encode()
    assert decode_html(content, header("utf-8")) == (page(TEXT, meta("gbk") + meta("utf-8")), "utf-8")
    decoded = decode_html_explained(content, header("utf-8"))
    assert declared(decoded) == [("utf-8", "header"), ("gbk", "first <meta>"), ("utf-8", "second <meta>")]
    assert decoded.note is None


@settings(max_examples=200, deadline=None)
@given(
    content=st.binary(max_size=1024),
    label=st.sampled_from(["utf-8", "gbk", "gb2312", "iso-8859-1", "big5", "shift_jis", "klingon", "utf-7"]),
    where=st.sampled_from(["header", "meta", "both"]),
)
def test_explained_decoding_never_raises_and_notes_are_one_line(content: bytes, label: str, where: str) -> None:
    if where in ("meta", "both"):
        content = meta(label).encode() + content
    decoded = explained(content, header(label) if where in ("header", "both") else None)
    decoded.text.encode("utf-8")  # no lone surrogates
    assert decoded.note is None or (decoded.note and "\n" not in decoded.note)


# --- profile check ---------------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TUI_READER_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def check(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(["profile", "check", *args, "--site", "demo"]) == 0
    return capsys.readouterr().out


def test_profile_check_shows_the_overruled_charset(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "lying.html"
    saved.write_bytes(page(TEXT, meta("gb2312") + meta("utf-8")).encode())
    human = check(capsys, str(saved))
    assert "charset utf-8 (declared gb2312 in the first <meta>, utf-8 in the second <meta>)" in human
    assert "declared gb2312 (first <meta>), but the bytes are UTF-8: read as UTF-8, as the second <meta> says" in human
    report = json.loads(check(capsys, str(saved), "--json"))
    assert report["charset"] == {
        "declared": [{"label": "gb2312", "source": "first <meta>"}, {"label": "utf-8", "source": "second <meta>"}],
        "used": "utf-8",
        "note": "declared gb2312 (first <meta>), but the bytes are UTF-8: read as UTF-8, as the second <meta> says",
    }


def test_profile_check_of_an_honest_page_has_no_note(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "honest.html"
    saved.write_bytes(page(TEXT, meta("gbk")).encode("gbk"))
    report = json.loads(check(capsys, str(saved), "--json"))
    assert report["charset"] == {
        "declared": [{"label": "gbk", "source": "first <meta>"}],
        "used": "gb18030",
        "note": None,
    }
    assert "charset gb18030 (declared gbk in the first <meta>)\n\n" in check(capsys, str(saved))


@pytest.fixture
def lying_portal() -> Iterator[DemoServer]:
    # GBK pages under a header claiming UTF-8.
    options = DemoOptions(wrong_charset=True, articles_per_category=5)
    with DemoServer(port=0, options=options, log=lambda _line: None) as server:
        yield server


def test_profile_check_of_a_url_shows_the_header_it_overruled(
    home: Path, lying_portal: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    report = json.loads(check(capsys, lying_portal.base_url + "/", "--json"))
    charset = report["charset"]
    assert charset["used"] == "gb18030" and charset["declared"][0] == {"label": "utf-8", "source": "header"}
    assert charset["note"].startswith("declared utf-8 (header), but the bytes are GB18030")
    assert report["page"] == "cities" and "连云港" in json.dumps(report["result"], ensure_ascii=False)
