"""The editor's word over the converter's guess, and a build/ that mirrors source/.

Each test writes a small edition into tmp_path and runs the ``tei-edition`` command as a
user would, asserting what they see: the exit code, the message with file:line, and
which files are (or are not) in build/. No tei_all is configured, so builds are fast.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tei_edition.cli import cli
from tei_edition.xmlio import TEI_NS

NS = {"t": TEI_NS}

MANIFESTO = """Manifesto of the Communist Party

A Programme of the Communist League

February 1848

A spectre is haunting Europe, said Ann Author.
"""
LETTER = """Correspondence

A Letter to a Friend

March 2nd, 1921

Dear friend, Bob Builder sends his greetings.
"""
EDITION = '[edition]\ntitle = "A test edition"\n'

REGISTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="register">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Register</title></titleStmt>
      <publicationStmt><publisher>P</publisher></publicationStmt>
      <sourceDesc><p>Compiled by the editors.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <standOff>
    <listPerson>
      <person xml:id="ann"><persName>Ann Author</persName></person>
      <person xml:id="bob"><persName>Bob Builder</persName></person>
      <person xml:id="cy"><persName>Cy Nobody</persName></person>
    </listPerson>
  </standOff>
</TEI>
"""


@pytest.fixture(autouse=True)
def _no_tei_all(monkeypatch):
    monkeypatch.delenv("TEI_EDITION_TEI_ALL", raising=False)


def edition(tmp_path: Path, texts: dict[str, str], toml: str = EDITION,
            corrections: str | None = None, register: str | None = None) -> Path:
    src = tmp_path / "source"
    src.mkdir()
    for name, text in texts.items():
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
    (src / "edition.toml").write_text(toml, encoding="utf-8")
    if corrections is not None:
        (src / "corrections.toml").write_text(corrections, encoding="utf-8")
    if register is not None:
        (src / "register.xml").write_text(register, encoding="utf-8")
    return src


def run_build(runner, src: Path, *extra: str):
    return runner.invoke(cli, ["build", "--source", str(src), "--out",
                               str(src.parent / "build"), *extra])


def header(tree: etree._ElementTree, path: str) -> list[str]:
    return [" ".join(el.xpath("string()").split()) for el in tree.xpath(path, namespaces=NS)]


# -- titles ---------------------------------------------------------------------------


def test_subtitle_in_edition_toml_makes_the_heading_before_it_the_title(runner, tmp_path):
    src = edition(tmp_path, {"1848-manifesto": MANIFESTO}, EDITION + (
        '\n[documents.1848-manifesto]\nsubtitle = "A Programme of the Communist League"\n'))
    result = run_build(runner, src)
    assert result.exit_code == 0, result.output
    tei = src.parent / "build" / "tei" / "1848-manifesto.xml"
    tree = etree.parse(str(tei))
    assert header(tree, "//t:titleStmt/t:title[@type='main']") == [
        "Manifesto of the Communist Party"]
    assert header(tree, "//t:titleStmt/t:title[@type='sub']") == [
        "A Programme of the Communist League"]
    assert [p.get("type") for p in tree.iterfind(".//t:front//t:titlePart", NS)] == [
        "main", "sub"]
    index = (src.parent / "build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Manifesto of the Communist Party</a>" in index
    # The headings' text is untouched: the transcription comes back byte for byte.
    result = runner.invoke(cli, ["export", "text", "--diplomatic", str(tei)])
    assert result.exit_code == 0
    assert result.stdout_bytes == MANIFESTO.encode("utf-8")


def test_without_configuration_the_last_heading_is_the_title(runner, tmp_path):
    src = edition(tmp_path, {"1921-letter": LETTER})
    assert run_build(runner, src).exit_code == 0
    tree = etree.parse(str(src.parent / "build" / "tei" / "1921-letter.xml"))
    assert header(tree, "//t:titleStmt/t:title[@type='main']") == ["A Letter to a Friend"]
    assert header(tree, "//t:titleStmt/t:title[@type='sub']") == ["Correspondence"]


def test_a_title_of_the_editors_own_replaces_the_header_title_only(runner, tmp_path):
    src = edition(tmp_path, {"1921-letter": LETTER}, EDITION + (
        '\n[documents.1921-letter]\ntitle = "Letter to Vera Lindt"\n'
        'subtitle = "About the Riga almanac"\n'))
    assert run_build(runner, src).exit_code == 0
    tei = src.parent / "build" / "tei" / "1921-letter.xml"
    tree = etree.parse(str(tei))
    assert header(tree, "//t:titleStmt/t:title") == [
        "Letter to Vera Lindt", "About the Riga almanac"]
    # The front is the text as written; the grammar's reading of it stands.
    assert header(tree, "//t:front//t:titlePart[@type='main']") == ["A Letter to a Friend"]
    result = runner.invoke(cli, ["export", "text", "--diplomatic", str(tei)])
    assert result.stdout_bytes == LETTER.encode("utf-8")


def test_a_title_naming_a_heading_makes_it_the_main_title_part(runner, tmp_path):
    src = edition(tmp_path, {"1848-manifesto": MANIFESTO}, EDITION + (
        '\n[documents.1848-manifesto]\ntitle = "manifesto of the  communist party"\n'))
    assert run_build(runner, src).exit_code == 0
    tree = etree.parse(str(src.parent / "build" / "tei" / "1848-manifesto.xml"))
    assert [p.get("type") for p in tree.iterfind(".//t:front//t:titlePart", NS)] == [
        "main", "sub"]
    assert header(tree, "//t:titleStmt/t:title[@type='sub']") == [
        "A Programme of the Communist League"]


# -- authors --------------------------------------------------------------------------


def test_co_authors_each_get_an_author_and_are_joined_in_the_index(runner, tmp_path):
    src = edition(tmp_path, {"1848-manifesto": MANIFESTO}, EDITION + (
        '\n[documents.1848-manifesto]\nauthor = ["Karl Marx", "Friedrich Engels"]\n'
        '\n[documents.1848-manifesto.printed]\nauthor = ["Karl Marx", "Friedrich Engels"]\n'
        'title = "The Communist Manifesto"\n'))
    result = run_build(runner, src)
    assert result.exit_code == 0, result.output
    out = src.parent / "build"
    tree = etree.parse(str(out / "tei" / "1848-manifesto.xml"))
    assert header(tree, "//t:titleStmt/t:author") == ["Karl Marx", "Friedrich Engels"]
    assert header(tree, "//t:bibl[@type='printed']/t:author") == ["Karl Marx", "Friedrich Engels"]
    index = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert "Karl Marx and Friedrich Engels" in index


def test_an_author_that_is_not_a_name_is_refused_at_its_table(runner, tmp_path):
    src = edition(tmp_path, {"1848-manifesto": MANIFESTO}, EDITION + (
        '\n[documents.1848-manifesto]\nauthor = ["Karl Marx", 3]\n'))
    result = run_build(runner, src)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{src / 'edition.toml'}:4: error: author in "
                                    "[documents.1848-manifesto] must be a non-empty string")
    assert "internal error" not in result.output


