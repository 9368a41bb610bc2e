"""The killfile, exports, a bookmark's note and status, and a bad query pointed at:
real processes over a cache synced from the real demo portal."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from support.cli import fast_sync, run, run_json
from tui_reader.demo.web.server import DemoServer

QUERY = "city:连云港 cat:房产"


@pytest.fixture
def synced(portal: DemoServer, home: Path) -> tuple[str, ...]:
    """A home with 连云港 房产 synced; the flags that read it offline."""
    base = ("--site", "demo", "--base-url", portal.base_url)
    fast_sync(home)
    run(home, "sync", "连云港", "房产", "--quiet", *base)
    return (*base, "--offline")


def _hits(home: Path, flags: tuple[str, ...], query: str = QUERY) -> list[dict[str, object]]:
    hits = run_json(home, "search", query, *flags)
    assert isinstance(hits, list)
    return hits


def test_kill_by_word_phone_and_poster_hides_hits_until_removed(home: Path, synced: tuple[str, ...]) -> None:
    everything = _hits(home, synced)
    assert len(everything) > 3
    victim = everything[0]
    article = run_json(home, "read", str(victim["url"]), *synced)
    assert isinstance(article, dict)
    phone = article["fields"]["phones"][0]
    poster = dict(article["contact"])["联系人"]

    for kind, value in (("phone", phone), ("poster", poster), ("word", str(victim["title"]))):
        run(home, "kill", "add", kind, value, *synced)
        kept = _hits(home, synced)
        assert victim["url"] not in {h["url"] for h in kept}, kind
        assert 0 < len(kept) < len(everything)
        listed = run_json(home, "kill", "list", *synced)
        assert isinstance(listed, list) and len(listed) == 1 and listed[0]["kind"] == kind
        run(home, "kill", "remove", kind, value, *synced)
        assert _hits(home, synced) == everything, kind

    # A phone as people write it is the same phone.
    spaced = f"{phone[:3]} {phone[3:7]} {phone[7:]}" if phone.isdigit() and len(phone) == 11 else phone
    run(home, "kill", "add", "phone", spaced, *synced)
    assert victim["url"] not in {h["url"] for h in _hits(home, synced)}
    # A killed listing stays out of a limited search, which still fills its limit.
    limited = _hits(home, synced + ("--limit", "3"))  # type: ignore[operator]
    assert len(limited) == 3 and victim["url"] not in {h["url"] for h in limited}

    bad = run(home, "kill", "add", "email", "x@y", *synced, check_exit=2)
    assert bad.stderr.startswith("tui-reader: kill: add needs what to kill")


def test_export_csv_json_md_parse_back_to_the_search_rows(home: Path, synced: tuple[str, ...], tmp_path: Path) -> None:
    hits = _hits(home, synced)
    urls = [h["url"] for h in hits]

    as_json = json.loads(run(home, "export", "search", QUERY, "--format", "json", *synced).stdout)
    assert [r["url"] for r in as_json] == urls
    assert {"url", "title", "city", "category", "posted", "price", "price_value", "price_unit"} <= set(as_json[0])
    assert as_json[0]["title"] == hits[0]["title"] and as_json[0]["posted"] == hits[0]["posted"]

    target = tmp_path / "out" / "hits.csv"
    target.parent.mkdir()
    done = run(home, "export", "search", QUERY, "--format", "csv", "-o", str(target), *synced)
    assert done.stdout == "" and done.stderr == f"exported {len(hits)} rows to {target}\n"
    assert [p.name for p in target.parent.iterdir()] == ["hits.csv"]  # no temporary file left beside it
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["url"] for r in rows] == urls and rows[0]["title"] == hits[0]["title"]

    md = run(home, "export", "search", QUERY, "--format", "md", *synced).stdout.splitlines()
    assert md[0].startswith("| url | title |") and set(md[1]) <= {"|", "-"}
    assert [line.split(" | ")[0].removeprefix("| ") for line in md[2:]] == urls

    bad = run(home, "export", "search", "房 cat:", "--format", "json", *synced, check_exit=2)
    assert bad.stdout == "" and bad.stderr.startswith("tui-reader: export search: ")


def test_bookmark_note_and_status_round_trip_into_the_export(
    portal: DemoServer, home: Path, synced: tuple[str, ...]
) -> None:
    url = str(_hits(home, synced)[0]["url"])
    online = synced[:-1]
    run(home, "bookmarks", "add", url, *online)
    run(home, "bookmarks", "note", url, "  ask about parking  ", *synced)
    run(home, "bookmark", "status", url, "to call", *synced)
    marks = run_json(home, "bookmarks", *synced)
    assert isinstance(marks, list)
    assert {k: marks[0][k] for k in ("url", "note", "status")} == {
        "url": url,
        "note": "ask about parking",
        "status": "to call",
    }
    assert {"url", "title", "added_at"} <= set(marks[0])
    shown = run(home, "bookmarks", *synced).stdout
    assert "[to call]" in shown and "note: ask about parking" in shown

    exported = json.loads(run(home, "export", "bookmarks", "--format", "json", *synced).stdout)
    assert [(r["url"], r["status"], r["note"]) for r in exported] == [(url, "to call", "ask about parking")]
    assert exported[0]["city"] == "连云港" and exported[0]["category"] == "房产"

    wrong = run(home, "bookmarks", "status", url, "maybe", *synced, check_exit=2)
    assert "unknown bookmark status 'maybe'" in wrong.stderr
    run(home, "bookmarks", "status", url, "", *synced)  # cleared
    assert run_json(home, "bookmarks", *synced)[0]["status"] == ""  # type: ignore[index]
    elsewhere = run(home, "bookmarks", "note", url + "x", "hi", *synced, check_exit=1)
    assert elsewhere.stderr == f"tui-reader: {url}x is not bookmarked\n"


def test_a_bad_query_exits_2_with_a_caret_under_the_bad_part(home: Path) -> None:
    proc = run(home, "search", "单车 city:", check_exit=2)
    first, query, caret = proc.stderr.splitlines()
    assert first == "tui-reader: search: 'city:' at character 4 needs a value, like city:连云港"
    assert query == "  单车 city:"
    # 单车 takes four columns and a space: the caret stands under the c of city:.
    assert caret == "  " + " " * 5 + "^"
    assert proc.stdout == ""


def test_mask_contacts_masks_the_export(home: Path, synced: tuple[str, ...]) -> None:
    hits = _hits(home, synced)
    article = run_json(home, "read", str(hits[0]["url"]), *synced)
    assert isinstance(article, dict)
    phone = article["fields"]["phones"][0]
    run(home, "kill", "add", "word", "nothing-matches-this", *synced)
    plain = run(home, "export", "search", phone, "--format", "json", *synced).stdout
    masked = run(home, "export", "search", phone, "--format", "json", "--mask-contacts", *synced).stdout
    assert phone in plain and phone not in masked
    assert [r["url"] for r in json.loads(masked)] == [r["url"] for r in json.loads(plain)]


def test_read_says_when_an_article_is_gone_and_keeps_its_copy(
    portal: DemoServer, home: Path, synced: tuple[str, ...]
) -> None:
    online = synced[:-1]  # the same site, network allowed
    url = str(_hits(home, synced)[0]["url"])
    before = run_json(home, "read", url, *synced)
    assert isinstance(before, dict) and "gone" not in before
    portal.options.removed = frozenset({url.removeprefix(portal.base_url)})
    fast_sync(home, '[cache]\narticle_ttl = "0s"\n')  # ask the portal again at once
    try:
        after = run(home, "read", url, "--json", *online)
    finally:
        portal.options.removed = frozenset()
    data = json.loads(after.stdout)
    assert data["body"] == before["body"] and data["title"] == before["title"]
    assert data["gone"].endswith("+08:00")
    assert "gone from the site since" in after.stderr and "cached copy" in after.stderr
    # Offline, the mark stays with the copy.
    assert run_json(home, "read", url, *synced)["gone"] == data["gone"]  # type: ignore[index]


def test_read_masks_contacts_when_asked(home: Path, synced: tuple[str, ...]) -> None:
    url = str(_hits(home, synced)[0]["url"])
    plain = run_json(home, "read", url, *synced)
    assert isinstance(plain, dict)
    phone = plain["fields"]["phones"][0]
    masked = run(home, "read", url, "--json", "--mask-contacts", *synced).stdout
    assert phone not in masked and plain["title"][:2] in masked
    # The fields keep their kinds, masked (not read again from the masked text).
    fields = json.loads(masked)["fields"]
    assert (
        fields.keys() == plain["fields"].keys() and fields["phones"][0][:3] == phone[:3] and "*" in fields["phones"][0]
    )
    text = run(home, "read", url, "--mask-contacts", *synced).stdout
    assert phone not in text and any(line.startswith("Phone") and "*" in line for line in text.splitlines())
