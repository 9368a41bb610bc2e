"""The cache file under hostile conditions: damaged, foreign, read-only, full disk.

Real SQLite files in tmp_path. Read-only and full-disk cases run the store in
a child process that really cannot write: file permissions (and, when tests
run as root, the child gives up the capability that lets root ignore them)
and ``RLIMIT_FSIZE``, which makes the kernel refuse to grow any file past a
size, exactly as a full disk refuses.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tui_reader.errors import CacheError
from tui_reader.models.content import utcnow
from tui_reader.store.cache import SCHEMA_VERSION, Store

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
URL = "http://127.0.0.1:8964/lianyungang/"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "demo.sqlite3"


def _filled(db: Path, entries: int = 1) -> None:
    with Store(db) as store:
        for i in range(entries):
            store.put("cities", f"{URL}{i}", {"items": ["连云港" * 200, i]}, fetched_at=utcnow())


def _assert_fresh_after_recovery(db: Path, original: bytes, reason: str) -> None:
    with Store(db) as store:
        moved = store.recovered_from
        assert moved is not None and moved.exists()
        assert moved.read_bytes() == original  # kept, not deleted
        assert store.recovery_note is not None and "\n" not in store.recovery_note
        assert reason in store.recovery_note and moved.name in store.recovery_note
        assert store.schema_version == SCHEMA_VERSION
        store.put("cities", URL, {"items": []}, fetched_at=utcnow())
        assert store.get("cities", URL) is not None


# --- damaged or foreign files: detected at open, moved aside, fresh cache ----------


def test_zero_length_file_is_moved_aside_and_a_fresh_cache_opens(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"")
    _assert_fresh_after_recovery(db, b"", "it was empty")


def test_truncated_database_is_detected_at_open_not_on_a_later_read(db: Path) -> None:
    _filled(db, entries=200)
    whole = db.read_bytes()
    assert len(whole) > 8 * 4096
    half = whole[: len(whole) // 2]
    db.write_bytes(half)
    _assert_fresh_after_recovery(db, half, "it was truncated")


def test_png_file_is_moved_aside_with_its_wal_and_shm(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(PNG)
    Path(f"{db}-wal").write_bytes(b"old wal")
    Path(f"{db}-shm").write_bytes(b"old shm")
    with Store(db) as store:
        moved = store.recovered_from
        assert moved is not None
        assert moved.read_bytes() == PNG
        assert Path(f"{moved}-wal").read_bytes() == b"old wal"
        # The -shm is only an index SQLite rebuilds from the WAL (it already
        # did, on open); it moves along so the set stays together.
        assert Path(f"{moved}-shm").exists()
        assert "it is not a database" in (store.recovery_note or "")


def test_text_file_is_moved_aside(db: Path) -> None:
    db.parent.mkdir(parents=True)
    text = "这不是数据库\n".encode() * 100
    db.write_bytes(text)
    _assert_fresh_after_recovery(db, text, "it is not a database")


def test_another_programs_sqlite_database_is_moved_aside(db: Path) -> None:
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, note TEXT)")
        conn.execute("INSERT INTO entries (note) VALUES ('someone else''s data')")
    conn.close()
    original = db.read_bytes()
    _assert_fresh_after_recovery(db, original, "it belongs to another program")


def test_garbage_schema_version_is_moved_aside(db: Path) -> None:
    _filled(db)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE meta SET value = 'banana' WHERE key = 'schema_version'")
    conn.close()
    with Store(db) as store:
        assert store.recovered_from is not None
        assert "another program" in (store.recovery_note or "")


def test_sound_cache_is_not_moved(db: Path) -> None:
    _filled(db, entries=50)
    with Store(db) as store:
        assert store.recovered_from is None and store.recovery_note is None and store.read_only is None
        assert store.get("cities", f"{URL}49") is not None


# --- a writer that waits instead of "database is locked" -----------------------------


def test_second_writer_waits_for_the_first_instead_of_failing(db: Path) -> None:
    _filled(db)
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        with Store(db) as store:
            store.put("cities", f"{URL}late", {"items": []}, fetched_at=utcnow())
            assert store.get("cities", f"{URL}late") is not None
    finally:
        release.join()
        holder.close()


# --- read-only and full disk, in a child process that really cannot write ------------

_CHILD = r"""
import json, sys
from pathlib import Path
from tui_reader.errors import CacheError
from tui_reader.models.content import utcnow
from tui_reader.store.cache import Store

db, big = Path(sys.argv[1]), int(sys.argv[2])
out = {}
try:
    store = Store(db)
