"""Robustness: honest exit codes and one-line errors, encodings, interrupted builds,
one bad document among good ones, and byte-identical rebuilds."""

from __future__ import annotations

import codecs
import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_edition import build
from tei_edition.cli import cli
from tei_edition.edition import STATE_FILE
from tei_edition.errors import TeiEditionError
from tei_edition.validate.schemas import TEI_ALL_ENV
from tei_edition.xmlio import LOCK_FILE

from .conftest import CASES, SOURCE, copy_source

NAME = "1920-11-29-soviet-press"
SAMPLE = CASES / "spec" / "sample.xml"
OUTPUT_DIRS = ("tei", "html", "text", "schema", "data")


@pytest.fixture(autouse=True)
def _no_tei_all(monkeypatch):
    """Builds of copied sources check against schema/ only, whatever the environment says."""
    monkeypatch.delenv(TEI_ALL_ENV, raising=False)


def snapshot(out: Path) -> dict[str, bytes]:
    """Every output file under tei/, html/, text/, schema/ and data/, by relative path."""
    return {str(p.relative_to(out)): p.read_bytes()
            for d in OUTPUT_DIRS for p in sorted((out / d).rglob("*")) if p.is_file()}


def hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- a) every error path: exit code 1 or 2, one line on stderr, no traceback --------------


@dataclass
class Case:
    id: str
    args: Callable[[dict[str, Path]], list[str]]
    exit_codes: set[int]
    says: Callable[[dict[str, Path]], list[str]] = lambda f: []
    ours: bool = True
    """The error is one of ours (a TeiEditionError), not click's own usage error."""
    marks: list[pytest.MarkDecorator] = field(default_factory=list)


LATIN = "Title\n\n1920\n\nCafé au lait.\n".encode("latin-1")
LATIN_LINE, LATIN_COL, LATIN_OFFSET = 5, 4, LATIN.index(b"\xe9")


