"""A real HTTP server on 127.0.0.1 whose pages a test changes while it runs, for the monitoring tests.

``with page_server() as server``: ``server.serve("/dpa.txt", body)`` sets what a path answers
(text/plain unless told otherwise), ``server.fail("/dpa.txt", 503)`` makes it answer an error,
``server.url("/dpa.txt")`` is its address, ``server.hits`` counts the requests per path.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class PageServer:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.pages: dict[str, tuple[int, str, bytes]] = {}
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()

    def serve(self, path: str, body: bytes, content_type: str = "text/plain; charset=utf-8") -> None:
        with self.lock:
            self.pages[path] = (200, content_type, body)

    def fail(self, path: str, status: int) -> None:
        with self.lock:
            self.pages[path] = (status, "text/plain", b"unavailable")

    def url(self, path: str, *, host: str = "127.0.0.1") -> str:
        return self.base_url.replace("127.0.0.1", host) + path

    def answer(self, path: str) -> tuple[int, str, bytes]:
        with self.lock:
            self.hits[path] += 1
            return self.pages.get(path, (404, "text/plain", b"not here"))


@contextmanager
def page_server() -> Iterator[PageServer]:
    """Serve on an ephemeral port of 127.0.0.1 in a thread; stop at the end."""
    holder: dict[str, PageServer] = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # keep pytest output quiet
            pass

        def do_GET(self) -> None:  # noqa: N802  (the stdlib's name)
            status, content_type, body = holder["server"].answer(self.path)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    holder["server"] = PageServer(f"http://127.0.0.1:{httpd.server_address[1]}")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield holder["server"]
    finally:
        httpd.shutdown()
        httpd.server_close()
