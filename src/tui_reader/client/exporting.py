"""Exports of what the user keeps — bookmarks, a search's hits, a watch's matches — as
CSV, JSON or Markdown text, and written to a file whole or not at all.

``tui-reader export`` and the reader's own export (``E`` on the bookmarks) go
through here, so both write the same rows (``render.exporting``). A file is
written beside its target and moved into place, so a reader of it never sees
half an export.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui_reader import errors

if TYPE_CHECKING:
    from tui_reader.client.library import UserLibrary

__all__ = ["Export", "export", "write_atomically"]


@dataclass(frozen=True, slots=True)
class Export:
    text: str
    rows: int


def export(
    user: UserLibrary,
    what: str,
    fmt: str,
    target: str | None = None,
    *,
    limit: int | None = None,
    collapse: bool = False,
    mask: bool = False,
) -> Export:
    """``what`` ("bookmarks", "search" with the query as ``target``, "watch" with its
    name) as a ``fmt`` document; ``mask``: phones, WeChat/QQ ids and contact names
    masked. A bad query is a ``QueryError``, an unknown watch ``NotFound``."""
    from tui_reader.render import bookmark_row, export_columns, export_text, hit_rows, masked_rows

    rows: list[dict[str, Any]]
    if what == "bookmarks":
        rows = [bookmark_row(mark) for mark in user.bookmarks()]
    elif what == "search":
        rows = hit_rows(user.search(target or "", limit=limit), collapse=collapse)
    elif what == "watch":
        matches = user.watch_matches(target or "")
        seen = {m.hit.url: m for m in matches}
        rows = [
            {**row, "first_seen": seen[row["url"]].first_seen, "unread": seen[row["url"]].unread}
            for row in hit_rows([m.hit for m in matches], collapse=collapse)
        ]
    else:
        raise ValueError(f"nothing to export called {what!r}")
    if mask:
        rows = masked_rows(rows)
    columns = export_columns(what, collapse=collapse and what != "bookmarks")
    return Export(export_text(rows, columns, fmt), len(rows))


def write_atomically(path: Path, text: str) -> None:
    """``text`` as the whole of ``path`` (UTF-8), or ``ReaderError`` saying why not; never half of it."""
    path = path.expanduser()
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise errors.ReaderError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        # mkstemp makes the file private (0600); an export gets the mode any new file of the user's would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise errors.ReaderError(f"cannot write {path}: {exc.strerror or exc}") from None