CASES_A = [
    Case("convert-missing-file", lambda f: ["convert", str(f["dir"] / "missing.txt")], {2},
         lambda f: ["missing.txt", "no such file"]),
    Case("convert-empty-file", lambda f: ["convert", str(f["empty"])], {1},
         lambda f: [f"{f['empty']}:1:", "empty"]),
    Case("convert-latin-1-bytes", lambda f: ["convert", str(f["latin"])], {1},
         lambda f: [f"{f['latin']}:{LATIN_LINE}:{LATIN_COL}:", f"offset {LATIN_OFFSET}",
                    "--encoding"]),
    Case("convert-encoding-latin-1", lambda f: ["convert", "--encoding", "latin-1",
                                                str(f["latin"])], {0},
         lambda f: ["Café au lait."]),
    Case("convert-encoding-nosuch", lambda f: ["convert", "--encoding", "nosuch",
                                               str(f["latin"])], {1, 2},
         lambda f: ["unknown encoding", "nosuch"]),
    Case("validate-missing-path", lambda f: ["validate", str(f["dir"] / "missing.xml")], {2},
         lambda f: ["missing.xml"]),
    Case("validate-schema-not-a-schema",
         lambda f: ["validate", "--schema", str(f["notschema"]), str(SAMPLE)], {2},
         lambda f: [str(f["notschema"]), "neither an XSD nor a RELAX NG"]),
    Case("validate-malformed", lambda f: ["validate", str(f["malformed"])], {1},
         lambda f: [f"{f['malformed']}:2:", "[wellformed]", "0 valid, 1 invalid"]),
    Case("export-html-malformed", lambda f: ["export", "html", str(f["malformed"])], {1},
         lambda f: [f"{f['malformed']}:2:", "not well-formed"]),
    Case("export-text-malformed", lambda f: ["export", "text", str(f["malformed"])], {1},
         lambda f: [f"{f['malformed']}:2:", "not well-formed"]),
    Case("export-diplomatic-html", lambda f: ["export", "--diplomatic", "html", str(SAMPLE)],
         {2}, lambda f: ["--diplomatic", "text export only"]),
    Case("export-out-is-a-file",
         lambda f: ["export", "html", str(SAMPLE), "-o", str(f["afile"])], {2},
         lambda f: ["afile", "is a file"], ours=False),
    Case("build-source-missing",
         lambda f: ["build", "--source", str(f["dir"] / "nosource"), "--out",
                    str(f["dir"] / "out")], {2},
         lambda f: ["nosource", "source folder not found"]),
    Case("build-malformed-edition-toml",
         lambda f: ["build", "--source", str(f["badtoml"]), "--out", str(f["dir"] / "out")],
         {1}, lambda f: [str(f["badtoml"] / "edition.toml"), "TOML"]),
    Case("register-check-without-register",
         lambda f: ["register", "check", "--source", str(f["noreg"])], {2},
         lambda f: [str(f["noreg"] / "register.xml")]),
    Case("entities-suggest-missing-file",
         lambda f: ["entities", "suggest", str(f["dir"] / "missing.txt")], {2},
         lambda f: ["missing.txt", "does not exist"], ours=False),
    Case("unknown-command", lambda f: ["nosuchcmd"], {2}, lambda f: ["nosuchcmd"],
         ours=False),
    Case("version", lambda f: ["--version"], {0}, lambda f: ["tei-edition", "0.1.0"],
         ours=False),
]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    f = {"dir": tmp_path}
    f["empty"] = tmp_path / "empty.txt"
    f["empty"].write_bytes(b"")
    f["latin"] = tmp_path / "latin.txt"
    f["latin"].write_bytes(LATIN)
    f["notschema"] = tmp_path / "notschema.xml"
    f["notschema"].write_text("<root><child/></root>\n", encoding="utf-8")
    f["malformed"] = tmp_path / "malformed.xml"
    f["malformed"].write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<a></TEI>\n',
                              encoding="utf-8")
    f["afile"] = tmp_path / "afile"
    f["afile"].write_text("x", encoding="utf-8")
    f["badtoml"] = tmp_path / "badtoml"
    f["badtoml"].mkdir()
    shutil.copy(SOURCE / f"{NAME}.txt", f["badtoml"])
    (f["badtoml"] / "edition.toml").write_text('[edition\ntitle = "x"\n', encoding="utf-8")
    f["noreg"] = tmp_path / "noreg"
    f["noreg"].mkdir()
    shutil.copy(SOURCE / f"{NAME}.txt", f["noreg"])
    return f


def params(cases: list[Case], *, with_marks: bool) -> list:  # type: ignore[type-arg]
    return [pytest.param(c, id=c.id, marks=c.marks if with_marks else []) for c in cases]


@pytest.mark.parametrize("case", params(CASES_A, with_marks=False))
def test_exit_code_and_message(case, files):
    result = CliRunner().invoke(cli, case.args(files))
    assert result.exit_code in case.exit_codes, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"internal error: {result.exception!r}")
    assert "Traceback" not in result.output
    for text in case.says(files):
        assert text in result.output, result.output


@pytest.mark.parametrize(
    "case", params([c for c in CASES_A if 0 not in c.exit_codes], with_marks=True))
def test_error_is_one_line_on_stderr(case, files):
    result = CliRunner().invoke(cli, case.args(files))
    assert result.exit_code in (1, 2)
    assert len(result.stderr.splitlines()) == 1, result.stderr


@pytest.mark.parametrize(
    "case", params([c for c in CASES_A if c.ours and 0 not in c.exit_codes
                    and c.id != "validate-malformed"], with_marks=False))
def test_debug_raises_instead_of_printing(case, files):
    """With --debug our errors propagate (the traceback is shown); exit code stays non-zero."""
    result = CliRunner().invoke(cli, ["--debug", *case.args(files)])
    assert result.exit_code != 0
    assert isinstance(result.exception, TeiEditionError), result.output


