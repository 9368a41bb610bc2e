"""``o`` in the gallery: the photo on screen handed to the system's picture viewer.

The vetted picture is decoded again at full size (the gallery keeps only the
bytes) and written again (PNG where it has transparency, JPEG otherwise) to a
file of its own: the viewer never sees the portal's bytes, only pixels that
passed ``vet_image``. The viewer gets that file as its one
argument, through an argument list: no shell ever reads a name.

Files go to a folder of the temporary directory, one per photo address (the
same photo opened again reuses its file): the viewer reads them after the
command returns, so they outlive it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["ViewerMissing", "open_in_viewer", "photo_file", "viewer_command"]


class ViewerMissing(Exception):
    """No viewer to hand the photo to; the message is the sentence to show."""


def viewer_command() -> str | None:
    """The program that opens a file with the user's chosen application (None on Windows:
    ``os.startfile`` does it)."""
    if sys.platform == "win32":
        return None
    return "open" if sys.platform == "darwin" else "xdg-open"


def photo_file(picture: Image, url: str) -> Path:
    """``picture`` written to its own file (the name comes from ``url``'s hash, never from the page)."""
    folder = Path(tempfile.gettempdir()) / f"tui-reader-photos-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    folder.mkdir(mode=0o700, exist_ok=True)
    name = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    transparent = picture.mode == "RGBA"
    path = folder / f"photo-{name}.{'png' if transparent else 'jpg'}"
    partial = path.with_suffix(path.suffix + ".part")
    if transparent:
        picture.save(partial, format="PNG")
    else:
        picture.save(partial, format="JPEG", quality=92)  # RGB: vetted pictures are RGB or RGBA
    os.replace(partial, path)  # a viewer never opens a half-written file
    return path


def open_in_viewer(path: Path) -> None:
    """Start the system viewer on ``path`` and return; ``ViewerMissing`` when there is none."""
    command = viewer_command()
    if command is None:
        os.startfile(path)  # type: ignore[attr-defined]  # Windows only
        return
    program = shutil.which(command)
    if program is None:
        raise ViewerMissing(f"No photo viewer to open it with ({command} is not installed).")
    # Its own session and no terminal: the viewer neither draws over the reader nor
    # ends with it; the reader does not wait for it.
    subprocess.Popen(  # a fixed program and one file name, as a list
        [program, str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        close_fds=True,
    )
