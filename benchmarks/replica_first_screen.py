"""The floor for the reader's first screen: a Textual app drawing what it shows,
with none of the reader (only Textual's Statics and containers, in the same
layout): a title line, two bordered lists of 45 city names, two hidden panes,
a status line and a key line. benchmarks/screen_floor.py times it against the
one-label app: what Textual alone costs for this screen."""

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

NAMES = "江苏 南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 山东 济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽 浙江 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 广东 广州".split()


class Replica(App[None]):
    CSS = """
    #panes { height: 1fr; }
    #panes > Vertical { height: 1fr; border: round $panel-lighten-2; }
    #a, #b { width: 16; }
    #c, #d { width: 1fr; display: none; }
    .line { height: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static("⭘   演示分类信息网 — 南京 › 房产", classes="line")
        with Horizontal(id="panes"):
            for pane in "ab":
                with Vertical(id=pane):
                    yield Static("/ filter", classes="line")
                    yield Static("\n".join(NAMES))
            for pane in "cd":
                with Vertical(id=pane):
                    yield Static("")
        yield Static("cache · fetched 15 min ago · 44 cities", classes="line")
        yield Static(" ⏎ Open  esc Back  / Filter  r Refresh  ? Help  q Quit", classes="line")


if __name__ == "__main__":
    Replica().run()