def test_debug_prints_a_traceback_from_the_console(files):
    proc = subprocess.run(
        [sys.executable, "-m", "tei_edition.cli", "--debug", "convert", str(files["empty"])],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" in proc.stderr and "TranscriptionError" in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "tei_edition.cli", "convert", str(files["empty"])],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and len(proc.stderr.splitlines()) == 1


def test_export_with_user_stylesheet_to_a_folder(tmp_path):
    xsl = tmp_path / "plain.xsl"
    xsl.write_text('<xsl:stylesheet version="1.0" '
                   'xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                   '<xsl:output method="text"/><xsl:template match="/">hello</xsl:template>'
                   "</xsl:stylesheet>\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "html", "--xslt", str(xsl), str(SAMPLE),
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "sample.txt").read_text(encoding="utf-8") == "hello\n"


def test_xinclude_with_an_unknown_encoding_is_reported(tmp_path):
    shutil.copy(CASES / "spec" / "register.xml", tmp_path)
    (tmp_path / "part.txt").write_text(" part", encoding="utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_bytes(SAMPLE.read_bytes().replace(
        b">Various Subjects<",
        b'>Various<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="part.txt" '
        b'parse="text" encoding="nosuch"/><', 1))
    result = CliRunner().invoke(cli, ["validate", str(doc)])
    assert result.exit_code == 1
    assert "internal error" not in result.output
    assert f"{doc}:" in result.stdout and "[xinclude]" in result.stdout


# --- b) encodings ------------------------------------------------------------------------

ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
}


