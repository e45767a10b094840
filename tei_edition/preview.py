"""A local preview server for a built edition: ``tei-edition serve``.

Browsers refuse to run the search index from ``file://``, so previewing the site needs
a server; it binds 127.0.0.1 only. Kept apart from ``site.py`` so that building an
edition (and every command's start-up) does not import ``http.server``.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
from pathlib import Path
from typing import ClassVar

from .errors import UsageError


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm", ".js": "text/javascript", ".xml": "application/xml"}

    def _to_html(self) -> bool:
        # build/ is the site root (../data and ../tei resolve); the edition starts in html/
        if self.path in ("/", "") and (Path(self.directory) / "html").is_dir():
            self.send_response(302)
            self.send_header("Location", "/html/")
            self.end_headers()
            return True
        return False

    def do_GET(self) -> None:
        if not self._to_html():
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._to_html():
            super().do_HEAD()

    def log_message(self, format: str, *args: object) -> None:
        if getattr(self.server, "verbose", True):
            super().log_message(format, *args)


def make_server(root: str | Path = "build", host: str = "127.0.0.1", port: int = 8000,
                *, verbose: bool = True) -> http.server.ThreadingHTTPServer:
    """An HTTP server for a built edition (``root`` is build/; / leads to html/).
    Port 0 picks a free one (``server.server_address`` tells which)."""
    handler = functools.partial(_Handler, directory=str(Path(root)))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.verbose = verbose  # type: ignore[attr-defined]
    return server


def serve(root: str | Path = "build", host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve a built edition until interrupted (browsers refuse to run the search
    index from file://, so a local preview needs a server)."""
    root = Path(root)
    if not (root / "html" / "index.html").is_file():
        raise UsageError(f"no built edition in {root} (run `tei-edition build` first)")
    try:
        server = make_server(root, host, port)
    except OSError as exc:
        raise UsageError(f"cannot serve on {host}:{port}: {exc.strerror}") from None
    with server:
        print(f"Serving {root} at http://{host}:{server.server_address[1]}/html/ "
              "(Ctrl+C stops)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
