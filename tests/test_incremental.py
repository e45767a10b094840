"""Incremental and parallel builds; one compiled RELAX NG grammar across documents."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_edition.cli import cli
from tei_edition.edition import STATE_FILE, build
from tei_edition.validate import validate
from tei_edition.validate.schemas import CACHE_ENV, RNG_NS, RNGSchema

from .conftest import SOURCE

DATE = re.compile(r"^November 29, 1920$", re.M)
NAMES = ("1920-11-29-a", "1920-11-30-b", "1920-12-01-c")


def edition(tmp_path: Path) -> Path:
    """source/ with three documents made from the bundled one, on three days."""
    src = tmp_path / "src"
    shutil.copytree(SOURCE, src)
    [text] = sorted(SOURCE.glob("*.txt"))
    body = text.read_text("utf-8")
    (src / text.name).unlink()
    (src / "corrections.toml").write_text("", "utf-8")  # its facts name that document
    toml = (src / "edition.toml").read_text("utf-8")
    (src / "edition.toml").write_text(toml.split("\n[documents.")[0] + "\n", "utf-8")
    for name, day in zip(NAMES, ("November 29, 1920", "November 30, 1920",
                                 "December 1, 1920"), strict=True):
        (src / f"{name}.txt").write_text(DATE.sub(day, body), "utf-8")
    return src


def files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != STATE_FILE}


def inodes(out: Path) -> dict[str, int]:
    """write_atomic renames a new file into place: a rewritten file has a new inode."""
    return {str(p.relative_to(out)): p.stat().st_ino for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != STATE_FILE}


def outputs_of(name: str) -> list[str]:
    return [f"tei/{name}.xml", f"text/{name}.txt", f"html/{name}.html", f"html/tei/{name}.xml"]


@pytest.fixture(autouse=True)
def _no_user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))


def test_no_change_rebuild_writes_nothing_and_says_so(tmp_path: Path) -> None:
    src, out = edition(tmp_path), tmp_path / "out"
    first = build(src, out, jobs=1)
    assert first.ok and first.rebuilt == 3
    before = inodes(out)
    again = build(src, out, jobs=1)
    assert again.up_to_date and again.ok and again.rebuilt == 0
    assert again.built == first.built and again.schemas == first.schemas
    assert inodes(out) == before
    result = CliRunner().invoke(cli, ["build", "--source", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "nothing changed: 3 documents up to date" in result.output


def test_an_unchanged_transcription_is_not_rebuilt(tmp_path: Path) -> None:
    src, out = edition(tmp_path), tmp_path / "out"
    build(src, out, jobs=1)
    before = inodes(out)
    changed = src / f"{NAMES[1]}.txt"
    changed.write_text(changed.read_text("utf-8").replace("military quiet", "military calm"),
                       "utf-8")
    report = build(src, out, jobs=1)
    assert report.ok and report.rebuilt == 1 and not report.up_to_date
    after = inodes(out)
    for rel in outputs_of(NAMES[1]):
        assert after[rel] != before[rel], f"{rel} was not rebuilt"
    # The others' TEI and text are kept; their pages too (neighbours' titles unchanged).
    for name in (NAMES[0], NAMES[2]):
        for rel in outputs_of(name):
            assert after[rel] == before[rel], f"{rel} was rebuilt"
    assert b"military calm" in (out / "tei" / f"{NAMES[1]}.xml").read_bytes()
    # The edition-wide outputs are made again, but one whose bytes are the same (the
    # listing: titles and dates did not change) is not written again.
    assert after["html/index.html"] == before["html/index.html"]
    # The same result as a full build.
    full = tmp_path / "full"
    build(src, full, jobs=1, force=True)
    assert files(out) == files(full)


def test_a_changed_register_rebuilds_its_users(tmp_path: Path) -> None:
    src, out = edition(tmp_path), tmp_path / "out"
    build(src, out, jobs=1)
    before = inodes(out)
    register = src / "register.xml"
    data = register.read_text("utf-8")
    assert "Wrangel" in data
    register.write_text(data.replace("Compiled by the editors", "Compiled by the two editors"),
                        "utf-8")
    report = build(src, out, jobs=1)
    # Every document mentions Wrangel, an entry of the register: all are converted again.
    assert report.ok and report.rebuilt == 3
    after = inodes(out)
    # The change is in the register's own header, which no document copies: their TEI
    # comes out the same bytes and is not written again; the published register changes.
    for name in NAMES:
        assert after[f"tei/{name}.xml"] == before[f"tei/{name}.xml"]
    for rel in ("tei/register.xml", "html/tei/register.xml"):
        assert after[rel] != before[rel]
        assert b"Compiled by the two editors" in (out / rel).read_bytes()


def test_a_deleted_output_is_rebuilt_and_force_rebuilds_all(tmp_path: Path) -> None:
    src, out = edition(tmp_path), tmp_path / "out"
    build(src, out, jobs=1)
    expected = files(out)
    (out / "html" / f"{NAMES[2]}.html").unlink()
    report = build(src, out, jobs=1)
    assert report.rebuilt == 1 and files(out) == expected
    assert build(src, out, jobs=1, force=True).rebuilt == 3
    assert files(out) == expected


def test_a_removed_transcription_is_noticed(tmp_path: Path) -> None:
    src, out = edition(tmp_path), tmp_path / "out"
    build(src, out, jobs=1)
    (src / f"{NAMES[2]}.txt").unlink()
    report = build(src, out, jobs=1)
    assert not report.up_to_date and len(report.built) == 2
    assert not (out / "tei" / f"{NAMES[2]}.xml").exists()
    assert NAMES[2] not in json.loads((out / STATE_FILE).read_text("utf-8"))["documents"]


def test_a_failed_document_is_reported_again_without_a_rebuild(tmp_path: Path) -> None:
    src, out = edition(tmp_path), tmp_path / "out"
    (src / "0000-bad.txt").write_bytes(b"\xff\xfe\xfa not text")
    first = build(src, out, jobs=1)
    assert str(src / "0000-bad.txt") in first.failed
    again = build(src, out, jobs=1)
    assert again.up_to_date and again.failed == first.failed and not again.ok
    assert again.warnings == first.warnings


def test_parallel_build_is_byte_identical(tmp_path: Path) -> None:
    src = edition(tmp_path)
    one, two = tmp_path / "one", tmp_path / "two"  # siblings: the same relative paths
    assert build(src, one, jobs=1).ok
    report = build(src, two, jobs=2)
    assert report.ok and report.rebuilt == 3
    assert files(one) == files(two)
    assert len([f for f in files(two) if f.startswith("html/")]) > 3


def test_state_is_written_atomically_and_names_every_document(tmp_path: Path) -> None:
    src, out = edition(tmp_path), tmp_path / "out"
    build(src, out, jobs=2)
    state = json.loads((out / STATE_FILE).read_text("utf-8"))
    assert sorted(state["documents"]) == sorted(NAMES)
    assert not list(out.rglob("*.tmp"))


# --- one compiled grammar for many documents ---------------------------------------------

GRAMMAR = f"""<grammar xmlns="{RNG_NS}">
  <start><element name="doc"><zeroOrMore><ref name="item"/></zeroOrMore></element></start>
  <define name="item"><choice>
    <element name="a"><text/></element>
    <element name="b"><optional><ref name="item"/></optional></element>
    <element name="c"><ref name="item"/></element>
  </choice></define>
