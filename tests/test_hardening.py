"""Hardening: what a crafted file name, path or document could do, one test per finding.

Fixtures are built in ``tmp_path``; tests that need root (devices) or a non-root user
(read-only folders) skip with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from lxml import etree

from tei_edition.cli import cli
from tei_edition.edition import build
from tei_edition.errors import OutputError, TeiEditionError
from tei_edition.export import transform
from tei_edition.issues import Issue
from tei_edition.site import page_href
from tei_edition.validate import Report, integrity, load_schema, sourcemap, validate
from tei_edition.validate.reporting import render_junit
from tei_edition.validate.schemas import OUR_XSD, TEI_ALL_ENV
from tei_edition.xmlio import (
    LOCK_FILE,
    NSMAP,
    TRANSCRIPTION_REF,
    OutputLock,
    PathIndex,
    parse_bytes,
    remove_stale_temporaries,
    write_atomic,
    write_atomic_many,
)

from .conftest import SOURCE, copy_source

NAME = "1920-11-29-soviet-press"
T = "http://www.tei-c.org/ns/1.0"
XI = "http://www.w3.org/2001/XInclude"
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (writes a device node)")
NOT_ROOT = pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only folder")
NEEDS_GIT = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(autouse=True)
def _no_tei_all(monkeypatch):
    monkeypatch.delenv(TEI_ALL_ENV, raising=False)


def tei(body: str, xmlns: str = "") -> str:
    return (f'<TEI xmlns="{T}"{xmlns}><teiHeader><fileDesc><titleStmt><title>t</title>'
            "</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p>"
            f"</sourceDesc></fileDesc></teiHeader><text><body><div>{body}</div></body></text>"
            "</TEI>")


# --- generated hrefs ------------------------------------------------------------------


def test_a_document_named_like_a_script_link_gets_a_relative_encoded_href(tmp_path):
    src = copy_source(tmp_path)
    shutil.copy(src / f"{NAME}.txt", src / "javascript:alert(1).txt")
    report = build(src, tmp_path / "out")
    assert report.built, report.failed
    html = tmp_path / "out" / "html"
    index = (html / "index.html").read_text(encoding="utf-8")
    hrefs = etree.HTML(index.encode()).xpath("//@href | //@src")
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    assert "javascript%3Aalert%281%29.html" in hrefs
    # the link leads to the page as written on disk (the browser decodes %3A)
    assert (html / "javascript:alert(1).html").is_file()
    assert page_href("a/../b\\c?d#e", fragment="x y") == "a%2F..%2Fb%5Cc%3Fd%23e.html#x%20y"


def test_the_index_stylesheet_itself_refuses_a_scheme_in_a_listing():
    listing = etree.fromstring(
        '<edition title="E" register="javascript:x()"><doc href="javascript:alert(1)">A</doc>'
        '<doc href="ok.html">B</doc><data href="\\\\host/x.csv" label="d"/></edition>')
    out = transform(listing.getroottree(), "index").decode()
    hrefs = etree.HTML(out.encode()).xpath("//a/@href")
    assert hrefs == ["ok.html"], hrefs


# --- graphic/@url with backslashes ---------------------------------------------------


@pytest.mark.parametrize("url", ["\\\\host/b.png", "/\\host/b.png", "\\/host/b.png"])
def test_a_backslash_url_is_neither_fetched_nor_linked(url):
    doc = tei(f'<figure><graphic url="{url}"/></figure><p>x</p>')
    out = transform(parse_bytes(doc.encode()), "html").decode()
    page = etree.HTML(out.encode())
    assert not page.xpath("//img"), out
    assert not [v for v in page.xpath("//@href | //@src") if "host" in v]
    # a plain relative image still shows
    ok = transform(parse_bytes(tei('<figure><graphic url="b.png"/></figure>').encode()), "html")
    assert etree.HTML(ok).xpath("//img/@src") == ["b.png"]


# --- validate --changed-since ---------------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org",
                    "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True,
                   capture_output=True)


@NEEDS_GIT
def test_changed_since_finds_non_ascii_names_and_never_passes_an_option(tmp_path, runner,
                                                                        monkeypatch):
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "commit", "-q", "--allow-empty", "-m", "empty")
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "Brief an Müller.xml").write_text(tei("<p>x</p>"), encoding="utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "one")
    (tmp_path / "tei" / "Brief an Müller.xml").write_text(tei("<p>y</p>"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    schema = ["--schema", str(OUR_XSD)]
    result = runner.invoke(cli, ["validate", *schema, "--changed-since", "HEAD",
                                 "--format", "json"])
    files = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert files == ["tei/Brief an Müller.xml"], result.output
    result = runner.invoke(cli, ["validate", *schema, "--changed-since=--output=pwned"])
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "pwned").exists()


# --- -o onto links, devices, FIFOs ------------------------------------------------------


@pytest.mark.parametrize("write", [write_atomic, lambda p, d: write_atomic_many([(p, d)])])
def test_a_file_already_holding_the_bytes_is_not_written_again(tmp_path, write):
    path = tmp_path / "page.html"
    write(path, b"<p>one</p>")
    inode, mtime = path.stat().st_ino, path.stat().st_mtime_ns
    write(path, b"<p>one</p>")
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (inode, mtime)
    write(path, b"<p>two</p>")  # same size, other bytes: replaced
    assert path.read_bytes() == b"<p>two</p>" and path.stat().st_ino != inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


def test_write_refuses_a_symlink_and_leaves_its_target(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    link = tmp_path / "out.xml"
    link.symlink_to(victim)
    with pytest.raises(OutputError, match="symbolic link"):
        write_atomic(link, b"new")
    assert victim.read_text(encoding="utf-8") == "keep" and link.is_symlink()


def test_write_goes_straight_through_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, b"through")
    reader.join(10)
    assert got == [b"through"] and fifo.is_fifo()


@ROOT_ONLY
def test_write_to_dev_null_keeps_the_device(runner, tmp_path):
    result = runner.invoke(cli, ["convert", str(SOURCE / f"{NAME}.txt"), "-o", "/dev/null"])
    assert result.exit_code == 0, result.output
    assert Path("/dev/null").is_char_device()


# --- build/: temporaries, the lock, source/ links and names ---------------------------------


def test_stale_cleanup_removes_only_our_own_temporaries(tmp_path):
    mine = tmp_path / "html" / ".tei-edition-0123abcd-index.html.tmp"
    theirs = tmp_path / "html" / ".notes.tmp"
    mine.parent.mkdir()
    mine.write_text("x")
    theirs.write_text("an editor's own file")
    remove_stale_temporaries(tmp_path)
    assert not mine.exists() and theirs.exists()


def test_a_second_build_into_the_same_folder_stops_clearly(tmp_path):
    src = copy_source(tmp_path)
    with OutputLock(tmp_path / "out"), pytest.raises(TeiEditionError) as info:
        build(src, tmp_path / "out")
    expected = f"another build is writing into {tmp_path / 'out'}/ (pid {os.getpid()})"
    assert expected in str(info.value)
    assert build(src, tmp_path / "out").built  # released: the next build runs
    assert (tmp_path / "out" / LOCK_FILE).is_file()


def test_a_link_out_of_source_is_refused_and_the_rest_built(tmp_path):
    src = copy_source(tmp_path)
    secret = tmp_path / "secret.txt"
    shutil.copy(src / f"{NAME}.txt", secret)
    (src / "leak.txt").symlink_to(secret)
    report = build(src, tmp_path / "out")
    assert report.built == [str(src / f"{NAME}.txt")]
    [reason] = report.failed[str(src / "leak.txt")]
    assert "symbolic link" in reason and "copy the file" in reason
    assert not list((tmp_path / "out").rglob("leak.*"))


def test_a_file_name_that_is_not_utf8_is_reported_and_the_rest_built(tmp_path, runner):
    src = copy_source(tmp_path)
    bad = os.fsdecode(os.fsencode(src) + b"/caf\xe9.txt")
    shutil.copy(src / f"{NAME}.txt", bad)
    result = runner.invoke(cli, ["build", "--source", str(src), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "internal error" not in result.output
    assert "caf\\xe9.txt: error: the file name is not UTF-8" in result.stderr
    assert (tmp_path / "o" / "html" / f"{NAME}.html").is_file()


# --- quadratic validate paths -----------------------------------------------------------


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def test_many_attributes_are_explained_quickly_and_capped(tmp_path):
    attrs = " ".join(f'a{i}="x"' for i in range(4000))
    (tmp_path / "a.xml").write_text(tei(f"<p {attrs}>x</p>"), encoding="utf-8")
    report, seconds = timed(lambda: validate([tmp_path / "a.xml"], [OUR_XSD], rules=False))
    assert seconds < 10, seconds  # was 147 s
    messages = [i.message for i in report.issues]
    assert any("has 4000 attributes" in m for m in messages)
    assert any("only the first 100 are explained" in m for m in messages)


def test_paths_of_many_problems_among_many_siblings_are_linear():
    doc = tei("".join(f'<p><date when="x{i}">d</date><ref target="#no{i}">r</ref></p>'
                      for i in range(20000)))
    tree = parse_bytes(doc.encode())
    (issues, facts), seconds = timed(lambda: integrity.check_document(tree, "a.xml"))
    dangling = integrity.check_edition([facts], lambda _: None)
    assert seconds < 10, seconds  # was minutes
    assert len(issues) == 20000 and len(dangling) == 20000
    assert issues[-1].xpath == "/tei:TEI/tei:text/tei:body/tei:div/tei:p[20000]/tei:date"
    assert dangling[-1].xpath == "/tei:TEI/tei:text/tei:body/tei:div/tei:p[20000]/tei:ref"


def test_unused_register_entries_are_found_once_each(tmp_path):
    entries = "".join(f'<person xml:id="e{i}"><persName>N</persName></person>'
                      for i in range(10000))
    (tmp_path / "register.xml").write_text(tei(f"<listPerson>{entries}</listPerson>"))
    (tmp_path / "a.xml").write_text(tei('<p><persName ref="register.xml#e0">N</persName></p>'))
    report, seconds = timed(lambda: validate([tmp_path / "a.xml", tmp_path / "register.xml"],
                                             [OUR_XSD]))
    unused = [i for i in report.issues if i.rule == "register-unused"]
    assert len(unused) == 9999 and seconds < 10, seconds  # was 128 s
    assert unused[-1].xpath.endswith("tei:listPerson/tei:person[10000]")


def test_path_index_agrees_with_positions():
    root = etree.fromstring(f'<TEI xmlns="{T}" xmlns:o="urn:o"><p/><o:x/><p/><o:y/><lb/></TEI>')
    paths = PathIndex()
    assert [paths(el) for el in root] == [
        "/tei:TEI/tei:p[1]", "/tei:TEI/*[2]", "/tei:TEI/tei:p[2]", "/tei:TEI/*[4]",
        "/tei:TEI/tei:lb"]
    assert all(root.xpath(paths(el), namespaces=NSMAP) == [el] for el in root)


# --- names, paths and messages ------------------------------------------------------------


def test_a_file_named_tei_all_does_not_override_the_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    grammar = ('<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start>'
               '<element name="{}"><empty/></element></start></grammar>')
    (tmp_path / "tei_all").write_text(grammar.format("planted"))
    rng = tmp_path / "configured.rng"
    rng.write_text(grammar.format("x"))
    monkeypatch.setenv(TEI_ALL_ENV, str(rng))
    assert load_schema("tei_all").path == rng.resolve()
    assert load_schema("./tei_all").path == (tmp_path / "tei_all").resolve()


def _converted_pointing_at(target: str) -> etree._ElementTree:
    doc = tei("<p>x</p>").replace(
        "</fileDesc>", '</fileDesc><encodingDesc><appInfo><application ident="tei-edition" '
        f'version="1"><label>t</label><ref type="transcription" target="{target}"/>'
        "</application></appInfo></encodingDesc>")
    tree = parse_bytes(doc.encode())
    assert tree.getroot().find(TRANSCRIPTION_REF, NSMAP) is not None
    return tree


def test_the_transcription_is_read_only_inside_the_documents_folder(tmp_path, monkeypatch):
    (tmp_path / "doc").mkdir()
    (tmp_path / "outside.txt").write_text("x")
    (tmp_path / "doc" / "inside.txt").write_text("x")
    read: list[Path] = []
    monkeypatch.setattr(sourcemap, "_block_lines", lambda _tree, path: read.append(path) or {})
    issue = Issue(str(tmp_path / "doc" / "a.xml"), 1, None, "error", "r", "m")
    for target in ("../outside.txt", "/etc/passwd", "inside.txt"):
        sourcemap.locate_in_transcription(_converted_pointing_at(target), issue.file, [issue])
    assert read == [tmp_path / "doc" / "inside.txt"]


def test_junit_stays_well_formed_with_control_characters_in_a_file_name():
    name = "bad\x01name\x1b.xml"
    report = Report(["s"], [name], [Issue(name, 1, None, "error", "xsd", "bell\x07")])
    root = etree.fromstring(render_junit(report).encode())
    assert root.find(".//testcase").get("name") == "bad\\x01name\\x1b.xml"


@pytest.mark.parametrize(("args", "code", "message"), [
    (["-o", ""], 2, "the output path is empty"),
    (["--encoding", "rot13"], 2, "not a text encoding"),
    (["-o", "/dev/full"], 1, "No space left on device"),
])
def test_bad_outputs_and_encodings_are_one_line_errors(runner, args, code, message):
    if "/dev/full" in args and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    result = runner.invoke(cli, ["convert", str(SOURCE / f"{NAME}.txt"), *args])
    assert result.exit_code == code, result.output
    assert message in result.stderr and "internal error" not in result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


@NOT_ROOT
def test_a_read_only_folder_is_a_one_line_error(runner, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir(mode=0o555)
    result = runner.invoke(cli, ["convert", str(SOURCE / f"{NAME}.txt"), "-o", str(ro / "x")])
    assert result.exit_code == 1 and "Permission denied" in result.stderr
    assert "internal error" not in result.stderr


def test_entities_suggest_with_a_missing_register_is_a_usage_error(runner):
    result = runner.invoke(cli, ["entities", "suggest", str(SOURCE / f"{NAME}.txt"),
                                 "--register", "nosuch.xml"])
    assert result.exit_code == 2 and "nosuch.xml: no such file" in result.stderr


def test_two_exports_with_one_stem_are_refused(runner, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.xml").write_text(tei("<p>x</p>"), encoding="utf-8")
    a, b = tmp_path / "a" / "x.xml", tmp_path / "b" / "x.xml"
    result = runner.invoke(cli, ["export", "text", "-o", str(tmp_path / "out"), str(a), str(b)])
    assert result.exit_code == 2 and str(a) in result.stderr and str(b) in result.stderr
    assert not (tmp_path / "out" / "x.txt").exists()


# --- XInclude ---------------------------------------------------------------------------


def test_ids_of_included_content_belong_to_the_included_file(tmp_path):
    (tmp_path / "part.xml").write_text(tei('<p xml:id="shared">part</p>'), encoding="utf-8")
    (tmp_path / "main.xml").write_text(tei(
        '<p xml:id="own" corresp="#shared">m</p><xi:include href="part.xml" '
        'xpointer="shared"/>', f' xmlns:xi="{XI}"'), encoding="utf-8")
    report = validate([tmp_path / "main.xml", tmp_path / "part.xml"], [OUR_XSD],
                      unique_ids=True)
    rules = {i.rule for i in report.issues}
    assert "id-unique" not in rules and "ref-resolves" not in rules, report.issues


def test_an_include_in_an_unused_fallback_is_not_processed(tmp_path):
    (tmp_path / "part.xml").write_text(tei("<p>part</p>"), encoding="utf-8")
    include = ('<xi:include href="{href}"><xi:fallback><xi:include href="/etc/passwd" '
               'parse="text"/></xi:fallback></xi:include>')
    (tmp_path / "used.xml").write_text(tei(include.format(href="part.xml"),
                                           f' xmlns:xi="{XI}"'), encoding="utf-8")
    report = validate([tmp_path / "used.xml"], [OUR_XSD])
    assert not [i for i in report.issues if i.rule == "xinclude"], report.issues
    # when the fallback is used, its own include is processed (and refused here)
    (tmp_path / "fallback.xml").write_text(tei(include.format(href="gone.xml"),
                                               f' xmlns:xi="{XI}"'), encoding="utf-8")
    report = validate([tmp_path / "fallback.xml"], [OUR_XSD])
    assert any(i.rule == "xinclude" and "/etc/passwd" in i.message for i in report.issues)
