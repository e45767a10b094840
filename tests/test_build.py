"""End to end: source/ → build/, valid against both schemas, lossless, refusing bad documents."""

from __future__ import annotations

from lxml import html

from tei_edition import build, export
from tei_edition.transcription import normalise
from tei_edition.validate import iter_issues, our_schema
from tei_edition.xmlio import parse

from .conftest import SOURCE, copy_source

NAME = "1920-11-29-soviet-press"


def test_build_writes_tei_html_and_text(built):
    for rel in (f"tei/{NAME}.xml", f"html/{NAME}.html", "html/index.html", f"text/{NAME}.txt"):
        assert (built / rel).stat().st_size > 0, rel
    assert not list(built.rglob("*.tmp")), "temporary files left behind"


def test_built_tei_is_valid_against_our_schema(built):
    assert list(iter_issues(built / "tei" / f"{NAME}.xml", our_schema())) == []


def test_built_tei_is_valid_against_tei_all(built, tei_all):
    assert list(iter_issues(built / "tei" / f"{NAME}.xml", tei_all)) == []


def test_validate_finds_the_schema_of_every_published_file(built, tmp_path, monkeypatch,
                                                          runner):
    """`tei-edition validate build/tei` needs no configuration: documents say tei-edition
    made them, the register names build/schema/ in its xml-model."""
    from tei_edition.cli import cli

    monkeypatch.delenv("TEI_EDITION_TEI_ALL", raising=False)
    monkeypatch.chdir(tmp_path)  # no source/edition.toml naming tei_all here
    result = runner.invoke(cli, ["validate", str(built / "tei")])
    assert result.exit_code == 0, result.output
    assert "named by their xml-model" in result.stderr
    register = (built / "tei" / "register.xml").read_bytes()
    assert register.replace(register.splitlines(keepends=True)[1], b"", 1) == (
        SOURCE / "register.xml").read_bytes()


def test_diplomatic_round_trip_is_exact(built, tmp_path):
    [out] = export([built / "tei" / f"{NAME}.xml"], "text", tmp_path, diplomatic=True)
    source = (SOURCE / f"{NAME}.txt").read_bytes()
    assert out.read_bytes() == normalise(source.decode("utf-8")).encode("utf-8")
    assert out.read_bytes() == source  # the shipped file is already in normal form


def test_tei_keeps_labels_notes_and_header_facts(built):
    tree = parse(built / "tei" / f"{NAME}.xml")
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    # Labels as written in the source; the irregular "5)" is regularised with orig/reg.
    written = tree.xpath("//t:body//t:p/t:label", namespaces=ns)
    assert [lb.xpath("string(t:choice/t:orig | self::*[not(t:choice)])", namespaces=ns)
            for lb in written] == ["(1)", "(2)", "(3)", "(4)", "5)", "(6)"]
    assert tree.xpath("string(//t:label/t:choice/t:reg)", namespaces=ns) == "(5)"
    notes = tree.xpath("//t:body//t:note", namespaces=ns)
    assert [(n.get("n"), n.get("place"), n.getparent().get("n")) for n in notes] == [
        ("1", "end", "1"), ("2", "end", "1")
    ]
    assert tree.xpath("string(//t:profileDesc/t:creation/t:date/@when)", namespaces=ns) == (
        "1920-11-29"
    )
    assert tree.xpath("//t:titleStmt/t:respStmt/t:persName/text()", namespaces=ns) == [
        "David Walters"
    ]
    assert tree.xpath("//t:appInfo/t:application/@ident", namespaces=ns) == ["tei-edition"]


def test_html_is_standalone_and_linked(built):
    page = html.parse(str(built / "html" / f"{NAME}.html")).getroot()
    assert page.get("lang") == "en"
    for el in page.iter():
        for attr in ("src", "href"):
            value = el.get(attr) or ""
            assert not (attr == "src" and "://" in value), value
        if el.tag in ("link", "script") and (el.get("href") or el.get("src")):
            # the edition site's assets: shipped beside the pages, never fetched
            local = el.get("href") or el.get("src")
            assert "//" not in local and (built / "html" / local).is_file(), local
    ids = {el.get("id") for el in page.iter() if el.get("id")}
    for a in page.iter("a"):
        href = a.get("href") or ""
        if href.startswith("#"):
            assert href[1:] in ids, href
    index = html.parse(str(built / "html" / "index.html")).getroot()
    assert f"{NAME}.html" in [a.get("href") for a in index.iter("a")]


def test_build_refuses_a_document_invalid_against_the_schema(tmp_path):
    src = copy_source(tmp_path, "source")
    toml = src / "edition.toml"
    # A language tag that is not BCP 47: xml:lang becomes invalid, so nothing may be written.
    text = toml.read_text(encoding="utf-8")
    doc_language = 'author = "Leon Trotsky"\nlanguage = "en"'
    assert doc_language in text
    toml.write_text(text.replace(doc_language, 'author = "Leon Trotsky"\nlanguage = "not a lang"'),
                    encoding="utf-8")
    report = build(src, tmp_path / "out")
    assert not report.ok
    assert any("lang" in line for line in report.failed[str(src / f"{NAME}.txt")])
    assert not (tmp_path / "out" / "tei" / f"{NAME}.xml").exists()


def test_a_bad_transcription_does_not_stop_the_others(tmp_path):
    src = copy_source(tmp_path, "source")
    (src / "0000-bad.txt").write_text("Title\n\n1920\n\nText [9].\n", encoding="utf-8")
    report = build(src, tmp_path / "out")
    assert report.built == [str(src / f"{NAME}.txt")]
    [problem] = report.failed[str(src / "0000-bad.txt")]
    assert problem.startswith(f"{src / '0000-bad.txt'}:5:")
    assert (tmp_path / "out" / "tei" / f"{NAME}.xml").exists()
    assert not (tmp_path / "out" / "tei" / "0000-bad.xml").exists()
