"""The demo portal's faults on a fraction of the answers (``fail_rate``, ``truncate_rate``,
``drip_rate``, drawn per request from ``fault_seed``) and its captcha mid-way (``captcha_at``),
over real HTTP; each answer's fault named at the end of its access-log line."""

from __future__ import annotations

import re
import signal
from collections import Counter

import httpx
import pytest

from support.demo_command import start_demo_server
from tui_reader.demo.site.content import DemoSite
from tui_reader.demo.web.command import main
from tui_reader.demo.web.faults import NO_FAULT, FaultDraw
from tui_reader.demo.web.refusals import HostLimit
from tui_reader.demo.web.server import DemoOptions, DemoServer

LIST = "/lianyungang/fangchan/"


def _articles() -> list[str]:
    """The paths of the articles on ``LIST`` (40 articles per category, seed 7)."""
    site = DemoSite(7, 40)
    return [head.path for head in site.page(site.city("lianyungang"), site.category("fangchan"), 1)]  # type: ignore[arg-type]


def _captcha(answer: httpx.Response) -> bool:
    return answer.status_code == 200 and "请输入验证码" in answer.content.decode("gbk")


# -- the draw ----------------------------------------------------------------------------------


def test_draws_are_reproducible_per_seed_and_path_whatever_the_order() -> None:
    paths = [f"/a/{i}.html" for i in range(200)]
    one, two, other = FaultDraw(), FaultDraw(), FaultDraw()
    forward = [one.draw(7, p, 0.1, 0.05, 0.05) for p in paths]
    backward = [two.draw(7, p, 0.1, 0.05, 0.05) for p in reversed(paths)][::-1]
    assert forward == backward  # concurrent requests arriving in another order meet the same faults
    assert forward != [other.draw(8, p, 0.1, 0.05, 0.05) for p in paths]


def test_rates_are_the_fractions_drawn() -> None:
    draw = FaultDraw()
    kinds = Counter(draw.draw(3, f"/p/{i}.html", 0.1, 0.05, 0.05).kind for i in range(4000))
    assert 330 <= kinds["fail"] <= 470
    assert 140 <= kinds["truncated"] + kinds["chunked-cut"] <= 260 and kinds["truncated"] and kinds["chunked-cut"]
    assert 140 <= kinds["drip"] <= 260
    assert {draw.draw(3, f"/q/{i}", 0.0, 0.0, 0.0) for i in range(50)} == {NO_FAULT}


def test_asking_a_page_again_is_a_new_draw() -> None:
    draw = FaultDraw()
    kinds = [draw.draw(1, "/same.html", 0.5, 0.0, 0.0).kind for _ in range(40)]
    assert "fail" in kinds and "" in kinds  # a retry may succeed


def test_host_limit_refuses_everyone_for_the_cooldown_then_counts_again() -> None:
    now = [0.0]
    limit = HostLimit(clock=lambda: now[0])
    assert [limit.refuse(3, 5.0) for _ in range(4)] == [False, False, False, True]
    now[0] = 4.9
    assert limit.refuse(3, 5.0)
    now[0] = 5.1
    assert [limit.refuse(3, 5.0) for _ in range(4)] == [False, False, False, True]
    assert not HostLimit().refuse(0, 5.0)


# -- over HTTP ---------------------------------------------------------------------------------


def test_every_answer_cut_short_when_the_rate_is_one() -> None:
    lines: list[str] = []
    options = DemoOptions(articles_per_category=40, truncate_rate=1.0)
    with DemoServer(options=options, log=lines.append) as server, httpx.Client(base_url=server.base_url) as client:
        assert client.get("/lianyungang/").status_code == 200  # city pages stay sound
        for _ in range(12):  # seed 7 draws both kinds within 12
            # Short of Content-Length, or a chunked body with no last chunk: httpx refuses both.
            with pytest.raises(httpx.RemoteProtocolError):
                client.get(LIST, headers={"Accept-Encoding": "identity"})
    cut = [line.split() for line in lines[1:]]
    assert {words[4] for words in cut} == {"truncated", "chunked-cut"}
    assert all(words[2] == "200" and 0 < int(words[3]) for words in cut)
    assert len(lines[0].split()) == 4  # no fault, no fifth word


def test_failures_are_5xx_and_503_with_retry_after_when_asked() -> None:
    lines: list[str] = []
    options = DemoOptions(articles_per_category=40, fail_rate=1.0)
    with DemoServer(options=options, log=lines.append) as server, httpx.Client(base_url=server.base_url) as client:
        statuses = {client.get(LIST).status_code for _ in range(30)}
        assert statuses <= {500, 502, 503, 504} and len(statuses) > 1
        server.options.retry_after = "2"
        answer = client.get(LIST)
        assert answer.status_code == 503 and answer.headers["retry-after"] == "2"
    assert all(line.endswith(" fail") for line in lines)