</grammar>"""


def rng(tmp_path: Path) -> RNGSchema:
    path = tmp_path / "g.rng"
    path.write_text(GRAMMAR, "utf-8")
    return RNGSchema(path, etree.parse(str(path)))


def doc(xml: str) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(xml))


CASES = [  # (document, valid against the full grammar)
    ("<doc><a>x</a></doc>", True),
    ("<doc><b/></doc>", True),
    ("<doc><c><a/></c><b><b/></b></doc>", True),
    ("<doc><c/></doc>", False),  # c needs an item
    ("<doc><a><b/></a></doc>", False),
    ("<doc><b><a/><a/></b></doc>", False),
]


def test_union_grammar_gives_the_verdicts_of_the_full_grammar(tmp_path: Path) -> None:
    schema = rng(tmp_path)
    full = etree.RelaxNG(etree.fromstring(GRAMMAR))
    for xml, valid in CASES:  # each compiled once for the growing union of names
        assert bool(full.validate(doc(xml))) is valid
        assert schema.is_valid(doc(xml)) is valid, xml
        assert bool(schema.iter_issues(doc(xml), "d.xml")) is not valid, xml
    # In another order, per document, and again with the union already compiled.
    fresh = rng(tmp_path)
    for xml, valid in reversed(CASES):
        assert fresh.is_valid(doc(xml)) is valid, xml


def test_documents_covered_by_the_union_share_one_compiled_grammar(tmp_path: Path) -> None:
    schema = rng(tmp_path)
    wide = schema.compile(frozenset({("", "doc"), ("", "a"), ("", "b"), ("", "c")}))
    for xml, _ in CASES:
        names = frozenset(("", el.tag) for el in doc(xml).iter())
        assert schema.compile(names) is wide


def test_the_union_is_remembered_between_runs(tmp_path: Path) -> None:
    first = rng(tmp_path)
    first.compile(frozenset({("", "doc"), ("", "c"), ("", "a")}))
    second = rng(tmp_path)  # a new process, as far as the schema knows
    small = second.compile(frozenset({("", "doc")}))
    assert second.compile(frozenset({("", "doc"), ("", "c"), ("", "a")})) is small


def test_validate_many_files_against_a_grammar(tmp_path: Path) -> None:
    (tmp_path / "g.rng").write_text(GRAMMAR, "utf-8")
    for i, (xml, _) in enumerate(CASES):
        (tmp_path / f"{i}.xml").write_text(xml, "utf-8")
    paths = [tmp_path / f"{i}.xml" for i in range(len(CASES))]
    for jobs in (1, 2):
        report = validate(paths, [tmp_path / "g.rng"], rules=False, jobs=jobs)
        assert sorted(report.invalid) == sorted(
            str(p) for p, (_, valid) in zip(paths, CASES, strict=True) if not valid)
