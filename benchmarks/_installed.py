"""Make the reader start as it does once installed, before timing it."""

from __future__ import annotations

import compileall
from pathlib import Path

import tui_reader


def compile_reader() -> None:
    """Byte-compile the reader's modules, as pip does when it installs a package.

    ``make``'s editable install leaves them uncompiled, and with
    PYTHONDONTWRITEBYTECODE set (as on our shared machines) every run then
    compiles every module it imports again: about 0.1 s of start-up an
    installed reader never pays, and the tools it is compared with (wget, a
    bare Textual app from site-packages) do not either."""
    compileall.compile_dir(Path(tui_reader.__file__).parent, quiet=1)