# -- names that match no transcription -------------------------------------------------


def test_a_document_table_naming_no_transcription_stops_the_build(runner, tmp_path):
    src = edition(tmp_path, {"1848-manifesto": MANIFESTO}, EDITION + (
        '\n# the year is wrong\n[documents.1847-manifesto]\nauthor = "Karl Marx"\n'))
    result = run_build(runner, src)
    assert result.exit_code == 1
    assert (f"{src / 'edition.toml'}:5: error: [documents.1847-manifesto]: no transcription "
            f"1847-manifesto.txt in {src}/; did you mean '1848-manifesto'?") in result.stderr
    assert not (src.parent / "build").exists()


def test_a_correction_naming_no_transcription_stops_the_build(runner, tmp_path):
    corrections = ('[[correction]]\ndocument = "1848-manifesto"\nsic = "spectre"\n'
                   'corr = "spectre"\ncontext = "A spectre is"\n\n'
                   '[[correction]]\nsic = "Europe"\ncorr = "Europe"\n'
                   'document = "1848-manifest"\ncontext = "haunting Europe"\n')
    src = edition(tmp_path, {"1848-manifesto": MANIFESTO}, corrections=corrections)
    result = run_build(runner, src)
    assert result.exit_code == 1
    [line] = [x for x in result.stderr.splitlines() if ": error: " in x]
    assert line.startswith(f"{src / 'corrections.toml'}:10: error: correction 'Europe'")
    assert line.endswith("no transcription 1848-manifest.txt in "
                         f"{src}/; did you mean '1848-manifesto'?")


def test_convert_only_warns_about_another_documents_entry(runner, tmp_path):
    src = edition(tmp_path, {"1848-manifesto": MANIFESTO}, EDITION + (
        '\n[documents.gone]\nauthor = "Karl Marx"\n'))
    result = runner.invoke(cli, ["convert", str(src / "1848-manifesto.txt"),
                                 "-o", str(tmp_path / "out.xml")])
    assert result.exit_code == 0
    assert (f"{src / 'edition.toml'}:4: warning: [unknown-document] [documents.gone]: "
            "no transcription gone.txt") in result.stderr


# -- build --encoding -------------------------------------------------------------------


def test_build_reads_another_encoding_when_told(runner, tmp_path):
    src = edition(tmp_path, {})
    (src / "1921-letter.txt").write_bytes(LETTER.replace("friend,", "ami, café").encode("latin-1"))
    result = run_build(runner, src)
    assert result.exit_code == 1
    assert "--encoding" in result.stderr
    result = run_build(runner, src, "--encoding", "latin-1")
    assert result.exit_code == 0, result.output
    text = (src.parent / "build" / "text" / "1921-letter.txt").read_text(encoding="utf-8")
    assert "café" in text


# -- a broken register ------------------------------------------------------------------


