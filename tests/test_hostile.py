"""Hostile input: every attack is refused clearly, fast, in bounded memory, and leaks nothing.

Attacks run out of process. A helper process (``python -c``) imports the CLI and warms
up once (our stylesheets and schema compiled, xmlschema imported, one build done); then,
for each attack, it forks a child that limits its address space to 512 MB (RLIMIT_AS),
times one CliRunner invocation with ``time.perf_counter`` and writes its exit code,
stdout and stderr as JSON. The helper reaps the child with ``os.wait4``, whose rusage
gives that child's own peak RSS. A hang (30 s alarm), an explosion or a crash fails the
test instead of taking the machine with it, and a fork costs milliseconds, not a new
interpreter.

Every local-file attack targets ``secret.txt`` in ``tmp_path`` (a random token); every
network attack targets a local HTTP server on 127.0.0.1 that records requests and
serves a DTD, an XML file and a stylesheet holding another random token. The tests
assert: exit code 1, a message naming the file and the reason, < 1 s, < 150 MB peak RSS
(the forked child starts with the helper's ~60 MB), zero HTTP requests, and neither
token in stdout, stderr or any file under ``tmp_path``.

Commands attacked: ``validate``, ``export html``, ``export text`` on a TEI document, and
``build`` on a copied source folder whose ``register.xml`` is the hostile file.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tei_edition.cli import cli

from .conftest import CASES, SOURCE

HOSTILE = CASES / "hostile"
SAMPLE = CASES / "spec" / "sample.xml"
SAMPLE_REGISTER = CASES / "spec" / "register.xml"

MAX_SECONDS = 1.0
MAX_RSS_KB = 150 * 1024
ADDRESS_SPACE = 512 * 1024 * 1024

# The helper: warm up, then fork one child per request (one JSON line on stdin) and
# answer with the child's wait status and peak RSS (one JSON line on stdout).
HELPER = r"""
import json, os, resource, signal, sys, time
from click.testing import CliRunner
from tei_edition.cli import cli
limit = int(sys.argv[1])
runner = CliRunner()
for args in json.loads(sys.argv[2]):
    runner.invoke(cli, args)
for line in sys.stdin:
    request = json.loads(line)
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # stdout is the helper's channel
            signal.alarm(30)
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            os.chdir(request["cwd"])
            start = time.perf_counter()
            result = runner.invoke(cli, request["args"])
            seconds = time.perf_counter() - start
            exc = result.exception
            with open(request["result"], "w", encoding="utf-8") as handle:
                json.dump({
                    "exit_code": result.exit_code,
                    "stdout": result.stdout,
                    "stderr": result.stderr,
                    "seconds": seconds,
                    "exception": None if exc is None or isinstance(exc, SystemExit)
                    else repr(exc),
                }, handle)
        except BaseException:
            code = 3
        os._exit(code)
    _, status, usage = os.wait4(pid, 0)
    sys.stdout.write(json.dumps({"status": status, "maxrss_kb": usage.ru_maxrss}) + "\n")
    sys.stdout.flush()
