"""The reference for the start-up benchmark: a bare Textual app with one label.

It paints the marker ``bare-app-ready`` and nothing else, so a ratio against
it shows what tui-reader adds on top of starting Textual itself (the issue's
"one-label Textual app").
"""

from textual.app import App, ComposeResult
from textual.widgets import Label


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("bare-app-ready")


if __name__ == "__main__":
    BareApp().run()