def test_a_duplicated_register_id_stops_the_build_with_one_error(runner, tmp_path):
    broken = REGISTER.replace('xml:id="bob"', 'xml:id="ann"')
    src = edition(tmp_path, {"1848-manifesto": MANIFESTO}, register=broken)
    result = run_build(runner, src)
    assert result.exit_code == 1
    register = src / "register.xml"
    assert result.stderr.splitlines() == [
        f"{register}:13: error: xml:id 'ann' is used twice, at lines 12 and 13; give each "
        "entry its own id (and point @ref at the right one)",
    ]
    assert not (src.parent / "build" / "html" / "register.html").exists()
    result = runner.invoke(cli, ["register", "check", "--source", str(src)])
    assert result.exit_code == 1
    assert "xml:id 'ann' is used twice, at lines 12 and 13" in result.stderr


def test_a_register_refused_by_the_schema_stops_the_build_before_any_document(runner,
                                                                               tmp_path):
    broken = REGISTER.replace("<listPerson>", "<listPerson><bogus/>")
    src = edition(tmp_path, {"1848-manifesto": MANIFESTO}, register=broken)
    result = run_build(runner, src)
    assert result.exit_code == 1
    errors = [x for x in result.stderr.splitlines() if ": error: " in x]
    assert errors and all(x.startswith(f"{src / 'register.xml'}:11:") for x in errors), errors
    assert "not found" not in result.stderr
    assert not (src.parent / "build").exists()


# -- build/ mirrors source/ -------------------------------------------------------------


def test_outputs_of_failed_and_deleted_documents_are_removed(runner, tmp_path):
    src = edition(tmp_path, {"1848-manifesto": MANIFESTO, "1921-letter": LETTER},
                  register=REGISTER)
    out = src.parent / "build"
    assert run_build(runner, src).exit_code == 0
    outputs = ["tei/{}.xml", "html/{}.html", "text/{}.txt"]
    assert all((out / o.format("1921-letter")).is_file() for o in outputs)
    # Files of the user's own, beside and elsewhere, named like a document.
    (out / "html" / "notes.html").write_text("mine", encoding="utf-8")
    (out / "extra").mkdir()
    (out / "extra" / "1921-letter.xml").write_text("mine", encoding="utf-8")
    # A TEI file in tei/ that tei-edition did not build from source/ (its header says).
    (out / "tei" / "other.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
                                           encoding="utf-8")

    (src / "1921-letter.txt").unlink()
    (src / "1848-manifesto.txt").write_text(MANIFESTO.replace("Europe", "Europe [7]"),
                                            encoding="utf-8")
    result = run_build(runner, src)
    assert result.exit_code == 1
    # 6 outputs of the two documents, and build/data/'s 5 files: no document is left
    assert "removed 11 stale output(s)" in result.stdout
    assert not (out / "data").exists() or not any((out / "data").iterdir())
    for name in ("1921-letter", "1848-manifesto"):
        assert not any((out / o.format(name)).exists() for o in outputs), name
    assert (out / "html" / "notes.html").read_text(encoding="utf-8") == "mine"
    assert (out / "extra" / "1921-letter.xml").is_file()
    assert (out / "tei" / "other.xml").is_file()
    assert (out / "html" / "index.html").is_file() and (out / "tei" / "register.xml").is_file()

    # The register removed from source/: its copies go too.
    (src / "register.xml").unlink()
    (src / "1848-manifesto.txt").write_text(MANIFESTO, encoding="utf-8")
    result = run_build(runner, src)
    assert result.exit_code == 0, result.output
    assert "removed 2 stale output(s)" in result.stdout
    assert not (out / "tei" / "register.xml").exists()
    assert not (out / "html" / "register.html").exists()


def test_warnings_caused_only_by_a_failed_document_are_not_shown(runner, tmp_path):
    src = edition(tmp_path, {"1848-manifesto": MANIFESTO,
                             "1921-letter": LETTER.replace("greetings.", "greetings [3].")},
                  register=REGISTER)
    result = run_build(runner, src)
    assert result.exit_code == 1
    assert "note marker [3] has no endnote" in result.stderr
    unused = [x for x in result.stderr.splitlines() if "register-unused" in x]
    # 'bob' is mentioned only by the failed letter; 'cy' by no document at all.
    assert len(unused) == 1 and "'cy'" in unused[0], unused
    # Said of the register the editors edit, at its line (not of the published copy).
    assert f"{src / 'register.xml'}:14: warning:" in unused[0]


def test_warnings_have_one_prefix_and_say_where_to_get_tei_all(runner, tmp_path):
    src = edition(tmp_path, {"1848-manifesto": MANIFESTO}, register=REGISTER)
    result = run_build(runner, src)
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert not [x for x in lines if x.count("warning:") > 1], lines
    [tei_all] = [x for x in lines if "tei_all" in x]
    assert tei_all.startswith("warning: tei_all not found")
    assert "https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" in tei_all
    assert "TEI_EDITION_TEI_ALL" in tei_all and "tei-all in edition.toml" in tei_all