"""


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    maxrss_kb: int
    exception: str | None

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


class Helper:
    def __init__(self, work: Path) -> None:
        self.work = work
        good = work / "benign" / "sample.xml"
        good.parent.mkdir()
        shutil.copy(SAMPLE, good)
        shutil.copy(SAMPLE_REGISTER, good.parent / "register.xml")
        invalid = good.parent / "invalid.xml"
        invalid.write_bytes(SAMPLE.read_bytes().replace(b"docDate", b"docdate"))
        warmup = [["validate", str(good)], ["validate", str(invalid)],
                  ["export", "html", str(good)], ["export", "text", str(good)],
                  ["build", "--source", str(SOURCE), "--out", str(work / "build")]]
        self.log = (work / "helper.log").open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HELPER, str(ADDRESS_SPACE), json.dumps(warmup)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True,
        )
        self.count = 0

    def run(self, args: list[str], cwd: Path) -> Outcome:
        self.count += 1
        result = self.work / f"result-{self.count}.json"
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"args": args, "cwd": str(cwd),
                                          "result": str(result)}) + "\n")
        self.proc.stdin.flush()
        answer = json.loads(self.proc.stdout.readline())
        assert answer["status"] == 0, (
            f"the child died (wait status {answer['status']}: memory limit, 30 s alarm or "
            f"crash): {(self.work / 'helper.log').read_text(errors='replace')[-2000:]}")
        data = json.loads(result.read_text(encoding="utf-8"))
        result.unlink()
        return Outcome(maxrss_kb=answer["maxrss_kb"], **data)

    def close(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(30)
        self.proc.stdout.close()
        self.log.close()


@pytest.fixture(scope="module")
def helper(tmp_path_factory) -> Iterator[Helper]:
    h = Helper(tmp_path_factory.mktemp("helper"))
    try:
        yield h
    finally:
        h.close()


# --- the local HTTP server ---------------------------------------------------------------


@dataclass
class Server:
    base: str
    token: str
    requests: list[str]


@pytest.fixture(scope="module")
def _server() -> Iterator[Server]:
    token = "NET" + secrets.token_hex(16)
    requests: list[str] = []
    lock = threading.Lock()
    bodies = {
        ".dtd": f'<!ENTITY leak "{token}">'.encode(),
        ".xml": f"<leak>{token}</leak>".encode(),
        ".xsl": (
            '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
            f'<xsl:template match="/">{token}</xsl:template></xsl:stylesheet>'
        ).encode(),
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with lock:
                requests.append(self.path)
            body = bodies.get(Path(self.path).suffix, token.encode())
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", token, requests)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def server(_server: Server) -> Server:
    _server.requests.clear()
    return _server


# --- the attack context ------------------------------------------------------------------


@dataclass
class Ctx:
    tmp: Path
    secret: Path
    token: str
    server: Server
    helper: Helper

    def run(self, args: list[str]) -> Outcome:
        return self.helper.run(args, self.tmp)

    @property
    def secret_url(self) -> str:
        return self.secret.as_uri()

    def fill(self, text: str, **extra: str) -> str:
        text = text.replace("@BASE@", self.server.base).replace("@SECRET_URL@", self.secret_url)
        for key, value in extra.items():
            text = text.replace(f"@{key}@", value)
        return text

    def assert_no_leak(self, outcome: Outcome | None = None) -> None:
        """Neither token in the output nor in any file under tmp_path; no HTTP request."""
        assert self.server.requests == [], f"the attack reached the network: {self.server.requests}"
        if outcome is not None:
            for token in (self.token, self.server.token):
                assert token not in outcome.output, "a token leaked into the output"
        for path in self.tmp.rglob("*"):
            if path.is_file() and not path.is_symlink() and path != self.secret:
                data = path.read_bytes()
                for token in (self.token, self.server.token):
                    assert token.encode() not in data, f"a token leaked into {path}"


@pytest.fixture
def ctx(tmp_path: Path, server: Server, helper: Helper) -> Ctx:
    token = "SECRET" + secrets.token_hex(16)
    secret = tmp_path / "secret.txt"
    secret.write_text(token + "\n", encoding="utf-8")
    return Ctx(tmp_path, secret, token, server, helper)


# --- building hostile documents ----------------------------------------------------------

# Where each base document gets an entity reference or an XInclude: the text of one element.
ANCHORS = {"doc": b">A Sample Communication<", "register": b">Leon Trotsky<"}
XI = b'xmlns:xi="http://www.w3.org/2001/XInclude"'


def hostile(base: bytes, anchor: bytes, doctype: str = "", content: bytes | None = None,
            pad: int = 0) -> bytes:
    """``base`` with a DOCTYPE after the XML declaration (after ``pad`` bytes of comment)
    and the anchor element's text replaced by ``content``."""
    decl, rest = base.split(b"\n", 1)
    prolog = b""
    if pad:
        prolog += b"<!--" + b" " * pad + b"-->\n"
    if doctype:
        prolog += doctype.encode() + b"\n"
    if content is not None:
        rest = rest.replace(anchor, b">" + content + b"<", 1)
    return decl + b"\n" + prolog + rest


def billion_laughs() -> tuple[str, bytes]:
    levels = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return f"<!DOCTYPE TEI [{''.join(levels)}]>", b"&l9;"


def quadratic() -> tuple[str, bytes]:
    return f'<!DOCTYPE TEI [<!ENTITY q "{"x" * 50_000}">]>', b"&q;" * 50_000


