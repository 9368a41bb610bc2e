"""An OptionList whose keys all carry ids (see ``keys``), so a keymap can move them.

For the library screens (bookmarks, history, search results), whose rows can
span several lines; the browse panes use ``LineList`` instead.
"""

from __future__ import annotations

from typing import ClassVar

from textual.widgets import OptionList

from tui_reader.ui import keys
from tui_reader.ui.chords import ChordKeys


class PaneOptionList(ChordKeys, OptionList, inherit_bindings=False):
    BINDINGS: ClassVar = keys.LIST
