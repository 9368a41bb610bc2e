"""``tui-reader demo-server``: the demo portal's own command line (its faults are flags)."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime

from tui_reader.demo.web import faults
from tui_reader.demo.web.options import STYLE_ENCODINGS, DemoOptions
from tui_reader.demo.web.server import DEFAULT_PORT, DemoServer


def main(argv: list[str] | None = None) -> int:
    """``tui-reader demo-server``: serve the demo portal until Ctrl-C."""
    parser = argparse.ArgumentParser(
        prog="tui-reader demo-server", description="Serve the bundled demo classifieds portal over HTTP."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0 = any free port)"
    )
    parser.add_argument("--seed", type=int, default=7, help="content seed: same seed, same site (default 7)")
    parser.add_argument("--articles", type=int, default=200, metavar="N", help="articles per category (default 200)")
    parser.add_argument(
        "--style",
        choices=sorted(STYLE_ENCODINGS),
        default="a",
        help="site shape: a = GBK, ?page=N (profile demo); b = UTF-8, /list/N/, JSON-LD "
        "(profile demo-b); c = UTF-8, /pnN/, relative dates, refusals, no profile (default a)",
    )
    parser.add_argument("--utf8", action="store_true", help="serve UTF-8 (with a charset header) instead of GBK")
    parser.add_argument("--latency", type=float, default=0.0, metavar="SECONDS", help="delay before each answer")
    parser.add_argument(
        "--error-rate", type=float, default=0.0, metavar="R", help="fraction of requests answered 500 (0..1)"
    )
    faultflags = parser.add_argument_group("faults of listing and article pages")
    faultflags.add_argument(
        "--retry-after",
        metavar="VALUE",
        help="answer failures with 503 and this Retry-After (seconds, HTTP date, or garbage)",
    )
    faultflags.add_argument("--truncate", action="store_true", help="send half the body Content-Length promises")
    faultflags.add_argument(
        "--drip", type=float, default=0.0, metavar="SECONDS", help="send bodies a byte per interval"
    )
    faultflags.add_argument(
        "--fail-rate",
        type=float,
        default=0.0,
        metavar="R",
        help="fraction of listing and article answers that are a 5xx (500, 502, 503, 504), drawn per request",
    )
    faultflags.add_argument(
        "--truncate-rate",
        type=float,
        default=0.0,
        metavar="R",
        help="fraction whose body is cut off half-way (short of Content-Length, or a chunked body cut), drawn per request",
    )
    faultflags.add_argument(
        "--drip-rate",
        type=float,
        default=0.0,
        metavar="R",
        help="fraction sent a byte per --drip seconds (default 1), drawn per request",
    )
    faultflags.add_argument(
        "--fault-seed",
        type=int,
        default=None,
        metavar="N",
        help="seed of the drawn faults (default --seed): same seed and requests, same faults",
    )
    faultflags.add_argument("--wrong-charset", action="store_true", help="GBK bytes under a header claiming UTF-8")
    faultflags.add_argument("--huge", type=float, default=0.0, metavar="MB", help="pad pages to this many MiB")
    faultflags.add_argument(
        "--gzip-bomb", action="store_true", help=f"send a gzip body inflating to {faults.BOMB_SIZE // 2**20} MiB"
    )
    faultflags.add_argument("--redirect-loop", action="store_true", help="pages redirect to themselves")
    faultflags.add_argument("--redirect-to", metavar="ORIGIN", help="pages redirect to the same path on ORIGIN")
    faultflags.add_argument(
        "--hostile",
        action="store_true",
        help="escape sequences, markup, bidi and dangerous links in titles, names, bodies",
    )
    faultflags.add_argument(
        "--hostile-photos",
        action="store_true",
        help="the last photo of each listing is hostile: a decompression bomb, a truncated JPEG, "
        "HTML served as an image, an image served as HTML, an SVG or a 20000x20 strip",
    )
    _refusal_flags(parser)
    args = parser.parse_args(argv)
    for flag, value in (("--drip", args.drip), ("--huge", args.huge)):
        if value < 0:
            parser.error(f"{flag} must not be negative")
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    if args.latency < 0:
        parser.error("--latency must not be negative")
    for flag, rate in (
        ("--error-rate", args.error_rate),
        ("--fail-rate", args.fail_rate),
        ("--truncate-rate", args.truncate_rate),
        ("--drip-rate", args.drip_rate),
    ):
        if not 0.0 <= rate <= 1.0:
            parser.error(f"{flag} must be between 0 and 1")
    if args.fail_rate + args.truncate_rate + args.drip_rate > 1.0:
        parser.error("--fail-rate, --truncate-rate and --drip-rate must add up to 1 at most")
    if not 0 <= args.port <= 65535:
        parser.error("--port must be between 0 and 65535")
    if args.captcha_after < 0 or args.captcha_at < 0 or args.captcha_window <= 0 or args.captcha_cooldown < 0:
        parser.error(
            "--captcha-after, --captcha-at and --captcha-cooldown must not be negative, "
            "--captcha-window must be positive"
        )
    options = DemoOptions(
        seed=args.seed,
        articles_per_category=args.articles,
        style=args.style,
        encoding="utf-8" if args.utf8 else None,
        latency=args.latency,
        error_rate=args.error_rate,
        retry_after=args.retry_after,
        truncate=args.truncate,
        drip=args.drip,
        fail_rate=args.fail_rate,
        truncate_rate=args.truncate_rate,
        drip_rate=args.drip_rate,
        fault_seed=args.fault_seed,
        wrong_charset=args.wrong_charset,
        huge_mb=args.huge,
        gzip_bomb=args.gzip_bomb,
        redirect_loop=args.redirect_loop,
        redirect_to=args.redirect_to,
        hostile=args.hostile,
        hostile_photos=args.hostile_photos,
        now=args.now,
        captcha_after=args.captcha_after,
        captcha_window=args.captcha_window,
        captcha_cooldown=args.captcha_cooldown,
        captcha_at=args.captcha_at,
        login_wall=not args.no_login_wall,
        soft_404=not args.no_soft_404,
        js_only=not args.no_js_only,
    )
    if options.gzip_bomb:
        faults.gzip_bomb()  # build it now, not on the first request
    server = DemoServer(args.host, args.port, options)
    try:
        server.start()
    except OSError as exc:
        print(
            f"tui-reader demo-server: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr
        )
        return 1
    print(
        f"demo portal on {server.base_url}/ (seed {options.seed}, {options.articles_per_category} articles "
        f"per category, style {options.style}, {options.charset}) - Ctrl-C to stop",
        flush=True,
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


def _refusal_flags(parser: argparse.ArgumentParser) -> None:
    """Pages answered 200 with something else than asked for; see refusals.py."""
    group = parser.add_argument_group("refusals (status 200 pages a reader must recognise)")
    group.add_argument(
        "--captcha-after",
        type=int,
        default=0,
        metavar="N",
        help="a client's request after N within --captcha-window gets a captcha page (0 = never; any style)",
    )
    group.add_argument(
        "--captcha-at",
        type=int,
        default=0,
        metavar="N",
        help="after N requests of all clients, every request gets a captcha page for --captcha-cooldown, "
        "then the count starts again (0 = never; any style)",
    )
    group.add_argument(
        "--captcha-window", type=float, default=10.0, metavar="SECONDS", help="the burst window (default 10)"
    )
    group.add_argument(
        "--captcha-cooldown",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="how long a client (or, with --captcha-at, everyone) keeps getting the captcha (default 60)",
    )
    group.add_argument(
        "--no-login-wall",
        action="store_true",
        help="style c: serve the articles whose id is a multiple of 7 instead of a login page",
    )
    group.add_argument(
        "--no-soft-404",
        action="store_true",
        help="style c: serve deleted articles (id %% 19 == 5), and a real 404 for unknown ids",
    )
    group.add_argument(
        "--no-js-only",
        action="store_true",
        help="style c: render the 装修建材 listings instead of an empty script shell",
    )
    group.add_argument(
        "--now",
        type=_instant,
        metavar="ISO",
        help="style c: write relative dates against this time (e.g. 2026-11-20T21:40:00+08:00) instead of the clock",
    )


def _instant(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time: {text!r}") from None