# attack → (DOCTYPE, anchor content, bytes of comment before the DOCTYPE, reason in message)
Attack = Callable[[Ctx], tuple[str, bytes | None, int, str]]
ENTITY_ATTACKS: dict[str, Attack] = {
    "xxe-local-file": lambda c: (
        f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "{c.secret_url}">]>', b"&x;", 0, "entit"),
    "xxe-local-path": lambda c: (
        f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "{c.secret}">]>', b"&x;", 0, "entit"),
    "xxe-http": lambda c: (
        f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "{c.server.base}/x.xml">]>', b"&x;", 0, "entit"),
    "billion-laughs": lambda c: (*billion_laughs(), 0, "entit"),
    "quadratic-blowup": lambda c: (*quadratic(), 0, "entit"),
    "external-dtd": lambda c: (
        f'<!DOCTYPE TEI SYSTEM "{c.server.base}/x.dtd">', b"&leak;", 0, "external DTD"),
    "external-dtd-public": lambda c: (
        f'<!DOCTYPE TEI PUBLIC "-//EVIL//DTD X//EN" "{c.server.base}/x.dtd">', None, 0,
        "external DTD"),
    "parameter-entity-http": lambda c: (
        f'<!DOCTYPE TEI [<!ENTITY % p SYSTEM "{c.server.base}/x.dtd"> %p;]>', b"&leak;", 0,
        "entit"),
    "parameter-entity-file": lambda c: (
        f'<!DOCTYPE TEI [<!ENTITY % p SYSTEM "{c.secret_url}"> %p;]>', None, 0, "entit"),
    # The byte-level pre-check reads the first 1 MiB only: the parsed-tree check must hold.
    "xxe-after-2MB-comment": lambda c: (
        f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "{c.secret_url}">]>', b"&x;", 2 << 20, "entit"),
    "billion-laughs-after-2MB-comment": lambda c: (*billion_laughs(), 2 << 20, "entit"),
    "quadratic-blowup-after-2MB-comment": lambda c: (*quadratic(), 2 << 20, "entit"),
    "external-dtd-after-2MB-comment": lambda c: (
        f'<!DOCTYPE TEI SYSTEM "{c.server.base}/x.dtd">', None, 2 << 20, "external DTD"),
}

XINCLUDE_ATTACKS: dict[str, Callable[[Ctx], bytes]] = {
    "parent-folder-text": lambda c: b'<xi:include %s href="../secret.txt" parse="text"/>' % XI,
    "absolute-path-text": lambda c: (
        b'<xi:include %s href="%s" parse="text"/>' % (XI, str(c.secret).encode())),
    "file-url-text": lambda c: (
        b'<xi:include %s href="%s" parse="text"/>' % (XI, c.secret_url.encode())),
    "http-xml": lambda c: (
        b'<xi:include %s href="%s/x.xml"/>' % (XI, c.server.base.encode())),
    "http-text": lambda c: (
        b'<xi:include %s href="%s/x.txt" parse="text"/>' % (XI, c.server.base.encode())),
    # a symlink inside the folder pointing at the secret: resolved, then refused
    "symlink-escape": lambda c: b'<xi:include %s href="link.dat" parse="text"/>' % XI,
}

COMMANDS = ["validate", "export html", "export text", "build"]


@dataclass
class Target:
    path: Path
    """The hostile file."""
    args: list[str]


def benign(ctx: Ctx) -> Path:
    """A valid TEI document, with its register."""
    folder = ctx.tmp / "benign"
    folder.mkdir(exist_ok=True)
    shutil.copy(SAMPLE, folder / "sample.xml")
    shutil.copy(SAMPLE_REGISTER, folder / "register.xml")
    return folder / "sample.xml"


def target(ctx: Ctx, command: str, data_for: Callable[[bytes, bytes], bytes]) -> Target:
    """Write the hostile file for ``command`` and return how to run the command on it."""
    if command == "build":
        src = ctx.tmp / "src"
        shutil.copytree(SOURCE, src)
        path = src / "register.xml"
        path.write_bytes(data_for(path.read_bytes(), ANCHORS["register"]))
        return Target(path, ["build", "--source", str(src), "--out", str(ctx.tmp / "out")])
    folder = ctx.tmp / "doc"
    folder.mkdir()
    shutil.copy(SAMPLE_REGISTER, folder / "register.xml")
    path = folder / "hostile.xml"
    path.write_bytes(data_for(SAMPLE.read_bytes(), ANCHORS["doc"]))
    return Target(path, [*command.split(), str(path)])


