"""The demo portal over real HTTP on loopback, with switchable faults.

Behaves like the portals the reader is built for: GBK bodies with the
charset only in ``<meta>`` (the Content-Type header names none), strong
ETags and Last-Modified with 304 answers, gzip when asked, 301 to the
trailing-slash form of city and category paths. ``DemoOptions`` are read on
every request, so a test can flip ``server.options.error_rate`` while the
server runs.
"""

from __future__ import annotations

import gzip
import hashlib
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable
from datetime import UTC
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from tui_reader.demo.site import pages
from tui_reader.demo.site.content import DemoSite
from tui_reader.demo.site.hostile import HostileSite
from tui_reader.demo.web import faults, refusals, routes
from tui_reader.demo.web.options import STYLE_ENCODINGS, DemoOptions
from tui_reader.demo.web.reply import Reply

# The options live in options.py; they are named here too, where the server is.
__all__ = ["DEFAULT_PORT", "STYLE_ENCODINGS", "DemoOptions", "DemoServer"]

DEFAULT_PORT = 8964


class DemoServer:
    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        options: DemoOptions | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        # A fresh DemoOptions per server: a shared default would let one test's
        # fault switch leak into every other server.
        self.options = options if options is not None else DemoOptions()
        self.host = host
        self.port = port
        self._log = log
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._error_credit = 0.0
        self._burst = refusals.BurstGuard()
        self._host_limit = refusals.HostLimit()
        self._faults = faults.FaultDraw()
        self._site: DemoSite | None = None
        self._hostile: HostileSite | None = None
        self.stopping = threading.Event()
        """Set by stop(): a dripping answer gives up instead of holding a thread."""

    # --- lifecycle -------------------------------------------------------------

    def start(self) -> DemoServer:
        """Bind (OSError if the port is taken) and serve in a daemon thread."""
        if self._httpd is not None:
            raise RuntimeError("demo server already started")
        self.stopping.clear()
        httpd = _HTTPServer((self.host, self.port), _Handler)
        httpd.demo = self
        self._httpd = httpd
        self.port = httpd.server_address[1]
        # A short poll interval makes stop() return promptly.
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name=f"demo-portal:{self.port}", daemon=True
        )
        self._thread.start()
        return self

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self.stopping.set()
        httpd.shutdown()
        httpd.close_connections()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
        # Answers already sent may not be logged yet (the line follows the
        # body): wait for their threads, so that once stop() returns the
        # access log is complete. Their sockets are shut, so they end at once;
        # the bound only keeps a wedged handler from hanging stop().
        httpd.join_handlers(timeout=5)

    def __enter__(self) -> DemoServer:
        return self.start() if self._httpd is None else self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # --- used by the request handler ------------------------------------------

    def site(self) -> DemoSite:
        opts = self.options
        site = self._site
        if site is None or site.seed != opts.seed or site.articles_per_category != opts.articles_per_category:
            site = self._site = DemoSite(opts.seed, opts.articles_per_category)
            self._hostile = None
        if opts.hostile:
            if self._hostile is None:
                self._hostile = HostileSite(site)
            return self._hostile  # type: ignore[return-value]  # same interface, poisoned text
        return site

    def should_fail(self) -> bool:
        """Spread failures evenly and deterministically: every 1/rate-th request fails."""
        rate = self.options.error_rate
        if rate <= 0:
            return False
        if rate >= 1:
            return True
        with self._lock:
            self._error_credit += rate
            if self._error_credit >= 1:
                self._error_credit -= 1
                return True
        return False

    def captcha_due(self, client: str, target: str) -> bool:
        """Count this request; True when ``client`` is in a burst's cool-down, or the host
        in its own (robots.txt is exempt)."""
        opts = self.options
        if (opts.captcha_after <= 0 and opts.captcha_at <= 0) or target.split("?", 1)[0] == "/robots.txt":
            return False
        # Both counters see every request, whichever refuses it.
        burst = self._burst.refuse(client, opts.captcha_after, opts.captcha_window, opts.captcha_cooldown)
        return self._host_limit.refuse(opts.captcha_at, opts.captcha_cooldown) or burst

    def page_fault(self, target: str) -> faults.Fault:
        """The drawn fault (or none) of one listing or article answer."""
        opts = self.options
        seed = opts.seed if opts.fault_seed is None else opts.fault_seed
        return self._faults.draw(seed, target, opts.fail_rate, opts.truncate_rate, opts.drip_rate)

    def log(self, line: str) -> None:
        if self._log is not None:
            self._log(line)
        else:
            print(line, flush=True)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    demo: DemoServer

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self._open: set[socket.socket] = set()
        self._handlers: set[threading.Thread] = set()
        self._open_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        # Remember live connections and their threads before the thread runs:
        # stop() must not wait on idle keep-alive clients, so it shuts their
        # sockets, then waits for the threads (daemons, as in the base class,
        # so a wedged one never blocks interpreter exit).
        thread = threading.Thread(target=self.process_request_thread, args=(request, client_address), daemon=True)
        with self._open_lock:
            self._open.add(request)
            self._handlers.add(thread)
        thread.start()

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._open_lock:
                self._open.discard(request)
                self._handlers.discard(threading.current_thread())

    def join_handlers(self, timeout: float) -> None:
        give_up = time.monotonic() + timeout
        with self._open_lock:
            handlers = list(self._handlers)
        for thread in handlers:
            thread.join(max(0.0, give_up - time.monotonic()))

    def close_connections(self) -> None:
        with self._open_lock:
            for sock in list(self._open):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client hanging up mid-answer is normal traffic, not a server fault.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"  # keep-alive, like a real portal; needs Content-Length everywhere
    server_version = "nginx"
    sys_version = ""
    timeout = 30  # idle keep-alive connections go away by themselves
    # Headers and body leave in two writes; without TCP_NODELAY, Nagle plus the
    # client's delayed ACK adds ~40 ms to every keep-alive request.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Silenced: the server writes its own one-line access log instead."""

    def _serve(self, *, send_body: bool) -> None:
        demo = self.server.demo
        opts = demo.options
        if opts.latency > 0 and demo.stopping.wait(opts.latency):
            self.close_connection = True  # stopped while waiting: no answer, as from a dying server
            return
        # A wrong label is about GBK bytes under a header claiming UTF-8.
        utf8 = not opts.wrong_charset and opts.charset == "utf-8"
        charset = "utf-8" if utf8 else "gbk"
        extra: dict[str, str] = {}
        fault = faults.NO_FAULT
        if demo.captcha_due(self.client_address[0], self.path):
            # Checked first, so that every request counts toward the burst.
            reply = Reply(200, refusals.captcha_page(charset, self.path))
            fault = faults.Fault("captcha")
        elif self.path.split("?", 1)[0] in opts.removed:
            reply = Reply(404, pages.not_found(demo.site(), charset))
        elif demo.should_fail():
            reply = self._failure(500, charset, extra)
            fault = faults.Fault("fail", reply.status)
        else:
            try:
                reply = routes.resolve(
                    demo.site(),
                    self.path,
                    charset,
                    opts.style,
                    now=opts.now,
                    page_faults=opts.page_faults,
                    hostile_photos=opts.hostile_photos,
                )
            except Exception:
                # A bug in the demo must still give the client an answer, not a hang-up.
                traceback.print_exc(file=sys.stderr)
                reply = Reply(500, pages.server_error(charset))
            if opts.repriced and reply.kind in ("listing", "article"):
                reply = reply.repriced(opts.repriced)
        faulty = reply.status == 200 and reply.kind in ("listing", "article")
        if faulty:
            fault = demo.page_fault(self.path)
            if fault.kind == "fail":
                reply = self._failure(fault.status, charset, extra)
                faulty = False
        if faulty and (opts.redirect_loop or opts.redirect_to):
            target = faults.redirect_target(self.path, opts.redirect_loop, opts.redirect_to)
            reply = Reply(302, "<html><body>Found</body></html>\n", location=target)
            faulty = False
        # Characters outside GBK become numeric references, as GBK sites emit them.
        body = reply.text.encode(charset, "xmlcharrefreplace") if reply.data is None else reply.data
        if faulty and opts.huge_mb > 0:
            body = faults.pad(body, charset, opts.huge_mb)
        content_type = reply.content_type
        if (utf8 or opts.wrong_charset) and content_type == "text/html":
            content_type += "; charset=utf-8"
        headers = {"Content-Type": content_type, **extra}
        if reply.location:
            headers["Location"] = reply.location
        status = reply.status
        if faulty and opts.gzip_bomb:
            # Sent whatever the client asked for: a bomb does not negotiate.
            body = faults.gzip_bomb()
            headers["Content-Encoding"] = "gzip"
        elif reply.last_modified is not None:
            etag = '"' + hashlib.blake2b(body, digest_size=10).hexdigest() + '"'
            if self._wants_gzip() and reply.data is None:  # pictures are compressed already
                body = gzip.compress(body, compresslevel=6, mtime=0)
                headers["Content-Encoding"] = "gzip"
                # A different byte sequence needs its own strong tag.
                etag = etag[:-1] + '-gz"'
            headers["ETag"] = etag
            headers["Last-Modified"] = format_datetime(reply.last_modified.astimezone(UTC), usegmt=True)
            headers["Vary"] = "Accept-Encoding"
            if self._not_modified(etag, reply):
                status = 304
        if faulty and not fault.kind:
            # The all-or-nothing switches: every listing and article page suffers them.
            if opts.truncate:
                fault = faults.Fault("truncated")
            elif opts.drip > 0 and opts.drip_rate <= 0:
                fault = faults.Fault("drip")
        if fault.kind in ("truncated", "chunked-cut", "drip") and (status == 304 or not send_body or not faulty):
            fault = faults.NO_FAULT  # no body to spoil: a 304, a HEAD, a redirect
        if fault.kind == "chunked-cut":
            headers["Transfer-Encoding"] = "chunked"
        else:
            headers["Content-Length"] = str(len(body))
        try:
            sent = self._answer(status, headers, body if send_body and status != 304 else None, fault)
        except ConnectionError:
            # The client hung up before the answer was out (it refused a
            # redirect, say). The request still reached the server, so it is
            # still logged, as a web server's access log would.
            self.close_connection = True
            sent = 0
        # The fault applied, if any, ends the line: the log tells what each request met.
        demo.log(f"{self.command} {self.path} {status} {sent}" + (f" {fault.kind}" if fault.kind else ""))

    def _failure(self, status: int, charset: str, extra: dict[str, str]) -> Reply:
        """A server error page; a 503 with the configured Retry-After when ``retry_after`` is set."""
        retry_after = self.server.demo.options.retry_after
        if retry_after is None:
            return Reply(status, pages.server_error(charset))
        extra["Retry-After"] = retry_after
        return Reply(503, pages.server_error(charset))

    def _answer(self, status: int, headers: dict[str, str], body: bytes | None, fault: faults.Fault) -> int:
        """Send the status line, headers and body (None: no body); give the body bytes sent."""
        demo = self.server.demo
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if body is None:
            return 0
        if fault.kind in ("truncated", "chunked-cut"):
            # Part of what the framing promised, then hang up.
            self.close_connection = True
            return faults.cut(self.wfile, body, chunked=fault.kind == "chunked-cut")
        if fault.kind == "drip":
            sent = faults.drip(self.wfile, body, demo.options.drip or 1.0, demo.stopping)
            self.close_connection = sent < len(body)
            return sent
        self.wfile.write(body)
        return len(body)

    def _wants_gzip(self) -> bool:
        for item in self.headers.get("Accept-Encoding", "").split(","):
            coding, _, params = item.strip().partition(";")
            if coding.strip().lower() == "gzip" and params.replace(" ", "") not in ("q=0", "q=0.0"):
                return True
        return False

    def _not_modified(self, etag: str, reply: Reply) -> bool:
        # If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 13.2.2).
        tags = self.headers.get("If-None-Match")
        if tags is not None:
            if tags.strip() == "*":
                return True
            plain = etag.removesuffix('-gz"').rstrip('"') + '"'
            offered = {t.strip().removeprefix("W/") for t in tags.split(",")}
            return etag in offered or plain in offered or plain[:-1] + '-gz"' in offered
        since = self.headers.get("If-Modified-Since")
        if since and reply.last_modified is not None:
            try:
                when = parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
            if when.tzinfo is None:
                return False
            return reply.last_modified.replace(microsecond=0) <= when
        return False
