"""Copying text out of the reader, and saying truthfully what happened.

In this order:

1. A clipboard tool of the desktop, when there is one: ``wl-copy`` under
   Wayland (``WAYLAND_DISPLAY``), ``xclip -selection clipboard`` or
   ``xsel --clipboard --input`` under X (``DISPLAY``), ``pbcopy`` on macOS.
   The text goes in on stdin, never through a shell; the tool must exit 0
   within ``TOOL_TIMEOUT``. Its output is not read: xclip stays behind to
   serve the selection, holding any pipe open.
2. OSC 52, the escape sequence that asks the terminal itself to set its
   clipboard (Textual's ``App.copy_to_clipboard``), when the terminal is known
   to honour it. Many terminals ignore it silently, so the guess is kept
   small: terminals named by ``TERM_PROGRAM`` (iTerm2, WezTerm, kitty,
   Ghostty) or ``TERM`` (kitty, alacritty, foot, ghostty), Windows Terminal
   (``WT_SESSION``); inside tmux only when its ``set-clipboard`` option is
   on (tmux then sets its own buffer and passes the sequence on).
3. Otherwise a dialog shows the text, selected, to copy by hand.

The toast says which of them happened; "copied" is never said of text that
went nowhere.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping

from textual.widget import Widget

TOOL_TIMEOUT = 3.0
"""Seconds a clipboard tool may take (a hung X server must not hang the reader)."""

_OSC52_PROGRAMS = frozenset({"iTerm.app", "WezTerm", "kitty", "ghostty"})
_OSC52_TERMS = ("xterm-kitty", "alacritty", "foot", "xterm-ghostty")


def clipboard_tools(env: Mapping[str, str], platform: str = sys.platform) -> list[list[str]]:
    """The clipboard commands this session could use, best first (installed ones only)."""
    candidates: list[list[str]] = []
    if env.get("WAYLAND_DISPLAY"):
        candidates.append(["wl-copy"])
    if env.get("DISPLAY"):
        candidates += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    if platform == "darwin":
        candidates.append(["pbcopy"])
    path = env.get("PATH", os.defpath)
    found: list[list[str]] = []
    for command in candidates:
        program = shutil.which(command[0], path=path)
        if program is not None:
            found.append([program, *command[1:]])
    return found


def terminal_takes_osc52(env: Mapping[str, str]) -> bool:
    """Whether the terminal is known to set its clipboard from OSC 52 (see the module doc)."""
    if env.get("TMUX"):
        return _tmux_set_clipboard_on(env)
    if env.get("TERM_PROGRAM") in _OSC52_PROGRAMS or env.get("WT_SESSION"):
        return True
    return env.get("TERM", "").startswith(_OSC52_TERMS)


def _tmux_set_clipboard_on(env: Mapping[str, str]) -> bool:
    tmux = shutil.which("tmux", path=env.get("PATH", os.defpath))
    if tmux is None:
        return False
    try:
        answer = subprocess.run(
            [tmux, "show-options", "-gv", "set-clipboard"],
            capture_output=True,
            text=True,
            timeout=TOOL_TIMEOUT,
            env=dict(env),
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return answer.returncode == 0 and answer.stdout.strip() == "on"


async def _run_tool(command: list[str], text: str) -> bool:
    try:
        process = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
    except OSError:
        return False
    try:
        await asyncio.wait_for(process.communicate(text.encode("utf-8")), TOOL_TIMEOUT)
    except TimeoutError:
        process.kill()
        await process.wait()
        return False
    return process.returncode == 0


async def copy_text(node: Widget, text: str, what: str) -> str:
    """Copy ``text`` (``what`` names it in the toast) the best way there is.

    Returns how: the tool's name, "osc52", or "dialog".
    """
    env = os.environ
    for command in clipboard_tools(env):
        if await _run_tool(command, text):
            name = os.path.basename(command[0])
            node.notify(f"Copied {what} to the clipboard ({name})", markup=False)
            return name
    if terminal_takes_osc52(env):
        node.app.copy_to_clipboard(text)
        node.notify(f"Sent {what} to the terminal's clipboard (OSC 52)", markup=False)
        return "osc52"
    from tui_reader.ui.dialogs.copying import CopyTextScreen  # loaded when first needed

    node.app.push_screen(CopyTextScreen(text, what))
    return "dialog"


def start_copy(node: Widget, text: str, what: str) -> None:
    """``copy_text`` in a worker: a clipboard tool is a process to wait for."""
    node.run_worker(copy_text(node, text, what), group="copy", exclusive=True, exit_on_error=False)