def convert_to_bytes(tmp_path: Path, variant: str, data: bytes) -> bytes:
    folder = tmp_path / variant
    folder.mkdir()
    (folder / f"{NAME}.txt").write_bytes(data)
    out = folder / f"{NAME}.xml"
    result = CliRunner().invoke(cli, ["convert", str(folder / f"{NAME}.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_bom_and_utf16_read_as_plain_utf8(tmp_path):
    text = (SOURCE / f"{NAME}.txt").read_text(encoding="utf-8")
    assert any(ord(c) > 127 for c in text)  # the comparison means something
    results = {v: convert_to_bytes(tmp_path, v, encode(text)) for v, encode in ENCODINGS.items()}
    assert len(set(results.values())) == 1, [v for v in results if results[v] != results["utf-8"]]


@pytest.mark.parametrize("variant", ["latin-1", "utf-8-with-stray-ff"])
def test_bad_bytes_are_refused_with_line_and_offset(tmp_path, variant):
    if variant == "latin-1":
        data = "Title\n\nNovember 29, 1920\n\nCafé, naïve.\n".encode("latin-1")
        bad = data.index(b"\xe9")
    else:
        data = ("Title — “quoted”\n\nNovember 29, 1920\n\nFirst paragraph, naïve.\n\n"
                "Second ").encode() + b"\xff" + b" paragraph.\n"
        bad = data.index(b"\xff")
    line = data.count(b"\n", 0, bad) + 1
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    out = tmp_path / "doc.xml"
    result = CliRunner().invoke(cli, ["convert", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"{path}:{line}:"), result.stderr
    assert f"offset {bad}" in result.stderr and "--encoding" in result.stderr
    assert not out.exists()


# --- c) interruption ---------------------------------------------------------------------

TMP_NAME = re.compile(r"^\.tei-edition-[0-9a-f]{8}-(?P<final>.+)\.tmp$")
RUNS = 12


def build_command(src: Path, out: Path) -> list[str]:
    # --force: the inputs do not change between runs, and every run must write.
    return [sys.executable, "-m", "tei_edition.cli", "build", "--source", str(src),
            "--out", str(out), "--force"]


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop(TEI_ALL_ENV, None)
    return env


def test_interrupted_build_leaves_old_or_new_files_never_a_torso(tmp_path, record_property):
    src = copy_source(tmp_path)
    out = tmp_path / "out"
    source_hashes = hashes(src)
    for _ in range(2):  # the second run is timed: caches warm, as in the runs below
        start = time.perf_counter()
        subprocess.run(build_command(src, out), check=True, capture_output=True, timeout=120,
                       env=child_env())
        duration = time.perf_counter() - start
    new = snapshot(out)
    assert {f"tei/{NAME}.xml", f"html/{NAME}.html", f"text/{NAME}.txt", "tei/register.xml",
            "html/index.html"} <= set(new)
    old = {rel: b"OLD " + data for rel, data in new.items()}

    rng = random.Random(1234)
    leftovers: list[tuple[str, str]] = []
    outcomes = []
    for run in range(RUNS):
        for rel, data in old.items():
            (out / rel).write_bytes(data)
        sig = signal.SIGINT if run % 3 == 2 else signal.SIGKILL
        delay = rng.uniform(0, duration)
        proc = subprocess.Popen(build_command(src, out), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=child_env())
        time.sleep(delay)
        proc.send_signal(sig)
        code = proc.wait(timeout=60)
        # The build state (and its temporary file) and the lock are bookkeeping, not outputs.
        now = {str(p.relative_to(out)): p for p in out.rglob("*")
               if p.is_file() and p.name != LOCK_FILE and STATE_FILE.lstrip(".") not in p.name}
        states = []
        for rel, path in sorted(now.items()):
            if rel in new:
                data = path.read_bytes()
                assert data in (old[rel], new[rel]), (
                    f"run {run} ({sig.name} after {delay:.3f} s): {rel} is neither the "
                    f"previous nor the new file ({len(data)} bytes)")
                states.append("new" if data == new[rel] else "old")
                continue
            m = TMP_NAME.match(path.name)
            assert m and str(Path(rel).parent / m["final"]) in new, (
                f"run {run}: unexpected file {rel}")
            leftovers.append((sig.name, rel))
            path.unlink()
        assert set(new) <= set(now), f"run {run}: an output file vanished"
        assert hashes(src) == source_hashes, f"run {run}: the source folder changed"
        outcomes.append(f"{sig.name}@{delay:.3f}s→rc {code}: {states.count('new')} new")
    record_property("build_seconds", round(duration, 3))
    record_property("runs", outcomes)
    record_property("leftover_tmp_files", leftovers)
    print(f"\nbuild {duration:.3f} s; runs: {outcomes}; leftover temporary files: {leftovers}")


def test_keyboard_interrupt_while_creating_the_temporary_file_leaves_nothing(
        tmp_path, monkeypatch):
    from tei_edition import xmlio

    real = os.open

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        fd = real(*args, **kwargs)  # the file now exists ...
        os.close(fd)
        raise KeyboardInterrupt  # ... and the signal arrives before open returns

    monkeypatch.setattr(xmlio.os, "open", interrupted)
    target = tmp_path / "out.xml"
    with pytest.raises(KeyboardInterrupt):
        xmlio.write_atomic(target, b"new")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


# --- d) one bad document does not stop the others -----------------------------------------


def test_a_failed_document_does_not_stop_the_others(tmp_path):
    src = copy_source(tmp_path)
    bad = src / "0000-bad.txt"  # sorts first: the good one is built after it
    bad.write_text("A Title\n\nNovember 29, 1920\n\nText with a marker [2].\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "--source", str(src), "--out", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{bad}:5:" in result.stderr and "[2]" in result.stderr
    assert "built 1 document(s)" in result.stdout and "1 failed" in result.stdout
    for rel in (f"tei/{NAME}.xml", f"html/{NAME}.html", f"text/{NAME}.txt", "html/index.html"):
        assert (out / rel).stat().st_size > 0, rel
    assert not list(out.rglob("0000-bad.*"))
    assert "0000-bad" not in (out / "html" / "index.html").read_text(encoding="utf-8")


# --- e) determinism ----------------------------------------------------------------------


def test_builds_are_byte_identical(tmp_path):
    src = copy_source(tmp_path)
    first, second = tmp_path / "a", tmp_path / "b"
    assert build(src, first).ok
    assert build(src, second).ok
    a = snapshot(first)
    assert len(a) >= 5 and all(rel.split("/")[0] in OUTPUT_DIRS for rel in a)
    assert snapshot(second) == a
    assert build(src, first).ok
    assert snapshot(first) == a
    assert not list(first.rglob("*.tmp"))
