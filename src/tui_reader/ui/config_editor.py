"""The palette's "Open the config file": in ``$VISUAL`` or ``$EDITOR``, or where it is."""

from __future__ import annotations

import os
import shlex
import subprocess

from textual.app import App, SuspendNotSupported

from tui_reader import paths


def open_config(app: App[None]) -> None:
    path = paths.config_file()
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        app.notify(f"The config file is {path} (set $EDITOR to open it from here).", markup=False, timeout=15)
        return
    try:
        # The editor gets the terminal; the reader waits, suspended, and
        # comes back as it was. No shell: the editor's words are split here.
        with app.suspend():
            subprocess.run([*shlex.split(editor), str(path)], check=False)
    except (SuspendNotSupported, OSError, ValueError) as exc:
        app.notify(f"Could not run {editor!r} ({exc}); the config file is {path}", markup=False)
    else:
        app.notify("Config changes apply at the next start.", markup=False)
