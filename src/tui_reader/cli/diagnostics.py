"""``--debug`` logs and crash logs, both in the user's log folder (``paths.log_dir``).

A bug must not show the user a traceback (house rule), and must not vanish
either: the traceback goes to a crash log, and the screen gets one line that
says where it is. ``--debug`` logs what a run did (fetches with status and
time, cache hits, the settings used) for a bug report.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
import traceback
from pathlib import Path

from tui_reader import __version__, paths

__all__ = ["DEBUG_LOG", "start_debug_log", "write_crash_log"]

DEBUG_LOG = "debug.log"
"""The ``--debug`` log, started afresh by each run that asks for it."""


def _log_folder() -> Path:
    try:
        return paths.log_dir(ensure=True)
    except OSError:
        # A read-only home: the report still goes somewhere the user can read.
        return Path(tempfile.gettempdir())


def start_debug_log(argv: list[str]) -> Path:
    """Log every tui_reader logger at DEBUG level to ``debug.log``; its path."""
    path = _log_folder() / DEBUG_LOG
    handler = logging.FileHandler(path, mode="w", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("tui_reader")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.debug("tui-reader %s, Python %s, arguments %s", __version__, sys.version.split()[0], argv)
    return path


def write_crash_log(error: BaseException, argv: list[str]) -> Path:
    """The traceback of ``error`` in a new crash log; its path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    text = "".join(
        [
            f"tui-reader {__version__} crashed at {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n",
            f"Python {sys.version.split()[0]} on {sys.platform}; arguments {argv}\n\n",
            *traceback.format_exception(error),
        ]
    )
    folder = _log_folder()
    for attempt in range(100):
        path = folder / f"crash-{stamp}{f'-{attempt}' if attempt else ''}.log"
        try:
            with path.open("x", encoding="utf-8") as file:
                file.write(text)
        except FileExistsError:
            continue
        return path
    raise OSError(f"no free crash log name in {folder}")