def assert_bounded(outcome: Outcome) -> None:
    assert outcome.exception is None, f"internal error: {outcome.exception}"
    assert outcome.seconds < MAX_SECONDS, f"took {outcome.seconds:.2f} s"
    assert outcome.maxrss_kb < MAX_RSS_KB, f"peak RSS {outcome.maxrss_kb} KB"
    assert "Traceback" not in outcome.output


def assert_refused(outcome: Outcome, path: Path, reason: str) -> None:
    assert outcome.exit_code == 1, outcome.output
    assert_bounded(outcome)
    lines = [line for line in outcome.output.splitlines() if str(path) in line]
    assert lines, f"no message names {path}: {outcome.output}"
    assert any(re.search(reason, line, re.I) for line in lines), outcome.output


# --- entities and DTDs -------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("attack", list(ENTITY_ATTACKS))
def test_entity_and_dtd_attacks_are_refused(ctx, command, attack):
    doctype, content, pad, reason = ENTITY_ATTACKS[attack](ctx)
    job = target(ctx, command, lambda base, anchor: hostile(base, anchor, doctype, content, pad))
    outcome = ctx.run(job.args)
    assert_refused(outcome, job.path, reason)
    ctx.assert_no_leak(outcome)
    if command == "build":
        assert not (ctx.tmp / "out").exists(), "the build wrote output despite the refusal"


def test_quadratic_blowup_file_is_what_it_claims(ctx):
    doctype, content, _, _ = ENTITY_ATTACKS["quadratic-blowup"](ctx)
    data = hostile(SAMPLE.read_bytes(), ANCHORS["doc"], doctype, content)
    assert data.count(b"&q;") == 50_000 and b"x" * 50_000 in data  # 2.5 GB if expanded


# --- XInclude ----------------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("attack", list(XINCLUDE_ATTACKS))
def test_xinclude_outside_the_folder_or_to_a_url_is_refused(ctx, command, attack):
    include = XINCLUDE_ATTACKS[attack](ctx)
    job = target(ctx, command,
                 lambda base, anchor: hostile(base, anchor, content=b"Title" + include))
    if attack == "symlink-escape":
        (job.path.parent / "link.dat").symlink_to(ctx.secret)
    outcome = ctx.run(job.args)
    if command == "validate":
        assert_refused(outcome, job.path, r"\[xinclude\].*refusing to include")
    elif command == "build":
        # the register is refused (our schema has no xi:include), so the build fails
        assert_refused(outcome, job.path, "error")
    else:
        # export does not process XInclude at all: the element is passed over unresolved
        assert outcome.exit_code in (0, 1), outcome.output
        assert_bounded(outcome)
        if outcome.exit_code == 1:
            assert str(job.path) in outcome.output
    ctx.assert_no_leak(outcome)


# --- processing instructions that point at URLs ------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_stylesheet_and_model_instructions_are_never_fetched(ctx, command):
    pis = (f'<?xml-stylesheet type="text/xsl" href="{ctx.server.base}/x.xsl"?>\n'
           f'<?xml-model href="{ctx.server.base}/x.rng" type="application/xml" '
           'schematypens="http://relaxng.org/ns/structure/1.0"?>\n').encode()

    def with_pis(base: bytes, anchor: bytes) -> bytes:
        decl, rest = base.split(b"\n", 1)
        return decl + b"\n" + pis + rest

    job = target(ctx, command, with_pis)
    outcome = ctx.run(job.args)
    assert outcome.exit_code == 0, outcome.output  # processed normally
    assert_bounded(outcome)
    ctx.assert_no_leak(outcome)
    if command.startswith("export"):
        assert "A Sample Communication" in outcome.stdout


# --- user stylesheets (export --xslt) ----------------------------------------------------


