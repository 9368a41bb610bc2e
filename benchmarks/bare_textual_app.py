"""The reference for the start-up benchmark: a bare Textual app with one list.

It paints a fixed marker and the same number of rows as our city pane, and
nothing else, so the ratio shows what tui-reader adds on top of Textual.
"""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, OptionList


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(*[f"city {n}" for n in range(40)], "bare-app-ready")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
