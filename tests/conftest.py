"""Shared fixtures: the CLI runner, paths, and the official TEI schemas when present."""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"
SOURCE = ROOT / "source"
# ../shared beside the checkout: official TEI schemas, real-world samples, transcriptions.
SHARED = ROOT.parent / "shared"
TEI_ALL = SHARED / "tei" / "tei_all.rng"


def copy_source(tmp_path: Path, name: str = "src") -> Path:
    """A copy of the bundled source/ as ``tmp_path/name``, for tests that change it."""
    src = tmp_path / name
    shutil.copytree(SOURCE, src)
    return src


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled edition built once per test session (tests only read it)."""
    from tei_edition import build

    out = tmp_path_factory.mktemp("build")
    report = build(SOURCE, out)
    assert report.ok, report.failed or report.problems
    return out


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def tei_all():
    """The official tei_all RELAX NG, compiled once per test session (~6-14 s)."""
    if not TEI_ALL.is_file():
        pytest.skip(f"official TEI schema not found at {TEI_ALL} (../shared is absent)")
    from tei_edition.validate import load_schema

    return load_schema(TEI_ALL)


class _Recorder(http.server.BaseHTTPRequestHandler):
    body: ClassVar[bytes] = b""
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def http_server(request: pytest.FixtureRequest) -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request: (base URL, requests). It serves
    the test module's ``HTTP_BODY`` — content that would change the verdict if fetched."""
    _Recorder.body = getattr(request.module, "HTTP_BODY", b"")
    _Recorder.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