def stylesheet(ctx: Ctx, name: str, **extra: str) -> Path:
    path = ctx.tmp / name
    path.write_text(ctx.fill((HOSTILE / name).read_text(encoding="utf-8"), **extra),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("to_folder", [False, True], ids=["stdout", "out-folder"])
@pytest.mark.parametrize("name", ["document-http.xsl", "document-file.xsl", "exsl-document.xsl"])
def test_user_stylesheet_may_not_read_write_or_fetch(ctx, name, to_folder):
    pwned = ctx.tmp / "pwned.txt"
    xsl = stylesheet(ctx, name, PWNED=str(pwned))
    doc = benign(ctx)
    out = ["-o", str(ctx.tmp / "exported")] if to_folder else []
    outcome = ctx.run(["export", "html", "--xslt", str(xsl), str(doc), *out])
    assert outcome.exit_code == 1, outcome.output
    ctx.assert_no_leak(outcome)
    assert not pwned.exists()
    assert not (ctx.tmp / "exported" / "sample.html").exists()
    assert_refused(outcome, doc, r"(read|write) rights .* denied")


def test_user_stylesheet_may_not_import_from_the_network(ctx):
    xsl = stylesheet(ctx, "import-http.xsl")
    doc = benign(ctx)
    outcome = ctx.run(["export", "html", "--xslt", str(xsl), str(doc)])
    assert_refused(outcome, xsl, "import of .* refused|not a usable XSLT")
    ctx.assert_no_leak(outcome)


def test_user_stylesheet_include_does_not_bypass_the_safe_parser(ctx):
    included = stylesheet(ctx, "included-xxe.xsl")
    xsl = stylesheet(ctx, "include-xxe.xsl", INCLUDED=included.as_uri())
    doc = benign(ctx)
    outcome = ctx.run(["export", "html", "--xslt", str(xsl), str(doc)])
    ctx.assert_no_leak(outcome)
    assert outcome.exit_code == 1, outcome.output
    assert str(xsl) in outcome.output or str(included) in outcome.output


# --- large files: the streaming validator -------------------------------------------------


@pytest.mark.parametrize("attack", ["xxe-local-file", "external-dtd"])
def test_large_file_with_a_late_doctype_is_refused_by_validate(ctx, attack):
    doctype, _, _, reason = ENTITY_ATTACKS[attack](ctx)
    data = hostile(SAMPLE.read_bytes(), ANCHORS["doc"], doctype, pad=9 << 20)
    job = target(ctx, "validate", lambda base, anchor: data)
    outcome = ctx.run(job.args)
    ctx.assert_no_leak(outcome)
    assert_refused(outcome, job.path, reason)


@pytest.mark.parametrize("command", ["export html", "export text"])
def test_large_file_with_a_late_doctype_is_refused_by_export(ctx, command):
    doctype, _, _, reason = ENTITY_ATTACKS["xxe-local-file"](ctx)
    data = hostile(SAMPLE.read_bytes(), ANCHORS["doc"], doctype, b"&x;", pad=9 << 20)
    job = target(ctx, command, lambda base, anchor: data)
    outcome = ctx.run(job.args)
    ctx.assert_no_leak(outcome)
    assert_refused(outcome, job.path, reason)


# --- no false refusals -------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["amp-only", "plain-doctype"])
def test_harmless_documents_are_not_refused(runner, tmp_path, variant):
    base = SAMPLE.read_bytes()
    if variant == "amp-only":
        data = base.replace(b">Various Subjects<", b">Various &amp; Subjects &lt;1&gt;<", 1)
    else:
        decl, rest = base.split(b"\n", 1)
        data = decl + b"\n<!DOCTYPE TEI>\n" + rest
    doc = tmp_path / "doc.xml"
    doc.write_bytes(data)
    shutil.copy(SAMPLE_REGISTER, tmp_path / "register.xml")
    result = runner.invoke(cli, ["validate", str(doc)])
    assert result.exit_code == 0, result.output
    for fmt in ("html", "text"):
        result = runner.invoke(cli, ["export", fmt, str(doc)])
        assert result.exit_code == 0, result.output
        if variant == "amp-only":
            expected = "Various &amp; Subjects &lt;1&gt;" if fmt == "html" else (
                "Various & Subjects <1>")
            assert expected in result.stdout


def test_the_secret_file_exists_and_tokens_are_random(ctx):
    """The harness itself: a leak check that can never fire proves nothing."""
    assert ctx.token in ctx.secret.read_text(encoding="utf-8")
    (ctx.tmp / "leaked.txt").write_text(ctx.token, encoding="utf-8")
    with pytest.raises(AssertionError, match="leaked into"):
        ctx.assert_no_leak()
    os.remove(ctx.tmp / "leaked.txt")
    import urllib.request

    with urllib.request.urlopen(f"{ctx.server.base}/x.dtd", timeout=5) as response:
        assert ctx.server.token.encode() in response.read()
    with pytest.raises(AssertionError, match="reached the network"):
        ctx.assert_no_leak()