except CacheError as exc:
    print(json.dumps({"open": str(exc)}))
    raise SystemExit(0)
with store:
    out["read_only"] = store.read_only
    out["before"] = store.get("cities", sys.argv[3]).payload
    try:
        store.put("article", "http://127.0.0.1:8964/x.html", {"title": "t", "body": "正文" * big}, fetched_at=utcnow())
        out["write"] = "ok"
    except CacheError as exc:
        out["write"] = str(exc)
    out["after"] = store.get("cities", sys.argv[3]).payload
print(json.dumps(out, ensure_ascii=False))
"""

_libc = ctypes.CDLL(None, use_errno=True)
_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def _obey_permissions() -> None:
    """In the child, before exec: root gives up ignoring file permissions."""
    if os.geteuid() == 0:
        for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
            if _libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "cannot drop CAP_DAC_OVERRIDE")


def _run_child(db: Path, *, big: int = 10, preexec=None) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(db), str(big), f"{URL}0"],
        preexec_fn=preexec,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode != 0 and "cannot drop CAP_DAC_OVERRIDE" in result.stderr:
        pytest.skip("running as root without CAP_SETPCAP: cannot make a file read-only for this test")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no traceback, no warning
    return json.loads(result.stdout)


@pytest.fixture
def read_only_after(db: Path):
    """Undo the chmods so tmp_path can be cleaned up."""
    yield
    for path in (db.parent, *db.parent.iterdir()):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)


def test_read_only_folder_keeps_reading_and_refuses_writes_saying_why(db: Path, read_only_after) -> None:
    _filled(db)
    os.chmod(db.parent, 0o555)  # no -wal or -shm can be created next to the file
    out = _run_child(db, preexec=_obey_permissions)
    assert out["before"]["items"][1] == 0 and out["after"] == out["before"]
    assert out["read_only"] and "read-only" in out["read_only"]
    assert out["write"].startswith(f"cannot write the cache {db}: ")
    assert "read-only" in out["write"]


def test_read_only_file_keeps_reading_and_refuses_writes_saying_why(db: Path, read_only_after) -> None:
    _filled(db)
    os.chmod(db, 0o444)
    out = _run_child(db, preexec=_obey_permissions)
    assert out["after"] == out["before"]
    assert out["write"].startswith(f"cannot write the cache {db}: ")
    assert "read-only" in out["write"]
    assert "Traceback" not in out["write"]


def _disk_nearly_full() -> None:
    # A full disk as the kernel enforces it: no file may grow past 256 KiB.
    # SIGXFSZ would kill the process; ignored, the write fails with EFBIG.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))


def test_full_disk_write_fails_cleanly_and_reads_keep_working(db: Path) -> None:
    _filled(db)
    out = _run_child(db, big=1_000_000, preexec=_disk_nearly_full)  # ~3 MB of text: cannot fit
    assert out["after"] == out["before"]
    assert out["write"].startswith(f"cannot write the cache {db}: ")
    assert "disk" in out["write"]
    # The failed write left nothing half-done behind.
    with Store(db) as store:
        assert store.get("article", "http://127.0.0.1:8964/x.html") is None
        assert store.recovered_from is None


def test_closed_cache_error_is_a_cache_error_not_a_traceback(db: Path) -> None:
    store = Store(db)
    store.close()
    with pytest.raises(CacheError):
        store.put("cities", URL, {}, fetched_at=utcnow())


# --- a damaged cache costs the cache, not the user's bookmarks -----------------------


def test_damaged_cache_is_told_in_one_line_and_bookmarks_survive(tmp_path: Path) -> None:
    from support.cli import run, run_json
    from tui_reader.demo.web.server import DemoOptions, DemoServer

    home = tmp_path / "home"
    with DemoServer(port=0, options=DemoOptions(), log=lambda _line: None) as portal:
        base = ("--site", "demo", "--base-url", portal.base_url)
        url = run_json(home, "list", "连云港", "房产", *base)["items"][0]["url"]
        run(home, "bookmarks", "add", url, *base)
    cache = home / "cache" / "demo.sqlite3"
    size = cache.stat().st_size
    cache.write_bytes(PNG + b"\x00" * max(0, size - len(PNG)))  # the cache is now garbage

    proc = run(home, "bookmarks", "--json", *base)
    assert [m["url"] for m in json.loads(proc.stdout)] == [url]
    notes = proc.stderr.splitlines()
    assert len(notes) == 1 and "moved to" in notes[0] and "Traceback" not in proc.stderr
    saved = run_json(home, "read", url, "--offline", *base)  # the portal is gone too
    assert saved["url"] == url and saved["body"]
