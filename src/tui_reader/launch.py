"""The process entry point (``tui-reader`` and ``python -m tui_reader``).

The command line is imported only after garbage collection is paused
(``gcpause`` says why).
"""

from __future__ import annotations

from tui_reader.gcpause import pause_collection


def run() -> int:
    pause_collection()
    from tui_reader.cli import main

    return main()