def test_a_drip_delivers_the_whole_page_slowly() -> None:
    lines: list[str] = []
    options = DemoOptions(articles_per_category=40, drip_rate=1.0, drip=0.00001)
    with DemoServer(options=options, log=lines.append) as server, httpx.Client(base_url=server.base_url) as client:
        dripped = client.get(LIST)
        server.options.drip_rate = 0.0
        server.options.drip = 0.0
        assert dripped.status_code == 200 and dripped.content == client.get(LIST).content
    assert lines[0].endswith(" drip") and not lines[1].endswith(" drip")


def test_same_fault_seed_same_faults_and_a_retry_can_succeed() -> None:
    def run(fault_seed: int) -> list[str]:
        lines: list[str] = []
        options = DemoOptions(articles_per_category=40, fail_rate=0.3, truncate_rate=0.2, fault_seed=fault_seed)
        with DemoServer(options=options, log=lines.append) as server, httpx.Client(base_url=server.base_url) as c:
            for path in _articles() * 3:  # every article three times: the later ones are retries
                try:
                    c.get(path)
                except httpx.RemoteProtocolError:
                    pass
        return [line.split(" ", 2)[1] + " " + (line.split()[4] if len(line.split()) > 4 else "ok") for line in lines]

    first = run(11)
    assert first == run(11) and first != run(12)
    by_path: dict[str, list[str]] = {}
    for entry in first:
        path, fault = entry.split()
        by_path.setdefault(path, []).append(fault)
    assert any(faults[0] != "ok" and "ok" in faults[1:] for faults in by_path.values())


def test_captcha_mid_way_for_every_client_then_back_after_the_cooldown() -> None:
    lines: list[str] = []
    options = DemoOptions(articles_per_category=40, captcha_at=3, captcha_cooldown=0.5)
    with (
        DemoServer(options=options, log=lines.append) as server,
        httpx.Client(base_url=server.base_url) as one,
        httpx.Client(base_url=server.base_url) as two,
    ):
        assert [c.get(LIST).status_code for c in (one, two, one)] == [200, 200, 200]
        assert _captcha(two.get(LIST)) and _captcha(one.get("/"))
        assert "Disallow" in one.get("/robots.txt").text  # never refused, never counted
        server.stopping.wait(0.6)
        assert not _captcha(two.get(LIST))
    # A line is written once its answer is sent, so the lines of the two connections
    # may come in either order: they are told apart by what they say.
    assert len(lines) == 7 and sum(line.endswith(" captcha") for line in lines) == 2
    assert not any(line.endswith(" captcha") for line in lines if "/robots.txt" in line)
    assert not lines[-1].endswith(" captcha")  # after the cooldown (the wait puts it last)


# -- the command line --------------------------------------------------------------------------


def test_demo_server_command_takes_the_fault_rates_and_logs_the_fault() -> None:
    args = ["--port", "0", "--articles", "20", "--truncate-rate", "1", "--captcha-at", "1", "--fault-seed", "5"]
    proc = start_demo_server(*args)
    try:
        banner = proc.stdout.readline()  # type: ignore[union-attr]
        url = re.search(r"http://127\.0\.0\.1:\d+", banner)[0]  # type: ignore[index]
        with pytest.raises(httpx.RemoteProtocolError):
            httpx.get(url + LIST)
        assert _captcha(httpx.get(url + LIST))
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and err == ""
    log = out.splitlines()  # the banner was read above
    assert re.fullmatch(rf"GET {LIST} 200 \d+ (truncated|chunked-cut)", log[0])
    assert re.fullmatch(rf"GET {LIST} 200 \d+ captcha", log[1])


@pytest.mark.parametrize(
    ("flags", "named"),
    [
        (["--fail-rate", "1.5"], "--fail-rate"),
        (["--truncate-rate", "-0.1"], "--truncate-rate"),
        (["--drip-rate", "2"], "--drip-rate"),
        (["--fail-rate", "0.6", "--drip-rate", "0.6"], "add up to 1"),
        (["--captcha-at", "-1"], "--captcha-at"),
    ],
)
def test_demo_server_rejects_bad_fault_rates(flags: list[str], named: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(flags)
    assert exit_info.value.code == 2 and named in capsys.readouterr().err
