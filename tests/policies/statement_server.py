"""A real HTTP server on 127.0.0.1 for the URL-fetch tests, run in a thread.

Routes answer by path: ``/page.html``, ``/page.txt``, ``/redirect?to=URL``, ``/big``,
``/declared-big``, ``/image.png``, ``/slow``, ``/trickle``, ``/loop``, ``/gzip``, ``/missing``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PAGE_HTML = (
    b"<!doctype html><html><head><title>Privacy</title></head><body><h1>Privacy notice</h1>"
    b"<p>We collect your e-mail address to answer support tickets.</p>"
    b"<p>We do not sell personal data. Contact privacy@desk.example.</p></body></html>"
)
PAGE_TEXT = b"Privacy notice.\n\nWe collect device identifiers. We do not sell personal data.\n"
BIG_BYTES = 3 * 1024 * 1024


class StatementHandler(BaseHTTPRequestHandler):
    trickled = 0
    trickle_cut = False
    hosts_seen: list[str] = []

    def log_message(self, format, *args):  # keep pytest output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802  (the stdlib's name)
        self.hosts_seen.append(self.headers.get("Host", ""))
        url = urlsplit(self.path)
        route = getattr(self, "route_" + url.path.strip("/").replace(".", "_").replace("-", "_"), None)
        if route is None:
            return self._send(404, "text/plain", b"not here")
        route(parse_qs(url.query))

    def _send(self, status: int, content_type: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def route_page_html(self, query) -> None:
        self._send(200, "text/html; charset=utf-8", PAGE_HTML)

    def route_page_txt(self, query) -> None:
        self._send(200, "text/plain", PAGE_TEXT)

    def route_redirect(self, query) -> None:
        self.send_response(302)
        self.send_header("Location", query["to"][0])
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_loop(self, query) -> None:
        self.route_redirect({"to": ["/loop"]})

    def route_big(self, query) -> None:
        # No Content-Length: the cap has to hold while streaming.
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        chunk = b"We collect data. " * 4096
        for _ in range(BIG_BYTES // len(chunk) + 1):
            try:
                self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                return

    def route_declared_big(self, query) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(BIG_BYTES))
        self.end_headers()

    def route_image_png(self, query) -> None:
        self._send(200, "image/png", b"\x89PNG\r\n\x1a\n")

    def route_gzip(self, query) -> None:
        self._send(200, "text/plain", b"\x1f\x8b", Content_Encoding="gzip")

    def route_slow(self, query) -> None:
        time.sleep(3)
        self._send(200, "text/plain", PAGE_TEXT)

    def route_trickle(self, query) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        try:
            for _ in range(40):
                self.wfile.write(b"We collect data. ")
                self.wfile.flush()
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            return

    def route_trickle_forever(self, query) -> None:
        """One byte at a time, for far longer than any fetch timeout; counts what it got out."""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        try:
            for _ in range(TRICKLE_FOREVER_BYTES):
                self.wfile.write(b"w")
                self.wfile.flush()
                StatementHandler.trickled += 1
                time.sleep(0.02)
        except (BrokenPipeError, ConnectionResetError):
            StatementHandler.trickle_cut = True


TRICKLE_FOREVER_BYTES = 10_000  # 200 s at one byte per 20 ms


@contextmanager
def statement_server() -> Iterator[str]:
    """Serve the routes on an ephemeral port of 127.0.0.1; yield the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), StatementHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
